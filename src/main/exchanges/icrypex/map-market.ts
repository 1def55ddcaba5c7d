import Big from 'big.js';
import type { BookLevel, BookSnapshot, Candle, Market, OrderType, Ticker, Trade } from '../../../shared';
import { mapOrderType, mapSide } from './enums';
import { arr, dec, enumKey, int, num, obj, optDec, pick, str, toMs, toSeconds, WireError, type Obj } from '../kit/wire';

/** Maps `GET /v1/exchange/info` (specs/icrypex.md §7.1) to spot markets; perpetuals are skipped. */
export function mapExchangeInfo(body: unknown): Market[] {
  const root = obj(body, 'exchangeInfo');
  const pairs = arr(root.pairs, 'exchangeInfo.pairs');
  const markets: Market[] = [];
  pairs.forEach((raw, i) => {
    const m = mapPair(obj(raw, `pairs[${i}]`), `pairs[${i}]`);
    if (m) markets.push(m);
  });
  return markets;
}

function mapPair(p: Obj, at: string): Market | undefined {
  // §2: the live catalog also lists `BTCUSDT/P` perpetuals; this is a spot terminal.
  const types = p.marketTypes === undefined ? ['SPOT'] : arr(p.marketTypes, `${at}.marketTypes`).map((t) => String(t).toUpperCase());
  if (!types.includes('SPOT')) return undefined;
  const symbol = str(p.symbol, `${at}.symbol`).toUpperCase();
  const pricePrecision = int(p.pricePrecision, `${at}.pricePrecision`);
  const quantityPrecision = int(p.quantityPrecision, `${at}.quantityPrecision`);
  // Issue 12: 10^-n is built from these (unit below); a hostile 1000000 cost a million-digit
  // power. The terminal's decimals go to 18 places, like Crypto.com's (cryptocom/map-market.ts).
  for (const [field, n] of [['pricePrecision', pricePrecision], ['quantityPrecision', quantityPrecision]] as const) {
    if (n < 0 || n > 18) throw new WireError(`${at}.${field}`, `expected a number of decimal places (0-18), got ${n}`);
  }
  const tick = optDec(p.tickSize, `${at}.tickSize`);
  const orderTypes: OrderType[] = [];
  if (Array.isArray(p.orderTypes)) {
    p.orderTypes.forEach((t, j) => {
      try {
        orderTypes.push(mapOrderType(t, `${at}.orderTypes[${j}]`));
      } catch {
        // An order type we do not know is not offered; the pair stays usable.
      }
    });
  } else {
    orderTypes.push('limit', 'market', 'stop-limit', 'stop-market');
  }
  return {
    exchange: 'icrypex',
    symbol,
    nativeSymbol: str(p.symbol, `${at}.symbol`),
    base: str(p.base, `${at}.base`).toUpperCase(),
    quote: str(p.quote, `${at}.quote`).toUpperCase(),
    pricePrecision,
    quantityPrecision,
    tickSize: tick && tick !== '0' ? tick : unit(pricePrecision),
    stepSize: unit(quantityPrecision),
    minNotional: optDec(p.minExchangeValue, `${at}.minExchangeValue`) ?? '0',
    orderTypes,
    status: mapPairStatus(p.status, p.isEnabled),
  };
}

/** §7.1: live `status` is `Running`/`CancelOnly`; D's `isEnabled` is absent on the wire. */
function mapPairStatus(status: unknown, isEnabled: unknown): Market['status'] {
  if (isEnabled === false) return 'halted';
  if (status === undefined || status === null) return 'trading';
  const k = enumKey(status, 'status').replace(/_/g, '');
  if (k === 'RUNNING' || k === 'TRADING' || k === 'OPEN') return 'trading';
  if (k === 'CANCELONLY') return 'cancel-only';
  return 'halted';
}

/** 10^-n as a decimal string: 2 -> "0.01". */
export function unit(precision: number): string {
  return new Big(1).div(new Big(10).pow(precision)).toFixed(precision);
}

/** `GET /v1/tickers` (§7.2): `change` is a percent, `qty` the price change, `volume` base volume. */
export function mapTickers(body: unknown, now: number): Ticker[] {
  return arr(body, 'tickers').map((raw, i) => {
    const t = obj(raw, `tickers[${i}]`);
    const at = `tickers[${i}]`;
    return {
      exchange: 'icrypex',
      symbol: str(t.symbol, `${at}.symbol`).toUpperCase(),
      last: dec(t.last, `${at}.last`),
      bid: optDec(t.bid, `${at}.bid`),
      ask: optDec(t.ask, `${at}.ask`),
      high: dec(t.high, `${at}.high`),
      low: dec(t.low, `${at}.low`),
      changeRatio: t.change === undefined ? 0 : num(t.change, `${at}.change`) / 100,
      volume: dec(t.volume, `${at}.volume`),
      time: now,
    } satisfies Ticker;
  });
}

