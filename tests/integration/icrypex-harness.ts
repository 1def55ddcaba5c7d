import { randomBytes } from 'node:crypto';
import type { BookSnapshot } from '../../src/shared';
import { createIcrypexConnectorWith, icrypexIpLimiter, type IcrypexConnector, type IcrypexConnectorOptions } from '../../src/main/exchanges/icrypex';
import { MAKER_ACCOUNT, TAKER_ACCOUNT } from '../../src/main/sim/market/synthetic';
import { startIcrypexSimulator, type IcrypexQuirks, type IcrypexSimOptions, type IcrypexSimulator } from '../../src/main/sim/icrypex';
import { signingKey } from '../../src/main/secrets';

export { waitFor } from '../support/wait';

export interface Harness {
  sim: IcrypexSimulator;
  connector: IcrypexConnector;
  /** The simulator's account id (its API key). */
  apiKey: string;
  logs: string[];
  stop(): Promise<void>;
}

/** A simulator with one funded account and a connector pointed at it (keys made at runtime). */
export async function startHarness(
  options: { quirks?: Partial<IcrypexQuirks>; connector?: Partial<IcrypexConnectorOptions>; balances?: Record<string, string>; synthetic?: boolean; sim?: Partial<IcrypexSimOptions> } = {},
): Promise<Harness> {
  const apiKey = `kt${randomBytes(8).toString('hex')}`;
  const apiSecret = randomBytes(32).toString('base64');
  const sim = await startIcrypexSimulator({
    seed: 11,
    accounts: [{ exchange: 'icrypex', apiKey, apiSecret, balances: options.balances ?? { USDT: '100000', BTC: '2', ETH: '20' } }],
    synthetic: options.synthetic ?? false,
    quirks: options.quirks,
    historyMinutes: 600,
    ...options.sim,
  });
  const logs: string[] = [];
  const connector = createIcrypexConnectorWith({
    accountId: 'acc-1',
    endpoints: { rest: sim.restUrl, ws: sim.wsUrl },
    credentials: async () => signingKey({ apiKey, apiSecret }),
    ipLimiter: icrypexIpLimiter({ rejectionMs: options.connector?.rejectionMs }),
    log: (line) => logs.push(line),
    ...options.connector,
  });
  return {
    sim,
    connector,
    apiKey,
    logs,
    async stop() {
      await connector.stop();
      await sim.stop();
      // SECURITY.md: a secret never reaches a log line (nor the key, nor a signature's input).
      const all = logs.join('\n');
      if (all.includes(apiSecret) || all.includes(apiKey)) throw new Error('a connector log line carries the API key or secret');
    },
  };
}


/** The simulator's own 50-level window, as the connector should hold it. */
export function simBook(sim: IcrypexSimulator, symbol: string): { bids: [string, string][]; asks: [string, string][] } {
  const book = sim.engine.book(symbol, 50);
  return { bids: book.bids.map(([p, q]) => [p, q]), asks: book.asks.map(([p, q]) => [p, q]) };
}

/** True when the connector's book is live and level-for-level the simulator's. */
export function booksEqual(sim: IcrypexSimulator, book: BookSnapshot | undefined, symbol: string): boolean {
  if (!book || book.stale) return false;
  const want = simBook(sim, symbol);
  return JSON.stringify({ bids: book.bids, asks: book.asks }) === JSON.stringify(want);
}

/** Makes `n` public trades (another trader's market orders, alternating buy and sell). */
export function makeTrades(h: Harness, symbol: string, n: number): void {
  for (let i = 0; i < n; i++) {
    const sell = i % 2 === 1;
    const quantity = symbol === 'ETHUSDT' ? '0.01' : '0.001';
    const r = h.sim.engine.place({ accountId: TAKER_ACCOUNT, symbol, side: sell ? 'sell' : 'buy', type: 'market', quantity: sell ? quantity : undefined, quoteAmount: sell ? undefined : '50' });
    if (!r.ok) throw new Error(r.message);
  }
}

/** Adds a new level inside the 50-level window of `symbol` (a maker bid one tick above the best). */
export function addTopLevel(h: Harness, symbol: string): void {
  const market = h.sim.engine.market(symbol)!;
  const best = h.sim.engine.book(symbol, 1);
  const bid = Number(best.bids[0]![0]);
  const ask = Number(best.asks[0]![0]);
  const tick = Number(market.tickSize);
  const price = bid + tick < ask ? bid + tick : bid;
  const r = h.sim.engine.place({ accountId: MAKER_ACCOUNT, symbol, side: 'buy', type: 'limit', price: price.toFixed(market.pricePrecision), quantity: '0.5' });
  if (!r.ok) throw new Error(r.message);
}
