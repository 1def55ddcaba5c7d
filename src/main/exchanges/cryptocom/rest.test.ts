import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../../tests/support/fake-clock';
import { RateLimiter } from '../../net/rate-limiter';
import { ACCOUNT_RULES, MARKET_RULES } from './limits';
import { CryptocomRest, type HttpLike, type RestTuning } from './rest';
import { signV1 } from './sign';

type Req = Parameters<HttpLike['request']>[0];
type Reply = Awaited<ReturnType<HttpLike['request']>>;

const KEY = 'k-test';
const SECRET = `s-${Math.random().toString(36).slice(2)}`;
const json = (data: unknown, code = '0'): Reply => ({ ok: true, status: 200, text: JSON.stringify({ code, msg: code === '0' ? 'suc' : 'bad', data: code === '0' ? data : null }), latencyMs: 1, headers: {} });

function setup(answer: (req: Req, n: number) => Reply | Promise<Reply>, tuning: Partial<RestTuning> = {}) {
  const clock = new FakeClock(1_700_000_000_000);
  const requests: { req: Req; at: number }[] = [];
  const http: HttpLike = {
    async request(req) {
      requests.push({ req, at: clock.now() });
      return answer(req, requests.length);
    },
    link: () => ({}),
  };
  const marketLimiter = new RateLimiter({ exchange: 'cryptocom', rules: MARKET_RULES, clock });
  const accountLimiter = new RateLimiter({ exchange: 'cryptocom', accountId: 'a1', rules: ACCOUNT_RULES, clock });
  const rest = new CryptocomRest({
    http,
    marketLimiter,
    accountLimiter,
    credentials: async () => ({ apiKey: KEY, apiSecret: SECRET }),
    accountId: 'a1',
    clock,
    random: () => 1,
    tuning: { base429BackoffMs: 1000, max429BackoffMs: 4000, max429Retries: 3, pageSize: 2, ...tuning },
  });
  /** Drives fake time until the promise settles (no real sleeping). */
  async function settle<T>(p: Promise<T>, maxMs = 120_000): Promise<T> {
    let done = false;
    p.then(() => (done = true), () => (done = true));
    for (let t = 0; t < maxMs && !done; t += 10) await clock.advanceAsync(10);
    if (!done) throw new Error('did not settle');
    return p;
  }
  return { clock, rest, requests, settle };
}

