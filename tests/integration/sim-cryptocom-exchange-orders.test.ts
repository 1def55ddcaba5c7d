import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type CdcxSimulator, DEFAULT_CDCX_QUIRKS, startCdcxSimulator } from '../../src/main/sim/cryptocom-exchange';
import { manualClock } from '../../src/main/sim/shared/clock';
import { type Creds, postRaw, privateCall, sign } from '../support/cdcx-client';

// Order entry and queries of specs/cryptocom-exchange.md §5.7–§5.11 over plain fetch.
const clock = manualClock(1_790_000_000_000);
const me: Creds = { apiKey: 'orderKey', apiSecret: 'orderSecret' };
let sim: CdcxSimulator;

const call = (method: string, params: Record<string, unknown> = {}) => privateCall(sim.apiRoot, me, method, params, clock.now());
const result = (r: { body: Record<string, unknown> }) => r.body.result as Record<string, unknown>;
const data = (r: { body: Record<string, unknown> }) => result(r).data as Array<Record<string, unknown>>;
let oids = 0;
const limit = (side: 'BUY' | 'SELL', price: string, quantity: string, extra: Record<string, unknown> = {}) =>
  call('private/create-order', { instrument_name: 'BTC_USDT', side, type: 'LIMIT', price, quantity, client_oid: `t-${++oids}`, ...extra });

beforeAll(async () => {
  sim = await startCdcxSimulator({ synthetic: false, now: clock.now, accounts: [{ ...me, balances: { USDT: '100000', BTC: '2', USD: '1000' } }] });
  sim.engine.addAccount('maker', { USDT: '100000000', BTC: '10000' });
  for (let i = 1; i <= 5; i++) {
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'buy', type: 'limit', price: String(50000 - i * 10), quantity: '0.5' });
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'sell', type: 'limit', price: String(50000 + i * 10), quantity: '0.5' });
  }
  sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'sell', type: 'limit', price: '50000', quantity: '0.01' });
  sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'buy', type: 'limit', price: '50000', quantity: '0.01' });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  Object.assign(sim.quirks, DEFAULT_CDCX_QUIRKS, { rateLimitsEnabled: false });
  sim.faults.reset();
  clock.advance(1000);
  await call('private/cancel-all-orders');
});

