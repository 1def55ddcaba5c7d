import { useState } from 'react';
import { Pane } from '../../components/Pane';
import { describeChord } from '../../lib/keymap';
import { openOrdersView } from '../../lib/orders';
import { cancelAll } from '../../state/actions';
import { app } from '../../state/app-state';
import { shallowEqual, useStore } from '../../state/store';
import { exportOrders } from './export';
import { FillsTable } from './FillsTable';
import { HistoryTable } from './HistoryTable';
import { OpenOrdersTable } from './OpenOrdersTable';

type Tab = 'open' | 'history' | 'fills';
const TABS: { id: Tab; label: string }[] = [
  { id: 'open', label: 'Open orders' },
  { id: 'history', label: 'Order history' },
  { id: 'fills', label: 'My trades' },
];

/** Open orders, order history and my trades; per account or all, one symbol or all. */
export function OrdersPane() {
  const [tab, setTab] = useState<Tab>('open');
  const { scope, allSymbols, symbol, keymap, openCount } = useStore(
    app,
    (s) => ({
      scope: s.ordersScope,
      allSymbols: s.ordersAllSymbols,
      symbol: s.activeSymbol,
      keymap: s.keymap,
      // The count is of the rows the filters show, never of every open order (issue 11 #14).
      openCount: openOrdersView(s.openOrders, { scope: s.ordersScope, activeAccountId: s.activeAccountId, allSymbols: s.ordersAllSymbols, symbol: s.activeSymbol }).shown.length,
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
              </button>
            ))}
          </span>
          <select aria-label="Which accounts" data-testid="orders-scope" value={scope} onChange={(e) => app.set({ ordersScope: e.target.value === 'all' ? 'all' : 'active' })}>
            <option value="active">this account</option>
            <option value="all">all accounts</option>
          </select>
          <select aria-label="Which symbols" data-testid="orders-symbols" value={allSymbols ? 'all' : 'one'} onChange={(e) => app.set({ ordersAllSymbols: e.target.value === 'all' })}>
            <option value="one">{symbol}</option>
            <option value="all">all symbols</option>
          </select>
          {tab === 'open' && (
            <button type="button" data-testid="cancel-all" onClick={() => void cancelAll(allSymbols ? 'everywhere' : 'symbol')} title={`${describeChord(keymap['orders.cancel-all-symbol'])} (this symbol), ${describeChord(keymap['orders.cancel-all'])} (all)`}>
              Cancel all
            </button>
          )}
          {tab !== 'open' && (
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
    </Pane>
  );
}
