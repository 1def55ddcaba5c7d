import { describe, expect, it } from 'vitest';
import { bodyOf, CDX_KEY, CDX_SECRET, cdxRestRig, methodOf, reply } from '../../../../tests/support/cdx-rest';
import { signingKey } from '../../secrets';
import { signature } from './sign';
import { symbolOfNative } from './map-market';

describe('Crypto.com Exchange REST client (§1.2, §2, §3)', () => {
  it('signs a private call as a JSON POST whose sig verifies, with the nonce at send time and no secret in it', async () => {
    const { rest, requests, settle } = cdxRestRig(() => reply('private/user-balance', 0, { data: [{ position_balances: [{ instrument_name: 'USDT', quantity: '5', reserved_qty: '1' }] }] }));
    const r = await settle(rest.balances());
    expect(r).toEqual({ ok: true, value: [{ accountId: 'a1', asset: 'USDT', free: '4', locked: '1', total: '5' }] });
    const { req, at } = requests[0]!;
    expect(req).toMatchObject({ method: 'POST', path: '/private/user-balance', headers: { 'content-type': 'application/json' } });
    const body = bodyOf(req);
    expect(body).toMatchObject({ method: 'private/user-balance', api_key: CDX_KEY, params: {}, nonce: at });
    expect(body.sig).toBe(signature(signingKey({ apiKey: CDX_KEY, apiSecret: CDX_SECRET }), body.method, body.id, body.params as never, body.nonce));
    expect(String(req.body)).not.toContain(CDX_SECRET);
  });

  it('sends a public call as a GET with its parameters in the query and no body', async () => {
    const { rest, requests, settle } = cdxRestRig(() => reply('public/get-book', 0, { data: [{ bids: [['1.5', '2', '1']], asks: [], t: 5 }] }));
    const r = await settle(rest.book('BTC_USDT', 'BTCUSDT', 50));
    expect(r).toMatchObject({ ok: true, value: { bids: [['1.5', '2']], time: 5 } });
    expect(requests[0]!.req).toMatchObject({ method: 'GET', path: '/public/get-book', query: { instrument_name: 'BTC_USDT', depth: 50 } });
    expect(requests[0]!.req.body).toBeUndefined();
  });

  it('a burst of 45 creates never puts more than 15 in any 100 ms at a server counting arrivals: 0 client-caused 429s', async () => {
    const arrivals: number[] = [];
    const { rest, settle } = cdxRestRig((req, _n, at) => {
      // A server enforcing §3: 15 per 100 ms per method.
      const recent = arrivals.filter((t) => t > at - 100).length;
      arrivals.push(at);
      return recent >= 15 ? reply(methodOf(req), 42901, undefined, 429, 'TOO_MANY_REQUESTS') : reply(methodOf(req), 0, { order_id: String(arrivals.length), client_oid: 'c' });
    });
    const all = Promise.all(Array.from({ length: 45 }, (_, i) => rest.createOrder({ instrument_name: 'BTC_USDT', side: 'BUY', type: 'LIMIT', price: '1', quantity: '1', client_oid: `c${i}` })));
    const results = await settle(all);
    expect(results.filter((r) => r.status === 429)).toHaveLength(0);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(arrivals).toHaveLength(45);
    const maxIn100 = Math.max(...arrivals.map((t) => arrivals.filter((u) => u >= t && u < t + 100).length));
    expect(maxIn100).toBeLessThanOrEqual(15);
  });

  it('spaces order history and account trades one per second each, from the previous reply', async () => {
    const { rest, requests, settle } = cdxRestRig((req) => reply(methodOf(req), 0, { data: [] }));
    await settle(Promise.all([rest.orderHistory(symbolOfNative, {}), rest.orderHistory(symbolOfNative, {}), rest.myTrades(symbolOfNative, {})]));
    const history = requests.filter((r) => r.req.path === '/private/get-order-history').map((r) => r.at);
    expect(history).toHaveLength(2);
    expect(history[1]! - history[0]!).toBeGreaterThanOrEqual(1000);
    // Another method's rule is its own: get-trades need not wait for the history calls.
    expect(requests.find((r) => r.req.path === '/private/get-trades')!.at).toBe(history[0]);
    expect(bodyOf(requests[0]!.req).params).toEqual({ limit: 100 });
  });

  it('a 429 was not executed: the call backs off and is sent again, then answers', async () => {
    const { rest, requests, settle } = cdxRestRig((req, n) => (n === 1 ? reply(methodOf(req), 42901, undefined, 429, 'TOO_MANY_REQUESTS') : reply(methodOf(req), 0, { data: [] })));
    const r = await settle(rest.openOrders(symbolOfNative));
    expect(r).toEqual({ ok: true, value: [] });
    expect(requests).toHaveLength(2);
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(250);
    expect(bodyOf(requests[1]!.req).id).not.toBe(bodyOf(requests[0]!.req).id);
  });

  it('a public connector without a key sends nothing private', async () => {
    const { rest, requests, settle } = cdxRestRig(() => reply('x', 0, {}), {}, { keyless: true });
    expect(await settle(rest.balances())).toMatchObject({ ok: false, error: { code: 'AUTH_INVALID_KEY' } });
    expect(requests).toHaveLength(0);
  });
});