describe('create, look up, cancel (§5.8, §5.10, §5.11)', () => {
  it('creates a limit order and finds it by order_id and by client_oid, ACTIVE with the §5.11 fields', async () => {
    const r = await limit('BUY', '49000', '0.01', { client_oid: 'look-me-up' });
    expect(r.body).toMatchObject({ code: 0, result: { client_oid: 'look-me-up' } });
    const orderId = result(r).order_id as string;
    expect(orderId).toMatch(/^\d{19}$/);
    const byOid = await call('private/get-order-detail', { client_oid: 'look-me-up' });
    const byId = await call('private/get-order-detail', { order_id: orderId });
    expect(result(byOid)).toEqual(result(byId));
    expect(result(byId)).toMatchObject({ order_id: orderId, status: 'ACTIVE', order_type: 'LIMIT', side: 'BUY', limit_price: '49000', quantity: '0.01', order_value: '490', cumulative_quantity: '0', instrument_name: 'BTC_USDT', time_in_force: 'GOOD_TILL_CANCEL', exec_inst: [] });
    expect(typeof result(byId).create_time).toBe('number');
    expect(result(byId).create_time_ns).toMatch(/^\d{19}$/);
    const balance = data(await call('private/user-balance'))[0]!;
    expect((balance.position_balances as Array<Record<string, unknown>>).find((p) => p.instrument_name === 'USDT')).toMatchObject({ quantity: '100000', reserved_qty: '490' });
    const open = data(await call('private/get-open-orders', { instrument_name: 'BTC_USDT' }));
    expect(open.map((o) => o.order_id)).toEqual([orderId]);
    const cancel = await call('private/cancel-order', { client_oid: 'look-me-up' });
    expect(cancel.body).toMatchObject({ code: 0, message: 'NO_ERROR', result: { order_id: orderId, client_oid: 'look-me-up' } });
    expect(result(await call('private/get-order-detail', { order_id: orderId })).status).toBe('CANCELED');
    const again = await call('private/cancel-order', { order_id: orderId });
    expect([again.status, again.body.code]).toEqual([500, 212]);
  });

  it('answers an unknown order with 40401 (HTTP 200 by default, 404 when switched)', async () => {
    const r = await call('private/get-order-detail', { order_id: '6530219599901000701' });
    expect([r.status, r.body.code, r.body.result]).toEqual([200, 40401, undefined]);
    sim.quirks.notFoundHttpStatus = 404;
    expect((await call('private/get-order-detail', { client_oid: 'never-sent' })).status).toBe(404);
  });

  it('refuses a client_oid of an open order (204) and, switched to 24 h, of a finished one', async () => {
    await limit('BUY', '49000', '0.01', { client_oid: 'dup' });
    const dup = await limit('BUY', '49000', '0.01', { client_oid: 'dup' });
    expect([dup.status, dup.body.code, dup.body.result]).toEqual([400, 204, undefined]);
    await call('private/cancel-order', { client_oid: 'dup' });
    expect((await limit('BUY', '49000', '0.01', { client_oid: 'dup' })).body.code).toBe(0);
    await call('private/cancel-order', { client_oid: 'dup' });
    sim.quirks.clientOidScope = '24h';
    expect((await limit('BUY', '49000', '0.01', { client_oid: 'dup' })).body.code).toBe(204);
    expect((await limit('BUY', '49000', '0.01', { client_oid: 'x'.repeat(37) })).body.code).toBe(40004);
  });

  it('fills the request id in as client_oid when none is sent (§8.6)', async () => {
    const params = { instrument_name: 'BTC_USDT', side: 'BUY', type: 'LIMIT', price: '49000', quantity: '0.01' };
    const r = await privateCall(sim.apiRoot, me, 'private/create-order', params, clock.now(), 424242);
    expect(result(r).client_oid).toBe('424242');
  });

  it('refuses decimals sent as JSON numbers with D3 codes and off-grid values (§8.2, §9 item 5)', async () => {
    expect((await limit('BUY', 49000 as unknown as string, '0.01')).body.code).toBe(308);
    expect((await limit('BUY', '49000', 0.01 as unknown as string)).body.code).toBe(40101);
    expect((await limit('BUY', '49000.001', '0.01')).body.code).toBe(308);
    expect((await limit('BUY', '49000', '0.000001')).body.code).toBe(213);
    const stop = await call('private/create-order', { instrument_name: 'BTC_USDT', side: 'BUY', type: 'STOP_LIMIT', price: '49000', quantity: '0.01' });
    expect(stop.body.code).toBe(218);
    expect((await limit('BUY', '49000', '0.01', { instrument_name: 'btc_usdt' })).body.code).toBe(209);
  });
});

describe('engine outcomes carry code AND result (§8 item 10)', () => {
  it('POST_ONLY that would cross: 43005 with the order, stored REJECTED, in history', async () => {
    const r = await limit('BUY', '50010', '0.01', { exec_inst: ['POST_ONLY'] });
    expect([r.status, r.body.code]).toEqual([500, 43005]);
    const orderId = result(r).order_id as string;
    const detail = result(await call('private/get-order-detail', { order_id: orderId }));
    expect(detail).toMatchObject({ status: 'REJECTED', reason: '43005', exec_inst: ['POST_ONLY'] });
    const history = data(await call('private/get-order-history', { instrument_name: 'BTC_USDT', limit: 100 }));
    expect(history.map((o) => o.order_id)).toContain(orderId);
    sim.quirks.businessErrorStatus = 'd3';
    expect((await limit('BUY', '50010', '0.01', { exec_inst: ['POST_ONLY'] })).status).toBe(400);
  });

  it('below the minimum value: 415; far from the last price: 315; not enough balance: 306', async () => {
    const small = await limit('BUY', '49000', '0.00001');
    expect([small.body.code, typeof result(small).order_id]).toEqual([415, 'string']);
    const far = await limit('BUY', '20000', '0.01');
    expect(far.body.code).toBe(315);
    sim.quirks.farAwayBand = '0';
    expect((await limit('BUY', '20000', '0.01')).body.code).toBe(0);
    const broke = await limit('BUY', '49000', '100');
    expect([broke.status, broke.body.code, typeof result(broke).order_id]).toEqual([500, 306, 'string']);
  });

  it('IOC unfilled: 43004 with the order CANCELED; FOK short of liquidity: 43003', async () => {
    const ioc = await limit('BUY', '49000', '0.01', { time_in_force: 'IMMEDIATE_OR_CANCEL' });
    expect(ioc.body.code).toBe(43004);
    expect(result(await call('private/get-order-detail', { order_id: result(ioc).order_id })).status).toBe('CANCELED');
    const fok = await limit('BUY', '50010', '1', { time_in_force: 'FILL_OR_KILL' });
    expect(fok.body.code).toBe(43003);
    expect(result(await call('private/get-order-detail', { order_id: result(fok).order_id })).status).toBe('CANCELED');
  });

  it('a partly filled IOC is a success whose remainder is CANCELED (§8.11)', async () => {
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'sell', type: 'limit', price: '50005', quantity: '0.002' });
    const r = await limit('BUY', '50005', '0.01', { time_in_force: 'IMMEDIATE_OR_CANCEL' });
    expect(r.body.code).toBe(0);
    expect(result(await call('private/get-order-detail', { order_id: result(r).order_id }))).toMatchObject({ status: 'CANCELED', cumulative_quantity: '0.002', avg_price: '50005' });
  });
});

