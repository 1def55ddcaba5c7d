import { createHash } from 'node:crypto';
import { err, ok, type AppError, type Err, type Order, type Result } from '../../../shared';
import { background } from '../../net/background';
import type { Clock } from '../../net/clock';
import type { ConnectorOrder } from '../connector';
import { CDX, CDX_NAME } from './endpoints';
import { AMBIGUOUS_CODES } from './errors';
import { parseOrderRef, type SymbolOf, type WireOrder } from './map-account';
import type { CallResult, CdxRest } from './rest';
import type { Params } from './sign';

/** The REST calls safe submission needs. */
export type SubmitRest = Pick<CdxRest, 'createOrder' | 'orderDetail'>;

export interface SubmitTuning {
  /** How long placeOrder itself looks for an ambiguous create before answering ORDER_STATE_UNKNOWN (ms). */
  reconcileWindowMs: number;
  /** Gaps between looks after that (ms), the last repeated. */
  lookBackoffMs: readonly number[];
  /**
   * §2.2: a request whose nonce is more than 60 s off the server's clock is refused (40102). A
   * create not found by client_oid once this long has passed since it was signed can no longer
   * be accepted: it was not placed (the window plus a skew margin, ms).
   */
  nonceWindowMs: number;
}

export const DEFAULT_SUBMIT_TUNING: SubmitTuning = {
  reconcileWindowMs: 3_000,
  lookBackoffMs: [1_000, 2_000, 4_000, 8_000, 15_000],
  nonceWindowMs: 70_000,
};

/** §4.4: client_oid has at most 36 characters. */
export const CLIENT_OID_MAX = 36;

/**
 * The client_oid sent for a terminal client id: the id itself when it fits §4.4's 36 characters
 * (the renderer's ids have 34), else a digest of it, stable so a look-up finds the same order.
 */
export function clientOidOf(clientId: string): string {
  if (clientId.length <= CLIENT_OID_MAX) return clientId;
  return `kt${createHash('sha256').update(clientId).digest('hex').slice(0, CLIENT_OID_MAX - 2)}`;
}

/** Maps a validated order to create-order params (§5.8); market BUYs by total send `notional` (§4.2). */
export function createParams(order: ConnectorOrder, native: string): Result<Params> {
  const base = { instrument_name: native, side: order.side === 'buy' ? 'BUY' : 'SELL', client_oid: clientOidOf(order.clientId) };
  if (order.type === 'limit') {
    if (!order.price) return err('VALIDATION', 'a limit order needs a price', { field: 'price' });
    if (!order.quantity) return err('VALIDATION', 'a limit order needs a quantity', { field: 'quantity' });
    return ok({ ...base, type: 'LIMIT', price: order.price, quantity: order.quantity, time_in_force: 'GOOD_TILL_CANCEL' });
  }
  if (order.type === 'market') {
    if (order.quantity) return ok({ ...base, type: 'MARKET', quantity: order.quantity });
    if (order.side === 'buy' && order.total) return ok({ ...base, type: 'MARKET', notional: order.total });
    return err('VALIDATION', order.side === 'buy' ? 'a market buy needs a quantity or a total' : 'a market sell needs a quantity', { field: 'quantity' });
  }
  return err('UNSUPPORTED', `${CDX_NAME} takes limit and market orders here; stop orders are not supported yet`, { field: 'type' });
}

type Entry =
  | { state: 'sending'; promise: Promise<Result<Order>> }
  | { state: 'placed'; order: Order }
  | { state: 'failed'; error: AppError }
  | { state: 'unknown'; order: ConnectorOrder; signedBy: number; error: AppError };

export interface SubmitOptions {
  accountId: string;
  rest: SubmitRest;
  clock: Clock;
  symbolOf: SymbolOf;
  onPlaced: (order: Order, wasUnknown: boolean) => void;
  /** An engine rejection that came with an order id (§8 item 10): the order as it ended. */
  onRejected: (order: Order) => void;
  onNotPlaced: (clientId: string, reason: string, certain: boolean) => void;
  tuning?: Partial<SubmitTuning>;
  log?: (line: string) => void;
}

