import { err, ok, type AppError, type Balance, type Fill, type Market, type Order, type Result } from '../../../shared';
import { background } from '../../net/background';
import type { Clock } from '../../net/clock';
import type { ConnectorOrder, HistoryQuery, PlaceHooks, SubmitResolution, Unsubscribe } from '../connector';
import { refusalOrUnreadable, type IcrypexRest } from './rest';
import { ExchangeRefusal, mapFills, mapPlaceReply, mapUserTrade } from './map-account';
import { isClosed, OwnOrders } from './own-orders';
import { SharedRead } from '../kit/shared-read';
import { WireError, type Obj } from '../kit/wire';

const DAY = 86_400_000;
/**
 * Signature window of an order (§3 ICX-NONCE). Short on purpose: an order that has not reached
 * the exchange within its timeout must not execute later, and the shorter the window the
 * sooner an ambiguous submit can be declared not placed.
 */
export const ORDER_NONCE_MS = 10_000;
/**
 * Added to the window before an unseen order counts as not placed: our clock-skew estimate
 * (Date header, whole seconds, half a round trip) can be off by a few seconds.
 */
const SKEW_MARGIN_MS = 10_000;
const RESOLVE_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 15_000];
/**
 * Looks for unresolved submits share a read of open orders (and of history) started within
 * this long of the look, and after the submit was sent (issue 20 #5: each submit read every
 * page on its own, and a storm of them drew a 429 and a 60 s block).
 */
const SHARE_READ_MS = 1_000;
/** After a cancel with an error or no reply, how long an order still listed open is looked at again (ms). */
export const CANCEL_LOOK_MS = 5_000;
const CANCEL_LOOK_INTERVAL_MS = 1_000;
/** Cancel failures that mean the request never reached Icrypex (nothing to look up). */
const CANCEL_NOT_SENT: ReadonlySet<string> = new Set(['RATE_LIMITED', 'KEYCHAIN_UNAVAILABLE', 'NOT_FOUND', 'AUTH_INVALID_KEY', 'VALIDATION']);
const CLIENT_ID_RE = /^[A-Za-z0-9_-]{1,40}$/;

interface PendingSubmit {
  order: ConnectorOrder;
  sentAt: number;
  attempt: number;
  cancelTimer?: () => void;
}

export interface AccountDeps {
  accountId: string;
  api: IcrypexRest;
  clock: Clock;
  markets: () => Promise<Result<ReadonlyMap<string, Market>>>;
  /** How long a place call may take before it counts as ambiguous. */
  orderTimeoutMs: number;
  /** The place call's signature window (§3); default ORDER_NONCE_MS. */
  orderNonceMs?: number;
  log?: (line: string) => void;
}

/**
 * The private side of one Icrypex account: orders (with safe submits), balances and fills,
 * kept current by `user-trade` pushes and REST reconciliation.
 */
export class IcrypexAccount {
  readonly orders: OwnOrders;
  private readonly orderListeners = new Set<(o: Order) => void>();
  private readonly fillListeners = new Set<(f: Fill) => void>();
  private readonly balanceListeners = new Set<(b: Balance[]) => void>();
  private readonly resolutionListeners = new Set<(r: SubmitResolution) => void>();
  /** Submits whose outcome is not known yet, by client id. */
  private readonly unresolved = new Map<string, PendingSubmit>();
  private readonly sending = new Map<string, Promise<Result<Order>>>();
  private readonly seenFills = new Set<string>();
  private fillsSince: number;
  private readonly soon = new Map<string, () => void>();
  private reconciling: Promise<void> | undefined;
  private again = false;
  private reconcileFailure: string | undefined;
  private stopped = false;
  private readonly openRead: SharedRead<Result<Order[]>>;
  private readonly historyRead: SharedRead<Result<Order[]>>;

