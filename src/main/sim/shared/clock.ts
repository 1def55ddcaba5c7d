/** A source of wall-clock milliseconds; injected everywhere so tests never wait for real time. */
export type Now = () => number;

export const systemNow: Now = () => Date.now();

/** A clock that moves only when told to, for tests (rate-limit periods, idle timeouts, candles). */
export interface ManualClock {
  readonly now: Now;
  /** Moves the clock forward by ms. */
  advance(ms: number): void;
  /** Sets the clock to an absolute time. */
  set(ms: number): void;
}

/** Creates a ManualClock starting at `startMs`. */
export function manualClock(startMs = Date.UTC(2026, 0, 1)): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}
