import { useEffect, useState } from 'react';

/** A clock that ticks every `periodMs` (for "stale since" and "blocked for" labels). */
export function useNow(periodMs: number, clock: () => number = Date.now): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs, clock]);
  return now;
}
