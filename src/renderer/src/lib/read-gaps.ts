import type { Order, ReadGap } from '../../../shared';

/**
 * What a read over accounts could not cover, said inline under the rows (issue 13 #5): the
 * engine answers the rows it could read and a gap per account or market it could not.
 */

export interface GapLine {
  key: string;
  level: 'error' | 'warn';
  text: string;
}

/** `Crypto.com demo: could not read order history on ETHUSDT: timed out`, failures first. */
export function gapLines(gaps: readonly ReadGap[], accounts: readonly { id: string; label: string }[]): GapLine[] {
  const name = (id: string) => accounts.find((a) => a.id === id)?.label ?? id;
  return [...gaps]
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'failed' ? -1 : 1))
    .map((gap, i) => ({ key: `${gap.accountId}|${gap.symbol ?? ''}|${gap.kind}|${i}`, level: gap.kind === 'failed' ? 'error' : 'warn', text: `${name(gap.accountId)}: ${gap.message}` }));
}

/** Accounts whose whole read failed (a gap without a symbol). */
export function failedAccounts(gaps: readonly ReadGap[]): Set<string> {
  return new Set(gaps.filter((g) => g.kind === 'failed' && g.symbol === undefined).map((g) => g.accountId));
}

/**
 * The open orders after a refresh: the rows read, plus what was known of each account that
 * could not be read this time (its pushes keep those current), so a failed read never empties
 * an account's orders from the screen.
 */
export function mergeOpenOrders(previous: readonly Order[], rows: readonly Order[], gaps: readonly ReadGap[]): Order[] {
  const failed = failedAccounts(gaps);
  return [...rows, ...previous.filter((o) => failed.has(o.accountId))];
}
