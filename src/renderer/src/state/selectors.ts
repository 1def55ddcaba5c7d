import { useMemo } from 'react';
import type { Account, Market, StatusSnapshot, StreamState } from '../../../shared';
import { worseState } from '../lib/status';
import { app, type AppState } from './app-state';
import { paneAccountId, usePaneSlot } from './pane-slot';
import { shallowEqual, useStore } from './store';

/**
 * The pane's account (its pin, else the active account), the active symbol and its market,
 * re-rendering only when one of them changes.
 * `streamable`: market panes may subscribe. Not while the account's market list is loading
 * (the symbol may not exist there: market-guard.ts then moves it) and not for a symbol the
 * list lacks; yes when the list could not be loaded (the stream's own error then says why).
 */
export function useActive(): { account?: Account; symbol: string; market?: Market; streamable: boolean } {
  const key = usePaneSlot()?.key;
  return useStore(
    app,
    (s: AppState) => {
      const accountId = paneAccountId(s, key);
      const account = s.accounts.find((a) => a.id === accountId);
      const market = account ? s.markets[account.id]?.find((m) => m.symbol === s.activeSymbol) : undefined;
      const streamable = !!account && (!!market || (!s.markets[account.id] && !!s.marketsError[account.id]));
      return { account, symbol: s.activeSymbol, market, streamable };
    },
    shallowEqual,
  );
}

/**
 * The worst state among an account's streams of one kind (public market data, private
 * account data), or undefined when the engine reports none.
 */
export function streamStateFor(status: StatusSnapshot | undefined, account: Account | undefined, kind: 'public' | 'private' | 'poll'): StreamState | undefined {
  if (!status || !account) return undefined;
  const streams = status.streams.filter(
    (s) => s.kind === kind && s.exchange === account.exchange && (s.accountId === undefined || s.accountId === account.id),
  );
  if (streams.length === 0) return undefined;
  return streams.reduce<StreamState>((worst, s) => worseState(worst, s.state), 'connected');
}

const NO_MARKETS: readonly Market[] = [];

/** The markets of one account's exchange (what its balances are formatted by, docs/ui.md "Numbers"). */
export function useMarketsOf(accountId: string | undefined): readonly Market[] {
  return useStore(app, (s: AppState) => (accountId ? s.markets[accountId] : undefined) ?? NO_MARKETS);
}

/** Every account's markets, for figures that span accounts (totals). */
export function useAllMarkets(): readonly Market[] {
  const byAccount = useStore(app, (s: AppState) => s.markets);
  return useMemo(() => Object.values(byAccount).flat(), [byAccount]);
}

/** Looks up any account's market of a symbol, re-rendering when markets load (rows of many accounts). */
export function useMarketLookup(): { market: (accountId: string, symbol: string) => Market | undefined; marketsOf: (accountId: string) => readonly Market[] } {
  const byAccount = useStore(app, (s: AppState) => s.markets);
  return useMemo(
    () => ({
      market: (accountId: string, symbol: string) => byAccount[accountId]?.find((m) => m.symbol === symbol),
      marketsOf: (accountId: string) => byAccount[accountId] ?? NO_MARKETS,
    }),
    [byAccount],
  );
}
