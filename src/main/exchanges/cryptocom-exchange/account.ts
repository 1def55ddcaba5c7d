import { err, ok, type AppError, type Order, type Result } from '../../../shared';
import type { AmendRequest } from '../connector';
import { CDX_NAME } from './endpoints';
import type { SymbolOf } from './map-account';
import type { CdxRest } from './rest';

/** Cancel failures that mean the request never reached the exchange (nothing to look up). */
const NOT_SENT: ReadonlySet<AppError['code']> = new Set(['RATE_LIMITED', 'KEYCHAIN_UNAVAILABLE', 'AUTH_INVALID_KEY', 'VALIDATION']);

/** Amend answers that say the method is missing or disabled on this deployment: nothing was changed. */
const AMEND_MISSING: ReadonlySet<number> = new Set([40002, 140001]);
/** Amend answers where the engine refused the amend itself: the order is read before it is called unchanged. */
const AMEND_REFUSED: ReadonlySet<number> = new Set([224, 130008]);
const STILL_OPEN: ReadonlySet<Order['status']> = new Set(['open', 'partially-filled']);

export interface AccountOptions {
  rest: Pick<CdxRest, 'cancelOrder' | 'amendOrder' | 'orderDetail'>;
  symbolOf: SymbolOf;
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
   * Moves an order to a new price: private/amend-order (§5.9, a cancel-and-replace on the
   * exchange's side that keeps the order id and, as no new one is sent, the client_oid). When
   * the exchange will not amend this order and left it as it was, the answer is UNSUPPORTED and
   * the trading service cancels and places anew (trading/move-order.ts).
   */
  async amend(a: AmendRequest): Promise<Result<Order>> {
    const r = await this.o.rest.amendOrder({ order_id: a.orderId, new_price: a.price, new_quantity: a.quantity });
    if (r.ok) {
      const seen = await this.detail(a.orderId);
      return seen.ok ? seen : err('ORDER_STATE_UNKNOWN', `${CDX_NAME} accepted the change of ${a.orderId}, but the order could not be read (${seen.error.message})`);
    }
    const code = r.exchangeCode;
    const unchanged = `${CDX_NAME} does not amend order ${a.orderId} (${r.error.message}); it is unchanged`;
    if ((code !== undefined && AMEND_MISSING.has(code)) || (code === undefined && r.status === 404)) return err('UNSUPPORTED', unchanged);
    if (code === undefined || !AMEND_REFUSED.has(code)) return { ok: false, error: r.error };
    const seen = await this.detail(a.orderId);
    return seen.ok && STILL_OPEN.has(seen.value.status) ? err('UNSUPPORTED', unchanged) : { ok: false, error: r.error };
  }

  private async detail(orderId: string): Promise<Result<Order>> {
    const r = await this.o.rest.orderDetail({ order_id: orderId }, this.o.symbolOf);
    if (!r.ok) return r;
    this.o.emit(r.value.order);
    return ok(r.value.order);
  }
}
