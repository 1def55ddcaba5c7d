/**
 * Which open orders a "cancel all" acts on, said in words before and after (issue 13 #4). Pure,
 * so the button's label, the palette's line and the result notice are unit tested and agree.
 */

/** The accounts a cancel-all reaches: the active one, every account, or a named list (a group, one account). */
export type CancelAccounts = { kind: 'active' } | { kind: 'every' } | { kind: 'list'; name: string; ids: string[] };

export interface CancelScope {
  accounts: CancelAccounts;
  /** One symbol, or every symbol when absent. */
  symbol?: string;
}

interface Named {
  id: string;
  label: string;
}

/** The `orders:cancel-all` request for a scope; undefined when the active account is needed and there is none. */
export function cancelRequest(scope: CancelScope, activeAccountId: string | undefined): { accountId?: string; accountIds?: string[]; symbol?: string } | undefined {
  const symbol = scope.symbol ? { symbol: scope.symbol } : {};
  switch (scope.accounts.kind) {
    case 'every':
      return { ...symbol };
    case 'list':
      return scope.accounts.ids.length === 1 ? { accountId: scope.accounts.ids[0]!, ...symbol } : { accountIds: scope.accounts.ids, ...symbol };
    case 'active':
      return activeAccountId ? { accountId: activeAccountId, ...symbol } : undefined;
  }
}

/** `every account` · `Icrypex demo` · `group desk (2 accounts)`. */
export function accountsWords(accounts: CancelAccounts, known: readonly Named[], activeAccountId: string | undefined): string {
  switch (accounts.kind) {
    case 'every':
      return 'every account';
    case 'active':
      return labelOf(known, activeAccountId) ?? 'no account';
    case 'list':
      return accounts.name;
  }
}

/** `on every account, BTCUSDT` / `on Icrypex demo, all symbols`: the whole scope in one phrase. */
export function scopeWords(scope: CancelScope, known: readonly Named[], activeAccountId: string | undefined): string {
  return `on ${accountsWords(scope.accounts, known, activeAccountId)}, ${scope.symbol ?? 'all symbols'}`;
}

/**
 * The orders pane's button: it acts on what the pane shows (its account and symbol filters);
 * a pane pinned to an account (issue 13 #3) shows, and cancels on, that account.
 */
export function paneCancelScope(view: { ordersScope: 'active' | 'all'; allSymbols: boolean; symbol: string; pinned?: Named }): CancelScope {
  const accounts: CancelAccounts =
    view.ordersScope === 'all' ? { kind: 'every' } : view.pinned ? { kind: 'list', name: view.pinned.label, ids: [view.pinned.id] } : { kind: 'active' };
  return { accounts, ...(view.allSymbols ? {} : { symbol: view.symbol }) };
}

/** `Cancel all: BTCUSDT · all accounts`, short enough for the pane's tool row. */
export function buttonLabel(scope: CancelScope, known: readonly Named[], activeAccountId: string | undefined): string {
  const who = scope.accounts.kind === 'every' ? 'all accounts' : accountsWords(scope.accounts, known, activeAccountId);
  return `Cancel all: ${scope.symbol ?? 'all symbols'} · ${who}`;
}

export interface CancelLeg {
  accountId: string;
  canceled?: number;
  error?: { message: string };
}

/**
 * The result in one line, counts per account in the order answered:
 * `cancelled 3 on every account, BTCUSDT: Icrypex demo 2, Crypto.com demo 1`, and each account
 * that failed with its reason (a failed account never hides the others).
 */
export function resultWords(scope: CancelScope, result: { canceled: number; legs: readonly CancelLeg[] }, known: readonly Named[], activeAccountId: string | undefined): { level: 'ok' | 'error'; text: string } {
  const parts = result.legs.map((leg) => {
    const name = labelOf(known, leg.accountId) ?? leg.accountId;
    return leg.error ? `${name} failed (${leg.error.message})` : `${name} ${leg.canceled ?? 0}`;
  });
  const failed = result.legs.filter((leg) => leg.error).length;
  const head = `cancelled ${result.canceled} ${scopeWords(scope, known, activeAccountId)}`;
  return { level: failed ? 'error' : 'ok', text: parts.length ? `${head}: ${parts.join(', ')}` : head };
}

function labelOf(known: readonly Named[], id: string | undefined): string | undefined {
  return id === undefined ? undefined : (known.find((a) => a.id === id)?.label ?? id);
}
