import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared';
import { OwnOrders } from './own-orders';

const base: Order = {
  accountId: 'acc',
  exchange: 'icrypex',
  symbol: 'BTCUSDT',
  id: '1',
  clientId: 'kt-1',
  side: 'buy',
  type: 'limit',
  status: 'open',
  price: '100',
  quantity: '1',
  filledQuantity: '0',
  createdAt: 1,
  updatedAt: 1,
};

function setup() {
  const emitted: Order[] = [];
  const orders = new OwnOrders('acc', (o) => emitted.push(o));
  return { orders, emitted };
}

describe('OwnOrders', () => {
  it('emits a new order once and stays silent when a list repeats it', () => {
    const { orders, emitted } = setup();
    orders.upsert(base);
    orders.replaceOpen([base]);
    expect(emitted).toHaveLength(1);
    expect(orders.findByClientId('kt-1')?.id).toBe('1');
  });

  it('returns the orders missing from a fresh open list and drops them from the open set', () => {
    const { orders } = setup();
    orders.upsert(base);
    orders.upsert({ ...base, id: '2', clientId: 'kt-2' });
    const vanished = orders.replaceOpen([{ ...base, id: '2', clientId: 'kt-2' }]);
    expect(vanished.map((o) => o.id)).toEqual(['1']);
    expect(orders.list().map((o) => o.id)).toEqual(['2']);
  });

  it('applies user-trade pushes to a cached order, keeping its price and client id', () => {
    const { orders, emitted } = setup();
    orders.upsert(base);
    const partial = orders.applyUserTrade(
      { symbol: 'BTCUSDT', orderId: '1', side: 'buy', status: 'partially-filled', quantity: '1', leftQuantity: '0.25', tradeQuantity: '0.75', tradePrice: '100' },
      50,
    );
    expect(partial).toMatchObject({ status: 'partially-filled', filledQuantity: '0.75', price: '100', clientId: 'kt-1', updatedAt: 50 });
    orders.applyUserTrade({ symbol: 'BTCUSDT', orderId: '1', side: 'buy', status: 'filled', quantity: '1', leftQuantity: '0', tradeQuantity: '0.25', tradePrice: '100' }, 60);
    expect(emitted.map((o) => o.status)).toEqual(['open', 'partially-filled', 'filled']);
    expect(orders.list()).toEqual([]);
  });

  it('never reopens a closed order when an older open view arrives late', () => {
    const { orders, emitted } = setup();
    orders.upsert({ ...base, status: 'canceled' });
    orders.upsert(base);
    expect(orders.get('1')?.status).toBe('canceled');
    expect(emitted).toHaveLength(1);
  });

  it('builds an order it never saw from the push, for this account', () => {
    const { orders } = setup();
    const o = orders.applyUserTrade({ symbol: 'ETHUSDT', orderId: '9', side: 'sell', type: 'market', status: 'filled', quantity: '2', leftQuantity: '0', tradeQuantity: '2', tradePrice: '5' }, 7);
    expect(o).toMatchObject({ accountId: 'acc', symbol: 'ETHUSDT', side: 'sell', type: 'market', filledQuantity: '2', createdAt: 7 });
  });

  it('emits again when a later view adds the client id (a push came before the lookup)', () => {
    const { orders, emitted } = setup();
    const { clientId: _drop, ...withoutClientId } = base;
    orders.upsert(withoutClientId);
    orders.upsert(base);
    expect(emitted.map((o) => o.clientId)).toEqual([undefined, 'kt-1']);
  });
});
