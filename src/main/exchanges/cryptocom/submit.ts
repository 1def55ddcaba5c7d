import { err, ok, type Err, type Order, type Result } from '../../../shared';
import { background } from '../../net/background';
import type { Clock } from '../../net/clock';
import type { ConnectorOrder } from '../connector';
import { sameDecimal } from '../kit/amounts';
import { SharedRead } from '../kit/shared-read';
import { AMBIGUOUS_CREATE_CODES } from './errors';
import type { WireOrder } from './map-account';
import { CryptocomRest, type CallResult } from './rest';
import { fromNative, toNative } from './symbols';

/** The REST calls safe submission needs (CryptocomRest has them). */
export type SubmitRest = Pick<CryptocomRest, 'createOrder' | 'openOrders' | 'allOrders' | 'showOrder'>;

export interface SubmitTuning {
  /** How long placeOrder itself looks for an ambiguous create before answering ORDER_STATE_UNKNOWN (ms). */
  reconcileWindowMs: number;
  /** Gap between two looks (ms). */
  reconcileIntervalMs: number;
  /**
   * A create nobody answered (timeout, cut connection, 504) is judged "not placed" when no
   * order matched in this long after it was sent (ms). With the look that follows, every
   * submit ends within 60 s (issue 20 #3).
   */
  decideWithinMs: number;
  /** Clock slack when matching `created_at` to the send time (server clock vs ours, ms). */
  matchSlackMs: number;
  /** After a cancel with an unclear reply, how long an order still shown open is looked at again (connector.ts, ms). */
  cancelLookMs: number;
}

export const DEFAULT_SUBMIT_TUNING: SubmitTuning = {
  reconcileWindowMs: 12_000,
  reconcileIntervalMs: 1_000,
  decideWithinMs: 45_000,
  matchSlackMs: 5_000,
  cancelLookMs: 5_000,
};

/** Looks of several unresolved creates on one market share a read started within this long (ms). */
const SHARE_READ_MS = 1_000;

/** What one look reads on one market: open orders, and the first and last page of all orders. */
interface Candidates {
  open: WireOrder[];
  recent: WireOrder[];
  /** False when a read failed: the look cannot rule anything out. */
  complete: boolean;
}

/** How a V1 outcome found by matching is described (no client order id, §5.8). */
export const MATCHED_BY = 'matched by side, type, price, size and creation time (Crypto.com V1 has no client order id)';

/** A create as sent (specs/cryptocom-v1.md §5.8), kept to recognise the order later. */
export interface WireCreate {
  native: string;
  side: 'BUY' | 'SELL';
  type: 1 | 2;
  /** Base quantity, or the quote amount of a market BUY (§4). */
  volume: string;
  price?: string;
}

type Record_ =
  | { state: 'pending'; create: WireCreate; sentAt: number }
  | { state: 'placed'; order: Order }
  | { state: 'failed'; error: Err }
  | { state: 'unknown'; create: WireCreate; sentAt: number; error: Err };

/** Maps a validated order to the V1 create; market BUYs must be sized by the total (§4). */
export function toWireCreate(order: ConnectorOrder): Result<WireCreate> {
  const native = toNative(order.symbol);
  const side = order.side === 'buy' ? 'BUY' : 'SELL';
  if (order.type === 'limit') {
    if (!order.price) return err('VALIDATION', 'a limit order needs a price', { field: 'price' });
    if (!order.quantity) return err('VALIDATION', 'a limit order needs a quantity', { field: 'quantity' });
    return ok({ native, side, type: 1, volume: order.quantity, price: order.price });
  }
  if (order.type === 'market') {
    if (order.side === 'buy') {
      if (!order.total) return err('VALIDATION', 'Crypto.com V1 sizes market buys by the amount to spend: give a total instead of a quantity', { field: 'total' });
      return ok({ native, side, type: 2, volume: order.total });
    }
    if (!order.quantity) return err('VALIDATION', 'a market sell needs a quantity', { field: 'quantity' });
    return ok({ native, side, type: 2, volume: order.quantity });
  }
  return err('VALIDATION', `Crypto.com V1 has no ${order.type} orders: use limit or market`, { field: 'type' });
}

