import { err, laterOrderState, type Order, type Result } from '../../shared';

/** What one submit did: its answer, and whether anything may have reached the exchange. */
export interface Submission {
  result: Result<Order>;
  /** False when the order was stopped before any connector call (rules, guards, read-only). */
  sent: boolean;
}

interface Entry {
  accountId: string;
  fingerprint: string;
  done: Promise<Submission>;
  settled: boolean;
  /** The newest state pushed by the connector for this client id (fills, reconciliation). */
  latest?: Order;
  /** How an ambiguous first answer ended (outcomes.ts), for retries. */
  final?: Result<Order>;
}

/**
 * Idempotent submit by client id (ux.md, "Safety on the client"): the first submit runs, and
 * every later one with the same id, also while the first is in flight, gets the first's
 * answer (updated with the newest pushed state) and never reaches the exchange. A submit that
 * was stopped before anything was sent is forgotten once it settles, so the same ticket can be
 * sent again after the trader fixes what blocked it.
 */
export class SubmitLedger {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = 10_000) {}

  /** Runs `send` once per client id; `fingerprint` tells a retry from a different order reusing the id. */
  async submit(clientId: string, accountId: string, fingerprint: string, send: () => Promise<Submission>): Promise<Result<Order>> {
    const existing = this.entries.get(clientId);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        return err('VALIDATION', `client id ${clientId} was already used for a different order; make a new one for each order`, { field: 'clientId' });
      }
      return this.answer(existing, await existing.done);
    }
    const entry: Entry = { accountId, fingerprint, settled: false, done: Promise.resolve(undefined as never) };
    // Registered before the first await, so a submit arriving in the same tick finds it.
    entry.done = send().catch((cause: unknown) => ({
      result: err('ORDER_STATE_UNKNOWN', `the order may or may not have been placed: ${cause instanceof Error ? cause.message : String(cause)}; check open orders before sending it again`),
      sent: true,
    }));
    this.entries.set(clientId, entry);
    const submission = await entry.done;
    entry.settled = true;
    if (!submission.sent && this.entries.get(clientId) === entry) this.entries.delete(clientId);
    this.evict();
    // A push may have overtaken the reply (filled before the create's answer came back); a
    // failed first answer stays the answer (the outcome tracker follows it).
    return submission.result.ok ? this.answer(entry, submission) : submission.result;
  }

  /** Records a pushed order state so a later retry answers it instead of a stale or ambiguous first answer. */
  note(order: Order): void {
    if (!order.clientId) return;
    const entry = this.entries.get(order.clientId);
    if (!entry || entry.accountId !== order.accountId) return;
    entry.latest = entry.latest ? laterOrderState(entry.latest, order) : order;
  }

  /** Records how a submit ended after an ambiguous answer, so a retry answers that instead. */
  resolve(clientId: string, result: Result<Order>): void {
    const entry = this.entries.get(clientId);
    if (!entry) return;
    entry.final = result;
    if (result.ok) this.note(result.value);
  }

  get size(): number {
    return this.entries.size;
  }

  private answer(entry: Entry, submission: Submission): Result<Order> {
    const { latest } = entry;
    const first = entry.final ?? submission.result;
    if (!latest) return first;
    return { ok: true, value: first.ok ? laterOrderState(first.value, latest) : latest };
  }

  private evict(): void {
    if (this.entries.size <= this.capacity) return;
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.capacity) break;
      if (entry.settled) this.entries.delete(id);
    }
  }
}
