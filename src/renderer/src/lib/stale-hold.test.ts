import { describe, expect, it } from 'vitest';
import type { StreamStatus } from '../../../shared';
import { HELD_FOR_MS, StaleTracker, streamKey, type StaleHolds } from './stale-hold';

const entry = (state: StreamStatus['state'], since: number, key = 'icrypex:public'): StreamStatus => ({ key, exchange: 'icrypex', accountId: 'a', kind: 'public', state, since });
/** The latest end of the holds on these entries, or undefined. */
function heldUntil(holds: StaleHolds, streams: StreamStatus[]): number | undefined {
  const ends = streams.map((s) => holds[streamKey(s)]).filter((end): end is number => end !== undefined);
  return ends.length === 0 ? undefined : Math.max(...ends);
}
const until = (tracker: StaleTracker, streams: StreamStatus[], now: number) => heldUntil(tracker.observe(streams, now), streams);

describe('StaleTracker', () => {
  it('holds STALE after an outage that began and ended between two pushes (since moved, state connected both times)', () => {
    const tracker = new StaleTracker();
    expect(until(tracker, [entry('connected', 100)], 1_000)).toBeUndefined();
    expect(until(tracker, [entry('connected', 2_300)], 2_500)).toBe(2_500 + HELD_FOR_MS);
    // The same facts again add nothing, and the hold ends on time.
    expect(until(tracker, [entry('connected', 2_300)], 2_600)).toBe(2_500 + HELD_FOR_MS);
    expect(until(tracker, [entry('connected', 2_300)], 2_500 + HELD_FOR_MS)).toBeUndefined();
  });

  it('keeps a seen outage STALE for the hold time from when it was first seen, however fast it healed', () => {
    const tracker = new StaleTracker();
    tracker.observe([entry('connected', 100)], 1_000);
    expect(until(tracker, [entry('reconnecting', 1_900)], 2_000)).toBe(2_000 + HELD_FOR_MS);
    expect(until(tracker, [entry('connected', 2_050)], 2_100)).toBe(2_000 + HELD_FOR_MS);
  });

  it('does not mark a first connect, a new entry or a steady stream', () => {
    const tracker = new StaleTracker();
    expect(until(tracker, [entry('connecting', 100)], 150)).toBeUndefined();
    expect(until(tracker, [entry('connected', 300)], 350)).toBeUndefined();
    const two = [entry('connected', 300), entry('connected', 400, 'icrypex:public:book:ETHUSDT')];
    expect(until(tracker, two, 450)).toBeUndefined();
    expect(until(tracker, two, 9_000)).toBeUndefined();
  });

  it('holds an entry first seen already down, and only for the panes that depend on it', () => {
    const tracker = new StaleTracker();
    const holds = tracker.observe([entry('connected', 100), entry('stale', 150, 'icrypex:public:book:ETHUSDT')], 200);
    expect(heldUntil(holds, [entry('stale', 150, 'icrypex:public:book:ETHUSDT')])).toBe(200 + HELD_FOR_MS);
    expect(heldUntil(holds, [entry('connected', 100)])).toBeUndefined();
  });
});