/** The order as known right after a create was acknowledged; the poller refines it. */
export function localOrder(accountId: string, id: string, clientId: string, create: WireCreate, at: number): Order {
  const marketBuy = create.type === 2 && create.side === 'BUY';
  const order: Order = {
    accountId,
    exchange: 'cryptocom',
    symbol: fromNative(create.native),
    id,
    clientId,
    side: create.side === 'BUY' ? 'buy' : 'sell',
    type: create.type === 1 ? 'limit' : 'market',
    status: 'open',
    // A market BUY's volume is money to spend (§4); its base quantity is known once filled.
    quantity: marketBuy ? '0' : create.volume,
    filledQuantity: '0',
    createdAt: at,
    updatedAt: at,
  };
  if (create.price !== undefined) order.price = create.price;
  return order;
}

/** True when `w` could be the order `create` made, sent at `sentAt` (server time). */
export function matchesCreate(w: WireOrder, create: WireCreate, sentAt: number, now: number, slackMs: number): boolean {
  const o = w.order;
  if (o.side !== (create.side === 'BUY' ? 'buy' : 'sell')) return false;
  if (o.type !== (create.type === 1 ? 'limit' : 'market')) return false;
  if (create.type === 1 && !sameDecimal(w.price, create.price)) return false;
  if (!sameDecimal(w.volume, create.volume)) return false;
  return o.createdAt >= sentAt - slackMs && o.createdAt <= now + slackMs;
}

export interface SafeSubmitterOptions {
  accountId: string;
  rest: SubmitRest;
  clock: Clock;
  /** Exchange clock minus ours (ms), from the HTTP client. */
  skewMs: () => number;
  /** Order ids this account already knew before a create was sent (they can never be its result). */
  knownOrderIds: () => Iterable<string>;
  /** A look matched the order (during placeOrder or in the background): report it, saying it was matched. */
  onResolved: (order: Order) => void;
  /** The looks are over and no order matched: the terminal judges it not placed (V1 cannot say). */
  onNotPlaced: (clientId: string, reason: string) => void;
  tuning?: Partial<SubmitTuning>;
  log?: (line: string) => void;
}

/**
 * Safe order submission for V1, which has no client order id (specs/cryptocom-v1.md §5.8).
 * A create that timed out or failed ambiguously is never sent again: the submitter looks for
 * it in open orders and recent orders (side, type, price, volume, created_at within the send
 * window), answers ORDER_STATE_UNKNOWN while it cannot tell, and keeps looking in the background.
 * A second placeOrder with the same clientId gets the first one's outcome.
 */
export class SafeSubmitter {
  private readonly records = new Map<string, Record_>();
  /** Order ids already matched to a submit: one order never answers two submits. */
  private readonly claimed = new Set<string>();
  private readonly tuning: SubmitTuning;
  private stopped = false;
  private readonly timers = new Set<() => void>();
  private readonly reads = new Map<string, SharedRead<Candidates>>();

  constructor(private readonly o: SafeSubmitterOptions) {
    this.tuning = { ...DEFAULT_SUBMIT_TUNING, ...o.tuning };
  }

