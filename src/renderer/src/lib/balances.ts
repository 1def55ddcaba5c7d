import Big from 'big.js';
import type { Balance } from '../../../shared';

export interface AssetTotal {
  asset: string;
  free: string;
  locked: string;
  total: string;
}

/** Replaces one account's balances in the list of every account's (a `balances:update` push). */
export function withAccountBalances(all: readonly Balance[], accountId: string, balances: readonly Balance[]): Balance[] {
  return [...all.filter((b) => b.accountId !== accountId), ...balances.map((b) => ({ ...b, accountId }))];
}

/** Totals per asset across accounts, summed in decimal; assets in alphabetical order. */
export function totalsOf(balances: readonly Balance[]): AssetTotal[] {
  const sums = new Map<string, { free: Big; locked: Big; total: Big }>();
  for (const b of balances) {
    const sum = sums.get(b.asset) ?? { free: new Big(0), locked: new Big(0), total: new Big(0) };
    sum.free = sum.free.plus(b.free);
    sum.locked = sum.locked.plus(b.locked);
    sum.total = sum.total.plus(b.total);
    sums.set(b.asset, sum);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([asset, s]) => ({ asset, free: s.free.toFixed(), locked: s.locked.toFixed(), total: s.total.toFixed() }));
}
