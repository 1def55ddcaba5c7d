import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type CryptocomSimulator, DEFAULT_CRYPTOCOM_QUIRKS, startCryptocomSimulator } from '../../src/main/sim/cryptocom';
import { get, postForm, seedBook } from '../support/cryptocom-sim';
import { CRYPTOCOM_PROFILES } from '../../src/main/sim/cryptocom/markets';

/** Every 2020 V1 market the simulator lists, in its order (specs/cryptocom-v1.md §1). */
const V1_SYMBOLS = CRYPTOCOM_PROFILES.map((p) => p.market.symbol.toLowerCase());

// Raw HTTP against the simulator's public endpoints, shapes per specs/cryptocom-v1.md §5.1-§5.6.
let sim: CryptocomSimulator;

beforeAll(async () => {
  sim = await startCryptocomSimulator({ synthetic: false, quirks: { rateLimitsEnabled: false } });
  seedBook(sim, 'BTCUSDT', '8750', '0.5', '0.1');
  seedBook(sim, 'CROBTC', '0.00000696', '0.00000001', '20000');
  // Two trades on btcusdt: a taker buy then a taker sell.
  sim.engine.addAccount('taker', { USDT: '100000', BTC: '10' });
  expect(sim.engine.place({ accountId: 'taker', symbol: 'BTCUSDT', side: 'buy', type: 'market', quoteAmount: '1000' }).ok).toBe(true);
  expect(sim.engine.place({ accountId: 'taker', symbol: 'BTCUSDT', side: 'sell', type: 'market', quantity: '0.05' }).ok).toBe(true);
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => {
  Object.assign(sim.quirks, DEFAULT_CRYPTOCOM_QUIRKS, { rateLimitsEnabled: false });
});

function envelope(r: { status: number; json: unknown }) {
  expect(r.status).toBe(200);
  const body = r.json as { code: unknown; msg: unknown; data: unknown };
  expect(Object.keys(body)).toEqual(['code', 'msg', 'data']);
  return body;
}

describe('GET /v1/symbols (§5.1)', () => {
  it('lists lowercase symbols with uppercase coins and integer precisions', async () => {
    const body = envelope(await get(sim, '/v1/symbols'));
    expect(body).toMatchObject({ code: '0', msg: 'suc' });
    const rows = body.data as Record<string, unknown>[];
    expect(rows.map((r) => r.symbol)).toEqual(V1_SYMBOLS);
    expect(rows.find((r) => r.symbol === 'crobtc')).toEqual({ symbol: 'crobtc', count_coin: 'BTC', amount_precision: 2, base_coin: 'CRO', price_precision: 8 });
    for (const r of rows) expect(Object.keys(r).sort()).toEqual(['amount_precision', 'base_coin', 'count_coin', 'price_precision', 'symbol']);
  });

  it('switches coin case to lowercase (doc sample)', async () => {
    sim.quirks.symbolCoinCase = 'lower';
    const rows = envelope(await get(sim, '/v1/symbols')).data as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({ count_coin: 'usdt', base_coin: 'btc' });
  });
});

describe('GET /v1/ticker (§5.2)', () => {
  it('answers every market with string values, date in ms, change equal to rose', async () => {
    const data = envelope(await get(sim, '/v1/ticker')).data as { date: number; ticker: Record<string, unknown>[] };
    expect(Math.abs(data.date - Date.now())).toBeLessThan(60_000);
    const btc = data.ticker.find((t) => t.symbol === 'btcusdt')!;
    expect(Object.keys(btc).sort()).toEqual(['buy', 'change', 'high', 'last', 'low', 'rose', 'sell', 'symbol', 'vol']);
    for (const k of ['high', 'vol', 'last', 'low', 'buy', 'sell', 'rose']) expect(typeof btc[k]).toBe('string');
    expect(btc.change).toBe(btc.rose);
    expect(Number(btc.buy)).toBeLessThan(Number(btc.sell));
    expect(Number(btc.vol)).toBeGreaterThan(0);
  });

  it('answers one market without symbol and change, with time', async () => {
    const data = envelope(await get(sim, '/v1/ticker', { symbol: 'btcusdt' })).data as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(['buy', 'high', 'last', 'low', 'rose', 'sell', 'time', 'vol']);
    expect(typeof data.time).toBe('number');
    expect(data.last).toMatch(/^\d+\.\d{16}$/);
  });

  it('writes the very small crobtc price without an exponent', async () => {
    const data = envelope(await get(sim, '/v1/ticker', { symbol: 'crobtc' })).data as Record<string, string>;
    expect(data.buy).toBe('0.0000069500000000');
  });

  it('switches to numbers', async () => {
    sim.quirks.tickerDecimals = 'number';
    const data = envelope(await get(sim, '/v1/ticker', { symbol: 'btcusdt' })).data as Record<string, unknown>;
    expect(typeof data.last).toBe('number');
  });
});

describe('GET /v1/klines (§5.3)', () => {
  it('answers [seconds, open, high, low, close, volume] number rows, ascending', async () => {
    const rows = envelope(await get(sim, '/v1/klines', { symbol: 'btcusdt', period: '1' })).data as number[][];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toHaveLength(6);
      for (const v of row) expect(typeof v).toBe('number');
      expect(row[0]! % 60).toBe(0);
      expect(row[0]!).toBeLessThan(1e11); // seconds, not ms
    }
    const [, open, high, low] = rows[0]!;
    expect(high!).toBeGreaterThanOrEqual(Math.max(open!, low!));
  });

  it('accepts every documented period and refuses another, naming it', async () => {
    for (const period of ['1', '5', '15', '30', '60', '1440', '10080', '43200']) {
      expect(envelope(await get(sim, '/v1/klines', { symbol: 'btcusdt', period })).code).toBe('0');
    }
    const bad = await get(sim, '/v1/klines', { symbol: 'btcusdt', period: '2' });
    expect(bad.json).toEqual({ code: '100004', msg: 'request parameter illegal', data: null });
    expect(bad.detail).toContain('period');
  });
});

