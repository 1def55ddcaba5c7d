import type { AppError, Order, OrderOutcome, Result } from '../../shared';
import type { SubmitResolution } from '../exchanges/connector';

interface Pending {
  accountId: string;
  /** Icrypex, Crypto.com: whose word the message reports. */
  exchange: string;
}

/** Errors after which the exchange certainly did not take the order but did not refuse it either. */
const NOT_SENT: ReadonlySet<AppError['code']> = new Set(['RATE_LIMITED', 'NETWORK', 'TIMEOUT', 'EXCHANGE_UNAVAILABLE', 'KEYCHAIN_UNAVAILABLE', 'INTERNAL']);

/** The outcome state an order's status stands for. */
export function outcomeState(status: Order['status']): OrderOutcome['state'] {
  switch (status) {
    case 'filled':
      return 'filled';
    case 'canceled':
    case 'expired':
      return 'canceled';
    case 'rejected':
      return 'rejected';
    case 'pending':
    case 'open':
    case 'partially-filled':
    case 'pending-cancel':
    case 'unknown':
      return 'placed';
  }
}

/**
 * Follows every order that may have reached an exchange until its outcome is known, and
 * pushes that outcome once (`orders:outcome`, keyed by client id). The evidence can come in
 * any order: the connector's answer, an own-order push carrying the client id, or the
 * connector's resolution of an ambiguous submit (issue 11 #5: "every order ends on screen").
 */
export class OutcomeTracker {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly emit: (outcome: OrderOutcome) => void,
    /** Told the final answer, so a retry with the same client id gets it (the ledger). */
    private readonly settle: (clientId: string, result: Result<Order>) => void,
    private readonly capacity = 1_000,
  ) {}

  /** The order is about to leave (or may have left) for the exchange. */
  begin(accountId: string, clientId: string, exchange: string): void {
    if (this.pending.has(clientId)) return;
    this.pending.set(clientId, { accountId, exchange });
    while (this.pending.size > this.capacity) this.pending.delete(this.pending.keys().next().value!);
  }

  /** The connector answered, or the engine stopped waiting (`ORDER_STATE_UNKNOWN`). */
  answered(clientId: string, result: Result<Order>): void {
    const entry = this.pending.get(clientId);
    if (!entry) return;
    if (result.ok) return this.finish(clientId, entry, fromOrder(entry, clientId, result.value, `${entry.exchange} confirmed it`));
    // Unknown: wait for the connector's resolution or an own-order push with this client id.
    if (result.error.code === 'ORDER_STATE_UNKNOWN') return;
    const state = NOT_SENT.has(result.error.code) ? 'not-placed' : 'rejected';
    this.finish(clientId, entry, { accountId: entry.accountId, clientId, state, message: result.error.message, certain: true }, result);
  }

  /** An own-order push: one carrying a followed client id is that order's outcome. */
  noteOrder(order: Order): void {
    if (!order.clientId) return;
    const entry = this.pending.get(order.clientId);
    if (!entry || entry.accountId !== order.accountId) return;
    this.finish(order.clientId, entry, fromOrder(entry, order.clientId, order, `${entry.exchange} reported it`));
  }

  /** The connector established how an ambiguous submit ended. */
  resolved(accountId: string, resolution: SubmitResolution): void {
    const entry = this.pending.get(resolution.clientId);
    if (!entry || entry.accountId !== accountId) return;
    if ('order' in resolution) {
      const order = { ...resolution.order, accountId };
      if (resolution.matchedBy) {
        // Not the exchange's word on this client id: the trader is told how it was recognised (issue 20 #3).
        const outcome = fromOrder(entry, resolution.clientId, order, `found on ${entry.exchange} after the unclear answer, ${resolution.matchedBy}`);
        return this.finish(resolution.clientId, entry, { ...outcome, certain: false });
      }
      return this.finish(resolution.clientId, entry, fromOrder(entry, resolution.clientId, order, `found on ${entry.exchange} after the unclear answer`));
    }
    const { reason, certain } = resolution.notPlaced;
    const message = `not placed: ${reason}${certain ? '' : '. This is the terminal\'s judgement, not the exchange\'s word: check the exchange\'s order history before sending it again'}`;
    this.finish(resolution.clientId, entry, { accountId, clientId: resolution.clientId, state: 'not-placed', message, certain }, {
      ok: false,
      error: { code: 'EXCHANGE_REJECTED', message, retryable: false },
    });
  }

  /** Client ids still waiting for their outcome (tests, status). */
  get size(): number {
    return this.pending.size;
  }

  private finish(clientId: string, entry: Pending, outcome: OrderOutcome, result?: Result<Order>): void {
    this.pending.delete(clientId);
    if (outcome.order) this.settle(clientId, { ok: true, value: outcome.order });
    else if (result) this.settle(clientId, result);
    this.emit(outcome);
  }
}

function fromOrder(entry: Pending, clientId: string, order: Order, how: string): OrderOutcome {
  return {
    accountId: entry.accountId,
    clientId,
    state: outcomeState(order.status),
    order: { ...order, clientId },
    message: `${how}: order ${order.id} (${order.status})`,
    certain: true,
  };
}
