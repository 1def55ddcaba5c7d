import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../shared';
import { gapBefore, mergeCandles } from './candle-merge';

const c = (time: number, close: number): Candle => ({ time, open: close, high: close, low: close, close, volume: 1 });

describe('mergeCandles', () => {
  it('fills the buckets a reconnect missed, in time order, without repeats', () => {
    // Shown: 60, 120 (its final state missed), then live 360 after the socket came back.
    const shown = [c(60, 1), c(120, 2), c(360, 6)];
    const fetched = [c(120, 2.5), c(180, 3), c(240, 4), c(300, 5), c(360, 5.9)];
    expect(mergeCandles(shown, fetched, 360)).toEqual([c(60, 1), c(120, 2.5), c(180, 3), c(240, 4), c(300, 5), c(360, 6)]);
  });

  it('prepends an older page', () => {
    expect(mergeCandles([c(180, 3), c(240, 4)], [c(60, 1), c(120, 2), c(180, 3)]).map((x) => x.time)).toEqual([60, 120, 180, 240]);
  });

  it('takes a live bucket from REST when the stream has not pushed it', () => {
    expect(mergeCandles([c(60, 1)], [c(60, 1.5), c(120, 2)], 120)).toEqual([c(60, 1.5), c(120, 2)]);
  });
});

describe('gapBefore', () => {
  it('asks for the stretch from the last candle shown to the live one', () => {
    expect(gapBefore(120, 360, 60)).toEqual({ from: 120, to: 420 });
  });

  it('sees no gap for the same or the next bucket', () => {
    expect(gapBefore(120, 120, 60)).toBeUndefined();
    expect(gapBefore(120, 180, 60)).toBeUndefined();
  });
});