  constructor(private readonly deps: AccountDeps) {
    this.orders = new OwnOrders(deps.accountId, (o) => this.emitOrder(o));
    const now = () => deps.clock.now();
    this.openRead = new SharedRead(() => this.readOpenOrders(), now, (r) => r.ok);
    this.historyRead = new SharedRead(() => this.readPendingHistory(), now, (r) => r.ok);
    this.fillsSince = deps.clock.now() - 5 * 60_000;
  }

  onOrder(fn: (o: Order) => void): Unsubscribe {
    this.orderListeners.add(fn);
    return () => void this.orderListeners.delete(fn);
  }

  onFill(fn: (f: Fill) => void): Unsubscribe {
    this.fillListeners.add(fn);
    return () => void this.fillListeners.delete(fn);
  }

  onBalances(fn: (b: Balance[]) => void): Unsubscribe {
    this.balanceListeners.add(fn);
    return () => void this.balanceListeners.delete(fn);
  }

  onSubmitResolved(fn: (r: SubmitResolution) => void): Unsubscribe {
    this.resolutionListeners.add(fn);
    return () => void this.resolutionListeners.delete(fn);
  }

  /** After this, an order the exchange has not shown cannot execute any more (§3). */
  private get deadAfterMs(): number {
    return (this.deps.orderNonceMs ?? ORDER_NONCE_MS) + SKEW_MARGIN_MS;
  }

  /**
   * §7.7 with the safety rules: pair rules checked and rounding applied before anything is
   * sent; one client id is never sent twice; an ambiguous failure is resolved by client id
   * and answers ORDER_STATE_UNKNOWN until it is.
   */
  placeOrder(order: ConnectorOrder, hooks?: PlaceHooks): Promise<Result<Order>> {
    // A second submit of a client id still being sent shares the first one's answer: it is
    // never sent twice, even when both arrive before the first reply (issue 20 #3).
    const sending = this.sending.get(order.clientId);
    if (sending) return sending;
    const answer = this.place(order, hooks).finally(() => this.sending.delete(order.clientId));
    this.sending.set(order.clientId, answer);
    return answer;
  }

  private async place(order: ConnectorOrder, hooks?: PlaceHooks): Promise<Result<Order>> {
    if (!CLIENT_ID_RE.test(order.clientId)) {
      return err('VALIDATION', 'clientId must be 1-40 letters, digits, "-" or "_"', { field: 'clientId' });
    }
    const pending = this.unresolved.get(order.clientId);
    if (pending) {
      const found = await this.resolve(pending);
      return found ? ok(found) : this.unknown(pending);
    }
    const known = this.orders.findByClientId(order.clientId);
    if (known) return ok(known);

    const markets = await this.deps.markets();
    if (!markets.ok) return markets;
    const market = markets.value.get(order.symbol);
    if (!market) return err('VALIDATION', `${order.symbol} is not a spot pair on Icrypex`, { field: 'symbol' });
    // The trading service validated and rounded the order (ConnectorOrder, ../connector.ts): it is sent as it is.
    const sentAt = this.deps.clock.now();
    const reply = await this.deps.api.placeOrder({ ...order, symbol: market.nativeSymbol }, this.deps.orderTimeoutMs, this.deps.orderNonceMs ?? ORDER_NONCE_MS, hooks?.onQueued);
    if (reply.ok) {
      try {
        const placed = mapPlaceReply(reply.body, order, this.deps.accountId, sentAt);
        placed.symbol = market.symbol;
        this.orders.upsert(placed);
        this.later('wallet', 300, () => this.balances());
        if (placed.filledQuantity !== '0') this.later('fills', 500, () => this.pollFills());
        return ok(this.orders.get(placed.id) ?? placed);
      } catch (e) {
        if (e instanceof ExchangeRefusal) return refusalOrUnreadable(e, `the ${order.side} ${order.type} order on ${order.symbol}`);
        if (!(e instanceof WireError)) throw e;
        this.deps.log?.(`icrypex: unreadable place reply (${e.message}); reconciling ${order.clientId}`);
      }
    } else if (!reply.ambiguous) {
      return { ok: false, error: reply.error };
    } else {
      this.deps.log?.(`icrypex: place ${order.clientId} ended ambiguously (${reply.error.code}); reconciling by client id`);
    }
    const p: PendingSubmit = { order, sentAt, attempt: 0 };
    this.unresolved.set(order.clientId, p);
    const found = await this.resolve(p);
    if (found) return ok(found);
    this.scheduleResolve(p);
    return this.unknown(p);
  }