/**
 * Safe submission (issue 17 #3). Every create carries a client_oid. A create whose outcome is
 * unknown (timeout, dropped connection, a server error that may have executed) is NEVER sent
 * again: the order is looked up by client_oid until found, or until the nonce window has
 * closed and a look started after that still finds nothing. A second placeOrder with a client
 * id already seen answers that order's state instead of sending.
 */
export class CdxSubmitter {
  private readonly entries = new Map<string, Entry>();
  private readonly tuning: SubmitTuning;
  private readonly timers = new Set<() => void>();
  private stopped = false;

  constructor(private readonly o: SubmitOptions) {
    this.tuning = { ...DEFAULT_SUBMIT_TUNING, ...o.tuning };
  }

  /** Submits whose outcome is still being looked up. */
  unresolved(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.state === 'unknown') n++;
    return n;
  }

  /** The terminal client id of a client_oid this connector sent, if any. */
  clientIdOf(clientOid: string): string | undefined {
    if (this.entries.has(clientOid)) return clientOid;
    for (const id of this.entries.keys()) if (clientOidOf(id) === clientOid) return id;
    return undefined;
  }

  place(order: ConnectorOrder, native: string): Promise<Result<Order>> {
    const known = this.entries.get(order.clientId);
    if (known) {
      if (known.state === 'sending') return known.promise;
      if (known.state === 'placed') return Promise.resolve(ok(known.order));
      return Promise.resolve({ ok: false, error: known.error });
    }
    const promise = this.send(order, native);
    this.entries.set(order.clientId, { state: 'sending', promise });
    return promise;
  }

  stop(): void {
    this.stopped = true;
    for (const cancel of this.timers) cancel();
    this.timers.clear();
  }

  private async send(order: ConnectorOrder, native: string): Promise<Result<Order>> {
    const params = createParams(order, native);
    if (!params.ok) return this.fail(order.clientId, params.error);
    // The nonce is signed when the call leaves, which is at or after this moment.
    const asked = this.o.clock.now();
    const r = await this.o.rest.createOrder(params.value);
    if (r.ok) {
      const placed = this.readRef(r.value, order);
      if (!placed) return this.lookUp(order, asked, err('ORDER_STATE_UNKNOWN', `${CDX_NAME} accepted the order but its reply could not be read; looking it up by client id`).error);
      this.entries.set(order.clientId, { state: 'placed', order: placed });
      this.o.onPlaced(placed, false);
      return ok(placed);
    }
    if (r.exchangeCode !== undefined && r.exchangeCode !== 0 && r.result !== undefined) {
      // §8 item 10: created, then refused by the engine; the reply's order ends rejected with its reason.
      const rejected = this.readRef(r.result, order, 'rejected');
      if (rejected) {
        this.o.onRejected(rejected);
        return this.fail(order.clientId, err('EXCHANGE_REJECTED', `${r.error.message}; order ${rejected.id} ended rejected`, r.error.field ? { field: r.error.field } : {}).error);
      }
    }
    // 204: the client_oid is already in use, so an earlier send of this very order may have landed.
    if (r.exchangeCode === 204) return this.lookUp(order, asked, r.error);
    if (isAmbiguous(r)) return this.lookUp(order, asked, r.error);
    return this.fail(order.clientId, r.error);
  }

  private fail(clientId: string, error: AppError): Err {
    this.entries.set(clientId, { state: 'failed', error });
    return { ok: false, error };
  }

  /** The order a create reply (or a rejection's `result`) names, from what was sent. */
  private readRef(result: unknown, order: ConnectorOrder, status: Order['status'] = order.type === 'market' ? 'pending' : 'open'): Order | undefined {
    let orderId: string;
    try {
      orderId = parseOrderRef(result).orderId;
    } catch {
      return undefined;
    }
    const now = this.o.clock.now();
    const out: Order = {
      accountId: this.o.accountId,
      exchange: CDX,
      symbol: order.symbol,
      id: orderId,
      clientId: order.clientId,
      side: order.side,
      type: order.type,
      status,
      quantity: order.quantity ?? '0',
      filledQuantity: '0',
      createdAt: now,
      updatedAt: now,
    };
    if (order.price !== undefined && order.type === 'limit') out.price = order.price;
    return out;
  }

  /**
   * The create's outcome is unknown: look the client_oid up (§4.4, §8 item 7) for
   * reconcileWindowMs, then answer ORDER_STATE_UNKNOWN and keep looking in the background.
   */
  private async lookUp(order: ConnectorOrder, asked: number, cause: AppError): Promise<Result<Order>> {
    const deadline = asked + this.tuning.nonceWindowMs;
    const unknown: Err = err('ORDER_STATE_UNKNOWN', `${cause.message}; ${CDX_NAME} may have placed it: looking it up by client id, it will not be sent again`);
    this.entries.set(order.clientId, { state: 'unknown', order, signedBy: asked, error: unknown.error });
    const until = this.o.clock.now() + this.tuning.reconcileWindowMs;
    for (let i = 0; ; i++) {
      const found = await this.look(order, deadline);
      if (found !== 'keep') return found;
      if (this.stopped || this.o.clock.now() >= until) break;
      await this.sleep(Math.min(this.tuning.lookBackoffMs[0] ?? 1_000, until - this.o.clock.now()));
    }
    this.scheduleLook(order, deadline, 0);
    return unknown;
  }

  /** One look: the order, a definite "not placed", or 'keep' (still unknown). */
  private async look(order: ConnectorOrder, deadline: number): Promise<Result<Order> | 'keep'> {
    const started = this.o.clock.now();
    const r = await this.o.rest.orderDetail({ client_oid: clientOidOf(order.clientId) }, this.o.symbolOf);
    if (r.ok) return this.found(order, r.value);
    if (r.error.code === 'NOT_FOUND' && started >= deadline) {
      const reason = `not found by client id ${clientOidOf(order.clientId)} after its ${Math.round(this.tuning.nonceWindowMs / 1000)} s signing window closed: ${CDX_NAME} can no longer accept it`;
      const error = err('EXCHANGE_REJECTED', `the order was not placed: ${reason}`).error;
      this.entries.set(order.clientId, { state: 'failed', error });
      this.o.onNotPlaced(order.clientId, reason, true);
      return { ok: false, error };
    }
    return 'keep';
  }

  private found(order: ConnectorOrder, wire: WireOrder): Result<Order> {
    const wasUnknown = this.entries.get(order.clientId)?.state === 'unknown';
    const placed: Order = { ...wire.order, clientId: order.clientId };
    this.entries.set(order.clientId, { state: 'placed', order: placed });
    if (wasUnknown) this.o.onPlaced(placed, true);
    return ok(placed);
  }

  private scheduleLook(order: ConnectorOrder, deadline: number, n: number): void {
    if (this.stopped) return;
    const gaps = this.tuning.lookBackoffMs;
    let gap = gaps[Math.min(n, gaps.length - 1)] ?? 15_000;
    // A look is due right when the window closes, so the "not placed" answer comes without waiting a full gap.
    const now = this.o.clock.now();
    if (now < deadline && now + gap > deadline) gap = deadline - now;
    const cancel = this.o.clock.setTimer(() => {
      this.timers.delete(cancel);
      background(
        'cryptocom-exchange: client id look-up',
        async () => {
          if (this.entries.get(order.clientId)?.state !== 'unknown') return;
          const r = await this.look(order, deadline);
          if (r === 'keep') this.scheduleLook(order, deadline, n + 1);
        },
        this.o.log,
      );
    }, gap);
    this.timers.add(cancel);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const cancel = this.o.clock.setTimer(() => {
        this.timers.delete(cancel);
        resolve();
      }, Math.max(0, ms));
      this.timers.add(cancel);
    });
  }

  /** Called when a user.order push or a read shows an order with a client id in look-up: it is placed. */
  observe(order: Order): void {
    if (!order.clientId) return;
    const clientId = this.clientIdOf(order.clientId);
    if (!clientId) return;
    const e = this.entries.get(clientId);
    if (e?.state !== 'unknown') return;
    const placed = { ...order, clientId };
    this.entries.set(clientId, { state: 'placed', order: placed });
    this.o.onPlaced(placed, true);
  }
}

/** A failure after which the order may exist: the request may have arrived, or the server failed inside. */
function isAmbiguous(r: CallResult): boolean {
  if (r.ok) return false;
  if (r.exchangeCode !== undefined) return AMBIGUOUS_CODES.has(r.exchangeCode);
  if (r.status !== undefined) return r.status >= 500;
  return r.ambiguous;
}
