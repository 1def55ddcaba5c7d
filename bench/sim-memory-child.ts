import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { SimulatorLauncher } from '../src/main/accounts/demo';
import { Engine } from '../src/main/engine';
import { forkSimHost, processSimulators } from '../src/main/engine/simulators';
import { createHandle } from '../src/main/ipc/handle';
import { simEndpoints, simulatorBalances, startSimulators } from '../src/main/sim';
import { simulatedExchanges, type Account } from '../src/shared';
import { MemorySecretStore } from '../tests/support/memory-secret-store';

// One run of bench/sim-memory.ts, in a process of its own (bundled by the parent, so no
// TypeScript loader sits in the figures): demo mode as the app starts it, 2 demo accounts x 4
// markets (book + trades each, every event serialized as IPC would), sampled after a full GC.
//   node --expose-gc child.cjs <in-process|own-process> <seconds> <sim-host.js>
// Prints `SAMPLE {json}` lines, then `DONE {json}`.

type Mode = 'in-process' | 'own-process';
const mode = process.argv[2] as Mode;
const seconds = Number(process.argv[3] ?? 60);
const hostPath = process.argv[4] ?? '';
const SAMPLE_MS = Number(process.env['SIM_MEMORY_SAMPLE_MS'] ?? 5000);
const MARKETS: Record<string, string[]> = { icrypex: ['BTCUSDT', 'ETHUSDT', 'SHIBUSDT', 'BTTCUSDT'], cryptocom: ['BTCUSDT', 'ETHUSDT', 'CROUSDT', 'ETHBTC'] };
const MB = 1048576;

/** Demo mode before issue 19: the simulators inside this process. */
const inProcess: SimulatorLauncher = {
  exchanges: simulatedExchanges(),
  async start(accounts) {
    const sims = await startSimulators({ accounts: accounts.map((a) => ({ exchange: a.exchange, apiKey: a.apiKey, apiSecret: a.apiSecret, balances: simulatorBalances(a.exchange) })) });
    return { endpoints: simEndpoints(sims), fault: (request) => sims.fault(request), stop: () => sims.stop() };
  },
};

let hostPid: number | undefined;
const ownProcess = processSimulators(forkSimHost(hostPath));
const launcher: SimulatorLauncher =
  mode === 'in-process'
    ? inProcess
    : { exchanges: ownProcess.exchanges, start: async (accounts) => {
        const demo = await ownProcess.start(accounts);
        hostPid = demo.pid;
        return demo;
      } };

/** Resident memory of another process (Linux), in bytes; 0 when unknown. */
function rssOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc: heap figures must be after a full GC');

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sim-memory-'));
  const log = () => undefined;
  const engine = new Engine({ name: 'bench', version: '0', platform: process.platform, host: 'node', dataDir, heartbeatMs: 0, demo: true, secretStore: new MemorySecretStore(), simulators: launcher, log });
  // How long main's event loop is held up while demo mode starts (what the window would wait on).
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const started = performance.now();
  await engine.start();
  const startMs = performance.now() - started;
  loop.disable();
  const startLoopMaxMs = loop.max / 1e6;
  let events = 0;
  let bytes = 0;
  const firstBook = new Set<string>();
  // What the shell does with every event: serialize it for the renderer.
  engine.subscribe((channel, payload) => {
    events++;
    bytes += JSON.stringify(payload).length;
    if (channel === 'market:book') firstBook.add((payload as { subscriptionId: string }).subscriptionId);
  });
  const handle = createHandle({ handlers: engine.handlers, isTrustedSender: () => true, checkResponses: false, log });
  const call = async (channel: string, payload: unknown) => {
    const answer = (await handle(channel as never, { id: 1, frameUrl: 'bench://', isTopFrame: true }, payload as never)) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!answer.ok) throw new Error(`${channel}: ${answer.error?.message}`);
    return answer.value;
  };
  const accounts = (await call('accounts:list', undefined)) as Account[];
  if (accounts.length !== 2) throw new Error(`demo mode gave ${accounts.length} accounts, expected 2`);
  const books: string[] = [];
  for (const account of accounts) {
    for (const symbol of MARKETS[account.exchange] ?? []) {
      books.push(((await call('market:subscribe', { stream: 'book', accountId: account.id, symbol, depth: 20 })) as { subscriptionId: string }).subscriptionId);
      await call('market:subscribe', { stream: 'trades', accountId: account.id, symbol });
    }
  }
  const deadline = Date.now() + 30_000;
  while (!books.every((id) => firstBook.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (!books.every((id) => firstBook.has(id))) throw new Error(`only ${books.filter((id) => firstBook.has(id)).length} of ${books.length} books streamed within 30 s`);

  const t0 = performance.now();
  const sample = () => {
    gc!();
    const m = process.memoryUsage();
    const line = { t: (performance.now() - t0) / 1000, rssMB: m.rss / MB, heapMB: m.heapUsed / MB, externalMB: m.external / MB, hostRssMB: rssOf(hostPid) / MB, events };
    console.log(`SAMPLE ${JSON.stringify(line)}`);
  };
  sample();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      sample();
      if (performance.now() - t0 >= seconds * 1000) {
        clearInterval(timer);
        resolve();
      }
    }, SAMPLE_MS);
  });
  console.log(`DONE ${JSON.stringify({ mode, startMs, startLoopMaxMs, subscriptions: books.length * 2, events, eventMB: bytes / MB })}`);
  await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
