import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchValue } from './use-now';

describe('watchValue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls back only when the answer changes, not on every tick', () => {
    let lastPushAt = Date.now();
    const silent = () => Date.now() - lastPushAt > 10_000;
    const changes: boolean[] = [];
    const stop = watchValue(silent, 500, (value) => changes.push(value));
    vi.advanceTimersByTime(9_500);
    expect(changes).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(changes).toEqual([true]);
    vi.advanceTimersByTime(5_000);
    expect(changes).toEqual([true]);
    lastPushAt = Date.now();
    vi.advanceTimersByTime(500);
    expect(changes).toEqual([true, false]);
    stop();
    vi.advanceTimersByTime(60_000);
    expect(changes).toEqual([true, false]);
  });
});
