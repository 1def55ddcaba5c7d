import { type MarketProfile } from '../market';
import { type MatchingEngine, type SimCandle } from '../matching';
import { CODES, fail } from './codes';
import { publicTrade, tickerRow } from './format';
import { instrumentRow, MAX_ORDER_NOTIONAL_USD, MIN_ORDER_NOTIONAL_USD } from './markets';
import { toMs } from './request';

/** The public methods of specs/cryptocom-exchange.md §5.1–§5.6, on query parameters. */
export interface PublicDeps {
  readonly engine: MatchingEngine;
  readonly profiles: readonly MarketProfile[];
  readonly now: () => number;
}

/** §5.3 time frames (and the legacy names) in seconds; `1M` is served as 30 days. */
const TIMEFRAMES: Readonly<Record<string, number>> = {
  '1m': 60, '5m': 300, '15m': 900, '30m': 1800, '1h': 3600, '2h': 7200, '4h': 14_400, '6h': 21_600, '12h': 43_200,
  '1D': 86_400, '7D': 604_800, '14D': 1_209_600, '1M': 2_592_000,
  M1: 60, M5: 300, M15: 900, M30: 1800, H1: 3600, H2: 7200, H4: 14_400, H12: 43_200, D1: 86_400, D7: 604_800, D14: 1_209_600,
};

export function timeframeSeconds(name: string): number | undefined {
  return Object.hasOwn(TIMEFRAMES, name) ? TIMEFRAMES[name] : undefined;
}

function instrument(deps: PublicDeps, q: URLSearchParams): string {
  const name = q.get('instrument_name');
  if (!name) fail(CODES.MISSING_OR_INVALID_ARGUMENT, 'Invalid instrument_name');
  const market = deps.engine.market(name);
  if (!market || market.symbol !== name) fail(CODES.MISSING_OR_INVALID_ARGUMENT, 'Invalid instrument_name');
  return name;
}

function intQuery(q: URLSearchParams, field: string): bigint | undefined {
  const v = q.get(field);
  if (v === null || v === '') return undefined;
  if (!/^\d{1,20}$/.test(v)) fail(CODES.MISSING_OR_INVALID_ARGUMENT, `Invalid ${field}`);
  return BigInt(v);
}

export function getInstruments(deps: PublicDeps): unknown {
  return { data: deps.profiles.map((p) => instrumentRow(p, deps.engine.marketStatus(p.market.symbol) === 'running')) };
}

/** §5.2 and §8.13: depth 1..150, default 150. */
export function getBook(deps: PublicDeps, q: URLSearchParams): unknown {
  const name = instrument(deps, q);
  const depth = intQuery(q, 'depth') ?? 150n;
  if (depth < 1n || depth > 150n) fail(CODES.MISSING_OR_INVALID_ARGUMENT, 'Invalid depth');
  const book = deps.engine.bookWithCounts(name, Number(depth));
  const level = ([p, qty, n]: [string, string, number]) => [p, qty, String(n)];
  return { depth: Number(depth), instrument_name: name, data: [{ bids: book.bids.map(level), asks: book.asks.map(level), t: deps.now() }] };
}

/** §5.3 and §8.16: `count` candles ending at `end_ts`, oldest first, flat candles in quiet intervals. */
export function getCandlestick(deps: PublicDeps, q: URLSearchParams): unknown {
  const name = instrument(deps, q);
  const interval = q.get('timeframe') ?? '1m';
  const seconds = timeframeSeconds(interval);
  if (seconds === undefined) fail(CODES.INVALID_REQUEST, `Invalid timeframe ${JSON.stringify(interval)}`);
  const count = intQuery(q, 'count') ?? 25n;
  if (count === 0n) fail(CODES.MISSING_OR_INVALID_ARGUMENT, 'Invalid count');
  const n = Number(count > 300n ? 300n : count);
  const endTs = intQuery(q, 'end_ts');
  const startTs = intQuery(q, 'start_ts');
  return { interval, instrument_name: name, data: candleRows(deps.engine, name, seconds, n, endTs === undefined ? deps.now() : toMs(endTs), startTs === undefined ? undefined : toMs(startTs)) };
}

/** The `count` candles of `seconds` whose open lies at or before `endMs` (and at or after `startMs`). */
export function candleRows(engine: MatchingEngine, name: string, seconds: number, count: number, endMs: number, startMs?: number): Array<Record<string, unknown>> {
  const last = Math.floor(endMs / 1000 / seconds) * seconds;
  let first = last - (count - 1) * seconds;
  if (startMs !== undefined) first = Math.max(first, Math.ceil(startMs / 1000 / seconds) * seconds);
  if (first > last) return [];
  // A wider look back finds the close a leading quiet interval repeats.
  const found = engine.candles(name, seconds, first - 50 * seconds, last);
  const byTime = new Map<number, SimCandle>(found.map((c) => [c.time, c]));
  let close = [...found].reverse().find((c) => c.time < first)?.close;
  // A long quiet spell: look further back once for the close the flat candles repeat.
  close ??= engine.candles(name, seconds, first - 10_000 * seconds, first - 1).at(-1)?.close;
  const rows: Array<Record<string, unknown>> = [];
  for (let t = first; t <= last; t += seconds) {
    const c = byTime.get(t);
    if (c) {
      close = c.close;
      rows.push({ o: c.open, h: c.high, l: c.low, c: c.close, v: c.volume, t: t * 1000 });
    } else if (close !== undefined) rows.push({ o: close, h: close, l: close, c: close, v: '0', t: t * 1000 });
  }
  return rows;
}

/** §5.4: newest first, `count` ≤ 150 (capped), window ≤ 7 days, lowercase side (§8.12). */
export function getTrades(deps: PublicDeps, q: URLSearchParams): unknown {
  const name = instrument(deps, q);
  const count = Number((intQuery(q, 'count') ?? 25n) > 150n ? 150n : (intQuery(q, 'count') ?? 25n));
  const end = intQuery(q, 'end_ts');
  const endMs = end === undefined ? deps.now() + 1 : toMs(end);
  const start = intQuery(q, 'start_ts');
  const startMs = start === undefined ? endMs - 86_400_000 : toMs(start);
  if (endMs - startMs > 7 * 86_400_000) fail(CODES.MISSING_OR_INVALID_ARGUMENT, 'the start_ts..end_ts window is at most 7 days');
  const trades = deps.engine.recentTrades(name, 1000).filter((t) => t.time >= startMs && t.time < endMs).slice(0, count);
  return { data: trades.map((t) => publicTrade(t, false)) };
}

export function getTickers(deps: PublicDeps, q: URLSearchParams): unknown {
  const names = q.get('instrument_name') ? [instrument(deps, q)] : deps.profiles.map((p) => p.market.symbol);
  return { data: names.map((n) => tickerRow(deps.engine, n, deps.now(), false)) };
}

/** §5.6: only what a spot client needs (minimum order value per base currency). */
export function getRiskParameters(deps: PublicDeps): unknown {
  const bases = [...new Set(deps.profiles.map((p) => p.market.base))];
  return {
    default_max_product_leverage_for_spot: '3',
    default_max_order_notional_usd: MAX_ORDER_NOTIONAL_USD,
    default_min_order_notional_usd: MIN_ORDER_NOTIONAL_USD,
    base_currency_config: bases.map((b) => ({ instrument_name: b, order_limit: '100000.0', max_order_notional_usd: MAX_ORDER_NOTIONAL_USD, min_order_notional_usd: MIN_ORDER_NOTIONAL_USD })),
  };
}
