import { laterOrderState, type Order } from '../../shared';

/**
 * The furthest state of each order one account's connector reported, so a late report that is
 * behind it never reaches the panes, the notices or the trading service: a create reply that
 * arrives after the push saying the order filled (Crypto.com Exchange answers a market order
 * "pending" while `user.order` says FILLED), or a poll older than a push. Bounded: the orders
 * reported longest ago are forgotten first.
 */
export class LatestOrders {
  private readonly seen = new Map<string, Order>();

  constructor(private readonly capacity = 5_000) {}

  /** The report to pass on, or undefined when it is behind what was already passed on. */
  admit(order: Order): Order | undefined {
    const before = this.seen.get(order.id);
    if (before && laterOrderState(before, order) === before) return undefined;
    this.seen.delete(order.id);
    this.seen.set(order.id, order);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value!);
    return order;
  }
}
