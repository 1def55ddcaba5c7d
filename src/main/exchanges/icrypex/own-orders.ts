import Big from 'big.js';
import { isOrderDone, type Order } from '../../../shared';
import type { UserTradeUpdate } from './map-account';

/** True once an order can no longer trade. */
export function isClosed(order: Order): boolean {
  return isOrderDone(order.status);
}

/**
 * The account's open orders as last known, fed by REST lists, place/cancel replies and
 * `user-trade` pushes (specs/icrypex.md §8.4). Emits an order only when something a trader
 * sees changed, so a reconcile that finds nothing new is silent.
 */
export class OwnOrders {
  private readonly open = new Map<string, Order>();
  /** Closed orders seen recently, so a late push does not resurrect them. */
  private readonly closed = new Map<string, Order>();

  constructor(
    private readonly accountId: string,
    private readonly emit: (order: Order) => void,
  ) {}

  get(id: string): Order | undefined {
    return this.open.get(id) ?? this.closed.get(id);
  }

  findByClientId(clientId: string): Order | undefined {
    for (const o of this.open.values()) if (o.clientId === clientId) return o;
    for (const o of this.closed.values()) if (o.clientId === clientId) return o;
    return undefined;
  }

  list(symbol?: string): Order[] {
    const all = [...this.open.values()];
    return symbol ? all.filter((o) => o.symbol === symbol) : all;
  }

  /** Records a newer view of one order; emits it when status or fills changed. */
  upsert(order: Order): void {
    const known = this.open.get(order.id) ?? this.closed.get(order.id);
    // A closed order stays closed: an older open view arriving late changes nothing.
    if (known && isClosed(known) && !isClosed(order)) return;
    const merged: Order = known ? { ...known, ...definedOnly(order) } : order;
    if (isClosed(merged)) {
      this.open.delete(merged.id);
      this.remember(merged);
    } else this.open.set(merged.id, merged);
    if (!known || changed(known, merged)) this.emit(merged);
  }

  /**
   * A whole open-orders list from REST. Returns the cached orders missing from it: they
   * closed while we were not looking and need their final state from the history.
   */
  replaceOpen(list: readonly Order[]): Order[] {
    const ids = new Set(list.map((o) => o.id));
    const vanished = [...this.open.values()].filter((o) => !ids.has(o.id));
    for (const o of vanished) this.open.delete(o.id);
    for (const o of list) this.upsert(o);
    return vanished;
  }

  /** Applies a `user-trade` push; the order's other fields come from the cache when known. */
  applyUserTrade(u: UserTradeUpdate, now: number): Order {
    const known = this.get(u.orderId);
    const filledQuantity = Big(u.quantity).minus(u.leftQuantity);
    const order: Order = {
      ...(known ?? {
        accountId: this.accountId,
        exchange: 'icrypex',
        symbol: u.symbol,
        id: u.orderId,
        side: u.side,
        type: u.type ?? 'limit',
        createdAt: u.time ?? now,
      }),
      status: u.status,
      quantity: u.quantity,
      filledQuantity: filledQuantity.lt(0) ? '0' : filledQuantity.toFixed(),
      updatedAt: u.time ?? now,
    };
    this.upsert(order);
    return this.get(u.orderId) ?? order;
  }

  clear(): void {
    this.open.clear();
    this.closed.clear();
  }

  private remember(order: Order): void {
    this.closed.set(order.id, order);
    if (this.closed.size > 500) {
      const oldest = this.closed.keys().next().value;
      if (oldest !== undefined) this.closed.delete(oldest);
    }
  }
}

function changed(a: Order, b: Order): boolean {
  return a.status !== b.status || a.filledQuantity !== b.filledQuantity || a.quantity !== b.quantity || a.price !== b.price || a.clientId !== b.clientId;
}

function definedOnly(o: Order): Partial<Order> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<Order>;
}