/** Price-level rows `{p, q}` (REST book, WS snapshot). */
export function mapLevels(v: unknown, field: string): BookLevel[] {
  return arr(v, field).map((raw, i) => {
    const r = obj(raw, `${field}[${i}]`);
    return [dec(r.p, `${field}[${i}].p`), dec(r.q, `${field}[${i}].q`)] as BookLevel;
  });
}

/** `GET /v1/orderbook` (§7.3). An unknown symbol answers 200 with empty sides, not an error. */
export function mapRestBook(body: unknown, symbol: string, now: number, depth?: number): BookSnapshot {
  const b = obj(body, 'orderbook');
  const bids = mapLevels(b.bids ?? [], 'orderbook.bids');
  const asks = mapLevels(b.asks ?? [], 'orderbook.asks');
  // Sort defensively: §7.3 says asks ascending, bids descending, but nothing checks it.
  bids.sort((x, y) => Number(y[0]) - Number(x[0]));
  asks.sort((x, y) => Number(x[0]) - Number(y[0]));
  const n = depth ?? Number.MAX_SAFE_INTEGER;
  return { exchange: 'icrypex', symbol, bids: bids.slice(0, n), asks: asks.slice(0, n), stale: false, time: now };
}

/**
 * Trade time in ms from `d`. §7.4/§9 #15: documented as seconds, but a live reply carried
 * seconds/1000 (d < 1e9); such values are read as thousands of seconds (1000 s resolution).
 */
export function tradeTimeMs(d: number): number {
  if (d < 1e9) return d * 1_000_000;
  return toMs(d);
}

/** Builds trade ids: Icrypex trades carry none, so time+price+qty+side (+ a repeat counter). */
export function tradeIds(trades: Omit<Trade, 'id'>[]): Trade[] {
  const seen = new Map<string, number>();
  return trades.map((t) => {
    const base = `${t.time}:${t.price}:${t.quantity}:${t.side}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { ...t, id: n === 0 ? base : `${base}#${n}` };
  });
}

/** `GET /v1/trades/last` (§7.4): `lastTrades` and `trades` both accepted; returned oldest first. */
export function mapRecentTrades(body: unknown, symbol: string): Trade[] {
  const b = obj(body, 'trades/last');
  const rows = arr(pick(b, ['trades', 'lastTrades', 'items']) ?? [], 'trades/last.trades');
  const trades = rows.map((raw, i) => mapTradeRow(obj(raw, `trades[${i}]`), `trades[${i}]`, symbol));
  trades.sort((a, b2) => a.time - b2.time);
  return tradeIds(trades);
}

/** One public trade row, REST (`s` "BUY"/"SELL") or WS (`s` 0/1, `ps` pair). */
export function mapTradeRow(t: Obj, at: string, symbol: string): Omit<Trade, 'id'> {
  return {
    exchange: 'icrypex',
    symbol,
    price: dec(t.p ?? t.price, `${at}.p`),
    quantity: dec(t.q ?? t.quantity, `${at}.q`),
    side: mapSide(t.s ?? t.side, `${at}.s`),
    time: tradeTimeMs(num(t.d ?? t.date, `${at}.d`)),
  };
}

/**
 * `GET /v1/trades/kline` (§7.5): UDF parallel arrays of numbers. `no_data` is an empty range;
 * `error` carries the server's message.
 */
export function mapKlines(body: unknown): Candle[] {
  const b = obj(body, 'kline');
  const status = b.s === undefined ? 'ok' : str(b.s, 'kline.s').toLowerCase();
  if (status === 'no_data') return [];
  if (status !== 'ok') {
    const why = typeof b.errmsg === 'string' ? b.errmsg : `status "${status}"`;
    throw new WireError('kline.s', why);
  }
  const t = arr(b.t ?? [], 'kline.t');
  const cols = ['o', 'h', 'l', 'c', 'v'].map((k) => arr(b[k] ?? [], `kline.${k}`));
  for (const [j, c] of cols.entries()) {
    if (c.length !== t.length) throw new WireError(`kline.${'ohlcv'[j]}`, `has ${c.length} values for ${t.length} times`);
  }
  return t.map((time, i) => ({
    time: toSeconds(int(time, `kline.t[${i}]`)),
    open: num(cols[0]![i], `kline.o[${i}]`),
    high: num(cols[1]![i], `kline.h[${i}]`),
    low: num(cols[2]![i], `kline.l[${i}]`),
    close: num(cols[3]![i], `kline.c[${i}]`),
    volume: num(cols[4]![i], `kline.v[${i}]`),
  }));
}

/** Merges candles into wider buckets (30m from 15m); input oldest first. */
export function mergeCandles(candles: Candle[], bucketSeconds: number): Candle[] {
  const out: Candle[] = [];
  for (const c of candles) {
    const start = Math.floor(c.time / bucketSeconds) * bucketSeconds;
    const last = out[out.length - 1];
    if (last && last.time === start) {
      last.high = Math.max(last.high, c.high);
      last.low = Math.min(last.low, c.low);
      last.close = c.close;
      last.volume += c.volume;
    } else {
      out.push({ ...c, time: start });
    }
  }
  return out;
}
