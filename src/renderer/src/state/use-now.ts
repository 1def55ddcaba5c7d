import { useEffect, useRef, useState } from 'react';

/** A clock that ticks every `periodMs` (for "stale since" and "blocked for" labels). */
export function useNow(periodMs: number, clock: () => number = Date.now): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs, clock]);
  return now;
}

/**
 * Checks `read()` every `periodMs` and calls `changed` only when its answer differs from the
 * last one (compared with Object.is); returns the function that stops it.
 */
export function watchValue<T>(read: () => T, periodMs: number, changed: (value: T) => void): () => void {
  let last = read();
  const timer = setInterval(() => {
    const value = read();
    if (Object.is(value, last)) return;
    last = value;
    changed(value);
  }, periodMs);
  return () => clearInterval(timer);
}

/**
 * `compute(clock())`, kept current as time passes: checked every `periodMs`, the component
 * renders again only when the answer changes (a book pane asks "silent?" twice a second and
 * renders only when the answer flips, not on every tick; issue 19 #5).
 */
export function useClockValue<T>(compute: (now: number) => T, periodMs: number, clock: () => number = Date.now): T {
  const latest = useRef(compute);
  useEffect(() => {
    latest.current = compute;
  });
  const [, rendered] = useState(0);
  useEffect(() => watchValue(() => latest.current(clock()), periodMs, () => rendered((n) => n + 1)), [periodMs, clock]);
  return compute(clock());
}
