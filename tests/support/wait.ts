/**
 * The one way tests wait for something to happen (no fixed sleeps): polls `probe` until it
 * answers a truthy value and returns that value; fails naming `what` after `timeoutMs`. Built
 * on vi.waitFor, which retries while the callback throws. Vitest is loaded on first use, so
 * benches that share test support (bench/hostile-numbers.ts) can load this file outside Vitest.
 */
export async function waitFor<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, what = 'the condition', timeoutMs = 5_000): Promise<T> {
  const { vi } = await import('vitest');
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (!value) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      return value;
    },
    { timeout: timeoutMs, interval: 10 },
  );
}
