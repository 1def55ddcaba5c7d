import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../tests/support/fake-clock';
import { RateLimitedError, RateLimiter, type RateRule } from './rate-limiter';

/** Lets promise callbacks (the started calls) run; no time passes on the fake clock. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(rules: RateRule[]) {
  const clock = new FakeClock(0);
  const limiter = new RateLimiter({ exchange: 'icrypex', rules, clock });
  const started: Array<{ name: string; at: number }> = [];
  const call = (name: string, ruleIds: string[], on: RateLimiter = limiter, options = {}) =>
    on.schedule(
      ruleIds,
      () => {
        started.push({ name, at: clock.now() });
        return name;
      },
      options,
    );
  const names = () => started.map((s) => s.name);
  return { clock, limiter, started, call, names };
}

describe('RateLimiter', () => {
  it('queues calls over the limit instead of failing, and starts them when the 60 s window slides', async () => {
    const { clock, call, names } = setup([{ id: 'order-insert', limit: 2, windowMs: 60_000 }]);
    const results = ['a', 'b', 'c', 'd', 'e'].map((n) => call(n, ['order-insert']));
    await settle();
    expect(names()).toEqual(['a', 'b']);
    clock.advance(59_999);
    await settle();
    expect(names()).toEqual(['a', 'b']);
    clock.advance(1);
    await settle();
    expect(names()).toEqual(['a', 'b', 'c', 'd']);
    clock.advance(60_000);
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('uses a sliding window: never more than the limit in any window, even across window edges', async () => {
    const { clock, started, call } = setup([{ id: 'r', limit: 3, windowMs: 60_000 }]);
    void call('a', ['r']);
    await clock.advanceAsync(40_000);
    for (const n of ['b', 'c', 'd', 'e']) void call(n, ['r']);
    // a at 0, b and c at 40 s; d must wait until a leaves the window (60 s), e until b does (100 s).
    await clock.advanceAsync(60_000);
    expect(started).toEqual([
      { name: 'a', at: 0 },
      { name: 'b', at: 40_000 },
      { name: 'c', at: 40_000 },
      { name: 'd', at: 60_000 },
      { name: 'e', at: 100_000 },
    ]);
  });

  it('paces a 5 per 100 ms rule (Crypto.com order management) without ever exceeding it', async () => {
    const { clock, started, call } = setup([{ id: 'orders', limit: 5, windowMs: 100 }]);
    const all = Array.from({ length: 23 }, (_, i) => call(`o${i}`, ['orders']));
    await clock.advanceAsync(1_000);
    await Promise.all(all);
    const times = started.map((s) => s.at);
    expect(times).toHaveLength(23);
    for (const t of times) expect(times.filter((u) => u > t - 100 && u <= t).length).toBeLessThanOrEqual(5);
    // and it is not needlessly slow: five per window, back to back.
    expect(times).toEqual([0, 0, 0, 0, 0, 100, 100, 100, 100, 100, 200, 200, 200, 200, 200, 300, 300, 300, 300, 300, 400, 400, 400]);
  });

  it('waits for a slot in every rule named by one call', async () => {
    const { clock, call, names, limiter } = setup([
      { id: 'order-insert', limit: 10, windowMs: 60_000 },
      { id: 'ip-orders', limit: 1, windowMs: 1_000 },
    ]);
    void call('a', ['order-insert', 'ip-orders']);
    void call('b', ['order-insert', 'ip-orders']);
    await settle();
    expect(names()).toEqual(['a']);
    expect(limiter.budgets().map((b) => [b.rule, b.remaining, b.queued])).toEqual([
      ['order-insert', 9, 1],
      ['ip-orders', 0, 1],
    ]);
    clock.advance(1_000);
    await settle();
    expect(names()).toEqual(['a', 'b']);
  });

  it('counts an account call against the same-named IP rule too, shared by all accounts on that IP', async () => {
    const clock = new FakeClock(0);
    const ip = new RateLimiter({
      exchange: 'icrypex',
      clock,
      rules: [
        { id: 'order-insert', limit: 3, windowMs: 60_000 },
        { id: 'tickers', limit: 300, windowMs: 60_000 },
      ],
    });
    const rule = [{ id: 'order-insert', limit: 2, windowMs: 60_000 }];
    const alice = new RateLimiter({ exchange: 'icrypex', accountId: 'alice', rules: rule, parent: ip });
    const bob = new RateLimiter({ exchange: 'icrypex', accountId: 'bob', rules: rule, parent: ip });
    const started: string[] = [];
    const place = (who: RateLimiter, name: string) => who.schedule(['order-insert'], () => started.push(name));

    void place(alice, 'a1');
    void place(alice, 'a2');
    void place(alice, 'a3'); // over alice's own 2
    void place(bob, 'b1'); // IP has one left
    void place(bob, 'b2'); // IP is full
    await alice.schedule(['tickers'], () => started.push('t')); // an IP-only rule, not held up by orders
    await settle();
    expect(started).toEqual(['a1', 'a2', 'b1', 't']);
    expect(ip.budgets().find((b) => b.rule === 'order-insert')).toMatchObject({ remaining: 0, queued: 2 });
    expect(alice.budgets()).toEqual([
      { exchange: 'icrypex', accountId: 'alice', rule: 'order-insert', limit: 2, remaining: 0, windowMs: 60_000, queued: 1 },
    ]);
    clock.advance(60_000);
    await settle();
    expect(started).toEqual(['a1', 'a2', 'b1', 't', 'a3', 'b2']);
  });

  it('after a 429 blocks the rule for its rejection period, then resumes the queued calls', async () => {
    const { clock, call, names, limiter } = setup([{ id: 'wallet', limit: 120, windowMs: 60_000, penaltyMs: 60_000 }]);
    await call('before', ['wallet']);
    limiter.penalize(['wallet']);
    void call('queued1', ['wallet']);
    void call('queued2', ['wallet']);
    await settle();
    expect(names()).toEqual(['before']);
    expect(limiter.budgets()[0]).toMatchObject({ remaining: 0, blockedUntil: 60_000, queued: 2 });
    clock.advance(59_999);
    await settle();
    expect(names()).toEqual(['before']);
    clock.advance(1);
    await settle();
    expect(names()).toEqual(['before', 'queued1', 'queued2']);
    expect(limiter.budgets()[0]).not.toHaveProperty('blockedUntil');
  });

  it('penalize with an explicit end, or for all rules, and in the parent scope too', async () => {
    const clock = new FakeClock(0);
    const ip = new RateLimiter({ exchange: 'cryptocom', clock, rules: [{ id: 'market', limit: 100, windowMs: 1_000 }] });
    const acct = new RateLimiter({
      exchange: 'cryptocom',
      accountId: 'k',
      parent: ip,
      rules: [{ id: 'account', limit: 1, windowMs: 100 }],
    });
    acct.penalize(['market'], 5_000);
    expect(ip.budgets()[0]).toMatchObject({ blockedUntil: 5_000 });
    expect(acct.budgets()[0]).not.toHaveProperty('blockedUntil');
    acct.penalize('all');
    expect(acct.budgets()[0]).toMatchObject({ blockedUntil: 100 });
    // A shorter penalty never shortens a running one.
    expect(ip.budgets()[0]).toMatchObject({ blockedUntil: 5_000 });
  });

  it('is fair: a stream of later calls on one rule never delays an earlier call waiting for two rules', async () => {
    const { clock, started, call } = setup([
      { id: 'a', limit: 1, windowMs: 1_000 },
      { id: 'b', limit: 1, windowMs: 300 },
    ]);
    void call('first-a', ['a']);
    void call('needs-a-and-b', ['a', 'b']); // can start at 1 000, when a frees up
    // Keep b busy: a b-only call every 50 ms. Each may use b only while that leaves b free at
    // 1 000; plain FIFO without reservations would have started one at 900 and pushed it to 1 200.
    for (let t = 0; t < 1_500; t += 50) {
      void call(`b@${t}`, ['b']);
      await clock.advanceAsync(50);
    }
    const at = (name: string) => started.find((s) => s.name === name)?.at;
    expect(at('needs-a-and-b')).toBe(1_000);
    // b-only calls ran before (they did not have to wait for the earlier call) and after it.
    expect(at('b@0')).toBe(0);
    const bStarts = started.filter((s) => s.name.startsWith('b@')).map((s) => s.at);
    expect(bStarts.filter((t) => t > 700 && t < 1_300)).toEqual([]);
    expect(bStarts).toContain(1_300);
    // and b's rule held throughout, counting the two-rule call.
    const allB = [...bStarts, 1_000].sort((x, y) => x - y);
    for (let i = 1; i < allB.length; i++) expect(allB[i]! - allB[i - 1]!).toBeGreaterThanOrEqual(300);
  });

  it('starts calls waiting on the same rule in the order they were made', async () => {
    const { clock, call, names } = setup([{ id: 'r', limit: 1, windowMs: 100 }]);
    for (const n of ['1', '2', '3', '4', '5']) void call(n, ['r']);
    await clock.advanceAsync(500);
    expect(names()).toEqual(['1', '2', '3', '4', '5']);
  });

  it('does not hold a call behind queued calls it shares no rule with', async () => {
    const { call, names } = setup([
      { id: 'slow', limit: 1, windowMs: 60_000 },
      { id: 'fast', limit: 10, windowMs: 1_000 },
    ]);
    void call('s1', ['slow']);
    void call('s2', ['slow']);
    void call('f1', ['fast']);
    await settle();
    expect(names()).toEqual(['s1', 'f1']);
  });

  it('rejects with RateLimitedError at once when a call cannot start within maxWaitMs', async () => {
    const { clock, call, names, limiter } = setup([{ id: 'r', limit: 1, windowMs: 60_000 }]);
    await call('a', ['r']);
    const late = call('late', ['r'], limiter, { maxWaitMs: 5_000 });
    await expect(late).rejects.toBeInstanceOf(RateLimitedError);
    await expect(late).rejects.toMatchObject({ code: 'RATE_LIMITED', rules: ['r'], retryAt: 60_000 });
    // A call that can make it within its wait is kept and started.
    const patient = call('patient', ['r'], limiter, { maxWaitMs: 60_000 });
    clock.advance(60_000);
    await expect(patient).resolves.toBe('patient');
    expect(names()).toEqual(['a', 'patient']);
  });

  it('refuses at once a call the queue ahead of it would hold past maxWaitMs, and tells each queued call when it should start (issue 20 #5)', async () => {
    const { clock, limiter } = setup([{ id: 'order-management', limit: 5, windowMs: 110 }]);
    const expected: number[] = [];
    const refused: RateLimitedError[] = [];
    const calls = Array.from({ length: 200 }, (_, i) =>
      limiter.schedule(['order-management'], () => i, { maxWaitMs: 2_000, onQueued: (at) => expected.push(at) }).catch((e: RateLimitedError) => {
        refused.push(e);
        return -1;
      }),
    );
    await settle();
    // No time has passed: whatever could not start within 2 s was refused now, not after 2 s.
    // Call k starts at floor(k / 5) * 110 ms: calls 0-94 make it (1980 ms), 95-199 cannot.
    expect(refused).toHaveLength(105);
    expect(refused.every((e) => e.code === 'RATE_LIMITED' && e.retryAt! > 2_000)).toBe(true);
    expect(expected).toHaveLength(90);
    expect(expected.slice(0, 6)).toEqual([110, 110, 110, 110, 110, 220]);
    expect(expected.at(-1)).toBe(1_980);
    clock.advance(2_000);
    const results = await Promise.all(calls);
    expect(results.filter((r) => r >= 0)).toEqual(Array.from({ length: 95 }, (_, i) => i));
  });

  it('counts the time a call is out (untilDone) into the expected start of the calls behind it', async () => {
    const { clock, limiter } = setup([{ id: 'r', limit: 1, windowMs: 100 }]);
    // Two calls out for 50 ms each teach the limiter that a call holds its slot about 50 ms.
    for (let i = 0; i < 2; i++) {
      const out = limiter.schedule(['r'], () => new Promise<void>((resolve) => clock.setTimer(resolve, 50)), { untilDone: true });
      await settle();
      clock.advance(50);
      await out;
      clock.advance(100);
    }
    const at: number[] = [];
    const first = limiter.schedule(['r'], () => new Promise<void>((resolve) => clock.setTimer(resolve, 50)), { untilDone: true });
    const second = limiter.schedule(['r'], () => 'b', { untilDone: true, onQueued: (t) => at.push(t - clock.now()) });
    await settle();
    // The first is out (about 50 ms), then its window (100 ms) runs from its reply.
    expect(at).toEqual([150]);
    clock.advance(50);
    await first;
    clock.advance(100);
    await expect(second).resolves.toBe('b');
  });

  it('fails a call whose wait grows past maxWaitMs because a 429 arrived while it was queued', async () => {
    const { call, limiter } = setup([{ id: 'r', limit: 1, windowMs: 1_000, penaltyMs: 60_000 }]);
    await call('a', ['r']);
    const queued = call('q', ['r'], limiter, { maxWaitMs: 2_000 });
    limiter.penalize(['r']);
    await expect(queued).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAt: 60_000 });
  });

  it('removes an aborted call from the queue and lets the next one take its slot', async () => {
    const { clock, call, names, limiter } = setup([{ id: 'r', limit: 1, windowMs: 1_000 }]);
    await call('a', ['r']);
    const controller = new AbortController();
    const aborted = call('aborted', ['r'], limiter, { signal: controller.signal });
    const next = call('next', ['r']);
    controller.abort(new Error('user cancelled'));
    await expect(aborted).rejects.toThrow('user cancelled');
    expect(limiter.budgets()[0]!.queued).toBe(1);
    clock.advance(1_000);
    await expect(next).resolves.toBe('next');
    expect(names()).toEqual(['a', 'next']);
  });

  it('close() rejects the queued calls of that limiter only and refuses new ones', async () => {
    const clock = new FakeClock(0);
    const ip = new RateLimiter({ exchange: 'icrypex', clock, rules: [{ id: 'r', limit: 1, windowMs: 1_000 }] });
    const acct = new RateLimiter({ exchange: 'icrypex', accountId: 'x', parent: ip, rules: [] });
    await ip.schedule(['r'], () => 0);
    const mine = acct.schedule(['r'], () => 'mine');
    const theirs = ip.schedule(['r'], () => 'theirs');
    acct.close();
    await expect(mine).rejects.toBeInstanceOf(RateLimitedError);
    await expect(acct.schedule(['r'], () => 1)).rejects.toThrow(/closed/);
    clock.advance(1_000);
    await expect(theirs).resolves.toBe('theirs');
  });

  it('passes the call’s own result and failure through, and a failed call still used its slot', async () => {
    const { limiter } = setup([{ id: 'r', limit: 2, windowMs: 1_000 }]);
    await expect(limiter.schedule(['r'], async () => 42)).resolves.toBe(42);
    await expect(
      limiter.schedule(['r'], () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(limiter.budgets()[0]!.remaining).toBe(0);
  });

  it('rejects an unknown rule name and refuses bad rules at construction', async () => {
    const { limiter } = setup([{ id: 'r', limit: 1, windowMs: 1_000 }]);
    await expect(limiter.schedule(['nope'], () => 1)).rejects.toThrow('unknown rule "nope"');
    expect(() => new RateLimiter({ exchange: 'icrypex', rules: [{ id: 'x', limit: 0, windowMs: 1 }] })).toThrow(/limit/);
    expect(() => new RateLimiter({ exchange: 'icrypex', rules: [{ id: 'x', limit: 1, windowMs: 0 }] })).toThrow(/windowMs/);
    const dup = { id: 'x', limit: 1, windowMs: 1 };
    expect(() => new RateLimiter({ exchange: 'icrypex', rules: [dup, dup] })).toThrow(/twice/);
  });

  it('reports remaining budget recovering as the window slides', async () => {
    const { clock, limiter } = setup([{ id: 'r', limit: 3, windowMs: 1_000 }]);
    await limiter.schedule(['r'], () => 0);
    clock.advance(500);
    await limiter.schedule(['r'], () => 0);
    expect(limiter.budgets()[0]!.remaining).toBe(1);
    clock.advance(500);
    expect(limiter.budgets()[0]!.remaining).toBe(2);
    clock.advance(500);
    expect(limiter.budgets()[0]!.remaining).toBe(3);
  });

  it('with untilDone, holds a slot while the call is out and counts its window from the reply: calls slow on the way never bunch with the next window', async () => {
    const { clock, limiter } = setup([{ id: 'order-management', limit: 2, windowMs: 100 }]);
    const replied: Array<{ name: string; at: number }> = [];
    const reply: Record<string, () => void> = {};
    const call = (name: string) =>
      limiter.schedule(
        ['order-management'],
        () =>
          new Promise<string>((resolve) => {
            reply[name] = () => {
              replied.push({ name, at: clock.now() });
              resolve(name);
            };
          }),
        { untilDone: true },
      );
    const calls = ['a', 'b', 'c', 'd'].map(call);
    await settle();
    expect(Object.keys(reply)).toEqual(['a', 'b']);
    // a is answered at once; b is slow (a socket wait, a slow connect): answered at 80 ms.
    reply.a!();
    await settle();
    clock.advance(80);
    reply.b!();
    await settle();
    clock.advance(20);
    await settle();
    // 100 ms after a's reply: its slot is free again; b's is not until 180.
    expect(Object.keys(reply)).toEqual(['a', 'b', 'c']);
    reply.c!();
    await settle();
    clock.advance(79);
    await settle();
    expect(Object.keys(reply)).toEqual(['a', 'b', 'c']);
    clock.advance(1);
    await settle();
    expect(Object.keys(reply)).toEqual(['a', 'b', 'c', 'd']);
    reply.d!();
    await expect(Promise.all(calls)).resolves.toEqual(['a', 'b', 'c', 'd']);
  });

  it('with untilDone, a call still out does not make a queued call with a deadline fail early', async () => {
    const { clock, limiter } = setup([{ id: 'r', limit: 1, windowMs: 100 }]);
    let answer!: () => void;
    const first = limiter.schedule(['r'], () => new Promise<void>((resolve) => (answer = resolve)), { untilDone: true });
    const second = limiter.schedule(['r'], () => 'second', { maxWaitMs: 500, untilDone: true });
    await settle();
    clock.advance(50);
    answer();
    await first;
    clock.advance(149);
    await settle();
    clock.advance(1);
    await expect(second).resolves.toBe('second');
  });
});
