import type { Candle, Resolution } from '../../../shared';
import type { KlineSuffix } from './stream-protocol';

/**
 * How each terminal resolution is served (specs/cryptocom-v1.md §4): a REST `period` in minutes
 * and a WS suffix. V1 has no 4-hour candle, so 4h is built from four 1-hour candles.
 */
export const KLINE_SOURCE: Readonly<Record<Resolution, { period: number; suffix: KlineSuffix; group: number }>> = {
  '1m': { period: 1, suffix: '1min', group: 1 },
  '5m': { period: 5, suffix: '5min', group: 1 },
  '15m': { period: 15, suffix: '15min', group: 1 },
  '30m': { period: 30, suffix: '30min', group: 1 },
  '1h': { period: 60, suffix: '60min', group: 1 },
  '4h': { period: 60, suffix: '60min', group: 4 },
  '1d': { period: 1440, suffix: '1day', group: 1 },
  '1w': { period: 10080, suffix: '1week', group: 1 },
  '1month': { period: 43200, suffix: '1month', group: 1 },
};

function merge(parts: readonly Candle[], time: number): Candle {
  let high = -Infinity;
  let low = Infinity;
  let volume = 0;
  for (const c of parts) {
    if (c.high > high) high = c.high;
    if (c.low < low) low = c.low;
    volume += c.volume;
  }
  return { time, open: parts[0]!.open, high, low, close: parts[parts.length - 1]!.close, volume };
}

/**
 * Groups ascending candles of `baseSeconds` into buckets of `group` of them (aligned to the
 * epoch). A leading bucket whose first part is missing is dropped: it would show a wrong open.
 */
export function groupCandles(candles: readonly Candle[], baseSeconds: number, group: number): Candle[] {
  if (group === 1) return [...candles];
  const size = baseSeconds * group;
  const out: Candle[] = [];
  let parts: Candle[] = [];
  let bucket = NaN;
  const flush = () => {
    if (parts.length === 0) return;
    if (out.length === 0 && parts[0]!.time !== bucket) return;
    out.push(merge(parts, bucket));
  };
  for (const c of candles) {
    const b = Math.floor(c.time / size) * size;
    if (b !== bucket) {
      flush();
      parts = [];
      bucket = b;
    }
    parts.push(c);
  }
  flush();
  return out;
}

function same(a: Candle | undefined, b: Candle): boolean {
  return !!a && a.time === b.time && a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume;
}

/**
 * The current candle from kline pushes (§6.6: the open candle is pushed again and again with
 * the same `id`). Answers the candle to show, or undefined for a repeat or an older bucket.
 * For grouped resolutions (4h) it keeps the parts of the current bucket, one per `id`.
 */
export class KlineTracker {
  private last: Candle | undefined;
  private parts = new Map<number, Candle>();
  private bucket = -Infinity;

  constructor(
    private readonly baseSeconds: number,
    private readonly group: number,
  ) {}

  push(candle: Candle): Candle | undefined {
    if (this.group === 1) {
      if (this.last && candle.time < this.last.time) return undefined;
      if (same(this.last, candle)) return undefined;
      this.last = candle;
      return candle;
    }
    const size = this.baseSeconds * this.group;
    const bucket = Math.floor(candle.time / size) * size;
    if (bucket < this.bucket) return undefined;
    if (bucket > this.bucket) {
      this.bucket = bucket;
      this.parts = new Map();
    }
    this.parts.set(candle.time, candle);
    const merged = merge([...this.parts.values()].sort((a, b) => a.time - b.time), bucket);
    if (same(this.last, merged)) return undefined;
    this.last = merged;
    return merged;
  }
}
