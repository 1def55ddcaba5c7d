import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared';
import { groupCandles, KlineTracker } from './candles';

const c = (time: number, open: number, high: number, low: number, close: number, volume: number): Candle => ({ time, open, high, low, close, volume });
const H = 3600;

describe('4h candles from 1h (V1 has no 4h period, §4)', () => {
  it('merges aligned groups and drops a leading partial bucket', () => {
    const hours = [c(3 * H, 9, 9, 9, 9, 1), c(4 * H, 1, 5, 1, 2, 1), c(5 * H, 2, 3, 0.5, 3, 2), c(6 * H, 3, 4, 2, 4, 3), c(7 * H, 4, 6, 3, 5, 4), c(8 * H, 5, 5, 5, 5, 1)];
    expect(groupCandles(hours, H, 4)).toEqual([c(4 * H, 1, 6, 0.5, 5, 10), c(8 * H, 5, 5, 5, 5, 1)]);
  });
});

describe('KlineTracker (§6.6: the same id pushed again and again)', () => {
  it('emits a changed current candle, skips exact repeats and older buckets', () => {
    const t = new KlineTracker(60, 1);
    expect(t.push(c(120, 1, 1, 1, 1, 1))).toEqual(c(120, 1, 1, 1, 1, 1));
    expect(t.push(c(120, 1, 1, 1, 1, 1))).toBeUndefined();
    expect(t.push(c(120, 1, 2, 1, 2, 3))).toEqual(c(120, 1, 2, 1, 2, 3));
    expect(t.push(c(60, 5, 5, 5, 5, 5))).toBeUndefined();
    expect(t.push(c(180, 2, 2, 2, 2, 1))).toEqual(c(180, 2, 2, 2, 2, 1));
  });

  it('a 4h candle is rebuilt from the hourly pushes of its bucket, each hour counted once by id', () => {
    const t = new KlineTracker(H, 4);
    expect(t.push(c(4 * H, 1, 2, 1, 2, 1))).toEqual(c(4 * H, 1, 2, 1, 2, 1));
    expect(t.push(c(4 * H, 1, 3, 1, 3, 2))).toEqual(c(4 * H, 1, 3, 1, 3, 2));
    expect(t.push(c(5 * H, 3, 4, 0.5, 4, 5))).toEqual(c(4 * H, 1, 4, 0.5, 4, 7));
    expect(t.push(c(5 * H, 3, 4, 0.5, 4, 5))).toBeUndefined();
    expect(t.push(c(8 * H, 4, 4, 4, 4, 1))).toEqual(c(8 * H, 4, 4, 4, 4, 1));
    expect(t.push(c(7 * H, 9, 9, 9, 9, 9))).toBeUndefined();
  });
});
