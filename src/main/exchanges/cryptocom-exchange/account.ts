import { err, ok, type AppError, type Order, type Result } from '../../../shared';
import type { ConnectorOrder } from '../connector';
import { CDX_NAME } from './endpoints';
import type { SymbolOf } from './map-account';
import type { CdxRest } from './rest';

/** Cancel failures that mean the request never reached the exchange (nothing to look up). */
const NOT_SENT: ReadonlySet<AppError['code']> = new Set(['RATE_LIMITED', 'KEYCHAIN_UNAVAILABLE', 'AUTH_INVALID_KEY', 'VALIDATION']);

/**
 * Amend answers after which the exchange will not amend this order but a cancel and a new order
 * can do the job: the method is missing or disabled on this deployment (40002, 140001, an HTTP
 * 404 of the method), or the engine refused the amend itself (224, 130008).
 */
const AMEND_FALLBACK_CODES: ReadonlySet<number> = new Set([40002, 140001, 224, 130008]);

export interface AmendRequest {
  symbol: string;
  orderId: string;
  price: string;
  quantity: string;
  /** The client id of the replacement, should the amend fall back to cancel and replace. */
  clientId: string;
}

export interface AccountOptions {
  rest: Pick<CdxRest, 'cancelOrder' | 'amendOrder' | 'orderDetail'>;
  symbolOf: SymbolOf;
  place: (order: ConnectorOrder) => Promise<Result<Order>>;
  emit: (order: Order) => void;
}

/**
 * Cancels and amends (specs/cryptocom-exchange.md §5.9, §5.10). Both are asynchronous on the
 * exchange: the reply confirms receipt and the final state comes on user.order, so each is
 * followed by an order-detail read (30 per 100 ms, §3) to answer the order as it now is.
 */
export class CdxOrders {
  constructor(private readonly o: AccountOptions) {}

  async cancel(symbol: string, orderId: string): Promise<Result<Order>> {
    const r = await this.o.rest.cancelOrder({ order_id: orderId });
    if (!r.ok) {
      // An unclear reply may still have cancelled it (issue 20 #4): look before saying it failed.
      if (NOT_SENT.has(r.error.code) || (r.exchangeCode !== undefined && r.exchangeCode !== 50001 && r.exchangeCode !== 40801)) return { ok: false, error: r.error };
      const seen = await this.detail(orderId);
      if (seen.ok && (seen.value.status === 'canceled' || seen.value.status === 'pending-cancel')) return seen;
      return { ok: false, error: r.error };
    }
    const seen = await this.detail(orderId);
    if (!seen.ok) return err('ORDER_STATE_UNKNOWN', `${CDX_NAME} accepted the cancel of ${orderId}, but the order could not be read (${seen.error.message}); it updates from the account stream`);
    const order = seen.value.status === 'open' || seen.value.status === 'partially-filled' || seen.value.status === 'pending' ? { ...seen.value, status: 'pending-cancel' as const } : seen.value;
    return ok(order);
  }

  /**
   * Moves an order to a new price and quantity: private/amend-order (§5.9, a cancel-and-replace
   * on the exchange's side keeping the order id), falling back to cancel and a new order when
   * the exchange will not amend it. The fallback never places the replacement unless the cancel
   * went through, so a move never leaves two orders.
   */
  async amend(a: AmendRequest): Promise<Result<Order>> {
    const r = await this.o.rest.amendOrder({ order_id: a.orderId, new_price: a.price, new_quantity: a.quantity });
    if (r.ok) {
      const seen = await this.detail(a.orderId);
      return seen.ok ? seen : err('ORDER_STATE_UNKNOWN', `${CDX_NAME} accepted the change of ${a.orderId}, but the order could not be read (${seen.error.message})`);
    }
    const fallback = (r.exchangeCode !== undefined && AMEND_FALLBACK_CODES.has(r.exchangeCode)) || (r.exchangeCode === undefined && r.status === 404);
    if (!fallback) return { ok: false, error: r.error };
    const before = await this.detail(a.orderId);
    if (!before.ok) return before;
    const canceled = await this.cancel(a.symbol, a.orderId);
    if (!canceled.ok) return err(canceled.error.code, `could not move ${a.orderId}: the exchange does not amend it (${r.error.message}) and the cancel failed: ${canceled.error.message}`);
    this.o.emit(canceled.value);
    const placed = await this.o.place({ symbol: a.symbol, side: before.value.side, type: 'limit', price: a.price, quantity: a.quantity, clientId: a.clientId });
    if (!placed.ok) return err(placed.error.code, `order ${a.orderId} was cancelled to move it, but the new order failed: ${placed.error.message}`, placed.error.field ? { field: placed.error.field } : {});
    return placed;
  }

  private async detail(orderId: string): Promise<Result<Order>> {
    const r = await this.o.rest.orderDetail({ order_id: orderId }, this.o.symbolOf);
    if (!r.ok) return r;
    this.o.emit(r.value.order);
    return ok(r.value.order);
  }
}
