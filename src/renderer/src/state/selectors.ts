import { useMemo } from 'react';
import { EXCHANGE_IDS, type Account, type ExchangeId, type Market, type StatusSnapshot, type StreamState } from '../../../shared';
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
export function useActive(): { account?: Account; symbol: string; market?: Market; streamable: boolean; source?: MarketSource } {
  const key = usePaneSlot()?.key;
  return useStore(
    app,
    (s: AppState) => {
      const accountId = paneAccountId(s, key);
      const account = s.accounts.find((a) => a.id === accountId);
      // With no account at all, the markets are watched by exchange (issue 13 #6).
      const exchange = account ? undefined : watchedExchange(s);
      const marketsKey = account ? account.id : exchange ? exchangeMarketsKey(exchange) : undefined;
      const market = marketsKey ? s.markets[marketsKey]?.find((m) => m.symbol === s.activeSymbol) : undefined;
      const streamable = !!marketsKey && (!!market || (!s.markets[marketsKey] && !!s.marketsError[marketsKey]));
      const source = account ? sourceOf(account.id) : exchange ? exchangeSource(exchange) : undefined;
      return { account, symbol: s.activeSymbol, market, streamable, source };
    },
    shallowEqual,
  );
}

/** Whose market data a pane asks for: an account's (its exchange), or an exchange's with no account. */
export type MarketSource = { accountId: string } | { exchange: ExchangeId };

// One object per source, so useActive's shallow compare sees no change when nothing changed.
const accountSources = new Map<string, MarketSource>();
const exchangeSources = new Map<ExchangeId, MarketSource>();
function sourceOf(accountId: string): MarketSource {
  let source = accountSources.get(accountId);
  if (!source) accountSources.set(accountId, (source = { accountId }));
  return source;
}
function exchangeSource(exchange: ExchangeId): MarketSource {
  let source = exchangeSources.get(exchange);
  if (!source) exchangeSources.set(exchange, (source = { exchange }));
  return source;
}

/** Where the markets of an exchange watched with no account are kept in `AppState.markets` (an account id never has a colon). */
export function exchangeMarketsKey(exchange: ExchangeId): string {
  return `exchange:${exchange}`;
}

/** The exchange watched while there is no account: the first of the catalog (demo mode: its simulator). */
export function watchedExchange(s: AppState): ExchangeId | undefined {
  return s.accountsLoaded && s.accounts.length === 0 ? EXCHANGE_IDS[0] : undefined;
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
