import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../../tests/support/fake-clock';
import type { HttpClient, HttpOutcome, HttpRequest } from '../../net/http-client';
import { RateLimiter } from '../../net/rate-limiter';
import { SecretUnavailableError } from '../../secrets/secret-store';
import { accountRules, ipRules } from './limits';
import { IcrypexCaller } from './rest-call';
import { icrypexSignature } from './sign';

type Reply = HttpOutcome | ((req: HttpRequest) => HttpOutcome);

/** An HttpClient stand-in that answers from a script and records every request. */
function fakeHttp(script: Reply[], skew = 0) {
  const requests: HttpRequest[] = [];
  const http = {
    request: async (req: HttpRequest): Promise<HttpOutcome> => {
      requests.push(req);
      const next = script.shift();
      if (!next) throw new Error(`unscripted request ${req.method} ${req.path}`);
      return typeof next === 'function' ? next(req) : next;
    },
    link: () => ({ clockSkewMs: skew }),
  } as unknown as HttpClient;
  return { http, requests };
}

const reply = (status: number, text = ''): HttpOutcome => ({ ok: true, status, headers: {}, text, latencyMs: 1 });
const SECRET = Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');

function setup(script: Reply[], skew = 0) {
  const clock = new FakeClock();
  const { http, requests } = fakeHttp(script, skew);
  const ip = new RateLimiter({ exchange: 'icrypex', rules: ipRules(), clock });
  const account = new RateLimiter({ exchange: 'icrypex', accountId: 'acc', rules: accountRules(), parent: ip });
  const rest = new IcrypexCaller({ http, limiter: account, credentials: async () => ({ apiKey: 'key1', apiSecret: SECRET }), now: () => clock.now() });
  return { clock, rest, requests, ip, account };
}

/** Lets promise chains settle without moving the fake clock. */
const settle = () => new Promise<void>((r) => setImmediate(r));