describe('market orders, amend, lists, history (§5.8–§5.11)', () => {
  it('a MARKET BUY by notional fills and shows in get-trades with a negative fee', async () => {
    const r = await call('private/create-order', { instrument_name: 'BTC_USDT', side: 'BUY', type: 'MARKET', notional: '500.1' });
    expect(r.body.code).toBe(0);
    const order = result(await call('private/get-order-detail', { order_id: result(r).order_id }));
    expect(order).toMatchObject({ status: 'FILLED', order_type: 'MARKET', cumulative_value: '500.1' });
    expect(order.limit_price).toBeUndefined();
    const trades = data(await call('private/get-trades', { instrument_name: 'BTC_USDT' }));
    const mine = trades.filter((t) => t.order_id === result(r).order_id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0]).toMatchObject({ side: 'BUY', taker_side: 'TAKER', fee_instrument_name: 'BTC', journal_type: 'TRADING' });
    expect(mine[0]!.fees).toMatch(/^-0\.\d+$/);
  });

  it('amends price and quantity under the same order_id; final orders answer 212', async () => {
    const r = await limit('SELL', '51000', '0.02', { client_oid: 'amend-me' });
    const orderId = result(r).order_id;
    const missing = await call('private/amend-order', { order_id: orderId, new_price: '51100' });
    expect(missing.body.code).toBe(40004);
    const amended = await call('private/amend-order', { orig_client_oid: 'amend-me', new_price: '51100', new_quantity: '0.03' });
    expect(amended.body).toMatchObject({ code: 0, result: { order_id: orderId, client_oid: 'amend-me' } });
    expect(result(await call('private/get-order-detail', { order_id: orderId }))).toMatchObject({ status: 'ACTIVE', limit_price: '51100', quantity: '0.03' });
    const book = sim.engine.book('BTC_USDT');
    expect(book.asks.find(([p]) => p === '51100')?.[1]).toBe('0.03');
    expect(book.asks.find(([p]) => p === '51000')).toBeUndefined();
    await call('private/cancel-order', { order_id: orderId });
    expect((await call('private/amend-order', { order_id: orderId, new_price: '51100', new_quantity: '0.03' })).body.code).toBe(212);
  });

  it('create-order-list answers per entry; cancel-order-list cancels; cancel-all has no result', async () => {
    const list = await call('private/create-order-list', {
      contingency_type: 'LIST',
      order_list: [
        { instrument_name: 'BTC_USDT', side: 'BUY', type: 'LIMIT', price: '48000', quantity: '0.01', client_oid: 'l-1' },
        { instrument_name: 'BTC_USDT', side: 'BUY', type: 'LIMIT', price: '48000', quantity: '1000', client_oid: 'l-2' },
      ],
    });
    const entries = list.body.result as Array<Record<string, unknown>>;
    expect(entries.map((e) => [e.index, e.code])).toEqual([[0, 0], [1, 306]]);
    const cancel = await call('private/cancel-order-list', { contingency_type: 'LIST', order_list: [{ instrument_name: 'BTC_USDT', order_id: entries[0]!.order_id }] });
    expect((cancel.body.result as Array<Record<string, unknown>>)[0]).toMatchObject({ index: 0, code: 0 });
    await limit('BUY', '48000', '0.01');
    const all = await call('private/cancel-all-orders', { instrument_name: 'BTC_USDT' });
    expect(all.text).toMatch(/^\{"id":\d+,"method":"private\/cancel-all-orders","code":0\}$/);
    expect(data(await call('private/get-open-orders'))).toEqual([]);
  });

  it('caps open orders per instrument (318) and wants `limit` as a JSON number (40003)', async () => {
    sim.quirks.maxOpenPerInstrument = 2;
    expect((await limit('BUY', '48000', '0.01')).body.code).toBe(0);
    expect((await limit('BUY', '48000', '0.01')).body.code).toBe(0);
    expect((await limit('BUY', '48000', '0.01')).body.code).toBe(318);
    expect((await call('private/get-order-history', { limit: '20' })).body.code).toBe(40003);
  });

  it('pages history by start_time/end_time in ns, end exclusive, newest first', async () => {
    const first = await limit('BUY', '48000', '0.01');
    await call('private/cancel-order', { order_id: result(first).order_id });
    clock.advance(10);
    const second = await limit('BUY', '48000', '0.01');
    await call('private/cancel-order', { order_id: result(second).order_id });
    const secondTime = result(await call('private/get-order-detail', { order_id: result(second).order_id })).create_time as number;
    const both = data(await call('private/get-order-history', { start_time: String(BigInt(secondTime - 10) * 1_000_000n), limit: 10 }));
    expect(both.slice(0, 2).map((o) => o.order_id)).toEqual([result(second).order_id, result(first).order_id]);
    const before = data(await call('private/get-order-history', { start_time: String(BigInt(secondTime - 10) * 1_000_000n), end_time: String(BigInt(secondTime) * 1_000_000n), limit: 10 }));
    expect(before.map((o) => o.order_id)).toEqual([result(first).order_id]);
  });
});

