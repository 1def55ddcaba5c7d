import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared';
import { app } from './app-state';
import { recordPlaced } from './ticket-state';

const order = (id: string, status: Order['status']): Order => ({ accountId: 'a', exchange: 'icrypex', symbol: 'BTCUSDT', id, side: 'buy', type: 'limit', status, quantity: '1', filledQuantity: '0', createdAt: 1, updatedAt: 1 });

describe('recordPlaced: a placed order shows in open orders at once', () => {
  it('uses the same open/done rule as order pushes (an unknown state may still trade)', () => {
    app.set({ openOrders: [] });
    for (const [id, status] of [['1', 'open'], ['2', 'unknown'], ['3', 'pending-cancel'], ['4', 'filled'], ['5', 'rejected']] as const) {
      recordPlaced({ kind: 'placed', order: order(id, status), clientId: `c-${id}` });
    }
    expect(app.get().openOrders.map((o) => o.id).sort()).toEqual(['1', '2', '3']);
    expect(app.get().lastPlaced).toEqual({ accountId: 'a', symbol: 'BTCUSDT', orderId: '5' });
  });
});
