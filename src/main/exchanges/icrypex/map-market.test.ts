import { describe, expect, it } from 'vitest';
import { Market, Ticker, Trade } from '../../../shared';
import { mapExchangeInfo, mapKlines, mapRecentTrades, mapRestBook, mapTickers, mergeCandles, tradeTimeMs, unit } from './map-market';
import { WireError } from '../kit/wire';

const PAIR = {
  symbol: 'BTCUSDT',
  base: 'BTC',
  quote: 'USDT',
  minExchangeValue: '10',
  minPrice: '1',
  maxPrice: '1000000',
  quantityPrecision: 8,
  pricePrecision: 2,
  totalPrecision: 8,
  commissionPrecision: 8,
  displayOrder: 1,
  status: 'Running',
  marketTypes: ['SPOT'],
  orderTypes: ['MARKET', 'LIMIT', 'STOP_MARKET', 'STOP_LIMIT'],
  tickSize: '0.01',
  priceLimitFactor: '3',
};

describe('exchange info (§7.1)', () => {
  it('maps a spot pair with precision, tick, step and min notional', () => {
    const [m] = mapExchangeInfo({ version: '1', assets: [], pairs: [PAIR] });
    expect(Market.parse(m)).toEqual({
      exchange: 'icrypex',
      symbol: 'BTCUSDT',
      nativeSymbol: 'BTCUSDT',
      base: 'BTC',
      quote: 'USDT',
      pricePrecision: 2,
      quantityPrecision: 8,
      tickSize: '0.01',
      stepSize: '0.00000001',
      minNotional: '10',
      orderTypes: ['market', 'limit', 'stop-market', 'stop-limit'],
      status: 'trading',
    });
  });

  it('skips perpetuals, reads CancelOnly, and derives a missing tick from the precision', () => {
    const markets = mapExchangeInfo({
      pairs: [
        { ...PAIR, symbol: 'BTCUSDT/P', marketTypes: ['PERPETUAL'] },
        { ...PAIR, symbol: 'ETHTRY', base: 'ETH', quote: 'TRY', status: 'CancelOnly', tickSize: undefined, pricePrecision: 1 },
      ],
    });
    expect(markets.map((m) => [m.symbol, m.status, m.tickSize])).toEqual([['ETHTRY', 'cancel-only', '0.1']]);
  });

  it('names the field when a pair is broken', () => {
    expect(() => mapExchangeInfo({ pairs: [{ ...PAIR, pricePrecision: 'two' }] })).toThrow(/pairs\[0\]\.pricePrecision/);
  });

  it('unit() writes 10^-n in plain notation', () => {
    expect([unit(0), unit(1), unit(8)]).toEqual(['1', '0.1', '0.00000001']);
  });
});

describe('tickers (§7.2)', () => {
  it('reads change as a percent and volume as base volume', () => {
    const [t] = mapTickers(
      [{ symbol: 'BTCUSDT', last: '87130.4', ask: '87107', bid: '87097', high: '87280.3', low: '85059.3', avg: '86103.5', change: '1.9', qty: '1626.6', volume: '326.62215424' }],
      5,
    );
    expect(Ticker.parse(t)).toMatchObject({ last: '87130.4', changeRatio: 0.019, volume: '326.62215424', time: 5 });
  });
});

describe('order book (§7.3)', () => {
  it('maps {p,q} rows best first and cuts to depth', () => {
    const book = mapRestBook(
      { pairSymbol: 'BTCUSDT', asks: [{ p: '101', q: '1' }, { p: '100', q: '2' }], bids: [{ p: '98', q: '1' }, { p: '99', q: '3' }] },
      'BTCUSDT',
      1,
      1,
    );
    expect(book).toMatchObject({ bids: [['99', '3']], asks: [['100', '2']], stale: false });
  });
});

describe('last trades (§7.4)', () => {
  it('accepts `trades` or `lastTrades`, orders oldest first, maps BUY/SELL', () => {
    const rows = [
      { d: 1653900041, p: '2', q: '1', s: 'SELL' },
      { d: 1653900040, p: '1', q: '1', s: 'buy' },
    ];
    for (const key of ['trades', 'lastTrades']) {
      const trades = mapRecentTrades({ pairSymbol: 'BTCUSDT', [key]: rows }, 'BTCUSDT');
      expect(trades.map((t) => Trade.parse(t))).toMatchObject([
        { side: 'buy', time: 1653900040000, price: '1' },
        { side: 'sell', time: 1653900041000, price: '2' },
      ]);
    }
  });

  it('reads d < 1e9 as thousands of seconds (§9 #15 live quirk) and ms as ms', () => {
    expect(tradeTimeMs(1790138)).toBe(1790138000000);
    expect(tradeTimeMs(1790138638)).toBe(1790138638000);
    expect(tradeTimeMs(1790138638123)).toBe(1790138638123);
  });

  it('gives identical trades distinct ids', () => {
    const row = { d: 1653900040, p: '1', q: '1', s: 'BUY' };
    const ids = mapRecentTrades({ trades: [row, row] }, 'BTCUSDT').map((t) => t.id);
    expect(new Set(ids).size).toBe(2);
  });
});

describe('klines (§7.5)', () => {
  it('maps UDF arrays of numbers; no_data is empty; error carries the message', () => {
    const candles = mapKlines({ s: 'ok', t: [60, 120], o: [1, 2], h: [3, 4], l: [0.5, 1], c: [2, 3], v: [10, 11] });
    expect(candles).toEqual([
      { time: 60, open: 1, high: 3, low: 0.5, close: 2, volume: 10 },
      { time: 120, open: 2, high: 4, low: 1, close: 3, volume: 11 },
    ]);
    expect(mapKlines({ s: 'no_data' })).toEqual([]);
    expect(() => mapKlines({ s: 'error', errmsg: 'bad resolution' })).toThrow('bad resolution');
  });

  it('accepts ms times and refuses ragged arrays naming the column', () => {
    expect(mapKlines({ s: 'ok', t: [1700000000000], o: [1], h: [1], l: [1], c: [1], v: [1] })[0]!.time).toBe(1700000000);
    expect(() => mapKlines({ s: 'ok', t: [1, 2], o: [1], h: [1, 1], l: [1, 1], c: [1, 1], v: [1, 1] })).toThrow(WireError);
  });

  it('merges 15m candles into 30m buckets', () => {
    const merged = mergeCandles(
      [
        { time: 1800, open: 1, high: 2, low: 1, close: 2, volume: 1 },
        { time: 2700, open: 2, high: 5, low: 0.5, close: 3, volume: 2 },
        { time: 3600, open: 3, high: 3, low: 3, close: 3, volume: 1 },
      ],
      1800,
    );
    expect(merged).toEqual([
      { time: 1800, open: 1, high: 5, low: 0.5, close: 3, volume: 3 },
      { time: 3600, open: 3, high: 3, low: 3, close: 3, volume: 1 },
    ]);
  });
});

describe('hostile precisions (issue 12)', () => {
  const pair = (pricePrecision: unknown) => ({ pairs: [{ symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', pricePrecision, quantityPrecision: 8 }] });
  it('refuses a precision past 18 places instead of building 10^-n from it', () => {
    expect(mapExchangeInfo(pair(2))[0]?.tickSize).toBe('0.01');
    expect(() => mapExchangeInfo(pair(1_000_000))).toThrow('pairs[0].pricePrecision: expected a number of decimal places (0-18), got 1000000');
    expect(() => mapExchangeInfo(pair(-1))).toThrow(/pairs\[0\]\.pricePrecision/);
  });
});
