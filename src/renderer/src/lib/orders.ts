import { isOrderOpen, laterOrderState, type Order } from '../../../shared';

const orderKey = (o: Pick<Order, 'accountId' | 'id'>) => `${o.accountId}|${o.id}`;

/** Applies one order update to the open-orders list: upsert while open, drop when done, ignore older news. */
export function applyOrderUpdate(orders: readonly Order[], order: Order): Order[] {
  const key = orderKey(order);
  const at = orders.findIndex((o) => orderKey(o) === key);
  if (at >= 0 && laterOrderState(orders[at]!, order) !== order) return orders as Order[];
  if (!isOrderOpen(order.status)) return at < 0 ? (orders as Order[]) : orders.filter((_, i) => i !== at);
  if (at < 0) return [order, ...orders];
  const next = [...orders];
  next[at] = order;
  return next;
}

export interface OpenOrdersFilter {
  scope: 'active' | 'all';
  activeAccountId: string | undefined;
  allSymbols: boolean;
  symbol: string;
}

/**
 * The open orders the pane's filters show (newest first) and how many open orders they hide,
 * so a tab count always counts the rows under it (issue 11 #14).
 */
export function openOrdersView(orders: readonly Order[], filter: OpenOrdersFilter): { shown: Order[]; hidden: number; hiddenWhere: string[] } {
  const otherAccount = (o: Order) => filter.scope !== 'all' && o.accountId !== filter.activeAccountId;
  const otherSymbol = (o: Order) => !filter.allSymbols && o.symbol !== filter.symbol;
  const shown = orders.filter((o) => !otherAccount(o) && !otherSymbol(o)).sort((a, b) => b.createdAt - a.createdAt);
  const hiddenWhere = [orders.some(otherAccount) ? 'other accounts' : '', orders.some(otherSymbol) ? 'other symbols' : ''].filter(Boolean);
  return { shown, hidden: orders.length - shown.length, hiddenWhere };
}
