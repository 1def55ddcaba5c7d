import { useEffect, type ReactNode } from 'react';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Layout } from './components/Layout';
import { Notices } from './components/Notices';
import { TradingOffBanner } from './components/TradingOffBanner';
import { AccountsPane } from './panes/accounts/AccountsPane';
import { BalancesPane } from './panes/balances/BalancesPane';
import { BookPane } from './panes/book/BookPane';
import { ChartPane } from './panes/chart/ChartPane';
import { OrdersPane } from './panes/orders/OrdersPane';
import { Palette } from './panes/palette/Palette';
import { SettingsView } from './panes/settings/SettingsView';
import { StatusBar } from './panes/status/StatusBar';
import { TapePane } from './panes/tape/TapePane';
import { TicketPane } from './panes/ticket/TicketPane';
import { WatchlistPane } from './panes/watchlist/WatchlistPane';
import { startSession } from './state/actions';
import { app } from './state/app-state';
import { installMarketGuard } from './state/market-guard';
import { useStore } from './state/store';
import { useHotkeys } from './state/use-hotkeys';

const PANES = {
  chart: <ChartPane />,
  book: <BookPane />,
  tape: <TapePane />,
  ticket: <TicketPane />,
  orders: <OrdersPane />,
  balances: <BalancesPane />,
  accounts: <AccountsPane />,
  watchlist: <WatchlistPane />,
};

/** An overlay's own boundary: a failure shows where the overlay was, and Esc still closes it. */
function Overlay({ name, children }: { name: string; children: ReactNode }) {
  return (
    <ErrorBoundary name={name} overlay>
      {children}
    </ErrorBoundary>
  );
}

/** The terminal: the pane layout, the status bar, the palette and settings overlays. */
export function App() {
  const overlay = useStore(app, (s) => s.overlay);
  useHotkeys();
  useEffect(() => {
    installMarketGuard();
    startSession();
  }, []);
  // Give the focus back to where it was when an overlay closes.
  useEffect(() => {
    if (!overlay) return;
    const before = document.activeElement as HTMLElement | null;
    return () => {
      if (before && document.contains(before)) before.focus();
    };
  }, [overlay]);

  return (
    <div className="app">
      <ErrorBoundary name="banner">
        <TradingOffBanner />
      </ErrorBoundary>
      <Layout panes={PANES} />
      <ErrorBoundary name="status bar">
        <StatusBar />
      </ErrorBoundary>
      <ErrorBoundary name="notices">
        <Notices />
      </ErrorBoundary>
      {overlay?.kind === 'palette' && (
        <Overlay name="command palette">
          <Palette key={JSON.stringify(overlay)} initial={overlay.initial} />
        </Overlay>
      )}
      {overlay?.kind === 'settings' && (
        <Overlay name="settings">
          <SettingsView />
        </Overlay>
      )}
    </div>
  );
}
