import Big from 'big.js';
import { canonicalSymbol, err, ok, type AppError, type MoveOutcome, type Order, type OrderPreview, type ParsedRequestOf, type Result } from '../../shared';
import type { ExchangeConnector } from '../exchanges/connector';
import { guard } from './guard';

type MoveRequest = ParsedRequestOf<'orders:move'>;
type PlaceRequest = ParsedRequestOf<'orders:place'>;
type PreviewRequest = ParsedRequestOf<'orders:preview'>;

/** What a move needs from the trading service: every check and the submit path are the service's own. */
export interface MoverDeps {
  connector(accountId: string): Promise<Result<ExchangeConnector>>;
  /** The ticket's preview: the same rules and guards a new order at this price meets. */
  preview(request: PreviewRequest): Promise<Result<OrderPreview>>;
  /** orders:place itself (ledger, deadline, outcome), for the replacement. */
  place(request: PlaceRequest): Promise<Result<Order>>;
  /** A failed Result when read-only mode is on. */
  readOnlyBlock(wouldDo: string): Result<never> | undefined;
  name(accountId: string): string;
  log(line: string): void;
}

/**
 * Moves an open order to a new limit price (issue 17 point 1): the new price is checked first
 * like a new order's, so a move the rules or the guards refuse never touches the original; then
 * the exchange's amend where the connector has one (limit orders), else cancel then place. A
 * replacement is placed only after the cancel went through, so a move never leaves two orders.
 */
export class OrderMover {
  constructor(private readonly deps: MoverDeps) {}

  async move(request: MoveRequest): Promise<Result<MoveOutcome>> {
    const { accountId, orderId, clientId } = request;
    const symbol = canonicalSymbol(request.symbol);
    const readOnly = this.deps.readOnlyBlock(`move order ${orderId} (${symbol}) to ${request.price} on ${this.deps.name(accountId)}`);
    if (readOnly) return readOnly;
    const connector = await this.deps.connector(accountId);
    if (!connector.ok) return connector;
    const c = connector.value;
    const order = await this.openOrder(c, symbol, orderId);
    if (!order.ok) return order;
    const original = order.value;
    if (original.type !== 'limit' && original.type !== 'stop-limit') return err('VALIDATION', `order ${orderId} is ${original.type}: it has no limit price to move`, { field: 'orderId' });
    const remaining = new Big(original.quantity).minus(original.filledQuantity);
    if (remaining.lte(0)) return err('VALIDATION', `order ${orderId} has nothing left to move`, { field: 'orderId' });

    const draft = { accountId, symbol, side: original.side, type: original.type, price: request.price, quantity: remaining.toFixed(), ...(original.triggerPrice ? { triggerPrice: original.triggerPrice } : {}) };
    const preview = await this.deps.preview(draft);
    if (!preview.ok) return err(preview.error.code, `the new price could not be checked, so nothing was changed: ${preview.error.message}`);
    const first = preview.value.violations[0];
    if (first) return err('VALIDATION', `not moved: ${preview.value.violations.map((v) => v.message).join('; ')}`, { field: first.field });
    const price = preview.value.price ?? request.price;

    if (c.amendOrder && original.type === 'limit') {
      this.deps.log(`trading: amend ${orderId} ${symbol} on ${accountId} to ${price}`);
      const amended = await guard(() => c.amendOrder!({ symbol, orderId, price, quantity: original.quantity }));
      if (amended.ok) return ok({ kind: 'amended', order: { ...amended.value, accountId } });
      if (amended.error.code !== 'UNSUPPORTED') return ok(await this.afterFailure(c, original, price, amended.error));
      this.deps.log(`trading: ${amended.error.message}; cancel and replace instead`);
    }

    this.deps.log(`trading: move ${orderId} ${symbol} on ${accountId} to ${price}: cancel, then place ${clientId}`);
    const canceled = await guard(() => c.cancelOrder(symbol, orderId));
    if (!canceled.ok) return ok(await this.afterFailure(c, original, price, canceled.error));
    const canceledOrder = { ...canceled.value, accountId };
    const placed = await this.deps.place({ ...draft, price, clientId });
    if (!placed.ok) return ok({ kind: 'original-gone', canceled: canceledOrder, error: placed.error });
    return ok({ kind: 'replaced', canceled: canceledOrder, order: placed.value });
  }

  private async openOrder(c: ExchangeConnector, symbol: string, orderId: string): Promise<Result<Order>> {
    const open = await guard(() => c.openOrders(symbol));
    if (!open.ok) return err(open.error.code, `order ${orderId} could not be read, so nothing was changed: ${open.error.message}`);
    const order = open.value.find((o) => o.id === orderId);
    return order ? ok(order) : err('NOT_FOUND', `order ${orderId} is no longer open on ${symbol}; nothing was moved`, { field: 'orderId' });
  }

  /**
   * An amend or a cancel failed: it may still have changed the order (an unclear reply), so the
   * open orders say what stands before the trader is told.
   */
  private async afterFailure(c: ExchangeConnector, original: Order, price: string, error: AppError): Promise<MoveOutcome> {
    const now = await guard(() => c.openOrders(original.symbol));
    if (!now.ok) return { kind: 'unknown', error: { ...error, message: `${error.message}; the order could not be read after it (${now.error.message})` } };
    const order = now.value.find((o) => o.id === original.id);
    if (!order) return { kind: 'original-gone', error };
    const withAccount = { ...order, accountId: original.accountId };
    if (order.price !== undefined && original.price !== undefined && new Big(order.price).eq(price) && !new Big(price).eq(original.price)) return { kind: 'amended', order: withAccount };
    return { kind: 'unchanged', order: withAccount, error };
  }
}
