import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type CryptocomSimulator, DEFAULT_CRYPTOCOM_QUIRKS, startCryptocomSimulator } from '../../src/main/sim/cryptocom';
import { manualClock } from '../../src/main/sim/shared/clock';
import { get, type RawReply, signedPost } from '../support/cryptocom-sim';

// specs/cryptocom-v1.md §3 with an injected clock: nothing here waits for real time.
const clock = manualClock(Date.UTC(2020, 4, 1));
let sim: CryptocomSimulator;
const keyA = { apiKey: randomBytes(8).toString('hex'), apiSecret: randomBytes(16).toString('hex') };
const keyB = { apiKey: randomBytes(8).toString('hex'), apiSecret: randomBytes(16).toString('hex') };

beforeAll(async () => {
  sim = await startCryptocomSimulator({
    now: clock.now,
    synthetic: false,
    accounts: [
      { exchange: 'cryptocom', ...keyA, balances: { USDT: '100000' } },
      { exchange: 'cryptocom', ...keyB, balances: { USDT: '100000' } },
    ],
  });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => {
  Object.assign(sim.quirks, DEFAULT_CRYPTOCOM_QUIRKS);
  sim.resetRateLimits();
  clock.advance(10_000);
});

const signed = (path: string, who = keyA, params: Record<string, string> = {}) => signedPost(sim, path, params, who, clock.now());

function expect429(r: RawReply): void {
  expect(r.status).toBe(429);
  expect(r.json).toBeUndefined(); // §3: not JSON (S3 fails on the content type, then checks 429)
  expect(r.contentType).toMatch(/^text\/plain/);
}

async function statuses(n: number, fn: () => Promise<RawReply>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await fn()).status);
  return out;
}

describe('seed table (default)', () => {
  it('market data: 100 requests per second per IP over all public paths, then 429', async () => {
    const paths = ['/v1/symbols', '/v1/ticker', '/v1/ticker/price'];
    let i = 0;
    expect(await statuses(100, () => get(sim, paths[i++ % 3]!))).toEqual(Array(100).fill(200));
    expect429(await get(sim, '/v1/symbols'));
    clock.advance(1000);
    expect((await get(sim, '/v1/ticker')).status).toBe(200);
  });

  it('account: 1 request per 100 ms per API key', async () => {
    expect((await signed('/v1/account')).json).toMatchObject({ code: '0' });
    expect429(await signed('/v1/account'));
    expect((await signed('/v1/account', keyB)).status).toBe(200);
    clock.advance(99);
    expect((await signed('/v1/account')).status).toBe(429);
    clock.advance(1);
    expect((await signed('/v1/account')).status).toBe(200);
  });

  it('order management: 5 requests per 100 ms per key, shared by order, cancel and cancelAllOrders', async () => {
    const order = { symbol: 'btcusdt', side: 'BUY', type: '1', price: '100', volume: '0.2' };
    const results = [
      await signed('/v1/order', keyA, order),
      await signed('/v1/order', keyA, order),
      await signed('/v1/orders/cancel', keyA, { symbol: 'btcusdt', order_id: '1' }),
      await signed('/v1/cancelAllOrders', keyA, { symbol: 'btcusdt' }),
      await signed('/v1/order', keyA, order),
    ];
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect429(await signed('/v1/cancelAllOrders', keyA, { symbol: 'btcusdt' }));
    expect((await signed('/v1/order', keyB, order)).status).toBe(200);
    clock.advance(100);
    expect((await signed('/v1/order', keyA, order)).status).toBe(200);
  });

  it('order queries: 1 per 100 ms per key by default, configurable', async () => {
    const q = { symbol: 'btcusdt' };
    expect((await signed('/v1/openOrders', keyA, q)).status).toBe(200);
    expect429(await signed('/v1/myTrades', keyA, q));
    sim.quirks.orderQueryPer100ms = 3;
    clock.advance(100);
    expect(await statuses(4, () => signed('/v1/allOrders', keyA, q))).toEqual([200, 200, 200, 429]);
  });

  it('counts unsigned or badly signed user calls too (per IP when there is no key)', async () => {
    expect((await signedPost(sim, '/v1/account', {}, { apiKey: keyA.apiKey, apiSecret: 'wrong' }, clock.now())).json).toMatchObject({ code: '100005' });
    expect((await signed('/v1/account')).status).toBe(429);
  });

  it('can be switched off', async () => {
    sim.quirks.rateLimitsEnabled = false;
    expect(await statuses(3, () => signed('/v1/account'))).toEqual([200, 200, 200]);
  });
});

describe('FAQ table (S10): 10 calls per URL per second', () => {
  beforeEach(() => {
    sim.quirks.rateLimitTable = 'faq';
  });

  it('limits each public URL separately', async () => {
    expect(await statuses(10, () => get(sim, '/v1/symbols'))).toEqual(Array(10).fill(200));
    expect429(await get(sim, '/v1/symbols'));
    expect((await get(sim, '/v1/ticker')).status).toBe(200);
    clock.advance(1000);
    expect((await get(sim, '/v1/symbols')).status).toBe(200);
  });

  it('limits each user URL per key to 10 per second', async () => {
    expect(await statuses(10, () => signed('/v1/account'))).toEqual(Array(10).fill(200));
    expect429(await signed('/v1/account'));
    expect((await signed('/v1/account', keyB)).status).toBe(200);
    expect((await signed('/v1/openOrders', keyA, { symbol: 'btcusdt' })).status).toBe(200);
  });
});
