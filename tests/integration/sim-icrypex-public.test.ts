import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IcrypexSimulator, startIcrypexSimulator } from '../../src/main/sim/icrypex';
import { fixture, shape } from '../support/icrypex-sim';

// Public REST of specs/icrypex.md §7.1-§7.6 and §7.15, fetched raw.
let sim: IcrypexSimulator;
const get = async (path: string) => {
  const res = await fetch(sim.restUrl + path);
  const text = await res.text();
  return { status: res.status, text, body: text ? (JSON.parse(text) as unknown) : undefined };
};

beforeAll(async () => {
  sim = await startIcrypexSimulator({ seed: 5, accounts: [], synthetic: false, historyMinutes: 3000 });
  sim.market.stepChanges(3000); // some trades on the tape
});
afterAll(async () => {
  await sim.stop();
});

describe('GET /v1/exchange/info (§7.1)', () => {
  it('lists assets and pairs with the live field set (no pair isEnabled, status Running)', async () => {
    const { status, body } = await get('/v1/exchange/info');
    expect(status).toBe(200);
    const info = body as { version: string; assets: Array<Record<string, unknown>>; pairs: Array<Record<string, unknown>> };
    expect(typeof info.version).toBe('string');
    expect(info.pairs.map((p) => p.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'SHIBUSDT']);
    expect(Object.keys(info.pairs[0]!).sort()).toEqual([
      'base', 'commissionPrecision', 'displayOrder', 'marketTypes', 'maxPrice', 'minExchangeValue', 'minPrice', 'orderTypes',
      'priceLimitFactor', 'pricePrecision', 'quantityPrecision', 'quote', 'status', 'symbol', 'tickSize', 'totalPrecision',
    ]);
    expect(info.pairs[0]).toMatchObject({ base: 'BTC', quote: 'USDT', status: 'Running', marketTypes: ['SPOT'], tickSize: '0.01', priceLimitFactor: '3' });
    expect(info.assets.map((a) => a.symbol)).toEqual(['BTC', 'ETH', 'SHIB', 'USDT']);
    expect(info.assets[0]).toMatchObject({ type: 'CRYPTO', isEnabled: true, description: null, updatedDate: null });
    expect(info.assets[0]).not.toHaveProperty('limitWithdrawal24h');
  });

  it('reports CancelOnly for a market in cancel-only mode', async () => {
    sim.engine.setMarketStatus('ETHUSDT', 'cancel-only');
    try {
      const { body } = await get('/v1/exchange/info');
      expect((body as { pairs: Array<{ symbol: string; status: string }> }).pairs.find((p) => p.symbol === 'ETHUSDT')!.status).toBe('CancelOnly');
    } finally {
      sim.engine.setMarketStatus('ETHUSDT', 'running');
    }
  });
});

describe('GET /v1/tickers and /sapi/v1/tickers (§7.2)', () => {
  it('answers exactly the 10 string keys per pair on both paths, consistent with the book', async () => {
    for (const path of ['/v1/tickers', '/sapi/v1/tickers']) {
      const { status, body } = await get(path);
      expect(status).toBe(200);
      const tickers = body as Array<Record<string, unknown>>;
      expect(tickers).toHaveLength(3);
      for (const ticker of tickers) {
        expect(Object.keys(ticker).sort()).toEqual(['ask', 'avg', 'bid', 'change', 'high', 'last', 'low', 'qty', 'symbol', 'volume']);
        expect(Object.values(ticker).every((v) => typeof v === 'string')).toBe(true);
      }
      const btc = tickers.find((t) => t.symbol === 'BTCUSDT')!;
      const top = sim.engine.top('BTCUSDT');
      expect([btc.bid, btc.ask]).toEqual([top.bid, top.ask]);
      expect(Number(btc.low)).toBeLessThanOrEqual(Number(btc.high));
    }
  });
});

describe('GET /v1/orderbook (§7.3)', () => {
  it('returns up to 50 aggregated levels a side, asks ascending and bids descending, equal to the engine book', async () => {
    for (const path of ['/v1/orderbook?symbol=BTCUSDT', '/sapi/v1/orderbook?symbol=btcusdt']) {
      const { status, body } = await get(path);
      expect(status).toBe(200);
      const book = body as { pairSymbol: string; asks: Array<{ p: string; q: string }>; bids: Array<{ p: string; q: string }> };
      expect(book.pairSymbol).toBe('BTCUSDT');
      expect(book.asks).toHaveLength(50);
      expect(book.bids).toHaveLength(50);
      expect(Object.keys(book.asks[0]!).sort()).toEqual(['p', 'q']);
      const asks = book.asks.map((r) => Number(r.p));
      const bids = book.bids.map((r) => Number(r.p));
      expect(asks).toEqual([...asks].sort((a, b) => a - b));
      expect(bids).toEqual([...bids].sort((a, b) => b - a));
      expect(bids[0]!).toBeLessThan(asks[0]!);
      const engine = sim.engine.book('BTCUSDT', 50);
      expect(book.asks.map((r) => [r.p, r.q])).toEqual(engine.asks);
      expect(book.bids.map((r) => [r.p, r.q])).toEqual(engine.bids);
    }
  });

  it('prints very small prices without exponents', async () => {
    const { body } = await get('/v1/orderbook?symbol=SHIBUSDT');
    const prices = (body as { asks: Array<{ p: string }> }).asks.map((r) => r.p);
    expect(prices.every((p) => /^0\.0000\d+$/.test(p))).toBe(true);
  });

  it('answers an unknown symbol with 200 and empty sides, exactly like the live capture', async () => {
    const { status, text } = await get('/v1/orderbook?symbol=NOPEUSDT');
    expect(status).toBe(200);
    expect(text).toBe(fixture('rest-orderbook-unknown-symbol.json'));
  });

  it('answers a missing symbol with 500 and the Turkish message (or empty when switched)', async () => {
    const { status, text } = await get('/v1/orderbook');
    expect(status).toBe(500);
    expect(text).toBe(fixture('rest-orderbook-missing-symbol-500.json'));
    sim.quirks.missingSymbolBody = false;
    try {
      expect(await get('/v1/orderbook')).toMatchObject({ status: 500, text: '' });
    } finally {
      sim.quirks.missingSymbolBody = true;
    }
  });
});

