import { describe, expect, it } from 'vitest';
import type { Order } from '../../shared';
import { LatestOrders } from './latest-orders';

const report = (id: string, status: Order['status'], updatedAt: number): Order => ({
  accountId: 'a', exchange: 'cryptocom-exchange', symbol: 'BTCUSDT', id, side: 'buy', type: 'limit', status, quantity: '1',
  filledQuantity: status === 'filled' ? '1' : '0', createdAt: 1, updatedAt,
});

describe('LatestOrders', () => {
  it('passes a report on unless it is behind the one passed on for that order', () => {
    const latest = new LatestOrders();
    expect(latest.admit(report('1', 'open', 2))?.status).toBe('open');
    expect(latest.admit(report('1', 'open', 1))).toBeUndefined();
    expect(latest.admit(report('1', 'pending-cancel', 3))?.status).toBe('pending-cancel');
    expect(latest.admit(report('1', 'filled', 2))?.status).toBe('filled');
    expect(latest.admit(report('1', 'open', 9))).toBeUndefined();
  });

  it('forgets the orders reported longest ago beyond its capacity', () => {
    const latest = new LatestOrders(2);
    latest.admit(report('1', 'filled', 5));
    latest.admit(report('2', 'filled', 5));
    // Order 1 reported again moves to the back; order 2 is the one forgotten.
    expect(latest.admit(report('1', 'filled', 6))).toBeDefined();
    latest.admit(report('3', 'filled', 5));
    expect(latest.admit(report('1', 'open', 9))).toBeUndefined();
    expect(latest.admit(report('2', 'open', 9))?.status).toBe('open');
  });
});
