import type { BookLevel, BookSnapshot, Candle, Market, Resolution, Ticker, Trade } from '../../../shared';
import { arr, bool, dec, id, int, num, obj, optDec, text, WireError, type Obj } from '../kit/wire';
import { CDX } from './endpoints';

/**
 * Public wire → shared model (specs/cryptocom-exchange.md §5.1-§5.5, and the same rows on the
 * market socket, §7.5). Every field goes through kit/wire (bounded decimals, errors naming the
 * field); nothing here touches a float except candles, which the contract draws as numbers.
 */

/** The terminal's symbol of a spot instrument: `BTC_USDT` → `BTCUSDT`; undefined for other names (perpetuals, futures). */
export function symbolOfNative(native: string): string | undefined {
  const parts = native.split('_');
  return parts.length === 2 && parts[0] && parts[1] && /^[A-Z0-9]+$/.test(parts[0] + parts[1]) ? parts[0] + parts[1] : undefined;
}

/** Decimal places of a step (`0.00001` → 5). */
function placesOf(step: string): number {
  const dot = step.indexOf('.');
  return dot < 0 ? 0 : step.length - dot - 1;
}

function precision(v: unknown, field: string, step: string): number {
  if (v === undefined || v === null) return placesOf(step);
  const n = int(v, field);
  if (n < 0 || n > 18) throw new WireError(field, `expected 0-18 decimal places, got ${n}`);
  return n;
}

/**
 * §5.1 rows: spot only (`inst_type` CCY_PAIR, §4.1: the call has no server-side filter).
 * Tick and step are `price_tick_size`/`qty_tick_size`; the decimals fields give the precision
 * (derived from the step when absent). The minimum order value is a USD notional in a separate
 * call (§5.6), not a quote amount, so minNotional stays "0" and the exchange's 415 says it.
 */
export function parseInstruments(result: unknown): Market[] {
  const rows = arr(obj(result, 'result').data, 'result.data');
  const out: Market[] = [];
  rows.forEach((raw, i) => {
    const path = `result.data[${i}]`;
    const row = obj(raw, path);
    if (row.inst_type !== 'CCY_PAIR') return;
    const native = text(row.symbol, `${path}.symbol`);
    const base = text(row.base_ccy, `${path}.base_ccy`);
    const quote = text(row.quote_ccy, `${path}.quote_ccy`);
    const tickSize = dec(row.price_tick_size, `${path}.price_tick_size`);
    const stepSize = dec(row.qty_tick_size, `${path}.qty_tick_size`);
    out.push({
      exchange: CDX,
      symbol: symbolOfNative(native) ?? base + quote,
      nativeSymbol: native,
      base,
      quote,
      pricePrecision: precision(row.quote_decimals, `${path}.quote_decimals`, tickSize),
      quantityPrecision: precision(row.quantity_decimals, `${path}.quantity_decimals`, stepSize),
      tickSize,
      stepSize,
      minNotional: '0',
      orderTypes: ['limit', 'market'],
      status: row.tradable === undefined || bool(row.tradable, `${path}.tradable`) ? 'trading' : 'halted',
    });
  });
  return out;
}

/** `[price, quantity, count]` levels (§5.2, §7.5): strings, the count ignored. */
export function parseLevels(value: unknown, path: string): BookLevel[] {
  if (value === undefined || value === null) return [];
  const rows = arr(value, path);
  const out: BookLevel[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const level = rows[i];
    if (!Array.isArray(level) || level.length < 2) throw new WireError(`${path}[${i}]`, 'expected [price, quantity, count]');
    out[i] = [dec(level[0], `${path}[${i}][0]`), dec(level[1], `${path}[${i}][1]`)];
  }
  return out;
}

/** §5.2 `result.data[0]` = `{bids, asks, t}`; `t` is absent in the doc example, then `now`. */
export function parseBook(result: unknown, symbol: string, now: number): BookSnapshot {
  const data = arr(obj(result, 'result').data, 'result.data');
  if (data.length === 0) return { exchange: CDX, symbol, bids: [], asks: [], stale: false, time: now };
  const row = obj(data[0], 'result.data[0]');
  return {
    exchange: CDX,
    symbol,
    bids: parseLevels(row.bids, 'result.data[0].bids'),
    asks: parseLevels(row.asks, 'result.data[0].asks'),
    stale: false,
    time: row.t === undefined || row.t === null ? now : num(row.t, 'result.data[0].t'),
  };
}