  private unknown(p: PendingSubmit): Result<Order> {
    return err(
      'ORDER_STATE_UNKNOWN',
      `the ${p.order.side} ${p.order.type} order on ${p.order.symbol} (client id ${p.order.clientId}) may or may not have reached Icrypex; ` +
        `it is being looked up by client id; Icrypex refuses it once its ${Math.round((this.deps.orderNonceMs ?? ORDER_NONCE_MS) / 1000)} s signature expires, so the answer comes within ${Math.round(this.deadAfterMs / 1000)} s. Do not resend it.`,
      { retryable: false },
    );
  }

  /**
   * Looks a pending submit up by client id: open orders, then history around the send time,
   * each from a read shared with the other pending submits (SHARE_READ_MS) that started after
   * this one was sent; "not placed" only from reads that started after its signature expired.
   */
  private async resolve(p: PendingSubmit): Promise<Order | undefined> {
    const id = p.order.clientId;
    const cached = this.orders.findByClientId(id);
    if (cached) return this.settle(p, cached);
    const dead = p.sentAt + this.deadAfterMs;
    const asked = this.deps.clock.now();
    const notBefore = asked > dead ? Math.max(dead + 1, asked - SHARE_READ_MS) : Math.max(p.sentAt, asked - SHARE_READ_MS);
    const open = await this.openRead.get(notBefore);
    const inOpen = open.value.ok ? open.value.value.find((o) => o.clientId === id) : undefined;
    if (inOpen) return this.settle(p, inOpen);
    const history = await this.historyRead.get(notBefore);
    const inHistory = history.value.ok ? history.value.value.find((o) => o.clientId === id) : undefined;
    if (inHistory) return this.settle(p, inHistory);
    if (open.value.ok && history.value.ok && Math.min(open.startedAt, history.startedAt) > dead && this.unresolved.get(id) === p) {
      // The signed request is past its validity window (§3) and nothing carries its id: not placed.
      this.unresolved.delete(id);
      p.cancelTimer?.();
      this.deps.log?.(`icrypex: order ${id} was not placed (absent from open orders and history past its signature window)`);
      const window = Math.round((this.deps.orderNonceMs ?? ORDER_NONCE_MS) / 1000);
      this.emitResolution({
        clientId: id,
        notPlaced: {
          reason: `Icrypex has no order with client id ${id} in open orders or history, and its ${window} s signature has expired, so it can no longer be executed`,
          certain: true,
        },
      });
    }
    return undefined;
  }

  /** The account's order history since a minute before the oldest unresolved submit (all markets, every page). */
  private readPendingHistory(): Promise<Result<Order[]>> {
    const now = this.deps.clock.now();
    let from = now;
    for (const p of this.unresolved.values()) from = Math.min(from, p.sentAt);
    return this.deps.api.orderHistory({ from: from - 60_000, to: now + 60_000 });
  }

  private settle(p: PendingSubmit, order: Order): Order {
    const wasPending = this.unresolved.get(p.order.clientId) === p;
    if (wasPending) this.unresolved.delete(p.order.clientId);
    p.cancelTimer?.();
    this.orders.upsert(order);
    const current = this.orders.get(order.id) ?? order;
    // The caller was told ORDER_STATE_UNKNOWN: say how it ended even if a push showed the order first.
    if (wasPending) {
      this.emitOrder(current);
      this.emitResolution({ clientId: p.order.clientId, order: current });
    }
    this.later('wallet', 300, () => this.balances());
    return current;
  }

