import type { BookLevel, BookSnapshot, Candle, Market, Ticker, Trade } from '../../../shared';
import { arrayOf, decimalOf, idOf, numberOf, objectOf, optionalDecimal, stringOf, WireError } from './decimal';
import { fromNative, stepFromPrecision } from './symbols';

const EXCHANGE = 'cryptocom' as const;

function precisionOf(value: unknown, path: string): number {
  const n = numberOf(value, path);
  if (!Number.isInteger(n) || n < 0 || n > 18) throw new WireError(path, `expected a number of decimal places (0-18), got ${n}`);
  return n;
}

/**
 * GET /v1/symbols rows (specs/cryptocom-v1.md §5.1) as markets. Coins come upper or lower case.
 * V1 publishes no minimum order value, so minNotional is "0": the exchange's own minimum
 * rejection (codes 6/10063/10064) reaches the trader with its message. A ChainUP-style
 * `limit_volume_min` (a base quantity, not a notional) is not mapped for the same reason.
 */
export function parseSymbols(data: unknown): Market[] {
  return arrayOf(data, 'data').map((raw, i) => {
    const row = objectOf(raw, `data[${i}]`);
    const native = stringOf(row.symbol, `data[${i}].symbol`).toLowerCase();
    const pricePrecision = precisionOf(row.price_precision, `data[${i}].price_precision`);
    const quantityPrecision = precisionOf(row.amount_precision, `data[${i}].amount_precision`);
    return {
      exchange: EXCHANGE,
      symbol: fromNative(native),
      nativeSymbol: native,
      base: stringOf(row.base_coin, `data[${i}].base_coin`).toUpperCase(),
      quote: stringOf(row.count_coin, `data[${i}].count_coin`).toUpperCase(),
      pricePrecision,
      quantityPrecision,
      tickSize: stepFromPrecision(pricePrecision),
      stepSize: stepFromPrecision(quantityPrecision),
      minNotional: '0',
      orderTypes: ['limit', 'market'],
      status: 'trading',
    } satisfies Market;
  });
}

function changeRatio(rose: unknown, path: string): number {
  const text = optionalDecimal(rose, path);
  return text === undefined ? 0 : Number(text);
}

function tickerRow(row: Record<string, unknown>, native: string, time: number, path: string): Ticker {
  const ticker: Ticker = {
    exchange: EXCHANGE,
    symbol: fromNative(native),
    last: decimalOf(row.last, `${path}.last`),
    high: decimalOf(row.high, `${path}.high`),
    low: decimalOf(row.low, `${path}.low`),
    changeRatio: changeRatio(row.rose ?? row.change, `${path}.rose`),
    volume: decimalOf(row.vol, `${path}.vol`),
    time,
  };
  const bid = optionalDecimal(row.buy, `${path}.buy`);
  const ask = optionalDecimal(row.sell, `${path}.sell`);
  if (bid !== undefined) ticker.bid = bid;
  if (ask !== undefined) ticker.ask = ask;
  return ticker;
}

/** GET /v1/ticker without a symbol (§5.2): `{date, ticker: [...]}`, each row with its `symbol`. */
export function parseAllTickers(data: unknown, now: number): Ticker[] {
  const body = objectOf(data, 'data');
  const time = body.date === undefined || body.date === null ? now : numberOf(body.date, 'data.date');
  return arrayOf(body.ticker, 'data.ticker').map((raw, i) => {
    const row = objectOf(raw, `data.ticker[${i}]`);
    const native = stringOf(row.symbol, `data.ticker[${i}].symbol`).toLowerCase();
    return tickerRow(row, native, time, `data.ticker[${i}]`);
  });
}

/** GET /v1/ticker?symbol= (§5.2): one row with `time` and without `symbol` or `change`. */
export function parseOneTicker(data: unknown, native: string, now: number): Ticker {
  const row = objectOf(data, 'data');
  const time = row.time === undefined || row.time === null ? now : numberOf(row.time, 'data.time');
  return tickerRow(row, native, time, 'data');
}

/**
 * `[price, qty]` pairs (numbers or strings) as decimal-string levels. This is the hot path of
 * the depth stream (300 pairs per snapshot): numbers take a fast path, and a field path is
 * only built when a value is wrong.
 */
