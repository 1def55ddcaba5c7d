import Big from 'big.js';
import type { BookSnapshot } from '../../../src/shared';
import { createIcrypexConnectorWith, icrypexIpLimiter } from '../../../src/main/exchanges/icrypex';
import { CryptocomConnector } from '../../../src/main/exchanges/cryptocom';
import { startIcrypexSimulator } from '../../../src/main/sim/icrypex';
import { startCryptocomSimulator } from '../../../src/main/sim/cryptocom';
import type { Faults } from '../../../src/main/sim/shared/faults';
import { ChaosProxy } from './tcp-proxy';

/**
 * One exchange's connector watching one book through a ChaosProxy to its simulator, with
 * production timings (the point is to measure them). The market moves only when the scenario
 * says so (`move`), so a quiet market is truly quiet.
 */
export interface BookRig {
  exchange: 'icrypex' | 'cryptocom';
  symbol: string;
  proxy: ChaosProxy;
  faults: Faults;
  /** The last book the connector handed to its listener. */
  last(): BookSnapshot | undefined;
  /** How many books flagged stale the listener has been handed so far (a stale spell may last only ms). */
  staleBooks(): number;
  /** True when `book` has the exchange's levels (the connector's depth). */
  matches(book: BookSnapshot): boolean;
  /** One burst of market activity, pushed out now. */
  move(actions?: number): void;
  /** Calls `fn` after each book handed to the listener (the monitor looks at every one); returns its undo. */
  onBook(fn: () => void): () => void;
  /** Quiet books the connector found wrong and repaired (its own count). */
  quietRepairs(): number;
  /** The connector's log lines and, with CHAOS_TRACE=1, each book handed over and each market step; each starts with its epoch ms. */
  logs: string[];
  stop(): Promise<void>;
}

const TRACE = process.env['CHAOS_TRACE'] === '1';
const stamp = (logs: string[]) => (line: string) => logs.push(`${Date.now()} ${line}`);

/** The listener side of a rig: the last book, the count of stale ones, the onBook hooks, the trace. */
function bookWatch(log: (line: string) => void, matches: (book: BookSnapshot) => boolean) {
  const hooks = new Set<() => void>();
  const state = { last: undefined as BookSnapshot | undefined, stale: 0 };
  const listener = (b: BookSnapshot) => {
    state.last = b;
    if (b.stale) state.stale++;
    if (TRACE) log(`book stale=${b.stale} right=${matches(b)}`);
    for (const fn of hooks) fn();
  };
  const onBook = (fn: () => void) => {
    hooks.add(fn);
    return () => void hooks.delete(fn);
  };
  return { state, listener, onBook };
}

const norm = (levels: readonly (readonly [string, string])[]) => levels.map(([p, q]) => `${new Big(p).toFixed()}@${new Big(q).toFixed()}`).join();

export async function icrypexRig(symbol = 'BTCUSDT'): Promise<BookRig> {
  const sim = await startIcrypexSimulator({ seed: 20, accounts: [], synthetic: false, historyMinutes: 10 });
  const proxy = await ChaosProxy.start(sim.restUrl);
  const logs: string[] = [];
  const log = stamp(logs);
  const connector = createIcrypexConnectorWith({
    endpoints: { rest: proxy.via(sim.restUrl), ws: proxy.via(sim.wsUrl) },
    ipLimiter: icrypexIpLimiter({}),
    log,
  });
  const matches = (book: BookSnapshot) => {
    const want = sim.engine.book(symbol, 50);
    return norm(book.bids) === norm(want.bids) && norm(book.asks) === norm(want.asks);
  };
  const watch = bookWatch(log, matches);
  const off = connector.watchBook(symbol, watch.listener);
  return {
    exchange: 'icrypex',
    symbol,
    proxy,
    faults: sim.faults,
    logs,
    last: () => watch.state.last,
    staleBooks: () => watch.state.stale,
    matches,
    onBook: watch.onBook,
    move: (actions = 3) => {
      sim.market.step(actions);
      if (TRACE) log('market step');
      sim.flushBooks();
    },
    quietRepairs: () => logs.filter((l) => l.includes('quiet book differed')).length,
    async stop() {
      off();
      await connector.stop();
      await proxy.close();
      await sim.stop();
    },
  };
}

export async function cryptocomRig(symbol = 'BTCUSDT'): Promise<BookRig> {
  const sim = await startCryptocomSimulator({ synthetic: false });
  sim.market.bootstrap();
  const proxy = await ChaosProxy.start(sim.restUrl);
  const logs: string[] = [];
  const log = stamp(logs);
  const connector = new CryptocomConnector({
    accountId: 'chaos',
    endpoints: { rest: proxy.via(sim.restUrl), ws: proxy.via(sim.wsUrl) },
    log,
  });
  await connector.start();
  const depth = sim.quirks.wsDepthLevels;
  const matches = (book: BookSnapshot) => {
    const want = sim.engine.book(symbol, depth);
    return norm(book.bids) === norm(want.bids) && norm(book.asks) === norm(want.asks);
  };
  const watch = bookWatch(log, matches);
  const off = connector.watchBook(symbol, watch.listener);
  return {
    exchange: 'cryptocom',
    symbol,
    proxy,
    faults: sim.faults,
    logs,
    last: () => watch.state.last,
    staleBooks: () => watch.state.stale,
    matches,
    onBook: watch.onBook,
    move: (actions = 3) => {
      sim.market.step(actions);
      if (TRACE) log('market step');
    },
    quietRepairs: () => connector.stream.quietMismatches,
    async stop() {
      off();
      await connector.stop();
      await proxy.close();
      await sim.stop();
    },
  };
}
