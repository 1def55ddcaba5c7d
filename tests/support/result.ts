import { expect } from 'vitest';

/**
 * Asserts that a result succeeded and narrows it, so a test reads the value without an `if`
 * that could let the assertions after it pass unseen (issue 16 point 7). Fails showing the result.
 */
export function assertOk<R extends { ok: boolean }>(result: R, what = 'the result'): asserts result is Extract<R, { ok: true }> {
  expect(result.ok, `${what} should have succeeded: ${JSON.stringify(result).slice(0, 400)}`).toBe(true);
}

/** Asserts that a result failed and narrows it to the failure (see assertOk). */
export function assertFailed<R extends { ok: boolean }>(result: R, what = 'the result'): asserts result is Extract<R, { ok: false }> {
  expect(result.ok, `${what} should have failed: ${JSON.stringify(result).slice(0, 400)}`).toBe(false);
}
