import type { Account, Market, StatusSnapshot, StreamState } from '../../../shared';
import { worseState } from '../lib/status';
import { app, type AppState } from './app-state';
import { shallowEqual, useStore } from './store';

/**
 * The active account, symbol and market, re-rendering only when one of them changes.
 * `streamable`: market panes may subscribe. Not while the account's market list is loading
 * (the symbol may not exist there: market-guard.ts then moves it) and not for a symbol the
 * list lacks; yes when the list could not be loaded (the stream's own error then says why).
 */
export function useActive(): { account?: Account; symbol: string; market?: Market; streamable: boolean } {
  return useStore(
    app,
    (s: AppState) => {
      const account = s.accounts.find((a) => a.id === s.activeAccountId);
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