/** §5.3 time frames, every one the exchange serves (the legacy `M1 … D14` names are also accepted by it). */
export const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1D', '7D', '14D', '1M'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

/** The exchange's time frame of each terminal resolution (1w = 7D, 1month = the calendar 1M). */
export const TIMEFRAME_OF: Readonly<Record<Resolution, Timeframe>> = {
  '1m': '1m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1h',
  '4h': '4h',
  '1d': '1D',
  '1w': '7D',
  '1month': '1M',
};

/** One candle row `{o,h,l,c,v,t}` (REST §5.3, socket §7.5); `t` is the open in ms, the contract's time is seconds. */
export function parseCandle(raw: unknown, path: string): Candle {
  const row = obj(raw, path);
  return {
    time: Math.floor(num(row.t, `${path}.t`) / 1000),
    open: Number(dec(row.o, `${path}.o`)),
    high: Number(dec(row.h, `${path}.h`)),
    low: Number(dec(row.l, `${path}.l`)),
    close: Number(dec(row.c, `${path}.c`)),
    volume: Number(dec(row.v, `${path}.v`)),
  };
}

/** §5.3 `result.data[]`, answered oldest first with one candle per open time whatever the server's order. */
export function parseCandles(result: unknown): Candle[] {
  const byTime = new Map<number, Candle>();
  arr(obj(result, 'result').data, 'result.data').forEach((raw, i) => {
    const c = parseCandle(raw, `result.data[${i}]`);
    byTime.set(c.time, c);
  });
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/** Taker side: lowercase on REST, uppercase on the socket (§5.4, §8 item 12). */
export function sideOf(v: unknown, field: string): 'buy' | 'sell' {
  const s = typeof v === 'string' ? v.toLowerCase() : '';
  if (s === 'buy' || s === 'sell') return s;
  throw new WireError(field, `expected BUY or SELL, got ${JSON.stringify(v)?.slice(0, 40)}`);
}

/** One public trade `{d, t, q, p, s, i, m}` (REST and socket); `tn` (ns, above 2^53) is not read. */
export function parseTrade(raw: unknown, symbol: string, path: string): Trade {
  const row = obj(raw, path);
  return {
    exchange: CDX,
    symbol,
    id: id(row.d, `${path}.d`),
    price: dec(row.p, `${path}.p`),
    quantity: dec(row.q, `${path}.q`),
    side: sideOf(row.s, `${path}.s`),
    time: num(row.t, `${path}.t`),
  };
}

/** §5.4 rows (newest first on the wire), answered oldest first. */
export function parseTrades(rows: unknown, symbol: string, path = 'result.data'): Trade[] {
  const trades = arr(rows, path).map((raw, i) => parseTrade(raw, symbol, `${path}[${i}]`));
  return trades.sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * One ticker row (§5.5 REST, §7.5 socket). `a`, `b`, `k`, `c`, `l` may be null (no trade yet):
 * without a last price there is no ticker (undefined); a missing high or low is the last price.
 */
export function parseTicker(row: Obj, symbol: string, path: string, now: number): Ticker | undefined {
  const last = optDec(row.a, `${path}.a`);
  if (last === undefined) return undefined;
  const change = optDec(row.c, `${path}.c`);
  const ticker: Ticker = {
    exchange: CDX,
    symbol,
    last,
    high: optDec(row.h, `${path}.h`) ?? last,
    low: optDec(row.l, `${path}.l`) ?? last,
    changeRatio: change === undefined ? 0 : Number(change),
    volume: optDec(row.v, `${path}.v`) ?? '0',
    time: row.t === undefined || row.t === null ? now : num(row.t, `${path}.t`),
  };
  const bid = optDec(row.b, `${path}.b`);
  const ask = optDec(row.k, `${path}.k`);
  if (bid !== undefined) ticker.bid = bid;
  if (ask !== undefined) ticker.ask = ask;
  return ticker;
}

/** §5.5 `result.data[]` of every instrument: only those `symbolOf` knows (spot markets) are kept. */
export function parseTickers(result: unknown, symbolOf: (native: string) => string | undefined, now: number): Ticker[] {
  const out: Ticker[] = [];
  arr(obj(result, 'result').data, 'result.data').forEach((raw, i) => {
    const path = `result.data[${i}]`;
    const row = obj(raw, path);
    const symbol = symbolOf(text(row.i, `${path}.i`));
    if (symbol === undefined) return;
    const t = parseTicker(row, symbol, path, now);
    if (t) out.push(t);
  });
  return out;
}
