import { describe, expect, it } from 'vitest';
import type { Balance } from '../../../shared';
import { balanceGapLines, mergeBalances, withAccountBalances } from './balances';

const b = (accountId: string, asset: string, free: string, locked = '0', total = free): Balance => ({ accountId, asset, free, locked, total });

describe('balances', () => {
  it('replaces only the pushed account', () => {
    const all = [b('a', 'BTC', '1'), b('b', 'BTC', '2')];
    expect(withAccountBalances(all, 'a', [b('a', 'BTC', '0.5'), b('a', 'USDT', '10')])).toEqual([b('b', 'BTC', '2'), b('a', 'BTC', '0.5'), b('a', 'USDT', '10')]);
  });
});

describe('balances over all accounts with a gap (issue 13 #5)', () => {
  it('keeps what was known of an account that could not be read, and only of that one', () => {
    const previous = [b('a', 'BTC', '1'), b('b', 'BTC', '2'), b('c', 'USDT', '5')];
    const rows = [b('a', 'BTC', '1.5')];
    const gaps = [{ accountId: 'b', kind: 'failed' as const, message: 'could not read balances: timed out' }];
    expect(mergeBalances(previous, rows, gaps)).toEqual([b('a', 'BTC', '1.5'), b('b', 'BTC', '2')]);
  });

  it('says the rows shown for an unread account are the last known ones', () => {
    const gaps = [
      { accountId: 'b', kind: 'failed' as const, message: 'could not read balances: timed out' },
      { accountId: 'c', kind: 'failed' as const, message: 'could not read balances: no key' },
    ];
    const lines = balanceGapLines(gaps, [b('b', 'BTC', '2')], [{ id: 'b', label: 'Desk B' }, { id: 'c', label: 'Desk C' }]);
    expect(lines.map((l) => l.text)).toEqual(['Desk B: could not read balances: timed out · last known shown', 'Desk C: could not read balances: no key']);
  });
});
