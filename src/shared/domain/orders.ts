import type { OrderStatus } from '../model';

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