  private scheduleResolve(p: PendingSubmit): void {
    if (this.stopped) return;
    // Back off, but look once more just after the signature window closes: that look decides.
    const untilDead = p.sentAt + this.deadAfterMs - this.deps.clock.now();
    const backoff = RESOLVE_DELAYS_MS[Math.min(p.attempt, RESOLVE_DELAYS_MS.length - 1)]!;
    const delay = untilDead >= 0 ? Math.min(backoff, untilDead + 250) : backoff;
    p.attempt++;
    p.cancelTimer = this.deps.clock.setTimer(() => {
      if (this.unresolved.get(p.order.clientId) !== p) return;
      background(
        `icrypex ${this.deps.accountId}: resolving order ${p.order.clientId}`,
        () =>
          this.resolve(p).then(
            (found) => {
              if (!found && this.unresolved.get(p.order.clientId) === p) this.scheduleResolve(p);
            },
            (error: unknown) => {
              // Keep looking: the order may exist, and the caller was told ORDER_STATE_UNKNOWN.
              if (this.unresolved.get(p.order.clientId) === p) this.scheduleResolve(p);
              throw error;
            },
          ),
        this.deps.log,
      );
    }, delay);
  }

  /** §7.8. The order must be open (per the cache, else per a fresh list); a timeout is checked, not assumed. */
  async cancelOrder(symbol: string, orderId: string): Promise<Result<Order>> {
    let order = this.orders.get(orderId);
    if (!order || isClosed(order)) {
      const open = await this.refreshOpenOrders();
      if (!open.ok) return open;
      order = open.value.find((o) => o.id === orderId);
      if (!order) return err('NOT_FOUND', `order ${orderId} is not open on Icrypex (already filled or canceled?)`, { field: 'orderId' });
    }
    if (order.symbol !== symbol) return err('VALIDATION', `order ${orderId} is on ${order.symbol}, not ${symbol}`, { field: 'symbol' });
    const r = await this.deps.api.cancel(orderId);
    if (!r.ok) return this.cancelFailed(order, r.error);
    const now = this.deps.clock.now();
    const current = this.orders.get(orderId) ?? order;
    this.orders.upsert({ ...current, status: isClosed(current) ? current.status : 'canceled', updatedAt: now });
    this.later('wallet', 300, () => this.balances());
    return ok(this.orders.get(orderId) ?? current);
  }

  /**
   * A cancel answered with an error, or not answered, may still have gone through (issue 20 #4).
   * Before saying it failed, the order is looked up: gone from the open list, its final state
   * comes from history (cancelled is the answer; filled means there was nothing to cancel);
   * still listed open, it is looked at again for CANCEL_LOOK_MS, as the cancel may be on its way.
   */
  private async cancelFailed(order: Order, error: AppError): Promise<Result<Order>> {
    if (CANCEL_NOT_SENT.has(error.code)) return { ok: false, error };
    const until = this.deps.clock.now() + CANCEL_LOOK_MS;
    for (;;) {
      const open = await this.refreshOpenOrders();
      if (!open.ok) return err('ORDER_STATE_UNKNOWN', `the cancel of ${order.id} was not confirmed (${error.message}), and the open orders could not be read (${open.error.message}); it will update on the next reconcile`);
      if (!open.value.some((o) => o.id === order.id)) {
        const now = this.deps.clock.now();
        const history = await this.deps.api.orderHistory({ symbol: order.symbol, from: order.createdAt - 60_000, to: now + 60_000 });
        const final = history.ok ? history.value.find((h) => h.id === order.id) : undefined;
        if (!final) return err('ORDER_STATE_UNKNOWN', `order ${order.id} left the open orders after a cancel that was not confirmed (${error.message}); its final state is not in the history yet and will show when it is`);
        this.orders.upsert(final);
        const current = this.orders.get(order.id) ?? final;
        if (current.status === 'canceled' || current.status === 'pending-cancel') return ok(current);
        return err('EXCHANGE_REJECTED', `order ${order.id} is already ${current.status}: nothing to cancel`, { field: 'orderId' });
      }
      if (this.deps.clock.now() >= until) return err(error.code, `${error.message}; the order is still open on Icrypex`, { retryable: error.retryable });
      await new Promise<void>((resolve) => this.deps.clock.setTimer(resolve, CANCEL_LOOK_INTERVAL_MS));
    }
  }

