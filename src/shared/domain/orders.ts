import Big from 'big.js';
import type { Order, OrderStatus } from '../model';

/** The states after which an order can no longer trade (specs: Icrypex §8.4, Crypto.com §4 final states). */
const DONE: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['filled', 'canceled', 'rejected', 'expired']);

/** True once an order can no longer trade: filled, canceled, rejected or expired. */
export function isOrderDone(status: OrderStatus): boolean {
  return DONE.has(status);
}

/**
 * True while an order may still trade, or is not known to be done: pending, open, partially
 * filled, pending cancel and unknown. An `unknown` order counts as open so that it stays on
 * screen until the exchange says otherwise.
 */
export function isOrderOpen(status: OrderStatus): boolean {
  return !DONE.has(status);
}

/**
 * Of two states of one order, the one to show: an order never goes back from done to open, nor
 * to a smaller filled quantity, whatever the clocks say; otherwise the newer. A create reply
 * stamped on arrival can come after the push that says the order already filled (Crypto.com
 * Exchange answers a market order "pending" while `user.order` says FILLED).
 */
export function laterOrderState(a: Order, b: Order): Order {
  const doneA = DONE.has(a.status);
  const doneB = DONE.has(b.status);
  if (doneA !== doneB) return doneA ? a : b;
  const filled = new Big(a.filledQuantity).cmp(b.filledQuantity);
  if (filled !== 0) return filled > 0 ? a : b;
  return b.updatedAt >= a.updatedAt ? b : a;
}
