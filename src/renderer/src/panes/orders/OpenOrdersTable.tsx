import { memo, useState } from 'react';
import type { Market, Order } from '../../../../shared';
import { buttonLabel, paneCancelScope, scopeWords } from '../../lib/cancel-scope';
import { describeChord } from '../../lib/keymap';
import { clock, formatPrice, formatSize } from '../../lib/format';
import { openOrdersView } from '../../lib/orders';
import { cancelAll, cancelOrder } from '../../state/actions';
import { accountLabel, app } from '../../state/app-state';
import { moveOrder } from '../../state/move-order';
import { ordersUi } from '../../state/orders-ui';
import { ReadGaps } from './ReadGaps';
import { useMarketLookup } from '../../state/selectors';
import { shallowEqual, useStore } from '../../state/store';
import { paneAccountId, pinnedAccountId } from '../../state/pane-slot';

function MoveInput({ order }: { order: Order }) {
  const [price, setPrice] = useState(order.price ?? '');
  const stop = () => ordersUi.set({ moving: undefined });
  return (
    <input
      className="move-input"
      aria-label={`New ${order.triggerPrice ? 'limit ' : ''}price for order ${order.id}${order.triggerPrice ? ` (the trigger stays ${order.triggerPrice})` : ''}`}
      title={order.triggerPrice ? `New limit price; the stop trigger stays ${order.triggerPrice}` : undefined}
      data-testid="move-price"
      autoFocus
      inputMode="decimal"
      value={price}
      onChange={(e) => setPrice(e.target.value)}
      onBlur={stop}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          stop();
          void moveOrder(order, price.trim());
        }
      }}
    />
  );
}

/** Orders with a limit price can move (cancel and replace); a stop-limit keeps its trigger. */
const movable = (order: Order) => order.type === 'limit' || order.type === 'stop-limit';

/** The price as the row says it: "at 100", "stop 90 → limit 89", "stop 90 → market". */
function priceText(order: Order): string {
  if (order.triggerPrice) return `stop ${order.triggerPrice} then ${order.price ? `limit ${order.price}` : 'market'}`;
  return `at ${order.price ?? 'market'}`;
}

const OrderRow = memo(function OrderRow({ order, market, label, moving, cancelKey, moveKey, first }: { order: Order; market: Market | undefined; label: string | undefined; moving: boolean; cancelKey: string; moveKey: string; first: boolean }) {
  return (
    <tr
      tabIndex={0}
      data-pane-primary={first ? true : undefined}
      data-key-context="orders"
      data-order-id={order.id}
      data-order-account={order.accountId}
      data-testid="open-order"
      className={`side-${order.side}`}
      aria-label={`${order.side} ${order.quantity} ${order.symbol} ${priceText(order)}: ${cancelKey} cancels${movable(order) ? `, ${moveKey} moves` : ''}`}
      onKeyDown={(e) => {
        // ↑/↓ walk the rows; the keymap handles cancel and move.
        if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
        const row = e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
        (row as HTMLElement | null)?.focus();
        e.preventDefault();
      }}
    >
      <td>{clock(order.createdAt)}</td>
      {label !== undefined && <td>{label}</td>}
      <td>{order.symbol}</td>
      <td className="side">{order.side}</td>
      <td>{order.type}</td>
      <td className="num" data-testid="order-price">
        {moving ? (
          <MoveInput order={order} />
        ) : order.triggerPrice ? (
          <>
            <span className="order-trigger">stop {formatPrice(order.triggerPrice, market)} →</span> {order.price ? formatPrice(order.price, market) : 'market'}
          </>
        ) : order.price ? (
          formatPrice(order.price, market)
        ) : (
          'market'
        )}
      </td>
      <td className="num">{formatSize(order.quantity, market)}</td>
      <td className="num">{formatSize(order.filledQuantity, market)}</td>
      <td data-testid="order-status">{order.status}</td>
      <td className="actions">
        {movable(order) && (
          <button
            type="button"
            onClick={() => ordersUi.set({ moving: { accountId: order.accountId, orderId: order.id } })}
            title={order.triggerPrice ? `Move the limit price; the trigger stays ${order.triggerPrice} (${moveKey})` : `Move (${moveKey})`}
          >
            Move
          </button>
        )}
        <button type="button" data-testid="cancel-order" onClick={() => void cancelOrder(order)} title={`Cancel (${cancelKey})`}>
          Cancel
        </button>
      </td>
    </tr>
  );
});