  /** Submits, or answers the earlier outcome for a clientId already seen. */
  async place(order: ConnectorOrder, onQueued?: (waitMs: number) => void): Promise<Result<Order>> {
    const earlier = this.records.get(order.clientId);
    if (earlier) return this.answer(earlier, order.clientId);
    const wire = toWireCreate(order);
    if (!wire.ok) return wire;
    const create = wire.value;
    const sentLocal = this.o.clock.now();
    const sentAt = sentLocal + this.o.skewMs();
    const known = new Set(this.o.knownOrderIds());
    this.records.set(order.clientId, { state: 'pending', create, sentAt });
    const reply: CallResult = await this.o.rest.createOrder(create, onQueued);
    if (reply.ok) {
      const id = CryptocomRest.orderIdOf(reply);
      if (id.ok) {
        this.claimed.add(id.value);
        const placed = localOrder(this.o.accountId, id.value, order.clientId, create, this.o.clock.now());
        this.records.set(order.clientId, { state: 'placed', order: placed });
        return ok(placed);
      }
      // A success without a readable order id: it was placed, but we do not know as what.
    } else if (!this.isAmbiguous(reply)) {
      this.records.set(order.clientId, { state: 'failed', error: { ok: false, error: reply.error } });
      return { ok: false, error: reply.error };
    }
    const why = reply.ok ? 'the reply had no order id' : reply.error.message;
    // The server answered that it failed (5xx other than a gateway timeout, or an internal-error
    // code): the create has run its course, so an order it made would show in the looks below.
    // A timeout, a cut connection or a 504 may still be queued on the server's side.
    const answeredFailure = !reply.ok && !reply.ambiguous && (reply.exchangeCode !== undefined || (reply.status !== undefined && reply.status !== 504));
    this.o.log?.(`cryptocom: create for ${create.native} is ambiguous (${why}); reconciling, never resending`);
    const deadline = this.o.clock.now() + this.tuning.reconcileWindowMs;
    for (;;) {
      const found = await this.look(create, sentAt, sentLocal, known);
      if (found) {
        // Said as a match (onResolved), not as the exchange's confirmation.
        const placed = this.resolve(order.clientId, found.order);
        this.o.onResolved(placed);
        return ok(placed);
      }
      if (this.stopped || this.o.clock.now() >= deadline) break;
      await this.sleep(this.tuning.reconcileIntervalMs);
    }
    const unknown = err(
      'ORDER_STATE_UNKNOWN',
      `Crypto.com did not confirm the order (${why}). It may have been placed: the terminal is checking open and recent orders and will show it when found. Do not resend it.`,
      { retryable: false },
    );
    this.records.set(order.clientId, { state: 'unknown', create, sentAt, error: unknown });
    // A success without a readable order id is looked for like a create nobody answered: its
    // body could not be read, so what it says is unknown (issue 20 #3: "unknown forever" is not
    // an outcome a trader can act on).
    const failure = reply.ok ? 'unreadable' : answeredFailure ? 'answered' : 'silent';
    background(`cryptocom: reconciling ambiguous create ${order.clientId}`, () => this.background(order.clientId, create, sentAt, sentLocal, known, failure), this.o.log);
    return unknown;
  }

  /** Stops background reconciliation (connector stop). */
  stop(): void {
    this.stopped = true;
    for (const wake of [...this.timers]) wake();
  }

  /** Submits still unresolved (for the status bar and tests). */
  unresolved(): number {
    let n = 0;
    for (const r of this.records.values()) if (r.state === 'pending' || r.state === 'unknown') n++;
    return n;
  }

  private answer(r: Record_, clientId: string): Result<Order> {
    if (r.state === 'placed') return ok(r.order);
    if (r.state === 'failed') return r.error;
    if (r.state === 'unknown') return r.error;
    return err('ORDER_STATE_UNKNOWN', `order ${clientId} is still being submitted; it is never sent twice`, { retryable: false });
  }

  private isAmbiguous(reply: CallResult): boolean {
    if (reply.ok) return false;
    if (reply.ambiguous) return true;
    if (reply.exchangeCode !== undefined) return AMBIGUOUS_CREATE_CODES.has(reply.exchangeCode);
    // An HTTP 5xx without a V1 code: the request reached a server that failed somewhere.
    return reply.status !== undefined && reply.status >= 500;
  }

  private resolve(clientId: string, order: Order): Order {
    const placed = { ...order, clientId };
    this.claimed.add(order.id);
    this.records.set(clientId, { state: 'placed', order: placed });
    return placed;
  }

