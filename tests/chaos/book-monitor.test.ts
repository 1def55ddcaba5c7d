import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BookSnapshot } from '../../src/shared';
import { BookMonitor, SILENT_WRONG_MS } from './support/book-monitor';

// The long chaos run counted quiet books "silently wrong" for 4-6 s on both exchanges. Traced:
// each was two lost updates in a row, each repaired by the quiet check within 2.5 s, the book
// right for 2 ms in between; sampling every 20 ms missed that moment and joined two repaired
// faults into one spell. The monitor must look at every book the connector hands over.
const book: BookSnapshot = { exchange: 'icrypex', symbol: 'BTCUSDT', bids: [], asks: [], stale: false, time: 0 };
let right = true;
let monitor: BookMonitor;

beforeEach(() => {
  vi.useFakeTimers();
  right = true;
  monitor = new BookMonitor(
    () => book,
    () => right,
  );
  monitor.phase = 'quiet';
  monitor.start();
});
afterEach(() => {
  monitor.stop();
  vi.useRealTimers();
});

/** The exchange's book changes (`right` false) or the connector hands over a book (`look`). */
const wrongFor = (ms: number) => {
  right = false;
  vi.advanceTimersByTime(ms);
};
const repaired = () => {
  right = true;
  monitor.look();
};

describe('chaos book monitor', () => {
  it('counts a LIVE book wrong past the budget once', () => {
    wrongFor(SILENT_WRONG_MS + 100);
    repaired();
    vi.advanceTimersByTime(100);
    expect(monitor.silentlyWrong).toEqual({ moving: 0, quiet: 1, 'half-open': 0 });
    expect(monitor.spells).toHaveLength(1);
    expect(monitor.spells[0]!.ms).toBeGreaterThan(SILENT_WRONG_MS);
  });

  it('ends a spell at a right book shown between two samples: two repaired faults are not one', () => {
    wrongFor(2_500);
    repaired(); // the quiet check's snapshot ...
    wrongFor(2_500); // ... and 2 ms later the next update is lost
    repaired();
    vi.advanceTimersByTime(100);
    expect(monitor.silentlyWrong).toEqual({ moving: 0, quiet: 0, 'half-open': 0 });
    expect(monitor.longestWrongMs).toBeLessThanOrEqual(2_500);
  });
});
