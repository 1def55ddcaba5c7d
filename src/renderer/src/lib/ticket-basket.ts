import type { AccountGroup } from '../../../shared';
import { canonicalDecimal } from './ticket';
import { groupLegs } from './groups';

/**
 * The ticket's basket (issue 13 #1): the accounts ticked, each with the size typed beside it,
 * else its share of the ticket's size by the chosen group (weights or default sizes), else the
 * ticket's size. Pure, so unit tested; the legs are then checked by the engine one by one.
 */

export interface TicketLeg {
  accountId: string;
  /** Typed beside the account; empty takes the group's share or the ticket's size. */
  size: string;
}

export type SizedLeg = { accountId: string; quantity?: string; total?: string };
export type LegsResult = { ok: true; legs: SizedLeg[] } | { ok: false; field: string; message: string };

const NUMBER = /^\d*\.?\d+$|^\d+\.$/;

export function sizeTicketLegs(args: {
  legs: readonly TicketLeg[];
  group?: AccountGroup;
  /** The ticket's size field ('' when empty). */
  size: string;
  kind: 'quantity' | 'total';
  decimals: (accountId: string, kind: 'quantity' | 'total') => number;
  label: (accountId: string) => string;
}): LegsResult {
  const { legs, group, kind, label } = args;
  if (legs.length === 0) return { ok: false, field: 'legs', message: 'basket: tick at least one account' };
  const main = args.size.trim() === '' ? undefined : canonicalDecimal(args.size);
  const shares = new Map<string, string>();
  let shareProblem: string | undefined;
  if (group) {
    const split = groupLegs(group, main === undefined ? {} : { [kind]: main }, args.decimals, label);
    if (split.ok) for (const leg of split.legs) shares.set(leg.accountId, (kind === 'quantity' ? leg.quantity : leg.total) ?? '');
    else shareProblem = split.message;
  }
  const out: SizedLeg[] = [];
  for (const leg of legs) {
    const typed = leg.size.trim();
    let size: string | undefined;
    if (typed !== '') {
      if (!NUMBER.test(typed) || !/[1-9]/.test(typed)) return { ok: false, field: leg.accountId, message: `${label(leg.accountId)} ${kind}: must be a number greater than 0 such as 0.01 (a dot, no commas)` };
      size = canonicalDecimal(typed);
    } else size = shares.get(leg.accountId) ?? main;
    if (size === undefined) {
      const why = shareProblem ?? `${label(leg.accountId)}: no ${kind}; type one beside it, or one for every leg in ${kind}`;
      return { ok: false, field: shareProblem ? 'size' : leg.accountId, message: why };
    }
    out.push({ accountId: leg.accountId, [kind]: size });
  }
  return { ok: true, legs: out };
}
