import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FromHost, ToHost } from '../sim/host/protocol';
import { processSimulators, simHostPath, type SimChild } from './simulators';

/** A simulator process stand-in: records what main sends; the test answers or ends it. */
class FakeChild implements SimChild {
  readonly pid = 4242;
  readonly sent: ToHost[] = [];
  killed = 0;
  private messageListeners: Array<(message: FromHost) => void> = [];
  private exitListeners: Array<(code: number | null) => void> = [];
  send(message: ToHost): void {
    this.sent.push(message);
  }
  onMessage(listener: (message: FromHost) => void): void {
    this.messageListeners.push(listener);
  }
  onExit(listener: (code: number | null) => void): void {
    this.exitListeners.push(listener);
  }
  kill(): void {
    this.killed++;
    this.exit(null);
  }
  answer(message: FromHost): void {
    for (const listener of this.messageListeners) listener(message);
  }
  exit(code: number | null): void {
    const listeners = this.exitListeners;
    this.exitListeners = [];
    for (const listener of listeners) listener(code);
  }
}

const ENDPOINTS = { icrypex: { rest: 'http://127.0.0.1:1', ws: 'ws://127.0.0.1:1/' } };
const ACCOUNT = { exchange: 'icrypex' as const, apiKey: 'demo-key', apiSecret: 'ZGVtby1zZWNyZXQtMTIzNDU2Nzg=' };

async function started(options: Parameters<typeof processSimulators>[1] = {}) {
  const child = new FakeChild();
  const parents: number[] = [];
  const launcher = processSimulators((parentPid) => (parents.push(parentPid), child), options);
  const starting = launcher.start([ACCOUNT]);
  child.answer({ type: 'ready', endpoints: ENDPOINTS });
  return { child, parents, demo: await starting };
}

describe('demo simulators in their own process (issue 19 #4)', () => {
  it('starts the host with the demo accounts over the channel and answers its endpoints', async () => {
    const { child, parents, demo } = await started();
    expect(parents).toEqual([process.pid]);
    expect(child.sent).toEqual([{ type: 'start', accounts: [ACCOUNT], seed: undefined }]);
    expect(demo.endpoints).toEqual(ENDPOINTS);
    expect(demo.pid).toBe(4242);
  });

  it('sends a fault over the channel and answers what the host says it did', async () => {
    const { child, demo } = await started();
    const request = { fault: { kind: 'drop-sockets' }, exchange: 'icrypex' } as const;
    const first = demo.fault(request);
    const second = demo.fault({ fault: { kind: 'reset' } });
    expect(child.sent.slice(1)).toEqual([
      { type: 'fault', id: 1, request },
      { type: 'fault', id: 2, request: { fault: { kind: 'reset' } } },
    ]);
    // Answers may come back in any order: each goes to its own request.
    child.answer({ type: 'fault-result', id: 2, applied: ['Icrypex: every fault cleared'] });
    child.answer({ type: 'fault-result', id: 1, error: 'Icrypex: no such market' });
    await expect(second).resolves.toEqual(['Icrypex: every fault cleared']);
    await expect(first).rejects.toThrow('Icrypex: no such market');
  });

  it('stop asks the host to stop and waits until its process is gone', async () => {
    const { child, demo } = await started();
    let done = false;
    const stopping = demo.stop().then(() => (done = true));
    expect(child.sent.at(-1)).toEqual({ type: 'stop' });
    await Promise.resolve();
    expect(done).toBe(false);
    child.exit(0);
    await stopping;
    expect(await demo.exited).toBe(0);
    expect(child.killed).toBe(0);
  });

  it('a crashed host is reported, fails pending and later faults with a reason, and stop is then a no-op', async () => {
    const crashes: Array<number | null> = [];
    const { child, demo } = await started({ onCrash: (code) => crashes.push(code) });
    const pending = demo.fault({ fault: { kind: 'reset' } });
    child.exit(null);
    await expect(pending).rejects.toThrow(/simulated exchanges stopped \(killed\)/);
    await expect(demo.fault({ fault: { kind: 'reset' } })).rejects.toThrow(/simulated exchanges stopped/);
    expect(crashes).toEqual([null]);
    const sent = child.sent.length;
    await demo.stop();
    expect(child.sent).toHaveLength(sent);
  });

  it('start fails with the host reason, or when the host dies before it is ready', async () => {
    const failing = new FakeChild();
    const a = processSimulators(() => failing).start([ACCOUNT]);
    failing.answer({ type: 'failed', message: 'icrypex account demo…: the secret must be base64' });
    await expect(a).rejects.toThrow('the simulated exchanges could not start: icrypex account demo…: the secret must be base64');
    expect(failing.killed).toBe(1);

    const dying = new FakeChild();
    const b = processSimulators(() => dying).start([ACCOUNT]);
    dying.exit(1);
    await expect(b).rejects.toThrow('their process ended (exit code 1)');
  });

  it('finds the host entry (the source here; next to the bundle when built)', () => {
    expect(simHostPath()).toMatch(/src\/main\/sim\/host\/main\.ts$/);
    expect(existsSync(simHostPath())).toBe(true);
  });
});
