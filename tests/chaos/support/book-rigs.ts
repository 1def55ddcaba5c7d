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
  /** Quiet books the connector found wrong and repaired (its own count). */
  quietRepairs(): number;
  logs: string[];
  stop(): Promise<void>;
}

const norm = (levels: readonly (readonly [string, string])[]) => levels.map(([p, q]) => `${new Big(p).toFixed()}@${new Big(q).toFixed()}`).join();

export async function icrypexRig(symbol = 'BTCUSDT'): Promise<BookRig> {
  const sim = await startIcrypexSimulator({ seed: 20, accounts: [], synthetic: false, historyMinutes: 10 });
  const proxy = await ChaosProxy.start(sim.restUrl);
  const logs: string[] = [];
  const connector = createIcrypexConnectorWith({
    endpoints: { rest: proxy.via(sim.restUrl), ws: proxy.via(sim.wsUrl) },
    ipLimiter: icrypexIpLimiter({}),
    log: (line) => logs.push(line),
  });
  let last: BookSnapshot | undefined;
  let stale = 0;
  const off = connector.watchBook(symbol, (b) => {
    last = b;
    if (b.stale) stale++;
  });
  return {
    exchange: 'icrypex',
    symbol,
    proxy,
    faults: sim.faults,
    logs,
    last: () => last,
    staleBooks: () => stale,
    matches: (book) => {
      const want = sim.engine.book(symbol, 50);
      return norm(book.bids) === norm(want.bids) && norm(book.asks) === norm(want.asks);
    },
    move: (actions = 3) => {
      sim.market.step(actions);
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
  const connector = new CryptocomConnector({
    accountId: 'chaos',
    endpoints: { rest: proxy.via(sim.restUrl), ws: proxy.via(sim.wsUrl) },
    log: (line) => logs.push(line),
  });
  await connector.start();
  let last: BookSnapshot | undefined;
  let stale = 0;
  const off = connector.watchBook(symbol, (b) => {
    last = b;
    if (b.stale) stale++;
  });
  const depth = sim.quirks.wsDepthLevels;
  return {
    exchange: 'cryptocom',
    symbol,
    proxy,
    faults: sim.faults,
    logs,
    last: () => last,
    staleBooks: () => stale,
    matches: (book) => {
      const want = sim.engine.book(symbol, depth);
      return norm(book.bids) === norm(want.bids) && norm(book.asks) === norm(want.asks);
    },
    move: (actions = 3) => {
      sim.market.step(actions);
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
