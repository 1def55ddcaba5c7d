import { describe, expect, it } from 'vitest';
import { OrderStatus, type Balance, type Order } from '../model';
import { canonicalSymbol, decimalMid, isOrderDone, isOrderOpen, isZeroQuantity, laterOrderState, totalBalances } from './index';

describe('order status predicates', () => {
  it('splits every status into done or open, never both', () => {
    const done = OrderStatus.options.filter(isOrderDone);
    expect(done).toEqual(['filled', 'canceled', 'rejected', 'expired']);
    for (const status of OrderStatus.options) expect(isOrderOpen(status)).toBe(!isOrderDone(status));
  });

  it('counts an order of unknown state as open (it may still trade)', () => {
    expect(isOrderOpen('unknown')).toBe(true);
    expect(isOrderOpen('pending-cancel')).toBe(true);
  });
});

describe('laterOrderState', () => {
  const state = (status: Order['status'], filledQuantity: string, updatedAt: number): Order => ({
    accountId: 'a', exchange: 'cryptocom-exchange', symbol: 'BTCUSDT', id: '1', side: 'buy', type: 'market', status, quantity: '1', filledQuantity, createdAt: 1, updatedAt,
  });

  it('never goes back from done to open, whichever comes first or is stamped later', () => {
    const filled = state('filled', '1', 5);
    const reply = state('pending', '0', 9);
    expect(laterOrderState(filled, reply)).toBe(filled);
    expect(laterOrderState(reply, filled)).toBe(filled);
  });

  it('never goes back to a smaller filled quantity, compared as decimals', () => {
    const more = state('partially-filled', '0.50', 5);
    const less = state('partially-filled', '0.4999999999999999999', 9);
    expect(laterOrderState(more, less)).toBe(more);
    expect(laterOrderState(less, more)).toBe(more);
  });

  it('otherwise takes the newer, and the second of two stamped alike', () => {
    const older = state('open', '0', 3);
    const newer = state('pending-cancel', '0', 4);
    expect(laterOrderState(older, newer)).toBe(newer);
    expect(laterOrderState(newer, older)).toBe(newer);
    const again = state('open', '0', 3);
    expect(laterOrderState(older, again)).toBe(again);
  });
});

describe('canonicalSymbol', () => {
  it('folds case and every separator a trader or an exchange writes', () => {
    const spellings = ['btc/usdt', 'BTC-USDT', 'btc_usdt', 'BTCUSDT', 'btc usdt', ' BtcUsdt '];
    expect(spellings.map(canonicalSymbol)).toEqual(Array(spellings.length).fill('BTCUSDT'));
  });

  it('keeps digits', () => {
    expect(canonicalSymbol('1000pepe_usd')).toBe('1000PEPEUSD');
  });
});

describe('decimalMid', () => {
  it('takes the mid of two prices exactly, never in exponent notation', () => {
    expect(decimalMid('0.00000012', '0.00000013')).toBe('0.000000125');
    expect(decimalMid('87000.1', '87000.2')).toBe('87000.15');
    expect(decimalMid('0.1', '0.2')).toBe('0.15');
  });

  it('answers nothing without both sides or for text that is not a number', () => {
    expect(decimalMid(undefined, '1')).toBeUndefined();
    expect(decimalMid('1', undefined)).toBeUndefined();
    expect(decimalMid('abc', '1')).toBeUndefined();
  });
});

describe('isZeroQuantity', () => {
  it('knows every spelling of zero and nothing else', () => {
    for (const z of ['0', '0.0', '0.00000000', '00']) expect(isZeroQuantity(z)).toBe(true);
    for (const nz of ['1', '0.00000001', '10', '0.10', '']) expect(isZeroQuantity(nz)).toBe(false);
  });
});

describe('totalBalances', () => {
  const b = (accountId: string, asset: string, free: string, locked = '0', total = free): Balance => ({ accountId, asset, free, locked, total });

  it('sums per asset across accounts in exact decimals, assets sorted', () => {
    const totals = totalBalances([
      b('a', 'USDT', '0.1'),
      b('b', 'USDT', '0.2'),
      b('a', 'BTC', '1.00000001', '0.5', '1.50000001'),
      b('b', 'BTC', '0.00000002'),
    ]);
    // 0.1 + 0.2 in floats would be 0.30000000000000004.
    expect(totals).toEqual([
      { asset: 'BTC', free: '1.00000003', locked: '0.5', total: '1.50000003' },
      { asset: 'USDT', free: '0.3', locked: '0', total: '0.3' },
    ]);
  });

  it('orders assets by code point, whatever the machine locale', () => {
    expect(totalBalances([b('a', 'eth', '1'), b('a', 'BTC', '1'), b('a', '1INCH', '1')]).map((t) => t.asset)).toEqual(['1INCH', 'BTC', 'eth']);
  });

  it('answers nothing for no balances', () => {
    expect(totalBalances([])).toEqual([]);
  });
});
