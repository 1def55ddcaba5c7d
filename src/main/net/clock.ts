/**
 * Time as the networking and market code sees it. Everything that waits takes a Clock so
 * tests can drive time by hand (see tests/support/fake-clock.ts) instead of sleeping.
 */
export interface Clock {
  /** Unix milliseconds. */
  now(): number;
  /** Runs `fn` once after `ms`; returns the function that cancels it (safe to call twice). */
  setTimer(fn: () => void, ms: number): () => void;
}

/** The real clock: Date.now and setTimeout. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(handle);
  },
};
