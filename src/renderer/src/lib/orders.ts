import type { Order } from '../../../shared';

const OPEN_STATES = new Set<Order['status']>(['pending', 'open', 'partially-filled', 'pending-cancel', 'unknown']);

/** Still working on the exchange (or not known to be done). */
export function isOpen(order: Order): boolean {
  return OPEN_STATES.has(order.status);
}

const orderKey = (o: Pick<Order, 'accountId' | 'id'>) => `${o.accountId}|${o.id}`;

/** Applies one order update to the open-orders list: upsert while open, drop when done, ignore older news. */
export function applyOrderUpdate(orders: readonly Order[], order: Order): Order[] {
  const key = orderKey(order);
  const at = orders.findIndex((o) => orderKey(o) === key);
  if (at >= 0 && orders[at]!.updatedAt > order.updatedAt) return orders as Order[];
  if (!isOpen(order)) return at < 0 ? (orders as Order[]) : orders.filter((_, i) => i !== at);
  if (at < 0) return [order, ...orders];
  const next = [...orders];
  next[at] = order;
  return next;
}