describe('GET /v1/trades/last (§7.4)', () => {
  it('returns at most 50 trades newest first with d in Unix seconds and BUY/SELL sides', async () => {
    for (const path of ['/v1/trades/last?symbol=BTCUSDT', '/sapi/v1/trades/last?symbol=BTCUSDT']) {
      const { status, body } = await get(path);
      expect(status).toBe(200);
      const reply = body as { pairSymbol: string; trades: Array<{ d: number; p: string; q: string; s: string }> };
      expect(reply.pairSymbol).toBe('BTCUSDT');
      expect(reply.trades.length).toBeGreaterThan(0);
      expect(reply.trades.length).toBeLessThanOrEqual(50);
      expect(shape(reply.trades[0])).toEqual({ d: 'number', p: 'string', q: 'string', s: 'string' });
      expect(reply.trades.every((t) => t.s === 'BUY' || t.s === 'SELL')).toBe(true);
      const now = Math.floor(Date.now() / 1000);
      expect(Math.abs(reply.trades[0]!.d - now)).toBeLessThan(120);
      const tape = sim.engine.recentTrades('BTCUSDT', 50);
      expect(reply.trades.map((t) => t.p)).toEqual(tape.map((t) => t.price));
    }
  });

  it('sends d as seconds/1000 when the live quirk is on (§9.15)', async () => {
    sim.quirks.lastTradesDateQuirk = true;
    try {
      const { body } = await get('/v1/trades/last?symbol=BTCUSDT');
      expect((body as { trades: Array<{ d: number }> }).trades[0]!.d).toBeLessThan(1e7);
    } finally {
      sim.quirks.lastTradesDateQuirk = false;
    }
  });
});

describe('GET /v1/trades/kline and friends (§7.5, §7.6)', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it('returns UDF parallel arrays of numbers on both kline paths', async () => {
    for (const base of ['/v1/trades/kline', '/sapi/v1/trades/kline', '/sapi/v1/trades/kline/history']) {
      const { status, body } = await get(`${base}?symbol=BTCUSDT&resolution=15&from=${now() - 6 * 3600}&to=${now()}`);
      expect(status).toBe(200);
      const k = body as { s: string; t: number[]; o: number[]; h: number[]; l: number[]; c: number[]; v: number[] };
      expect(k.s).toBe('ok');
      expect(k.t.length).toBeGreaterThanOrEqual(23);
      for (const key of ['o', 'h', 'l', 'c', 'v'] as const) {
        expect(k[key]).toHaveLength(k.t.length);
        expect(k[key].every((x) => typeof x === 'number')).toBe(true);
      }
      expect(k.t.every((t, i) => t % 900 === 0 && (i === 0 || t - k.t[i - 1]! === 900))).toBe(true);
    }
  });

  it('understands 1D and 1W and answers no_data for an empty range', async () => {
    const day = await get(`/v1/trades/kline?symbol=ETHUSDT&resolution=1D&from=${now() - 3 * 86400}&to=${now()}`);
    expect((day.body as { t: number[] }).t.every((t) => t % 86400 === 0)).toBe(true);
    const empty = await get('/v1/trades/kline?symbol=ETHUSDT&resolution=1&from=1000&to=2000');
    expect(empty.body).toEqual({ s: 'no_data' });
    const ohlc = await get(`/sapi/v1/trades/ohlc?symbol=ETHUSDT&from=${now() - 3 * 86400}&to=${now()}`);
    expect((ohlc.body as { s: string }).s).toBe('ok');
  });

  it('rejects a bad resolution or missing range with 400 naming the parameter', async () => {
    const bad = await get(`/v1/trades/kline?symbol=BTCUSDT&resolution=7&from=1&to=2`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid_parameter', message: expect.stringContaining('resolution') });
    const missing = await get(`/v1/trades/kline?symbol=BTCUSDT&resolution=5&to=2`);
    expect(missing.body).toMatchObject({ code: 'invalid_parameter', message: expect.stringContaining('from') });
  });
});

describe('other paths', () => {
  it('serves /v1/future/info like the capture and 404s unknown and funding paths with an empty body', async () => {
    expect((await get('/v1/future/info')).text).toBe(fixture('rest-future-info.json'));
    for (const path of ['/v1/time', '/v1/sapi/order', '/sapi/v1/withdraw', '/sapi/v1/deposits']) {
      expect(await get(path), path).toMatchObject({ status: 404, text: '' });
    }
  });
});
