import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from './clock';
import { D, decimalsOf, floorToStep, parseDecimal } from './decimal';
import { Faults } from './faults';
import { type LoopbackServer, Router, startLoopbackServer } from './http';
import { MultiKeyLimiter, RateWindow } from './rate-limit';
import { createRng } from './rng';

describe('decimal helpers', () => {
  it('prints tiny and huge values without exponents and trims trailing zeros', () => {
    expect(D('0.00000001').toString()).toBe('0.00000001');
    expect(D('1e21').toString()).toBe('1000000000000000000000');
    expect(D('87107.10').toString()).toBe('87107.1');
  });

  it('parses only non-negative plain decimals', () => {
    expect(parseDecimal('0.5')?.toString()).toBe('0.5');
    expect(parseDecimal(' 12 ')?.toString()).toBe('12');
    for (const bad of ['-1', '1e5', 'abc', '', '1,5', null, NaN, -2]) expect(parseDecimal(bad)).toBeUndefined();
  });

  it('counts step decimals and floors to a step', () => {
    expect(decimalsOf('0.001')).toBe(3);
    expect(decimalsOf('1')).toBe(0);
    expect(floorToStep(D('1.23456'), D('0.01')).toString()).toBe('1.23');
  });
});

describe('createRng', () => {
  it('repeats a sequence for a seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('keeps ints in range and normal deviates centred', () => {
    const rng = createRng('labels work too');
    const ints = Array.from({ length: 2000 }, () => rng.int(3, 7));
    expect(Math.min(...ints)).toBe(3);
    expect(Math.max(...ints)).toBe(7);
    const normals = Array.from({ length: 4000 }, () => rng.normal());
    const mean = normals.reduce((s, x) => s + x, 0) / normals.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
  });
});

describe('RateWindow', () => {
  it('allows `limit` hits per sliding window, then rejects for the penalty period', () => {
    const clock = manualClock(0);
    const window = new RateWindow({ name: 'orders', limit: 3, windowMs: 60_000, penaltyMs: 60_000 }, clock.now);
    expect([1, 2, 3].map(() => window.hit('ip').allowed)).toEqual([true, true, true]);
    expect(window.hit('ip')).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect(window.hit('other').allowed).toBe(true);
    clock.advance(59_999);
    expect(window.hit('ip').allowed).toBe(false);
    clock.advance(1);
    expect(window.hit('ip').allowed).toBe(true);
  });

  it('works for 100 ms windows without a penalty (hits age out)', () => {
    const clock = manualClock(0);
    const window = new RateWindow({ name: 'cdc', limit: 5, windowMs: 100, penaltyMs: 0 }, clock.now);
    for (let i = 0; i < 5; i++) expect(window.hit('key').allowed).toBe(true);
    expect(window.hit('key').allowed).toBe(false);
    clock.advance(100);
    expect(window.hit('key').allowed).toBe(true);
  });

  it('rejects on either key when counted per IP and per account', () => {
    const clock = manualClock(0);
    const limiter = new MultiKeyLimiter({ name: 'x', limit: 2, windowMs: 1000, penaltyMs: 1000 }, 2, clock.now);
    expect(limiter.hit(['ip1', 'acct']).allowed).toBe(true);
    expect(limiter.hit(['ip2', 'acct']).allowed).toBe(true);
    // Account counter is full even though ip3 is fresh.
    expect(limiter.hit(['ip3', 'acct']).allowed).toBe(false);
    expect(limiter.hit(['ip3', 'other']).allowed).toBe(true);
  });
});

describe('Faults.planRequest', () => {
  it('fails the next N matching requests, then passes', () => {
    const faults = new Faults();
    faults.failNext({ status: 503, count: 2, match: { method: 'post', path: /orders/ } });
    expect(faults.planRequest({ method: 'GET', path: '/sapi/v1/orders' }).kind).toBe('pass');
    expect(faults.planRequest({ method: 'POST', path: '/sapi/v1/orders' })).toMatchObject({ kind: 'fail', status: 503 });
    expect(faults.planRequest({ method: 'POST', path: '/sapi/v1/orders' })).toMatchObject({ kind: 'fail', status: 503 });
    expect(faults.planRequest({ method: 'POST', path: '/sapi/v1/orders' }).kind).toBe('pass');
  });

  it('consumes one-shot socket flags and clears everything on reset', () => {
    const faults = new Faults();
    faults.skipChangeSet('btcusdt');
    faults.rejectNextSignature();
    faults.truncateNextGzipFrame();
    faults.stopHeartbeats();
    faults.delayResponses(50);
    expect(faults.takeSkipChangeSet('BTCUSDT')).toBe(true);
    expect(faults.takeSkipChangeSet('BTCUSDT')).toBe(false);
    expect(faults.takeRejectSignature()).toBe(true);
    expect(faults.takeRejectSignature()).toBe(false);
    expect(faults.heartbeatsStopped).toBe(true);
    expect(faults.planRequest({ method: 'GET', path: '/' }).delayMs).toBe(50);
    faults.reset();
    expect(faults.takeTruncateGzip()).toBe(false);
    expect(faults.heartbeatsStopped).toBe(false);
    expect(faults.planRequest({ method: 'GET', path: '/' }).delayMs).toBe(0);
  });
});

describe('startLoopbackServer', () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('routes by method and :param, answers 404 and 405, and applies failNext and holdNext', async () => {
    const faults = new Faults();
    let executed = 0;
    const router = new Router()
      .add('GET', '/v1/items/:id', (req) => ({ status: 200, body: { id: req.params.id, q: req.query.get('q') } }))
      .add('POST', '/v1/items', (req) => {
        executed++;
        return { status: 200, body: { got: JSON.parse(req.body) as unknown } };
      });
    server = await startLoopbackServer({ router, faults });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const get = await fetch(`${server.url}/v1/items/a%2Fb?q=1`);
    expect(await get.json()).toEqual({ id: 'a/b', q: '1' });
    const missing = await fetch(`${server.url}/nope`);
    expect([missing.status, await missing.text()]).toEqual([404, '']);
    expect((await fetch(`${server.url}/v1/items`, { method: 'DELETE' })).status).toBe(405);

    faults.failNext({ status: 502, match: { path: /items/ } });
    expect((await fetch(`${server.url}/v1/items/x`)).status).toBe(502);

    const held = faults.holdNext({ method: 'POST' }, 150);
    const controller = new AbortController();
    const request = fetch(`${server.url}/v1/items`, { method: 'POST', body: '{"a":1}', signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(request).rejects.toThrow();
    expect(executed).toBe(0);
    await held;
    expect(executed).toBe(1);
  });

  it('resetNext resets the connection with no reply, before executing the request or after', async () => {
    const faults = new Faults();
    let executed = 0;
    const router = new Router().add('POST', '/v1/items', () => {
      executed++;
      return { status: 200, body: {} };
    });
    server = await startLoopbackServer({ router, faults });
    const post = () => fetch(`${server!.url}/v1/items`, { method: 'POST', body: '{}' });
    faults.resetNext({ match: { path: /items/ } });
    const before = await post().catch((e: unknown) => (e as { cause?: { code?: string } }).cause?.code);
    expect([before, executed]).toEqual(['ECONNRESET', 0]);
    faults.resetNext({ afterExecuting: true });
    const after = await post().catch((e: unknown) => (e as { cause?: { code?: string } }).cause?.code);
    expect([after, executed]).toEqual(['ECONNRESET', 1]);
    expect((await post()).status).toBe(200);
  });
});
