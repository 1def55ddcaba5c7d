import type { Balance, ReadGap } from '../../../shared';
import { failedAccounts, gapLines, type GapLine } from './read-gaps';

/** Replaces one account's balances in the list of every account's (a `balances:update` push). */
export function withAccountBalances(all: readonly Balance[], accountId: string, balances: readonly Balance[]): Balance[] {
  return [...all.filter((b) => b.accountId !== accountId), ...balances.map((b) => ({ ...b, accountId }))];
}

/**
 * The balances after a read over all accounts (issue 13 #5): the rows read, plus what was
 * known of each account that could not be read this time, so a failed read never empties an
 * account's balances (and the ticket's "available") from the screen.
 */
export function mergeBalances(previous: readonly Balance[], rows: readonly Balance[], gaps: readonly ReadGap[]): Balance[] {
  const failed = failedAccounts(gaps);
  return [...rows, ...previous.filter((b) => failed.has(b.accountId))];
}

/** The gap lines under the balances, saying when the rows shown for an unread account are old. */
export function balanceGapLines(gaps: readonly ReadGap[], balances: readonly Balance[], accounts: readonly { id: string; label: string }[]): GapLine[] {
  const shown = new Set(balances.map((b) => b.accountId));
  return gapLines(gaps, accounts).map((line) => (shown.has(line.key.split('|')[0]!) ? { ...line, text: `${line.text} · last known shown` } : line));
}