  async cancelAll(symbol?: string): Promise<Result<{ canceled: number }>> {
    const open = await this.refreshOpenOrders();
    if (!open.ok) return open;
    const targets = open.value.filter((o) => !symbol || o.symbol === symbol);
    let canceled = 0;
    const failures: string[] = [];
    for (const o of targets) {
      const r = await this.cancelOrder(o.symbol, o.id);
      if (r.ok) canceled++;
      else failures.push(`${o.id}: ${r.error.message}`);
    }
    if (failures.length) {
      return err('EXCHANGE_REJECTED', `canceled ${canceled} of ${targets.length} orders; ${failures.length} failed (${failures[0]}${failures.length > 1 ? ', ...' : ''})`);
    }
    return ok({ canceled });
  }

  async openOrders(symbol?: string): Promise<Result<Order[]>> {
    const r = await this.refreshOpenOrders();
    return r.ok ? ok(symbol ? r.value.filter((o) => o.symbol === symbol) : r.value) : r;
  }

  /** Every page of open orders, from a read started now or later (shared with callers asking meanwhile). */
  private async refreshOpenOrders(): Promise<Result<Order[]>> {
    return (await this.openRead.get(this.deps.clock.now())).value;
  }

  /** Fetches every page of open orders and reconciles the cache; closed ones get their final state. */
  private async readOpenOrders(): Promise<Result<Order[]>> {
    const r = await this.deps.api.openOrders();
    if (!r.ok) return r;
    const vanished = this.orders.replaceOpen(r.value);
    if (vanished.length) background(`icrypex ${this.deps.accountId}: settling closed orders`, () => this.settleVanished(vanished), this.deps.log);
    return ok(r.value.map((o) => this.orders.get(o.id) ?? o));
  }

  private async settleVanished(vanished: Order[]): Promise<void> {
    const now = this.deps.clock.now();
    const from = Math.min(...vanished.map((o) => o.createdAt)) - 60_000;
    const history = await this.deps.api.orderHistory({ from, to: now + 60_000 });
    for (const o of vanished) {
      const final = history.ok ? history.value.find((h) => h.id === o.id) : undefined;
      if (final) this.orders.upsert(final);
      else this.emitOrder({ ...o, status: 'unknown', updatedAt: now });
    }
    this.later('fills', 300, () => this.pollFills());
  }

  async orderHistory(query: HistoryQuery): Promise<Result<Order[]>> {
    const to = query.to ?? this.deps.clock.now();
    const from = query.from ?? to - 7 * DAY;
    if (from > to) return err('VALIDATION', '"from" must not be after "to"', { field: 'from' });
    return this.deps.api.orderHistory({ symbol: query.symbol, from, to });
  }

  async fills(query: HistoryQuery): Promise<Result<Fill[]>> {
    const to = query.to ?? this.deps.clock.now();
    const from = query.from ?? to - 7 * DAY;
    if (from > to) return err('VALIDATION', '"from" must not be after "to"', { field: 'from' });
    const [rows, markets] = await Promise.all([this.deps.api.myTrades({ symbol: query.symbol, from, to }), this.deps.markets()]);
    if (!rows.ok) return rows;
    const split = (s: string) => (markets.ok ? markets.value.get(s) : undefined);
    try {
      return ok(mapFills(rows.value, this.deps.accountId, split).sort((a, b) => a.time - b.time));
    } catch (e) {
      return refusalOrUnreadable(e, 'the account trades');
    }
  }

