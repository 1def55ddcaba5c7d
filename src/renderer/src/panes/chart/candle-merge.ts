import type { Candle } from '../../../../shared';

/**
 * Merging chart history (issue 14 #4: no holes). The chart holds candles oldest first; REST
 * pages (older history, or the stretch a reconnect missed) are merged in by bucket time.
 * REST states a closed candle with authority, but the newest candle the live stream has pushed
 * can be ahead of a REST answer that left before the push, so that one keeps the live state.
 */
export function mergeCandles(shown: readonly Candle[], fetched: readonly Candle[], liveTime?: number): Candle[] {
  if (fetched.length === 0) return [...shown];
  const byTime = new Map<number, Candle>();
  for (const c of shown) byTime.set(c.time, c);
  for (const c of fetched) {
    if (c.time === liveTime && byTime.has(c.time)) continue;
    byTime.set(c.time, c);
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/**
 * The stretch to read again when a live candle arrives after `lastTime`: the last candle shown
 * (its final state may have been missed) up to the new one. Undefined when the new candle is
 * the same or the next bucket, so nothing can be missing.
 */
export function gapBefore(lastTime: number | undefined, liveTime: number, step: number): { from: number; to: number } | undefined {
  if (lastTime === undefined || liveTime - lastTime <= step) return undefined;
  return { from: lastTime, to: liveTime + step };
}