/** Open orders, newest first, filtered by the pane's account and symbol choices. */
export function OpenOrdersTable() {
  const { orders, accounts, scope, allSymbols, activeAccountId, pinned, symbol, error, gaps, cancelKey, moveKey, keymap } = useStore(
    app,
    (s) => ({
      orders: s.openOrders,
      accounts: s.accounts,
      scope: s.ordersScope,
      allSymbols: s.ordersAllSymbols,
      activeAccountId: paneAccountId(s, 'orders'),
      pinned: pinnedAccountId(s, 'orders'),
      symbol: s.activeSymbol,
      error: s.openOrdersError,
      gaps: s.openOrdersGaps,
      cancelKey: describeChord(s.keymap['orders.cancel-selected']),
      moveKey: describeChord(s.keymap['orders.move-selected']),
      keymap: s.keymap,
    }),
    shallowEqual,
  );
  const moving = useStore(ordersUi, (s) => s.moving);
  const markets = useMarketLookup();
  const { shown, hidden, hiddenWhere } = openOrdersView(orders, { scope, activeAccountId, allSymbols, symbol });
  // "Cancel all" cancels what this view shows: its account and symbol filters (issue 13 #4;
  // in the all-accounts view it used to cancel the active account's orders only).
  const pinnedTo = accounts.find((a) => a.id === pinned);
  const cancelScope = paneCancelScope({ ordersScope: scope, allSymbols, symbol, ...(pinnedTo ? { pinned: pinnedTo } : {}) });
  return (
    <div className="orders-open">
      <div className="table-wrap" data-pane-primary={shown.length === 0 ? true : undefined} tabIndex={-1}>
        {error && <p className="error">open orders: {error}</p>}
        <table className="grid" data-testid="open-orders">
          <thead>
            <tr>
              <th>time</th>
              {/* One account shown: its name is in the pane title, and the row's Cancel stays in view at 1280x720. */}
              {scope === 'all' && <th>account</th>}
              <th>symbol</th>
              <th>side</th>
              <th>type</th>
              <th className="num">price</th>
              <th className="num">qty</th>
              <th className="num">filled</th>
              <th>status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((o, i) => (
              <OrderRow
                first={i === 0}
                key={`${o.accountId}|${o.id}`}
                order={o}
                market={markets.market(o.accountId, o.symbol)}
                label={scope === 'all' ? accountLabel(accounts, o.accountId) : undefined}
                moving={moving?.accountId === o.accountId && moving.orderId === o.id}
                cancelKey={cancelKey}
                moveKey={moveKey}
              />
            ))}
          </tbody>
        </table>
        <ReadGaps gaps={scope === 'all' ? gaps : gaps.filter((g) => g.accountId === activeAccountId)} />
        {shown.length === 0 && <p className="muted empty">No open orders{allSymbols ? '' : ` on ${symbol}`}{scope === 'all' ? '' : ' for this account'}.</p>}
        {hidden > 0 && (
          <p className="muted empty" data-testid="open-orders-hidden">
            {hidden} more open {hidden === 1 ? 'order' : 'orders'} outside these filters on {hiddenWhere.join(' and ')}.
          </p>
        )}
      </div>
      <div className="orders-foot">
        <button
          type="button"
          data-testid="cancel-all"
          onClick={() => void cancelAll(cancelScope)}
          title={`Cancels every open order ${scopeWords(cancelScope, accounts, activeAccountId)}, what this view shows. Keys: ${describeChord(keymap['orders.cancel-all-symbol'])} this account and symbol, ${describeChord(keymap['orders.cancel-all'])} this account, ${describeChord(keymap['orders.cancel-all-accounts'])} every account`}
        >
          {buttonLabel(cancelScope, accounts, activeAccountId)}
        </button>
      </div>
    </div>
  );
}
