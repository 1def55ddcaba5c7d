import { Pane } from '../../components/Pane';
import { openOrdersView } from '../../lib/orders';
import { app } from '../../state/app-state';
import { shallowEqual, useStore } from '../../state/store';
import { paneAccountId } from '../../state/pane-slot';
import { ordersUi, type OrdersTab } from '../../state/orders-ui';
import { AlertsTable } from './AlertsTable';
import { exportOrders } from './export';
import { FillsTable } from './FillsTable';
import { HistoryTable } from './HistoryTable';
import { OpenOrdersTable } from './OpenOrdersTable';

const TABS: { id: OrdersTab; label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'history', label: 'History' },
  { id: 'fills', label: 'My trades' },
  { id: 'alerts', label: 'Alerts' },
];

const setTab = (tab: OrdersTab) => ordersUi.set({ tab });

/** Open orders, order history, my trades and price alerts; per account or all, one symbol or all. */
export function OrdersPane() {
  const tab = useStore(ordersUi, (s) => s.tab);
  const armed = useStore(app, (s) => s.alerts.filter((a) => a.state === 'armed').length);
  const { scope, allSymbols, symbol, openCount } = useStore(
    app,
    (s) => ({
      scope: s.ordersScope,
      allSymbols: s.ordersAllSymbols,
      symbol: s.activeSymbol,
      // The count is of the rows the filters show, never of every open order (issue 11 #14).
      openCount: openOrdersView(s.openOrders, { scope: s.ordersScope, activeAccountId: paneAccountId(s, 'orders'), allSymbols: s.ordersAllSymbols, symbol: s.activeSymbol }).shown.length,
    }),
    shallowEqual,
  );

  return (
    <Pane
      id="orders"
      tools={
        <>
          <span role="tablist" aria-label="Orders views" className="tabs">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                className={tab === t.id ? 'is-on' : ''}
                data-testid={`orders-tab-${t.id}`}
                onClick={() => setTab(t.id)}
              >
                {t.label}
                {t.id === 'open' ? <span data-testid="open-count"> ({openCount})</span> : ''}
                {t.id === 'alerts' && armed > 0 ? <span data-testid="alerts-count"> ({armed})</span> : ''}
              </button>
            ))}
          </span>
          {tab !== 'alerts' && (
          <select aria-label="Which accounts" data-testid="orders-scope" value={scope} onChange={(e) => app.set({ ordersScope: e.target.value === 'all' ? 'all' : 'active' })}>
            <option value="active">this account</option>
            <option value="all">all accounts</option>
          </select>
          )}
          {tab !== 'alerts' && (
          <select aria-label="Which symbols" data-testid="orders-symbols" value={allSymbols ? 'all' : 'one'} onChange={(e) => app.set({ ordersAllSymbols: e.target.value === 'all' })}>
            <option value="one">{symbol}</option>
            <option value="all">all symbols</option>
          </select>
          )}
          {(tab === 'history' || tab === 'fills') && (
            <button type="button" data-testid="export-csv" onClick={() => void exportOrders(tab)} title={`Save the ${tab === 'history' ? 'order history' : 'trades'} shown, as CSV`}>
              Export CSV
            </button>
          )}
        </>
      }
    >
      {tab === 'open' && <OpenOrdersTable />}
      {tab === 'history' && <HistoryTable />}
      {tab === 'fills' && <FillsTable />}
      {tab === 'alerts' && <AlertsTable />}
    </Pane>
  );
}
