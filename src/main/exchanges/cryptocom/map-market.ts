import type { BookLevel, BookSnapshot, Candle, Market, Ticker, Trade } from '../../../shared';
import { arr, dec, id, num, obj, optDec, text, WireError } from '../kit/wire';
import { fromNative, stepFromPrecision } from './symbols';

const EXCHANGE = 'cryptocom' as const;

function precisionOf(value: unknown, path: string): number {
  const n = num(value, path);
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
  return arr(data, 'data').map((raw, i) => {
    const row = obj(raw, `data[${i}]`);
    const native = text(row.symbol, `data[${i}].symbol`).toLowerCase();
    const pricePrecision = precisionOf(row.price_precision, `data[${i}].price_precision`);
    const quantityPrecision = precisionOf(row.amount_precision, `data[${i}].amount_precision`);
    return {
      exchange: EXCHANGE,
      symbol: fromNative(native),
      nativeSymbol: native,
      base: text(row.base_coin, `data[${i}].base_coin`).toUpperCase(),
      quote: text(row.count_coin, `data[${i}].count_coin`).toUpperCase(),
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
  const rate = optDec(rose, path);
  return rate === undefined ? 0 : Number(rate);
}

function tickerRow(row: Record<string, unknown>, native: string, time: number, path: string): Ticker {
  const ticker: Ticker = {
    exchange: EXCHANGE,
    symbol: fromNative(native),
    last: dec(row.last, `${path}.last`),
    high: dec(row.high, `${path}.high`),
    low: dec(row.low, `${path}.low`),
    changeRatio: changeRatio(row.rose ?? row.change, `${path}.rose`),
    volume: dec(row.vol, `${path}.vol`),
    time,
  };
  const bid = optDec(row.buy, `${path}.buy`);
  const ask = optDec(row.sell, `${path}.sell`);
  if (bid !== undefined) ticker.bid = bid;
  if (ask !== undefined) ticker.ask = ask;
  return ticker;
}

/** GET /v1/ticker without a symbol (§5.2): `{date, ticker: [...]}`, each row with its `symbol`. */
export function parseAllTickers(data: unknown, now: number): Ticker[] {
  const body = obj(data, 'data');
  const time = body.date === undefined || body.date === null ? now : num(body.date, 'data.date');
  return arr(body.ticker, 'data.ticker').map((raw, i) => {
    const row = obj(raw, `data.ticker[${i}]`);
    const native = text(row.symbol, `data.ticker[${i}].symbol`).toLowerCase();
    return tickerRow(row, native, time, `data.ticker[${i}]`);
  });
}

/** GET /v1/ticker?symbol= (§5.2): one row with `time` and without `symbol` or `change`. */
export function parseOneTicker(data: unknown, native: string, now: number): Ticker {
  const row = obj(data, 'data');
  const time = row.time === undefined || row.time === null ? now : num(row.time, 'data.time');
  return tickerRow(row, native, time, 'data');
}

/**
 * `[price, qty]` pairs (numbers or strings) as decimal-string levels. This is the hot path of
 * the depth stream (300 pairs per snapshot): numbers take a fast path, and a field path is
 * only built when a value is wrong.
 */
export function parseLevels(value: unknown, path: string): BookLevel[] {
  if (value === undefined || value === null) return [];
  const rows = arr(value, path);
  const n = rows.length;
  const out: BookLevel[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const level = rows[i];
    if (!Array.isArray(level) || level.length < 2) throw new WireError(`${path}[${i}]`, 'expected [price, quantity]');
    const p = level[0];
    const q = level[1];
    out[i] = [fastDecimal(p) ?? dec(p, `${path}[${i}][0]`), fastDecimal(q) ?? dec(q, `${path}[${i}][1]`)];
  }
  return out;
}

/** A finite number printed without an exponent, or undefined (the slow path then decides). */
function fastDecimal(v: unknown): string | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  const plain = '' + v;
  return plain.indexOf('e') < 0 ? plain : undefined;
}

/**
 * GET /v1/depth (§5.6): `{tick: {asks, bids, time}}`; bids may be keyed `buys` as on the
 * socket (§6.6), and `time` is null in the 2020 sample.
 */
export function parseDepth(data: unknown, symbol: string, now: number): BookSnapshot {
  const body = obj(data, 'data');
  const tick = body.tick === undefined ? body : obj(body.tick, 'data.tick');
  const time = tick.time ?? body.time;
  return {
    exchange: EXCHANGE,
    symbol,
    bids: parseLevels(tick.bids ?? tick.buys, 'data.tick.bids'),
    asks: parseLevels(tick.asks, 'data.tick.asks'),
    stale: false,
    time: time === undefined || time === null ? now : num(time, 'data.tick.time'),
  };
}

/**
 * GET /v1/klines (§5.3): rows `[seconds, open, high, low, close, volume]`; objects
 * `{id, open, high, low, close, vol}` (the WS history shape) are accepted too. Answered oldest
 * first with duplicate buckets removed, whatever order the server used.
 */
export function parseKlines(data: unknown): Candle[] {
  const byTime = new Map<number, Candle>();
  arr(data, 'data').forEach((raw, i) => {
    const candle = Array.isArray(raw) ? klineRow(raw, `data[${i}]`) : klineObject(obj(raw, `data[${i}]`), `data[${i}]`);
    byTime.set(candle.time, candle);
  });
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

function klineRow(row: unknown[], path: string): Candle {
  if (row.length < 6) throw new WireError(path, 'expected [time, open, high, low, close, volume]');
  return {
    time: Math.trunc(num(row[0], `${path}[0]`)),
    open: num(row[1], `${path}[1]`),
    high: num(row[2], `${path}[2]`),
    low: num(row[3], `${path}[3]`),
    close: num(row[4], `${path}[4]`),
    volume: num(row[5], `${path}[5]`),
  };
}

/** A kline object as pushed on the socket (§6.6) or in WS history (§6.7). */
export function klineObject(row: Record<string, unknown>, path: string): Candle {
  return {
    time: Math.trunc(num(row.id, `${path}.id`)),
    open: num(row.open, `${path}.open`),
    high: num(row.high, `${path}.high`),
    low: num(row.low, `${path}.low`),
    close: num(row.close, `${path}.close`),
    volume: num(row.vol, `${path}.vol`),
  };
}

/** Public trade side: `buy`/`sell` in any case (§4). */
export function sideOf(value: unknown, path: string): 'buy' | 'sell' {
  const side = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (side === 'buy' || side === 'sell') return side;
  throw new WireError(path, `expected buy or sell, got ${JSON.stringify(value)}`);
}

/** GET /v1/trades (§5.4): `{amount, price, ctime, id, type}` rows, answered oldest first. */
export function parseTrades(data: unknown, symbol: string): Trade[] {
  const trades = arr(data, 'data').map((raw, i) => {
    const row = obj(raw, `data[${i}]`);
    return {
      exchange: EXCHANGE,
      symbol,
      id: id(row.id, `data[${i}].id`),
      price: dec(row.price, `data[${i}].price`),
      quantity: dec(row.amount, `data[${i}].amount`),
      side: sideOf(row.type ?? row.side, `data[${i}].type`),
      time: num(row.ctime, `data[${i}].ctime`),
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