describe('CryptocomRest signed calls', () => {
  it('posts a form body whose sign verifies against the other parameters (§2)', async () => {
    const { rest, requests, settle } = setup(() => json({ total_asset: '0', coin_list: [{ coin: 'usdt', normal: '5', locked: '1', btcValuatin: '0' }] }));
    const r = await settle(rest.account());
    expect(r).toEqual({ ok: true, value: [{ accountId: 'a1', asset: 'USDT', free: '5', locked: '1', total: '6' }] });
    const { req } = requests[0]!;
    expect(req).toMatchObject({ method: 'POST', path: '/v1/account', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const form = Object.fromEntries(new URLSearchParams(String(req.body)));
    expect(Object.keys(form).sort()).toEqual(['api_key', 'sign', 'time']);
    expect(form.time).toBe('1700000000000');
    expect(form.sign).toBe(signV1(form, SECRET));
    expect(req.body).not.toContain(SECRET);
  });

  it('a market BUY sends the quote amount as volume and no price', async () => {
    const { rest, requests, settle } = setup(() => json({ order_id: 9 }));
    const r = await settle(rest.createOrder({ native: 'btcusdt', side: 'BUY', type: 2, volume: '100' }));
    expect(CryptocomRest.orderIdOf(r)).toEqual({ ok: true, value: '9' });
    const form = Object.fromEntries(new URLSearchParams(String(requests[0]!.req.body)));
    expect(form).toMatchObject({ symbol: 'btcusdt', side: 'BUY', type: '2', volume: '100' });
    expect('price' in form).toBe(false);
  });

  it('a public connector without a key answers AUTH_INVALID_KEY and sends nothing', async () => {
    const clock = new FakeClock();
    let sent = 0;
    const rest = new CryptocomRest({
      http: { request: async () => (sent++, json({})), link: () => ({}) },
      marketLimiter: new RateLimiter({ exchange: 'cryptocom', rules: MARKET_RULES, clock }),
      accountId: 'public',
      clock,
    });
    expect(await rest.account()).toMatchObject({ ok: false, error: { code: 'AUTH_INVALID_KEY' } });
    expect(sent).toBe(0);
  });
});

describe('CryptocomRest rate limits (§3)', () => {
  it('queues account calls at 1 per 100 ms instead of failing', async () => {
    const { rest, requests, settle } = setup(() => json({ coin_list: [] }));
    const results = await settle(Promise.all([rest.account(), rest.account(), rest.account()]));
    expect(results.every((r) => r.ok)).toBe(true);
    const gaps = requests.slice(1).map((r, i) => r.at - requests[i]!.at);
    expect(gaps.every((g) => g >= 100)).toBe(true);
  });

  it('a one-per-window rule waits for the previous reply plus the window (the server counts arrivals)', async () => {
    const ref: { clock?: FakeClock } = {};
    const replies: number[] = [];
    const { rest, requests, settle, clock } = setup(
      (_req, n) =>
        new Promise((resolve) => {
          // The first reply is slow (300 ms); a start-spaced limiter alone would send the second at +110 ms.
          ref.clock!.setTimer(() => (replies.push(ref.clock!.now()), resolve(json({ coin_list: [] }))), n === 1 ? 300 : 5);
        }),
    );
    ref.clock = clock;
    await settle(Promise.all([rest.openOrders('btcusdt'), rest.showOrder('btcusdt', '1')]));
    expect(requests).toHaveLength(2);
    expect(requests[1]!.at - replies[0]!).toBeGreaterThanOrEqual(110);
  });

  it('after a 429 it blocks the rule for the back-off and tries again, then succeeds', async () => {
    const { rest, requests, settle } = setup((_req, n) => (n <= 2 ? { ok: true, status: 429, text: 'Too Many Requests', latencyMs: 1, headers: {} } : json([])));
    const r = await settle(rest.trades('btcusdt'));
    expect(r).toEqual({ ok: true, value: [] });
    expect(requests).toHaveLength(3);
    // Back-off 1 s then 2 s (random() = 1 keeps the full value).
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(requests[2]!.at - requests[1]!.at).toBeGreaterThanOrEqual(2000);
  });

  it('a 429 storm ends in RATE_LIMITED after the retry budget, and other queued calls waited for the block', async () => {
    const { rest, requests, settle } = setup((req) => (req.path === '/v1/trades' ? { ok: true, status: 429, text: '', latencyMs: 1, headers: {} } : json({ tick: { asks: [], bids: [] } })));
    const storm = rest.trades('btcusdt');
    await settle(new Promise<void>((resolve) => setImmediate(resolve)));
    const t0 = requests[0]!.at;
    const other = rest.depth('btcusdt');
    const [r, o] = await settle(Promise.all([storm, other]));
    expect(r).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryable: true } });
    expect(requests.filter((q) => q.req.path === '/v1/trades')).toHaveLength(4);
    expect(o.ok).toBe(true);
    const depthAt = requests.find((q) => q.req.path === '/v1/depth')!.at;
    expect(depthAt - t0).toBeGreaterThanOrEqual(1000);
  });

  it('a create that cannot start within its queue limit is not sent and answers RATE_LIMITED', async () => {
    // The first answer is a 429 whose back-off (8 s) is longer than the create's 5 s queue limit.
    const { rest: slow, requests, settle } = setup((_req, n) => (n === 1 ? { ok: true, status: 429, text: '', latencyMs: 1, headers: {} } : json({ order_id: 1 })), {
      base429BackoffMs: 8000,
      max429BackoffMs: 8000,
      createMaxQueueMs: 5000,
    });
    const r = await settle(slow.createOrder({ native: 'btcusdt', side: 'BUY', type: 1, volume: '1', price: '2' }));
    expect(r).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringContaining('not sent') } });
    expect(requests).toHaveLength(1);
  });

  it('a JSON "request frequency too high" code is backed off like a 429', async () => {
    const { rest, requests, settle } = setup((_req, n) => (n === 1 ? json(null, '110041') : json({ order_id: 1 })));
    const r = await settle(rest.createOrder({ native: 'btcusdt', side: 'SELL', type: 1, volume: '1', price: '2' }));
    expect(CryptocomRest.orderIdOf(r)).toEqual({ ok: true, value: '1' });
    expect(requests).toHaveLength(2);
  });
});

