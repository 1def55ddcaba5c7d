import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSimulators, type HostedSimulators } from '../../src/main/engine/simulators';
import { generateDemoCredentials } from '../../src/main/accounts/demo';
import type { BookSnapshot } from '../../src/shared';
import { startHarness, waitFor, type Harness } from '../support/engine-harness';
import { MemorySecretStore } from '../support/memory-secret-store';

// Issue 19 #4: demo mode's simulators run in a process of their own (engine/simulators.ts,
// sim/host/). These drive the real forked host: faults over its channel, a clean stop, a crash
// that shows as the exchanges being down, and a parent that dies without a word.

const root = join(__dirname, '../..');
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
};

let demo: HostedSimulators | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  await demo?.stop();
  h = undefined;
  demo = undefined;
});

describe('demo simulators in a child process', () => {
  it('answers faults over the channel and stops: the process exits cleanly and is gone', async () => {
    const account = { exchange: 'icrypex' as const, ...generateDemoCredentials() };
    demo = await defaultSimulators.start([account]);
    const pid = demo.pid!;
    expect(pid).not.toBe(process.pid);
    expect(alive(pid)).toBe(true);
    // The simulator in the other process answers on its loopback endpoint.
    const markets = await fetch(`${demo.endpoints.icrypex!.rest}/v1/exchange/info`);
    expect(markets.status).toBe(200);
    expect(await demo.fault({ fault: { kind: 'fail-orders', status: 503, count: 2 }, exchange: 'icrypex' })).toEqual(['Icrypex: the next 2 orders answer HTTP 503']);
    expect(await demo.fault({ fault: { kind: 'gap-book', symbol: 'NOPE' }, exchange: 'icrypex' })).toEqual(['Icrypex: has no market NOPE']);
    await demo.stop();
    expect(await demo.exited).toBe(0);
    await waitFor(() => !alive(pid), 'the simulator process to be gone');
  }, 60_000);

  it('a crashed simulator process shows as the exchange down (STALE books) while the engine keeps answering', async () => {
    h = await startHarness({
      secretStore: new MemorySecretStore(),
      demo: true,
      simulators: { exchanges: defaultSimulators.exchanges, start: async (accounts) => (demo = await defaultSimulators.start(accounts)) },
    });
    const { subscriptionId } = await h.value('market:subscribe', { stream: 'book', exchange: 'icrypex', symbol: 'BTCUSDT', depth: 10 });
    const books = () => h!.events.filter((e) => e.channel === 'market:book' && (e.payload as { subscriptionId: string }).subscriptionId === subscriptionId).map((e) => (e.payload as { book: BookSnapshot }).book);
    await waitFor(() => books().some((b) => b.bids.length > 0 && !b.stale), 'a live book from the simulator process', 20_000);
    const seen = books().length;

    process.kill(demo!.pid!, 'SIGKILL');
    expect(await demo!.exited).toBeNull();
    await waitFor(() => books().slice(seen).some((b) => b.stale), 'the book to go STALE', 20_000);
    expect((await h.value('app:info', undefined)).mode).toBe('demo');
    const fault = await h.call('sim:fault', { fault: { kind: 'reset' } });
    expect(fault).toMatchObject({ ok: false, error: { code: 'EXCHANGE_UNAVAILABLE' } });
    expect(fault.ok ? '' : fault.error.message).toMatch(/simulated exchanges stopped \(killed\)/);
  }, 60_000);

  it('dies with its parent: killing the main process without a word leaves no simulator behind', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests/support/sim-parent-child.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    parent.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      // Two TypeScript boots (parent and host) on a busy machine: give the start room.
      const pid = Number(await waitFor(() => /SIM_HOST_PID (\d+)/.exec(out)?.[1], 'the simulator pid', 60_000));
      expect(alive(pid)).toBe(true);
      parent.kill('SIGKILL');
      await waitFor(() => !alive(pid), 'the orphaned simulator process to exit', 10_000);
    } finally {
      parent.kill('SIGKILL');
    }
  }, 90_000);
});
