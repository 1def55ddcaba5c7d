import { fallbackSymbol } from '../lib/market-fallback';
import { accountTitle } from '../lib/market-label';
import { setSymbol } from './actions';
import { app, notify, type AppState } from './app-state';

/**
 * No pane shows a market its account's exchange does not have (issue 11 #10). Whenever the
 * active account, the symbol or that account's market list changes, and the list is loaded
 * without the symbol, the symbol moves to one the exchange lists and a notice says so. This
 * covers every way in: Alt+n, the palette, the accounts pane, and the account and symbol saved
 * from the last run (persist.ts), so a saved state can never bring a pane back dead.
 *
 * It runs inside the store's change callback, before React renders, so panes never subscribe
 * to the dead pair once the list is known.
 */
export function guardActiveMarket(state: AppState = app.get()): void {
  const account = state.accounts.find((a) => a.id === state.activeAccountId);
  const markets = account && state.markets[account.id];
  if (!account || !markets) return;
  // Base and quote of the symbol as another account's exchange lists it, to find the same pair.
  const known = Object.values(state.markets)
    .flat()
    .find((m) => m.symbol === state.activeSymbol);
  const next = fallbackSymbol(state.activeSymbol, markets, known);
  if (!next) return;
  const from = state.activeSymbol;
  setSymbol(next);
  // After the notice of the switch that caused it (this runs inside that switch's store update).
  queueMicrotask(() => notify('info', `${accountTitle(account)} has no ${from} market: showing ${next}`));
}

let installed = false;

/** Starts guarding (once); checks the current state at once too. */
export function installMarketGuard(): void {
  if (installed) return;
  installed = true;
  let seen = app.get();
  app.subscribe(() => {
    const next = app.get();
    const changed =
      next.activeAccountId !== seen.activeAccountId ||
      next.activeSymbol !== seen.activeSymbol ||
      (next.activeAccountId !== undefined && next.markets[next.activeAccountId] !== seen.markets[next.activeAccountId]) ||
      next.accounts !== seen.accounts;
    seen = next;
    if (changed) guardActiveMarket(next);
  });
  guardActiveMarket();
}
