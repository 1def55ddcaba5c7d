import Big from 'big.js';
import { memberAmount, type AccountGroup } from '../../../shared';

/**
 * Account groups in a basket (issue 13 #2, docs/ui.md "Basket orders"). Pure, so unit tested.
 *
 *   on group <name>          weights: the size is split in proportion to the weights
 *                            sizes:   no size given, each account its default quantity;
 *                                     a size given is split in proportion to those sizes
 *   a percent (25%) is never split: each account sends that percent of its own available.
 */

export type GroupFind = { ok: true; group: AccountGroup } | { ok: false; message: string };

/** A group by name: exact (any case), else a unique start. */
export function findGroup(name: string, groups: readonly AccountGroup[]): GroupFind {
  const q = name.trim().toLowerCase();
  const exact = groups.find((g) => g.name.toLowerCase() === q);
  if (exact) return { ok: true, group: exact };
  const starts = groups.filter((g) => g.name.toLowerCase().startsWith(q));
  if (starts.length === 1) return { ok: true, group: starts[0]! };
  if (starts.length > 1) return { ok: false, message: `"${name}" matches ${starts.length} groups: ${starts.map((g) => g.name).join(', ')}` };
  return { ok: false, message: groups.length ? `no group "${name}"; have ${groups.map((g) => g.name).join(', ')}` : `no group "${name}": add one in settings (Account groups)` };
}

/**
 * `amount` split in proportion to `weights`, each share rounded down to its own number of
 * decimals (its market's step): what is left over by rounding is not sent, never more.
 */
export function splitAmount(amount: string, weights: readonly string[], decimals: readonly number[]): string[] {
  const sum = weights.reduce((s, w) => s.plus(w), new Big(0));
  return weights.map((w, i) => new Big(amount).times(w).div(sum).round(decimals[i] ?? 8, Big.roundDown).toFixed(decimals[i] ?? 8).replace(/\.?0+$/, '') || '0');
}

export type GroupSize = { quantity?: string; total?: string; percent?: number };
export type GroupLeg = { accountId: string } & GroupSize;

/**
 * Each member's size for a basket on a group. `decimals(accountId, 'quantity' | 'total')` is the
 * leg's market precision. A share that rounds to nothing is an error naming the account.
 */
export function groupLegs(
  group: AccountGroup,
  size: GroupSize,
  decimals: (accountId: string, kind: 'quantity' | 'total') => number,
  label: (accountId: string) => string = (id) => id,
): { ok: true; legs: GroupLeg[] } | { ok: false; message: string } {
  const ids = group.members.map((m) => m.accountId);
  if (size.percent !== undefined) return { ok: true, legs: ids.map((accountId) => ({ accountId, percent: size.percent })) };
  const amount = size.quantity ?? size.total;
  if (amount === undefined) {
    if (group.split === 'sizes') return { ok: true, legs: group.members.map((m) => ({ accountId: m.accountId, quantity: m.quantity })) };
    return { ok: false, message: `group ${group.name} splits a size by weights: give one, e.g. buy 0.03 btcusdt @ 87000 on group ${group.name}` };
  }
  const kind = size.quantity !== undefined ? 'quantity' : 'total';
  const shares = splitAmount(amount, group.members.map(memberAmount), ids.map((id) => decimals(id, kind)));
  const zero = ids.find((_, i) => new Big(shares[i]!).eq(0));
  if (zero) return { ok: false, message: `group ${group.name}: ${label(zero)}'s share of ${amount} rounds to 0 at its market's step; give a larger size` };
  return { ok: true, legs: ids.map((accountId, i) => ({ accountId, [kind]: shares[i]! })) };
}

/** Decimals of a step such as `0.00001` (5); 8 when unknown. */
export function stepDecimals(step: string | undefined): number {
  if (!step) return 8;
  const s = new Big(step).toFixed();
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}