describe('IcrypexCaller', () => {
  it('signs with the four ICX headers, correcting ICX-TS for the measured clock skew', async () => {
    const t = setup([reply(200, '[]')], 2_500);
    await t.rest.call({ what: 'the wallet', method: 'GET', paths: ['/sapi/v1/wallet'], rule: 'wallet', signed: true });
    const h = t.requests[0]!.headers!;
    const ts = t.clock.now() + 2_500;
    expect(h['ICX-TS']).toBe(String(ts));
    expect(h['ICX-SIGN']).toBe(icrypexSignature('key1', SECRET, ts));
    expect(h['ICX-API-KEY']).toBe('key1');
    expect(Number(h['ICX-NONCE'])).toBeLessThanOrEqual(60_000);
  });

  it('on a 429 blocks the rule for the 60 s rejection period and retries a read after it', async () => {
    const t = setup([reply(429), reply(200, '[{"symbol":"X"}]')]);
    const pending = t.rest.call({ what: 'the tickers', method: 'GET', paths: ['/v1/tickers'], rule: 'ticker', retryOn429: true });
    let done = false;
    void pending.then(() => (done = true));
    await settle();
    const blocked = t.ip.budgets().find((b) => b.rule === 'ticker')!;
    expect(blocked.blockedUntil).toBe(t.clock.now() + 60_000);
    expect(blocked.queued).toBe(1);
    await t.clock.advanceAsync(59_000);
    expect(done).toBe(false);
    expect(t.requests).toHaveLength(1);
    await t.clock.advanceAsync(1_000);
    const r = await pending;
    expect(r).toMatchObject({ ok: true, body: [{ symbol: 'X' }] });
    expect(t.requests).toHaveLength(2);
  });

  it('does not retry an order on 429: RATE_LIMITED, not ambiguous, and the account rule is blocked too', async () => {
    const t = setup([reply(429)]);
    const r = await t.rest.call({ what: 'the order', method: 'POST', paths: ['/sapi/v1/orders'], rule: 'order-insert', signed: true, body: {} });
    expect(r).toMatchObject({ ok: false, ambiguous: false, error: { code: 'RATE_LIMITED' } });
    expect(t.requests).toHaveLength(1);
    expect(t.account.budgets().find((b) => b.rule === 'order-insert')!.blockedUntil).toBeGreaterThan(t.clock.now());
  });

  it('answers RATE_LIMITED without sending when an order cannot start within its queue limit', async () => {
    const t = setup([reply(429)]);
    await t.rest.call({ what: 'o', method: 'POST', paths: ['/sapi/v1/orders'], rule: 'order-insert', signed: true });
    const r = await t.rest.call({ what: 'the next order', method: 'POST', paths: ['/sapi/v1/orders'], rule: 'order-insert', signed: true, maxQueueMs: 5_000 });
    expect(r).toMatchObject({ ok: false, ambiguous: false, error: { code: 'RATE_LIMITED' } });
    expect(r.ok === false && r.error.message).toContain('not sent');
    expect(t.requests).toHaveLength(1);
  });

  it('tries the next path variant on an empty 404 and remembers the one that answered', async () => {
    const t = setup([reply(404), reply(200, '[]'), reply(200, '[]')]);
    const spec = { what: 'the wallet', method: 'GET' as const, paths: ['/sapi/v1/wallet', '/sapi/v1/wallet/spot'], rule: 'wallet' as const, signed: true };
    expect((await t.rest.call(spec)).ok).toBe(true);
    expect((await t.rest.call(spec)).ok).toBe(true);
    expect(t.requests.map((r) => r.path)).toEqual(['/sapi/v1/wallet', '/sapi/v1/wallet/spot', '/sapi/v1/wallet/spot']);
  });

  it('flags timeouts and 5xx as ambiguous, a refused connection as not', async () => {
    const t = setup([
      { ok: false, kind: 'timeout', ambiguous: true, message: 'POST /sapi/v1/orders: no reply within 10000 ms', latencyMs: 10_000 },
      reply(502),
      { ok: false, kind: 'network', ambiguous: false, message: 'connection refused', latencyMs: 1 },
    ]);
    const spec = { what: 'the order', method: 'POST' as const, paths: ['/sapi/v1/orders'], rule: 'order-insert' as const, signed: true };
    expect(await t.rest.call(spec)).toMatchObject({ ok: false, ambiguous: true, error: { code: 'TIMEOUT' } });
    expect(await t.rest.call(spec)).toMatchObject({ ok: false, ambiguous: true, error: { code: 'EXCHANGE_UNAVAILABLE' } });
    expect(await t.rest.call(spec)).toMatchObject({ ok: false, ambiguous: false, error: { code: 'NETWORK' } });
  });

  it('reports a bad secret as AUTH_INVALID_KEY on apiSecret without sending', async () => {
    const t = setup([]);
    const rest = new IcrypexCaller({ http: fakeHttp([]).http, limiter: t.account, credentials: async () => ({ apiKey: 'k', apiSecret: 'not*base64' }), now: () => 0 });
    const r = await rest.call({ what: 'the wallet', method: 'GET', paths: ['/sapi/v1/wallet'], rule: 'wallet', signed: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH_INVALID_KEY', field: 'apiSecret' } });
  });

  it('reads the key before taking a rate-limit slot: a locked keychain spends no budget (issue 20)', async () => {
    const t = setup([]);
    const locked = async (): Promise<never> => {
      throw new SecretUnavailableError('KEYCHAIN_UNAVAILABLE', 'the keychain is locked');
    };
    const rest = new IcrypexCaller({ http: fakeHttp([]).http, limiter: t.account, credentials: locked, now: () => t.clock.now() });
    const r = await rest.call({ what: 'the wallet', method: 'GET', paths: ['/sapi/v1/wallet'], rule: 'wallet', signed: true });
    expect(r).toMatchObject({ ok: false, ambiguous: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    const wallet = [...t.account.budgets(), ...t.ip.budgets()].filter((b) => b.rule === 'wallet');
    expect(wallet.map((b) => b.limit - b.remaining)).toEqual([0, 0]);
  });
});