describe('GET /v1/trades (§5.4)', () => {
  it('answers newest first with exactly amount, price, ctime, id, type', async () => {
    const rows = envelope(await get(sim, '/v1/trades', { symbol: 'btcusdt' })).data as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      expect(Object.keys(r).sort()).toEqual(['amount', 'ctime', 'id', 'price', 'type']);
      expect(typeof r.amount).toBe('number');
      expect(typeof r.price).toBe('number');
      expect(Number.isInteger(r.id)).toBe(true);
    }
    expect(rows[0]!.type).toBe('sell');
    expect(rows.at(-1)!.type).toBe('buy');
    expect(rows[0]!.id as number).toBeGreaterThan(rows[1]!.id as number);
  });
});

describe('GET /v1/ticker/price (§5.5)', () => {
  it('maps every symbol to its last price as a number', async () => {
    const data = envelope(await get(sim, '/v1/ticker/price')).data as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(V1_SYMBOLS);
    expect(typeof data.btcusdt).toBe('number');
    expect(data.btcusdt).toBeGreaterThan(8000);
  });
});

describe('GET /v1/depth (§5.6)', () => {
  it('answers tick.asks/bids as number pairs, best first, and time null', async () => {
    const data = envelope(await get(sim, '/v1/depth', { symbol: 'btcusdt', type: 'step0' })).data as { tick: { asks: number[][]; bids: number[][]; time: unknown } };
    expect(Object.keys(data.tick).sort()).toEqual(['asks', 'bids', 'time']);
    expect(data.tick.time).toBeNull();
    const asks = data.tick.asks.map((l) => l[0]!);
    const bids = data.tick.bids.map((l) => l[0]!);
    expect(asks).toEqual([...asks].sort((a, b) => a - b));
    expect(bids).toEqual([...bids].sort((a, b) => b - a));
    expect(bids[0]!).toBeLessThan(asks[0]!);
    const book = sim.engine.book('BTCUSDT');
    expect(data.tick.asks).toEqual(book.asks.map(([p, q]) => [Number(p), Number(q)]));
  });

  it('merges prices on step2 and can send time in ms', async () => {
    sim.quirks.depthTime = 'ms';
    const data = envelope(await get(sim, '/v1/depth', { symbol: 'btcusdt', type: 'step2' })).data as { tick: { asks: number[][]; time: unknown } };
    for (const [p] of data.tick.asks) expect(Number.isInteger(p)).toBe(true);
    expect(typeof data.tick.time).toBe('number');
  });

  it('refuses a missing or unknown type with 100004', async () => {
    expect((await get(sim, '/v1/depth', { symbol: 'btcusdt' })).json).toMatchObject({ code: '100004', data: null });
    expect((await get(sim, '/v1/depth', { symbol: 'btcusdt', type: 'step9' })).json).toMatchObject({ code: '100004' });
  });
});

describe('public errors (§5.15)', () => {
  it('answers HTTP 500 for an unknown symbol on depth, trades and klines', async () => {
    for (const [path, extra] of [['/v1/depth', { type: 'step0' }], ['/v1/trades', {}], ['/v1/klines', { period: '1' }]] as const) {
      const r = await get(sim, path, { symbol: 'nopeusdt', ...extra });
      expect(r.status).toBe(500);
      expect(r.json).toMatchObject({ status: 500, error: 'Internal Server Error', path });
    }
  });

  it('answers 200 + 100004 for an unknown symbol when switched to the GroveX behaviour', async () => {
    sim.quirks.unknownMarketSymbol = 'code-100004';
    const r = await get(sim, '/v1/depth', { symbol: 'nopeusdt', type: 'step0' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ code: '100004', msg: 'request parameter illegal', data: null });
  });

  it('answers 100004 naming the field when symbol is missing', async () => {
    const r = await get(sim, '/v1/trades');
    expect(r.json).toMatchObject({ code: '100004' });
    expect(r.detail).toBe('symbol: missing');
  });

  it('answers an unknown path with a Spring-style 404 and a wrong method with -100', async () => {
    const nope = await get(sim, '/v1/nope');
    expect(nope.status).toBe(404);
    expect(nope.json).toMatchObject({ status: 404, error: 'Not Found', path: '/v1/nope' });
    const wrong = await postForm(sim, '/v1/symbols', '');
    expect(wrong.status).toBe(200);
    expect(wrong.json).toMatchObject({ code: '-100', data: null });
  });
});
