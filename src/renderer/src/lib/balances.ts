import type { Balance } from '../../../shared';

/** Replaces one account's balances in the list of every account's (a `balances:update` push). */
export function withAccountBalances(all: readonly Balance[], accountId: string, balances: readonly Balance[]): Balance[] {
  return [...all.filter((b) => b.accountId !== accountId), ...balances.map((b) => ({ ...b, accountId }))];
}

