import { KLINE_PERIODS, type MarketView } from './market-view';
import { type CryptocomQuirks } from './quirks';
import { type KlineSuffix, klineTick, repBody, statsTick, tradeItem } from './ws-frames';

/** What a `req` handler reads. */
export interface HistoryContext {
  view: MarketView;
  quirks: CryptocomQuirks;
  now: number;
}

const HOUR_S = 3600;

/**
 * Kline history (specs/cryptocom-v1.md §6.7): `since` (seconds) returns candles after it, at
 * most 1 h of data, and `since` may not be older than 1 h (clamped here); `pageSize` ≤ 300,
 * default 300. An empty-string field closes the socket as on S12 ('close').
 */
export function klineHistory(name: string, symbol: string, period: KlineSuffix, params: Record<string, unknown>, ctx: HistoryContext): string | 'close' {
  if (Object.values(params).some((v) => v === '')) return 'close';
  const seconds = (KLINE_PERIODS.find((p) => p.ws === period)?.minutes ?? 1) * 60;
  const pageSize = clampInt(params.pageSize, 1, 300, 300);
  const nowS = Math.floor(ctx.now / 1000);
  const extra: Record<string, unknown> = {};
  let fromMs: number;
  let toMs = ctx.now;
  const since = Number(params.since);
  if (params.since !== undefined && Number.isFinite(since)) {
    extra.since = params.since;
    const from = Math.max(since, nowS - HOUR_S);
    fromMs = (from + 1) * 1000;
    toMs = Math.min(ctx.now, (from + HOUR_S) * 1000);
  } else {
    fromMs = (Math.floor(nowS / seconds) - pageSize + 1) * seconds * 1000;
  }
  const candles = ctx.view.candles(symbol, seconds, fromMs, toMs).slice(-pageSize);
  return repBody(name, params, candles.map((c) => klineTick(c, ctx.quirks)), extra, ctx.now, ctx.quirks);
}

/** Trade history (§6.7): `top` ≤ 200 (default 200), newest first. */
export function tradeHistory(name: string, symbol: string, params: Record<string, unknown>, ctx: HistoryContext): string {
  const top = clampInt(params.top, 1, 200, 200);
  const data = ctx.view.trades(symbol, top).map((t) => tradeItem(t, ctx.quirks));
  return repBody(name, params, data, { top }, ctx.now, ctx.quirks);
}

/** `review` (§6.7): 24 h stats of every market, exactly 7 keys each. */
export function reviewData(name: string, params: Record<string, unknown>, ctx: HistoryContext): string {
  const data: Record<string, unknown> = {};
  for (const m of ctx.view.markets()) data[m.symbol] = statsTick(ctx.view.stats(m.symbol), ctx.quirks);
  return repBody(name, params, data, {}, ctx.now, ctx.quirks);
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(n)));
}