describe('CryptocomRest replies', () => {
  it('open orders: reads every page until count is reached', async () => {
    const order = (id: number) => ({ id, side: 'BUY', type: 1, status: 1, price: '1', volume: '2', deal_volume: '0', created_at: 5 });
    const pages: Record<string, unknown[]> = { '1': [order(1), order(2)], '2': [order(3), order(4)], '3': [order(5)] };
    const { rest, requests, settle } = setup((req) => json({ count: 5, resultList: pages[new URLSearchParams(String(req.body)).get('page')!] }));
    const r = await settle(rest.openOrders('btcusdt'));
    expect(r.ok && r.value.map((o) => o.order.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(requests).toHaveLength(3);
  });

  it('a timeout is TIMEOUT with the ambiguity flag of the HTTP client', async () => {
    const { rest, settle } = setup(() => ({ ok: false, kind: 'timeout', ambiguous: true, message: 'no reply within 8000 ms', latencyMs: 8000 }));
    const r = await settle(rest.createOrder({ native: 'btcusdt', side: 'BUY', type: 1, volume: '1', price: '2' }));
    expect(r).toMatchObject({ ok: false, ambiguous: true, error: { code: 'TIMEOUT' } });
  });

  it('a reply of the wrong shape is a clear error naming the field', async () => {
    const { rest, settle } = setup(() => json({ tick: { asks: [[1]], bids: [] } }));
    const r = await settle(rest.depth('btcusdt', 1));
    expect(r).toMatchObject({ ok: false, error: { code: 'EXCHANGE_UNAVAILABLE', message: expect.stringContaining('data.tick.asks[0]') } });
  });

  it('asks depth at the requested step and never sends empty query parameters', async () => {
    const { rest, requests, settle } = setup(() => json({ tick: { asks: [], bids: [], time: null } }));
    await settle(rest.depth('crobtc', 2));
    expect(requests[0]!.req).toMatchObject({ method: 'GET', path: '/v1/depth', query: { symbol: 'crobtc', type: 'step2' } });
    await settle(rest.allOrders('crobtc', { page: 1 }));
    const form = Object.fromEntries(new URLSearchParams(String(requests[1]!.req.body)));
    expect(Object.keys(form).sort()).toEqual(['api_key', 'page', 'pageSize', 'sign', 'symbol', 'time']);
  });
});

describe('CryptocomRest queue bound (issue 12)', () => {
  it('a burst of account reads answers RATE_LIMITED for the calls that would wait past maxQueueMs, instead of a growing wait', async () => {
    const ref: { clock?: FakeClock } = {};
    // Each reply takes 200 ms: with the one-per-window rule, 100 reads would take ~31 s in a row.
    const { rest, requests, settle, clock } = setup(() => new Promise((resolve) => ref.clock!.setTimer(() => resolve(json({ coin_list: [] })), 200)), { maxQueueMs: 5000 });
    ref.clock = clock;
    const t0 = clock.now();
    const settledAt: number[] = [];
    const burst = Array.from({ length: 100 }, () => rest.account().then((r) => (settledAt.push(clock.now()), r)));
    const results = await settle(Promise.all(burst));
    const served = results.filter((r) => r.ok).length;
    expect(served).toBeGreaterThan(0);
    expect(served).toBe(requests.length);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'RATE_LIMITED' && r.error.retryable)).toBe(true);
    expect(served).toBeLessThan(100);
    // Nobody waited much past the bound plus one call's round trip.
    expect(Math.max(...settledAt) - t0).toBeLessThanOrEqual(5000 + 200 + 110 + 50);
  });
});