  /**
   * One look in open orders and in the first and last page of all orders (their order is not
   * documented, §5.13), from a read of that market started after the send and within
   * SHARE_READ_MS (or after `notBefore`), shared by every unresolved create on the market.
   */
  private async look(create: WireCreate, sentAt: number, sentLocal: number, known: ReadonlySet<string>, notBefore?: number): Promise<WireOrder | undefined> {
    const read = await this.readOf(create.native).get(notBefore ?? Math.max(sentLocal, this.o.clock.now() - SHARE_READ_MS));
    const now = this.o.clock.now() + this.o.skewMs();
    const fits = (w: WireOrder) => !known.has(w.order.id) && !this.claimed.has(w.order.id) && matchesCreate(w, create, sentAt, now, this.tuning.matchSlackMs);
    const byAge = (a: WireOrder, b: WireOrder) => a.order.createdAt - b.order.createdAt;
    return read.value.open.filter(fits).sort(byAge)[0] ?? read.value.recent.filter(fits).sort(byAge)[0];
  }

  private readOf(native: string): SharedRead<Candidates> {
    let read = this.reads.get(native);
    if (!read) {
      read = new SharedRead(() => this.candidates(native), () => this.o.clock.now(), (c) => c.complete);
      this.reads.set(native, read);
    }
    return read;
  }

  private async candidates(native: string): Promise<Candidates> {
    const open = await this.o.rest.openOrders(native);
    // No dates: their time zone is unknown (§5.13), and a wrong guess could hide the order.
    const first = await this.o.rest.allOrders(native, { page: 1 });
    const recent = first.ok ? [...first.value.orders] : [];
    let complete = open.ok && first.ok;
    if (first.ok) {
      const size = first.value.orders.length;
      if (size > 0 && first.value.count > size) {
        const last = await this.o.rest.allOrders(native, { page: Math.ceil(first.value.count / size), pageSize: size });
        if (last.ok) recent.push(...last.value.orders);
        else complete = false;
      }
    }
    return { open: open.ok ? open.value : [], recent, complete };
  }

  /**
   * Keeps looking after ORDER_STATE_UNKNOWN. V1 has no client id and documents no signature
   * window (specs/cryptocom-v1.md §2), so "not placed" is a judgement, made from a look that
   * started after the window closed: after a failure the server answered, the reconcile window;
   * after silence or a success whose order id could not be read (`unreadable`), `decideWithinMs`
   * from the send: an order the exchange made is in its open or recent orders by then.
   */
  private async background(clientId: string, create: WireCreate, sentAt: number, sentLocal: number, known: ReadonlySet<string>, failure: 'answered' | 'silent' | 'unreadable'): Promise<void> {
    const until = sentLocal + (failure === 'answered' ? this.tuning.reconcileWindowMs : this.tuning.decideWithinMs);
    for (;;) {
      await this.sleep(this.tuning.reconcileIntervalMs * 2);
      if (this.stopped) return;
      const closed = this.o.clock.now() >= until;
      const found = await this.look(create, sentAt, sentLocal, known, closed ? until : undefined);
      if (found) {
        const order = this.resolve(clientId, found.order);
        this.o.log?.(`cryptocom: ambiguous create resolved as order ${order.id}`);
        this.o.onResolved(order);
        return;
      }
      if (this.stopped) return;
      // Past the window, judged only from a complete read started after it (a failed read rules nothing out).
      const last = this.readOf(create.native).latest();
      if (closed && last !== undefined && last.startedAt >= until) break;
    }
    const looked = Math.round((this.o.clock.now() - sentLocal) / 1000);
    const how = {
      answered: 'Crypto.com answered the create with an error, and ',
      silent: 'Crypto.com never answered the create, and ',
      unreadable: 'Crypto.com answered the create OK but without a readable order id, and ',
    }[failure];
    const reason =
      how +
      `no matching order appeared in its open or recent orders in the ${looked} s after sending (V1 has no client order id: the order is recognised by side, type, price, size and creation time)`;
    this.records.set(clientId, { state: 'failed', error: err('EXCHANGE_REJECTED', `not placed: ${reason}`, { retryable: false }) });
    this.o.log?.(`cryptocom: ambiguous create for ${create.native} judged not placed after ${looked} s`);
    this.o.onNotPlaced(clientId, reason);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        cancel();
        this.timers.delete(wake);
        resolve();
      };
      const cancel = this.o.clock.setTimer(wake, ms);
      this.timers.add(wake);
    });
  }
}