describe('rate limits (§3)', () => {
  it('answers the 16th create-order within 100 ms with HTTP 429 / 42901', async () => {
    sim.quirks.rateLimitsEnabled = true;
    sim.resetRateLimits();
    const replies = await Promise.all(Array.from({ length: 16 }, (_, i) => limit('BUY', '48000', '0.01', { client_oid: `burst-${i}` })));
    const limited = replies.filter((r) => r.status === 429);
    expect(limited).toHaveLength(1);
    expect(limited[0]!.body).toMatchObject({ method: 'private/create-order', code: 42901, message: 'TOO_MANY_REQUESTS' });
    clock.advance(101);
    expect((await limit('BUY', '48000', '0.01')).status).toBe(200);
  });

  it('allows one get-trades per second', async () => {
    sim.quirks.rateLimitsEnabled = true;
    sim.resetRateLimits();
    expect((await call('private/get-trades')).status).toBe(200);
    expect((await call('private/get-trades')).body.code).toBe(42901);
    clock.advance(1000);
    expect((await call('private/get-trades')).status).toBe(200);
  });
});

describe('faults', () => {
  it('reject-signature fails the next signed call with 40101, then calls pass again', async () => {
    expect(sim.fault({ kind: 'reject-signature' })).toMatch(/signature/);
    expect((await call('private/user-balance')).body.code).toBe(40101);
    expect((await call('private/user-balance')).body.code).toBe(0);
  });

  it('fail-orders answers the next create-order with the HTTP status, unexecuted', async () => {
    sim.fault({ kind: 'fail-orders', status: 503, count: 1 });
    const r = await limit('BUY', '48000', '0.01', { client_oid: 'lost' });
    expect(r.status).toBe(503);
    expect((await call('private/get-order-detail', { client_oid: 'lost' })).body.code).toBe(40401);
    const raw = JSON.stringify({ id: 5, method: 'private/user-balance', api_key: me.apiKey, params: {}, nonce: clock.now(), sig: sign('private/user-balance', 5, me.apiKey, {}, clock.now(), me.apiSecret) });
    expect((await postRaw(sim.apiRoot, 'private/user-balance', raw)).body.code).toBe(0);
  });
});
