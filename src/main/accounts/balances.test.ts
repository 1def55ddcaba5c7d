import { describe, expect, it } from 'vitest';
import { totalBalances } from './balances';

describe('totalBalances', () => {
  it('sums per asset across accounts in exact decimals, assets sorted', () => {
    const b = (accountId: string, asset: string, free: string, locked: string) => ({ accountId, asset, free, locked, total: String(Number(free) + Number(locked)) });
    const totals = totalBalances([
      { ...b('a', 'USDT', '0.1', '0'), total: '0.1' },
      { ...b('b', 'USDT', '0.2', '0'), total: '0.2' },
      { ...b('a', 'BTC', '1.00000001', '0.5'), total: '1.50000001' },
      { ...b('b', 'BTC', '0.00000002', '0'), total: '0.00000002' },
    ]);
    expect(totals).toEqual([
      { asset: 'BTC', free: '1.00000003', locked: '0.5', total: '1.50000003' },
      { asset: 'USDT', free: '0.3', locked: '0', total: '0.3' },
    ]);
  });

  it('answers nothing for no balances', () => {
    expect(totalBalances([])).toEqual([]);
  });
});
