import { describe, expect, it } from 'vitest';
import type { Balance } from '../../../shared';
import { totalsOf, withAccountBalances } from './balances';

const b = (accountId: string, asset: string, free: string, locked = '0', total = free): Balance => ({ accountId, asset, free, locked, total });

describe('balances', () => {
  it('replaces only the pushed account', () => {
    const all = [b('a', 'BTC', '1'), b('b', 'BTC', '2')];
    expect(withAccountBalances(all, 'a', [b('a', 'BTC', '0.5'), b('a', 'USDT', '10')])).toEqual([b('b', 'BTC', '2'), b('a', 'BTC', '0.5'), b('a', 'USDT', '10')]);
  });

  it('sums each asset across accounts exactly, in decimal', () => {
    const totals = totalsOf([b('a', 'BTC', '0.1', '0.2', '0.3'), b('b', 'BTC', '0.2'), b('a', 'ETH', '3')]);
    // 0.1 + 0.2 in floats would be 0.30000000000000004.
    expect(totals).toEqual([
      { asset: 'BTC', free: '0.3', locked: '0.2', total: '0.5' },
      { asset: 'ETH', free: '3', locked: '0', total: '3' },
    ]);
  });
});
