import Big from 'big.js';
import type { Balance, BalanceTotals } from '../../shared';
import type { z } from 'zod';

type Totals = z.infer<typeof BalanceTotals>;

/** Sums free, locked and total per asset across accounts (decimal, never float), assets in name order. */
export function totalBalances(balances: readonly Balance[]): Totals[] {
  const sums = new Map<string, { free: Big; locked: Big; total: Big }>();
  for (const b of balances) {
    const sum = sums.get(b.asset) ?? { free: new Big(0), locked: new Big(0), total: new Big(0) };
    sum.free = sum.free.plus(b.free);
    sum.locked = sum.locked.plus(b.locked);
    sum.total = sum.total.plus(b.total);
    sums.set(b.asset, sum);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([asset, s]) => ({ asset, free: s.free.toFixed(), locked: s.locked.toFixed(), total: s.total.toFixed() }));
}
