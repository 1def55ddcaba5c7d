import Big from 'big.js';
import type { z } from 'zod';
import type { BalanceTotals } from '../contract/accounts';
import type { Balance } from '../model';

/**
 * Money helpers both processes use; decimal throughout (style.md §7: floats only for drawing
 * and sorting).
 */

/**
 * The exact mid of a bid and an ask, as plain decimal text (`0.000000125`, never `1.25e-7`);
 * undefined when either is missing or not a number.
 */
export function decimalMid(bid: string | undefined, ask: string | undefined): string | undefined {
  if (bid === undefined || ask === undefined) return undefined;
  try {
    return new Big(bid).plus(ask).div(2).toFixed();
  } catch {
    return undefined; // big.js throws on text that is not a number
  }
}

/**
 * True for a decimal spelling of zero ("0", "0.000", "00.0": a level removal as exchanges send
 * it, an empty balance). A character scan, not a parse: it runs on every order-book update.
 */
export function isZeroQuantity(q: string): boolean {
  if (q === '0') return true;
  for (let i = 0; i < q.length; i++) {
    const c = q.charCodeAt(i);
    if (c !== 48 /* 0 */ && c !== 46 /* . */) return false;
  }
  return q.length > 0;
}

export type BalanceTotal = z.infer<typeof BalanceTotals>;

/**
 * Free, locked and total per asset summed across accounts (decimal, never float), assets in
 * code-point order (`localeCompare` would differ between machines' locales).
 */
export function totalBalances(balances: readonly Balance[]): BalanceTotal[] {
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