  /** Wallet over REST; every successful read is pushed to the balance listeners. */
  async balances(): Promise<Result<Balance[]>> {
    const r = await this.deps.api.wallet();
    if (r.ok && !this.stopped) for (const l of [...this.balanceListeners]) l(r.value);
    return r;
  }

  /** §8.4 user-trade: order state now, wallet and fills over REST right after. */
  onUserTrade(body: Obj): void {
    let update;
    try {
      update = mapUserTrade(body);
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      this.deps.log?.(`icrypex private: unreadable user-trade (${e.message}); reconciling over REST`);
      background(`icrypex ${this.deps.accountId}: reconcile`, () => this.reconcile(), this.deps.log);
      return;
    }
    const known = this.orders.get(update.orderId);
    this.orders.applyUserTrade(update, this.deps.clock.now());
    // An order we never saw (placed elsewhere, or a submit still being resolved): fetch its details.
    if (!known) this.later('reconcile', 200, () => this.reconcile());
    this.later('wallet', 300, () => this.balances());
    this.later('fills', 500, () => this.pollFills());
  }

  /** Open orders, the wallet and pending submits over REST (after every reconnect, and periodically). */
  reconcile(): Promise<void> {
    if (this.reconciling) {
      this.again = true;
      return this.reconciling;
    }
    this.reconciling = (async () => {
      do {
        this.again = false;
        const open = await this.refreshOpenOrders();
        const wallet = await this.balances();
        this.noteReconcile(open.ok ? (wallet.ok ? undefined : wallet.error.code) : open.error.code);
        for (const p of [...this.unresolved.values()]) await this.resolve(p);
      } while (this.again && !this.stopped);
    })().finally(() => (this.reconciling = undefined));
    return this.reconciling;
  }

  /** Logs when reconciliation starts or stops failing (once per change, not once per poll). */
  private noteReconcile(code: string | undefined): void {
    if (code === this.reconcileFailure) return;
    this.reconcileFailure = code;
    this.deps.log?.(code ? `icrypex ${this.deps.accountId}: reconcile failed (${code}); retrying on the next poll` : `icrypex ${this.deps.accountId}: reconcile works again`);
  }

  /** New own trades since the last poll (the fee is only known from REST, §7.11). */
  private async pollFills(): Promise<void> {
    const now = this.deps.clock.now();
    const from = this.fillsSince - 120_000;
    const r = await this.fills({ from, to: now + 60_000 });
    if (!r.ok || this.stopped) return;
    this.fillsSince = now;
    for (const f of r.value) {
      if (this.seenFills.has(f.id)) continue;
      this.seenFills.add(f.id);
      for (const l of [...this.fillListeners]) l(f);
    }
  }

  private emitResolution(resolution: SubmitResolution): void {
    if (this.stopped) return;
    for (const l of [...this.resolutionListeners]) l(resolution);
  }

  private emitOrder(order: Order): void {
    if (this.stopped) return;
    for (const l of [...this.orderListeners]) l(order);
  }

  /** Runs `fn` once after `ms`, coalescing repeated requests under the same key; a failure is logged. */
  private later(key: string, ms: number, fn: () => unknown): void {
    if (this.stopped || this.soon.has(key)) return;
    this.soon.set(
      key,
      this.deps.clock.setTimer(() => {
        this.soon.delete(key);
        background(`icrypex ${this.deps.accountId}: ${key}`, fn, this.deps.log);
      }, ms),
    );
  }

  stop(): void {
    this.stopped = true;
    for (const cancel of this.soon.values()) cancel();
    this.soon.clear();
    for (const p of this.unresolved.values()) p.cancelTimer?.();
  }
}