export function parseLevels(value: unknown, path: string): BookLevel[] {
  if (value === undefined || value === null) return [];
  const rows = arrayOf(value, path);
  const n = rows.length;
  const out: BookLevel[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const level = rows[i];
    if (!Array.isArray(level) || level.length < 2) throw new WireError(`${path}[${i}]`, 'expected [price, quantity]');
    const p = level[0];
    const q = level[1];
    out[i] = [fastDecimal(p) ?? decimalOf(p, `${path}[${i}][0]`), fastDecimal(q) ?? decimalOf(q, `${path}[${i}][1]`)];
  }
  return out;
}

/** A finite number printed without an exponent, or undefined (the slow path then decides). */
function fastDecimal(v: unknown): string | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  const text = '' + v;
  return text.indexOf('e') < 0 ? text : undefined;
}

/**
 * GET /v1/depth (§5.6): `{tick: {asks, bids, time}}`; bids may be keyed `buys` as on the
 * socket (§6.6), and `time` is null in the 2020 sample.
 */
export function parseDepth(data: unknown, symbol: string, now: number): BookSnapshot {
  const body = objectOf(data, 'data');
  const tick = body.tick === undefined ? body : objectOf(body.tick, 'data.tick');
  const time = tick.time ?? body.time;
  return {
    exchange: EXCHANGE,
    symbol,
    bids: parseLevels(tick.bids ?? tick.buys, 'data.tick.bids'),
    asks: parseLevels(tick.asks, 'data.tick.asks'),
    stale: false,
    time: time === undefined || time === null ? now : numberOf(time, 'data.tick.time'),
  };
}

/**
 * GET /v1/klines (§5.3): rows `[seconds, open, high, low, close, volume]`; objects
 * `{id, open, high, low, close, vol}` (the WS history shape) are accepted too. Answered oldest
 * first with duplicate buckets removed, whatever order the server used.
 */
export function parseKlines(data: unknown): Candle[] {
  const byTime = new Map<number, Candle>();
  arrayOf(data, 'data').forEach((raw, i) => {
    const candle = Array.isArray(raw) ? klineRow(raw, `data[${i}]`) : klineObject(objectOf(raw, `data[${i}]`), `data[${i}]`);
    byTime.set(candle.time, candle);
  });
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

function klineRow(row: unknown[], path: string): Candle {
  if (row.length < 6) throw new WireError(path, 'expected [time, open, high, low, close, volume]');
  return {
    time: Math.trunc(numberOf(row[0], `${path}[0]`)),
    open: numberOf(row[1], `${path}[1]`),
    high: numberOf(row[2], `${path}[2]`),
    low: numberOf(row[3], `${path}[3]`),
    close: numberOf(row[4], `${path}[4]`),
    volume: numberOf(row[5], `${path}[5]`),
  };
}

/** A kline object as pushed on the socket (§6.6) or in WS history (§6.7). */
export function klineObject(row: Record<string, unknown>, path: string): Candle {
  return {
    time: Math.trunc(numberOf(row.id, `${path}.id`)),
    open: numberOf(row.open, `${path}.open`),
    high: numberOf(row.high, `${path}.high`),
    low: numberOf(row.low, `${path}.low`),
    close: numberOf(row.close, `${path}.close`),
    volume: numberOf(row.vol, `${path}.vol`),
  };
}

/** Public trade side: `buy`/`sell` in any case (§4). */
export function sideOf(value: unknown, path: string): 'buy' | 'sell' {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (text === 'buy' || text === 'sell') return text;
  throw new WireError(path, `expected buy or sell, got ${JSON.stringify(value)}`);
}

/** GET /v1/trades (§5.4): `{amount, price, ctime, id, type}` rows, answered oldest first. */
export function parseTrades(data: unknown, symbol: string): Trade[] {
  const trades = arrayOf(data, 'data').map((raw, i) => {
    const row = objectOf(raw, `data[${i}]`);
    return {
      exchange: EXCHANGE,
      symbol,
      id: idOf(row.id, `data[${i}].id`),
      price: decimalOf(row.price, `data[${i}].price`),
      quantity: decimalOf(row.amount, `data[${i}].amount`),
      side: sideOf(row.type ?? row.side, `data[${i}].type`),
      time: numberOf(row.ctime, `data[${i}].ctime`),
    } satisfies Trade;
  });
  return sortTrades(trades);
}

/** Oldest first; ids break ties numerically when they are numbers. */
export function sortTrades(trades: Trade[]): Trade[] {
  return trades.sort((a, b) => a.time - b.time || compareIds(a.id, b.id));
}

function compareIds(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}
