import { D, type Decimal } from '../shared/decimal';
import { type SimCandle } from './types';

interface Bucket {
  time: number;
  open: Decimal;
  high: Decimal;
  low: Decimal;
  close: Decimal;
  volume: Decimal;
  quoteVolume: Decimal;
}

const MINUTE = 60;

/** Candles made up on demand for the time before live trading (market/history.ts). */
export interface CandleHistory {
  /** First second NOT covered: live candles start here. */
  readonly endSec: number;
  /** Buckets whose start lies in [fromSec, toSec], oldest first, clipped to the history. */
  candles(resolutionSeconds: number, fromSec: number, toSec: number): SimCandle[];
  /** The history minutes in [fromSec, toSec) as one candle; undefined when none. */
  aggregate(fromSec: number, toSec: number): SimCandle | undefined;
  /** Close of the last history minute. */
  lastClose(): string;
}

/**
 * One market's candles, kept as 1-minute buckets (bounded) and aggregated on request to any
 * resolution that is a whole number of minutes. Buckets align to multiples of the resolution
 * since the Unix epoch.
 */
export class CandleSeries {
  private buckets: Bucket[] = [];
  private history: CandleHistory | undefined;

  constructor(private readonly maxMinutes = 60 * 24 * 31) {}

  /** Adds one trade (time in Unix ms). Out-of-order trades land in the latest bucket. */
  addTrade(timeMs: number, price: Decimal, quantity: Decimal): void {
    const start = Math.floor(timeMs / 1000 / MINUTE) * MINUTE;
    const last = this.buckets[this.buckets.length - 1];
    const quote = price.times(quantity);
    if (last && start <= last.time) {
      if (price.gt(last.high)) last.high = price;
      if (price.lt(last.low)) last.low = price;
      last.close = price;
      last.volume = last.volume.plus(quantity);
      last.quoteVolume = last.quoteVolume.plus(quote);
      return;
    }
    this.buckets.push({ time: start, open: price, high: price, low: price, close: price, volume: quantity, quoteVolume: quote });
    if (this.buckets.length > this.maxMinutes * 1.25) this.buckets = this.buckets.slice(this.buckets.length - this.maxMinutes);
  }

  /** Prepends history (1-minute candles, any order); ignored where live buckets exist. */
  seed(candles: readonly SimCandle[]): void {
    const firstLive = this.buckets[0]?.time ?? Infinity;
    const seeded = candles
      .filter((candle) => candle.time < firstLive)
      .map((candle) => ({ ...fromCandle(candle), time: Math.floor(candle.time / MINUTE) * MINUTE }))
      .sort((a, b) => a.time - b.time);
    this.buckets = [...seeded, ...this.buckets].slice(-this.maxMinutes);
  }

  /** Puts generated history before the live buckets (replaces any earlier one). */
  setHistory(history: CandleHistory): void {
    this.history = history;
  }

  /** Last traded (or seeded, or history) price. */
  lastPrice(): Decimal | undefined {
    const last = this.buckets[this.buckets.length - 1]?.close;
    return last ?? (this.history ? D(this.history.lastClose()) : undefined);
  }

  /** Candles whose bucket start lies in [fromSec, toSec], oldest first. */
  range(resolutionSeconds: number, fromSec: number, toSec: number): SimCandle[] {
    if (!Number.isInteger(resolutionSeconds) || resolutionSeconds < MINUTE || resolutionSeconds % MINUTE !== 0) {
      throw new RangeError(`resolution must be a positive whole number of minutes in seconds, got ${resolutionSeconds}`);
    }
    const firstBucket = Math.floor(fromSec / resolutionSeconds) * resolutionSeconds;
    const out: SimCandle[] = [];
    let current: Bucket | undefined;
    // History first: the bucket that straddles its end continues with the live minutes below.
    const past = this.history?.candles(resolutionSeconds, fromSec, toSec) ?? [];
    const lastPast = past.pop();
    for (const candle of past) out.push(candle);
    if (lastPast) current = fromCandle(lastPast);
    // Live minutes stamped before the history's end (a clock moved back) would count twice: skipped.
    for (let i = this.lowerBound(Math.max(firstBucket, this.history?.endSec ?? -Infinity)); i < this.buckets.length; i++) {
      const minute = this.buckets[i]!;
      const start = Math.floor(minute.time / resolutionSeconds) * resolutionSeconds;
      if (start > toSec) break;
      if (start < fromSec) continue;
      if (!current || current.time !== start) {
        if (current) out.push(toCandle(current));
        current = { ...minute, time: start };
      } else {
        if (minute.high.gt(current.high)) current.high = minute.high;
        if (minute.low.lt(current.low)) current.low = minute.low;
        current.close = minute.close;
        current.volume = current.volume.plus(minute.volume);
        current.quoteVolume = current.quoteVolume.plus(minute.quoteVolume);
      }
    }
    if (current) out.push(toCandle(current));
    return out;
  }

  /** Aggregate over (sinceSec, now]: open, high, low, close, volumes; undefined without data. */
  window(sinceSec: number): Omit<Bucket, 'time'> | undefined {
    const past = this.history?.aggregate(sinceSec, this.history.endSec);
    let agg: Omit<Bucket, 'time'> | undefined = past && fromCandle(past);
    for (let i = this.lowerBound(Math.max(sinceSec, this.history?.endSec ?? -Infinity)); i < this.buckets.length; i++) {
      const minute = this.buckets[i]!;
      if (!agg) agg = { ...minute };
      else {
        if (minute.high.gt(agg.high)) agg.high = minute.high;
        if (minute.low.lt(agg.low)) agg.low = minute.low;
        agg.close = minute.close;
        agg.volume = agg.volume.plus(minute.volume);
        agg.quoteVolume = agg.quoteVolume.plus(minute.quoteVolume);
      }
    }
    return agg;
  }

  private lowerBound(timeSec: number): number {
    let lo = 0;
    let hi = this.buckets.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.buckets[mid]!.time < timeSec) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function fromCandle(candle: SimCandle): Bucket {
  return {
    time: candle.time,
    open: D(candle.open),
    high: D(candle.high),
    low: D(candle.low),
    close: D(candle.close),
    volume: D(candle.volume),
    quoteVolume: D(candle.quoteVolume),
  };
}

function toCandle(bucket: Bucket): SimCandle {
  return {
    time: bucket.time,
    open: bucket.open.toString(),
    high: bucket.high.toString(),
    low: bucket.low.toString(),
    close: bucket.close.toString(),
    volume: bucket.volume.toString(),
    quoteVolume: bucket.quoteVolume.toString(),
  };
}
