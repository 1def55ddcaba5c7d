import { describe, expect, it } from 'vitest';
import type { Order, Result } from '../../../shared';
import { bodyOf, cdxRestRig, methodOf, reply, timeout, type HttpOutcome, type Req } from '../../../../tests/support/cdx-rest';
import type { ConnectorOrder } from '../connector';
import { CdxOrders } from './account';
import { symbolOfNative } from './map-market';

const detail = (status: string, price = '100') => ({ order_id: '42', client_oid: 'kt-old', order_type: 'LIMIT', side: 'SELL', status, quantity: '2', limit_price: price, cumulative_quantity: '0', instrument_name: 'BTC_USDT', create_time: 1, update_time: 2 });

function rig(answer: (req: Req, n: number) => HttpOutcome) {
  const r = cdxRestRig(answer);
  const placed: ConnectorOrder[] = [];
  const emitted: Order[] = [];
  const orders = new CdxOrders({
    rest: r.rest,
    symbolOf: symbolOfNative,
    place: async (o): Promise<Result<Order>> => {
      placed.push(o);
      return { ok: true, value: { accountId: 'a1', exchange: 'cryptocom', symbol: o.symbol, id: '43', clientId: o.clientId, side: o.side, type: 'limit', status: 'open', price: o.price!, quantity: o.quantity!, filledQuantity: '0', createdAt: 3, updatedAt: 3 } };
    },
    emit: (o) => emitted.push(o),
  });
  const methods = () => r.requests.map((q) => methodOf(q.req));
  return { ...r, orders, placed, emitted, methods };
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

  it('amends in place with both new price and quantity as strings (§5.9)', async () => {
    const { orders, settle, requests, placed } = rig((req) => (methodOf(req) === 'private/amend-order' ? reply(methodOf(req), 0, { order_id: '42', client_oid: '53' }) : reply(methodOf(req), 0, detail('ACTIVE', '101'))));
    expect(await settle(orders.amend({ symbol: 'BTCUSDT', orderId: '42', price: '101', quantity: '2', clientId: 'kt-new' }))).toMatchObject({ ok: true, value: { id: '42', price: '101' } });
    expect(bodyOf(requests[0]!.req).params).toEqual({ order_id: '42', new_price: '101', new_quantity: '2' });
    expect(placed).toEqual([]);
  });

  it('falls back to cancel and replace when the exchange will not amend, placing only after the cancel', async () => {
    const { orders, settle, methods, placed } = rig((req) => {
      const m = methodOf(req);
      if (m === 'private/amend-order') return reply(m, 40002, undefined, 400, 'METHOD_NOT_FOUND');
      if (m === 'private/cancel-order') return reply(m, 0, { order_id: '42' });
      return reply(m, 0, detail('ACTIVE'));
    });
    const r = await settle(orders.amend({ symbol: 'BTCUSDT', orderId: '42', price: '101', quantity: '2', clientId: 'kt-new' }));
    expect(r).toMatchObject({ ok: true, value: { id: '43', clientId: 'kt-new', price: '101' } });
    expect(methods()).toEqual(['private/amend-order', 'private/get-order-detail', 'private/cancel-order', 'private/get-order-detail']);
    expect(placed).toEqual([{ symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '101', quantity: '2', clientId: 'kt-new' }]);
  });

  it('a refused amend of a final order is not replaced (212)', async () => {
    const { orders, settle, placed, methods } = rig((req) => reply(methodOf(req), 212, undefined, 500, 'INVALID_ORDERID'));
    expect(await settle(orders.amend({ symbol: 'BTCUSDT', orderId: '42', price: '101', quantity: '2', clientId: 'kt-new' }))).toMatchObject({ ok: false, error: { code: 'EXCHANGE_REJECTED', field: 'orderId' } });
    expect(placed).toEqual([]);
    expect(methods()).toEqual(['private/amend-order']);
  });

  it('when the fallback cancel fails, nothing new is placed', async () => {
    const { orders, settle, placed } = rig((req) => {
      const m = methodOf(req);
      if (m === 'private/amend-order') return reply(m, 140001, undefined, 400, 'API_DISABLED');
      if (m === 'private/cancel-order') return reply(m, 212, undefined, 500, 'INVALID_ORDERID');
      return reply(m, 0, detail('ACTIVE'));
    });
    expect(await settle(orders.amend({ symbol: 'BTCUSDT', orderId: '42', price: '101', quantity: '2', clientId: 'kt-new' }))).toMatchObject({ ok: false, error: { message: expect.stringContaining('the cancel failed') } });
    expect(placed).toEqual([]);
  });
});
