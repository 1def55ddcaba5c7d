import { describe, expect, it } from 'vitest';
import type { Balance } from '../../../shared';
import { withAccountBalances } from './balances';

const b = (accountId: string, asset: string, free: string, locked = '0', total = free): Balance => ({ accountId, asset, free, locked, total });

describe('balances', () => {
  it('replaces only the pushed account', () => {
    const all = [b('a', 'BTC', '1'), b('b', 'BTC', '2')];
    expect(withAccountBalances(all, 'a', [b('a', 'BTC', '0.5'), b('a', 'USDT', '10')])).toEqual([b('b', 'BTC', '2'), b('a', 'BTC', '0.5'), b('a', 'USDT', '10')]);
  });
});
