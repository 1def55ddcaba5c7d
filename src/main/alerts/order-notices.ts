import Big from 'big.js';
import type { Order, TerminalNotification } from '../../shared';

/** What a notice needs besides the order; the service adds id and time. */
export type NoticeDraft = Omit<TerminalNotification, 'id' | 'time'>;

export interface OrderNoticesOptions {
  /** The account's name as the trader gave it (`Icrypex demo`). */
  accountLabel: (accountId: string) => string;
  /** Orders created before this (Unix ms) that are seen for the first time are history, not news. */
  startedAt: number;
  /** How long a cancel the terminal asked for explains a cancelled order (ms). */
  cancelGraceMs?: number;
  now: () => number;
}

interface Seen {
  filled: string;
  status: Order['status'];
}

/** Orders remembered; beyond this the oldest are forgotten (a long session must not grow without end). */
const MAX_TRACKED = 5_000;
const ENDED_BY_EXCHANGE = new Set<Order['status']>(['canceled', 'rejected', 'expired']);

/**
 * Turns own-order updates into notices: a fill (partial or full) whenever the filled quantity
 * grows, and an order the exchange ended (cancelled, rejected, expired) without the terminal
 * asking. Works from the order updates both connectors send (Icrypex pushes, Crypto.com polls),
 * so a repeated or replayed update never notifies twice: only a change does.
 */
export class OrderNotices {
  private readonly seen = new Map<string, Seen>();
  /** `account` or `account|symbol` or `account|symbol|id` → when the terminal asked to cancel. */
  private readonly cancels = new Map<string, number>();

  constructor(private readonly options: OrderNoticesOptions) {}

  /** The terminal asked to cancel one order, or all of an account's (optionally one symbol's); accountId undefined = every account. */
  noteCancelRequest(accountId: string | undefined, symbol?: string, orderId?: string): void {
    this.cancels.set([accountId ?? '*', symbol ?? '*', orderId ?? '*'].join('|'), this.options.now());
  }

  /** Answers the notices one order update deserves (usually none). */
  update(order: Order): NoticeDraft[] {
    const key = `${order.accountId}|${order.id}`;
    const before = this.seen.get(key);
    this.remember(key, { filled: order.filledQuantity, status: order.status });
    // First sight of an order older than this session: its fills and its end are history.
    const baseline = before ?? (order.createdAt < this.options.startedAt ? { filled: order.filledQuantity, status: order.status } : { filled: '0', status: 'open' as const });
    const out: NoticeDraft[] = [];
    const delta = new Big(order.filledQuantity).minus(baseline.filled);
    if (delta.gt(0)) out.push(this.fill(order, delta.toFixed()));
    if (ENDED_BY_EXCHANGE.has(order.status) && baseline.status !== order.status && !this.askedToCancel(order)) {
      out.push(this.ended(order));
    }
    return out;
  }

  private fill(order: Order, delta: string): NoticeDraft {
    const full = order.status === 'filled' || new Big(order.filledQuantity).gte(order.quantity);
    const what = `${order.side.toUpperCase()} ${order.symbol}`;
    const at = order.price ? ` @ ${order.price}` : '';
    return {
      kind: full ? 'fill' : 'partial-fill',
      title: full ? `Filled: ${what} ${order.quantity}${at}` : `Partly filled: ${what} ${delta}${at}`,
      body: `${full ? '' : `${order.filledQuantity} of ${order.quantity} filled · `}${this.options.accountLabel(order.accountId)} · order ${order.id}`,
      exchange: order.exchange,
      symbol: order.symbol,
      accountId: order.accountId,
      orderId: order.id,
      side: order.side,
    };
  }

  private ended(order: Order): NoticeDraft {
    const verb = order.status === 'canceled' ? 'cancelled' : order.status;
    const left = new Big(order.quantity).minus(order.filledQuantity).toFixed();
    return {
      kind: order.status === 'canceled' ? 'canceled' : order.status === 'rejected' ? 'rejected' : 'expired',
      title: `The exchange ${verb} ${order.side.toUpperCase()} ${order.symbol} ${order.quantity}${order.price ? ` @ ${order.price}` : ''}`,
      body: `${left} not filled · ${this.options.accountLabel(order.accountId)} · order ${order.id}`,
      exchange: order.exchange,
      symbol: order.symbol,
      accountId: order.accountId,
      orderId: order.id,
    };
  }

  /** A cancel the terminal asked for (this order, its symbol's cancel-all, the account's, or every account's) recently. */
  private askedToCancel(order: Order): boolean {
    if (order.status !== 'canceled') return false;
    const since = this.options.now() - (this.options.cancelGraceMs ?? 60_000);
    for (const account of [order.accountId, '*']) {
      for (const key of [`${account}|${order.symbol}|${order.id}`, `${account}|${order.symbol}|*`, `${account}|*|*`]) {
        const at = this.cancels.get(key);
        if (at !== undefined && at >= since) return true;
      }
    }
    return false;
  }

  private remember(key: string, value: Seen): void {
    this.seen.delete(key);
    this.seen.set(key, value);
    if (this.seen.size > MAX_TRACKED) this.seen.delete(this.seen.keys().next().value!);
    if (this.cancels.size > MAX_TRACKED) this.cancels.delete(this.cancels.keys().next().value!);
  }
}
