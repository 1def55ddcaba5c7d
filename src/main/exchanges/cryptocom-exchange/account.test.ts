import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared';
import { bodyOf, cdxRestRig, methodOf, reply, timeout, type HttpOutcome, type Req } from '../../../../tests/support/cdx-rest';
import { CdxOrders } from './account';
import { symbolOfNative } from './map-market';

const detail = (status: string, price = '100') => ({ order_id: '42', client_oid: 'kt-old', order_type: 'LIMIT', side: 'SELL', status, quantity: '2', limit_price: price, cumulative_quantity: '0', instrument_name: 'BTC_USDT', create_time: 1, update_time: 2 });

function rig(answer: (req: Req, n: number) => HttpOutcome) {
  const r = cdxRestRig(answer);
  const emitted: Order[] = [];
  const orders = new CdxOrders({ rest: r.rest, symbolOf: symbolOfNative, emit: (o) => emitted.push(o) });
  const methods = () => r.requests.map((q) => methodOf(q.req));
  return { ...r, orders, emitted, methods };
}

describe('Crypto.com Exchange cancel and amend (§5.9, §5.10)', () => {
  it('a cancel answers the order as being cancelled until user.order says CANCELED', async () => {
    const { orders, settle, methods } = rig((req) => (methodOf(req) === 'private/cancel-order' ? reply(methodOf(req), 0, { order_id: '42', client_oid: 'kt-old' }, 200, 'NO_ERROR') : reply(methodOf(req), 0, detail('ACTIVE'))));
    expect(await settle(orders.cancel('BTCUSDT', '42'))).toMatchObject({ ok: true, value: { id: '42', status: 'pending-cancel' } });
    expect(methods()).toEqual(['private/cancel-order', 'private/get-order-detail']);
  });

  it('a cancel whose reply was lost is looked up before it is reported failed', async () => {
    const { orders, settle } = rig((req) => (methodOf(req) === 'private/cancel-order' ? timeout() : reply(methodOf(req), 0, detail('CANCELED'))));
    expect(await settle(orders.cancel('BTCUSDT', '42'))).toMatchObject({ ok: true, value: { status: 'canceled' } });
  });

  it('amends in place with both new price and quantity as strings and no new client_oid (§5.9)', async () => {
    const { orders, settle, requests, methods } = rig((req) => (methodOf(req) === 'private/amend-order' ? reply(methodOf(req), 0, { order_id: '42', client_oid: 'kt-old' }) : reply(methodOf(req), 0, detail('ACTIVE', '101'))));
    expect(await settle(orders.amend({ symbol: 'BTCUSDT', orderId: '42', price: '101', quantity: '2' }))).toMatchObject({ ok: true, value: { id: '42', clientId: 'kt-old', price: '101' } });
    expect(bodyOf(requests[0]!.req).params).toEqual({ order_id: '42', new_price: '101', new_quantity: '2' });
    expect(methods()).toEqual(['private/amend-order', 'private/get-order-detail']);
  });

  it('answers UNSUPPORTED, touching nothing else, when the method is missing or disabled (40002, 140001)', async () => {
    for (const [code, name] of [[40002, 'METHOD_NOT_FOUND'], [140001, 'API_DISABLED']] as const) {
      const { orders, settle, methods } = rig((req) => reply(methodOf(req), code, undefined, 400, name));
      expect(await settle(orders.amend({ symbol: 'BTCUSDT', orderId: '42', price: '101', quantity: '2' }))).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED', message: expect.stringMatching(/does not amend order 42 .*it is unchanged/) } });
      expect(methods()).toEqual(['private/amend-order']);
    }
  });

  it('an amend the engine refused (224) is UNSUPPORTED only when the order still stands', async () => {
    const standing = rig((req) => (methodOf(req) === 'private/amend-order' ? reply(methodOf(req), 224, undefined, 400, 'REJ_BY_MATCHING_ENGINE') : reply(methodOf(req), 0, detail('ACTIVE'))));
    expect(await standing.settle(standing.orders.amend({ symbol: 'BTCUSDT', orderId: '42', price: '101', quantity: '2' }))).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(standing.methods()).toEqual(['private/amend-order', 'private/get-order-detail']);
    const gone = rig((req) => (methodOf(req) === 'private/amend-order' ? reply(methodOf(req), 224, undefined, 400, 'REJ_BY_MATCHING_ENGINE') : reply(methodOf(req), 0, detail('CANCELED'))));
    const r = await gone.settle(gone.orders.amend({ symbol: 'BTCUSDT', orderId: '42', price: '101', quantity: '2' }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).not.toBe('UNSUPPORTED');
  });

  it('a refused amend of a final order (212) is an error naming the order, not UNSUPPORTED', async () => {
    const { orders, settle, methods } = rig((req) => reply(methodOf(req), 212, undefined, 500, 'INVALID_ORDERID'));
    expect(await settle(orders.amend({ symbol: 'BTCUSDT', orderId: '42', price: '101', quantity: '2' }))).toMatchObject({ ok: false, error: { code: 'EXCHANGE_REJECTED', field: 'orderId' } });
    expect(methods()).toEqual(['private/amend-order']);
  });
});
