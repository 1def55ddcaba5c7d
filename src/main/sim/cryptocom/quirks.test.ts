import { describe, expect, it } from 'vitest';
import { manualClock } from '../shared/clock';
import { makeQuirks } from './quirks';
import { CryptocomRateLimiter } from './rate-table';

describe('the V1 order-query rate switch (specs/cryptocom-v1.md §3, issue 18)', () => {
  const allowed = (perWindow: number) => {
    const clock = manualClock();
    const limiter = new CryptocomRateLimiter(makeQuirks({ orderQueryPer100ms: perWindow }), clock.now);
    let passed = 0;
    for (let i = 0; i < 12; i++) if (limiter.hit('/v1/showOrder', '127.0.0.1', 'key')) passed++;
    clock.advance(100);
    return { passed, afterWindow: limiter.hit('/v1/openOrders', '127.0.0.1', 'key') };
  };

  it('defaults to the strictest end, 1 per 100 ms, and takes any whole number up to 10', () => {
    expect(makeQuirks().orderQueryPer100ms).toBe(1);
    expect(allowed(1)).toEqual({ passed: 1, afterWindow: true });
    expect(allowed(4)).toEqual({ passed: 4, afterWindow: true });
    expect(allowed(10)).toEqual({ passed: 10, afterWindow: true });
  });

  it('refuses a rate outside the spec range, naming the switch', () => {
    for (const bad of [0, 11, 2.5, -1]) expect(() => makeQuirks({ orderQueryPer100ms: bad }), String(bad)).toThrow(/orderQueryPer100ms must be a whole number from 1 to 10/);
  });
});
