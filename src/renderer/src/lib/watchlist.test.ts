import { describe, expect, it } from 'vitest';
import type { Market, Ticker } from '../../../shared';
import { formatChange, nextSort, parseWatchSort, watchRows } from './watchlist';

const market = (symbol: string, status: Market['status'] = 'trading'): Market => ({
  exchange: 'icrypex', symbol, nativeSymbol: symbol, base: symbol.slice(0, -4), quote: symbol.slice(-4), pricePrecision: 2, quantityPrecision: 6,
  tickSize: '0.01', stepSize: '0.000001', minNotional: '10', orderTypes: ['limit'], status,
});
const ticker = (symbol: string, last: string, changeRatio: number, volume: string): Ticker => ({ exchange: 'icrypex', symbol, last, high: last, low: last, changeRatio, volume, time: 1 });

const markets = [market('BTCUSDT'), market('ETHUSDT'), market('SHIBUSDT'), market('DEADUSDT', 'halted'), market('NEWXUSDT')];
const tickers = new Map([
  ['BTCUSDT', ticker('BTCUSDT', '87000', 0.012, '10')],
  ['ETHUSDT', ticker('ETHUSDT', '3000', -0.03, '500')],
  ['SHIBUSDT', ticker('SHIBUSDT', '0.00001', 0.08, '1000000000')],
]);
const symbols = (rows: { market: Market }[]) => rows.map((r) => r.market.symbol);

describe('watchRows', () => {
  it('sorts by any column both ways, markets without a ticker last, halted ones left out', () => {
    expect(symbols(watchRows(markets, (m) => tickers.get(m.symbol), '', { column: 'change', descending: true }))).toEqual(['SHIBUSDT', 'BTCUSDT', 'ETHUSDT', 'NEWXUSDT']);
    expect(symbols(watchRows(markets, (m) => tickers.get(m.symbol), '', { column: 'change', descending: false }))).toEqual(['ETHUSDT', 'BTCUSDT', 'SHIBUSDT', 'NEWXUSDT']);
    expect(symbols(watchRows(markets, (m) => tickers.get(m.symbol), '', { column: 'last', descending: true }))).toEqual(['BTCUSDT', 'ETHUSDT', 'SHIBUSDT', 'NEWXUSDT']);
    // Volume compares in the quote asset: 1.5M USDT of ETH > 870k of BTC > 10k of SHIB.
    expect(symbols(watchRows(markets, (m) => tickers.get(m.symbol), '', { column: 'volume', descending: true }))).toEqual(['ETHUSDT', 'BTCUSDT', 'SHIBUSDT', 'NEWXUSDT']);
    expect(symbols(watchRows(markets, (m) => tickers.get(m.symbol), '', { column: 'symbol', descending: false }))).toEqual(['BTCUSDT', 'ETHUSDT', 'NEWXUSDT', 'SHIBUSDT']);
  });

  it('filters by what is typed, ignoring case and separators', () => {
    expect(symbols(watchRows(markets, (m) => tickers.get(m.symbol), 'eth', { column: 'symbol', descending: false }))).toEqual(['ETHUSDT']);
    expect(symbols(watchRows(markets, (m) => tickers.get(m.symbol), 'btc/us', { column: 'symbol', descending: false }))).toEqual(['BTCUSDT']);
    expect(watchRows(markets, (m) => tickers.get(m.symbol), 'zzz', { column: 'symbol', descending: false })).toEqual([]);
  });
});

describe('sorting choices', () => {
  it('flips on the same column, starts numbers biggest first', () => {
    expect(nextSort({ column: 'change', descending: true }, 'change')).toEqual({ column: 'change', descending: false });
    expect(nextSort({ column: 'change', descending: true }, 'volume')).toEqual({ column: 'volume', descending: true });
    expect(nextSort({ column: 'change', descending: true }, 'symbol')).toEqual({ column: 'symbol', descending: false });
    expect(parseWatchSort({ column: 'nope', descending: true })).toEqual({ column: 'volume', descending: true });
    expect(parseWatchSort({ column: 'last', descending: false })).toEqual({ column: 'last', descending: false });
  });

  it('formats the change as a signed percentage', () => {
    expect(formatChange(0.045)).toBe('+4.50%');
    expect(formatChange(-0.0012)).toBe('-0.12%');
    expect(formatChange(undefined)).toBe('–');
  });
});
