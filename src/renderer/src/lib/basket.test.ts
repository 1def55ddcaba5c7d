import { describe, expect, it } from 'vitest';
import type { Balance, Order } from '../../../shared';
import { balanceWarning, basketSummary, legResultWords } from './basket';

const balances: Balance[] = [
  { accountId: 'a', asset: 'USDT', free: '100', locked: '0', total: '100' },
  { accountId: 'a', asset: 'BTC', free: '0.5', locked: '0', total: '0.5' },
  { accountId: 'b', asset: 'USDT', free: '5', locked: '0', total: '5' },
];
const market = { base: 'BTC', quote: 'USDT' };

describe('basket legs (issue 13 #1)', () => {
  it('warns per leg when its account lacks the balance, in decimal', () => {
    expect(balanceWarning('buy', { notional: '87.1' }, market, balances, 'a')).toBeUndefined();
    expect(balanceWarning('buy', { notional: '87.1' }, market, balances, 'b')).toBe('needs 87.1 USDT, has 5 USDT free: the exchange will likely refuse it');
    expect(balanceWarning('sell', { quantity: '0.50000001' }, market, balances, 'a')).toMatch(/needs 0.50000001 BTC, has 0.5 BTC/);
    expect(balanceWarning('buy', { total: '50', notional: '200' }, market, balances, 'a')).toBeUndefined();
  });

  it('says each leg\'s end, a failed leg beside a placed one', () => {
    const order = { id: '7', status: 'open' } as Order;
    expect(legResultWords({ accountId: 'a', order })).toEqual({ level: 'ok', text: 'placed · order 7 (open)' });
    expect(legResultWords({ accountId: 'b', error: { code: 'EXCHANGE_REJECTED', message: 'insufficient USDT', retryable: false } })).toEqual({ level: 'error', text: 'rejected: insufficient USDT' });
    expect(legResultWords({ accountId: 'b', error: { code: 'ORDER_STATE_UNKNOWN', message: 'x', retryable: false } }).level).toBe('unknown');
    expect(basketSummary('BUY BTCUSDT', [{ accountId: 'a', order }, { accountId: 'b', error: { code: 'VALIDATION', message: 'x', retryable: false } }])).toEqual({ level: 'error', text: 'basket BUY BTCUSDT: 1 of 2 legs placed' });
  });
});
