import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../../tests/support/fake-clock';
import { RateLimiter } from '../../net/rate-limiter';
import { RestPipeline, type HttpLike, type Sent } from './rest';

/** Lets promise callbacks run; no time passes on the fake clock. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(spacing?: ReadonlyMap<string, number>) {
  const clock = new FakeClock(0);
  const sentAt: number[] = [];
  const http: HttpLike = {
    async request() {
      sentAt.push(clock.now());
      return { ok: true, status: 200, text: '{}', latencyMs: 0, headers: {} };
    },
    link: () => ({}),
  };
  const limiter = new RateLimiter({ exchange: 'cryptocom', rules: [{ id: 'orders', limit: 5, windowMs: 110 }, { id: 'query', limit: 1, windowMs: 110 }], clock });
  const pipeline = new RestPipeline({ name: 'Crypto.com', http, clock, ...(spacing ? { spacing } : {}) });
  const answers: Array<{ at: number; sent: Sent }> = [];
  const send = (rule: string, maxQueueMs: number, onQueued?: (at: number) => void) =>
    pipeline
      .send({ what: `a ${rule} call`, rule, limiter, maxQueueMs, request: { method: 'GET', path: '/x' }, ...(onQueued ? { onQueued } : {}) })
      .then((sent) => answers.push({ at: clock.now(), sent }));
  return { clock, sentAt, send, answers };
}

describe('RestPipeline: queue, or refuse at once (issue 20 #5)', () => {
  it('tells a queued call when it is expected to leave', async () => {
    const s = setup();
    const queued: number[] = [];
    for (let i = 0; i < 7; i++) void s.send('orders', 2_000, (at) => queued.push(at));
    await settle();
    expect(queued).toEqual([110, 110]);
    await s.clock.advanceAsync(110);
    expect(s.answers).toHaveLength(7);
  });

  it('a rule spaced from the previous reply refuses at once what the calls ahead would hold past its limit', async () => {
    const s = setup(new Map([['query', 110]]));
    for (let i = 0; i < 30; i++) void s.send('query', 1_000);
    await settle();
    // Nothing has been waited for: calls that would leave more than 1 s from now are answered already.
    const refused = s.answers.filter((a) => !a.sent.ok);
    expect(refused.length).toBeGreaterThanOrEqual(20);
    expect(refused.every((a) => a.at === 0 && !a.sent.ok && a.sent.error.code === 'RATE_LIMITED')).toBe(true);
    for (let t = 0; t < 2_000; t += 10) await s.clock.advanceAsync(10);
    // Every call that was kept was sent, none of them refused late.
    expect(s.answers.filter((a) => !a.sent.ok).length).toBe(refused.length);
    expect(s.sentAt.length).toBe(30 - refused.length);
    expect(Math.max(...s.sentAt)).toBeLessThanOrEqual(1_000);
  });
});
