import { ORDER_REQUEST_TIMEOUT_MS, type AppError, type Order, type OrderOutcome, type OrderPreview, type PlaceOrderRequest } from '../../../shared';
import { confirmReasons, type ClientSafety } from '../lib/safety';
import { newClientId, requestKey } from '../lib/ticket';

export type OrderRequestDraft = Omit<PlaceOrderRequest, 'clientId'>;

export type SubmitOutcome =
  | { kind: 'ignored'; message: string }
  | { kind: 'invalid'; violations: OrderPreview['violations']; preview: OrderPreview }
  | { kind: 'confirm'; reasons: string[]; preview?: OrderPreview }
  | { kind: 'read-only'; request: OrderRequestDraft; preview: OrderPreview }
  | { kind: 'already-sent'; order: Order }
  | { kind: 'already-ended'; outcome: OrderOutcome }
  | { kind: 'placed'; order: Order; clientId: string }
  | { kind: 'failed'; error: AppError; retrySafe: boolean; stage: 'check' | 'place'; clientId?: string };

/** Errors after which the order may or may not exist: retry only with the same client id. */
const AMBIGUOUS = new Set<AppError['code']>(['ORDER_STATE_UNKNOWN', 'TIMEOUT', 'NETWORK', 'EXCHANGE_UNAVAILABLE', 'INTERNAL']);
/** The engine's own checks refused the order before sending it (pair rules, guards). */
const REFUSED = new Set<AppError['code']>(['VALIDATION', 'RISK_BLOCKED']);

export interface SubmitContext {
  /** Bumped on every edit of the ticket; the same request and edition is the same submission. */
  edition: number;
  safety: ClientSafety;
  /** The engine's read-only switch: show what would be sent, send nothing. */
  readOnly: boolean;
  /** Mid of the book, for the price band. */
  mid?: string;
  /** The preview already fetched for exactly this request, if it is back. */
  preview?: { key: string; value: OrderPreview };
}

export interface SubmitterApi {
  preview(request: OrderRequestDraft): Promise<{ ok: true; value: OrderPreview } | { ok: false; error: AppError }>;
  place(request: PlaceOrderRequest): Promise<{ ok: true; value: Order } | { ok: false; error: AppError }>;
  /** Timers for the request timeout (default setTimeout). */
  setTimer?: (fn: () => void, ms: number) => () => void;
}

/**
 * place(), but never waiting longer than the engine promises to answer (plus the IPC hop): an
 * engine that does not answer in time leaves the order as unknown as any exchange timeout.
 */
async function placeWithin(api: SubmitterApi, request: PlaceOrderRequest): Promise<{ ok: true; value: Order } | { ok: false; error: AppError }> {
  const setTimer = api.setTimer ?? ((fn, ms) => {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  });
  let cancel = () => {};
  const late = new Promise<{ ok: false; error: AppError }>((resolve) => {
    cancel = setTimer(() => resolve({
      ok: false,
      error: {
        code: 'ORDER_STATE_UNKNOWN',
        message: `the engine did not answer within ${ORDER_REQUEST_TIMEOUT_MS / 1000} s; the order may exist, and its outcome will show here when the engine reports it`,
        retryable: false,
      },
    }), ORDER_REQUEST_TIMEOUT_MS);
  });
  try {
    return await Promise.race([api.place(request), late]);
  } finally {
    cancel();
  }
}

/**
 * Turns a ticket (or palette) submission into at most one order. One client id per
 * submission: a second Enter while the first is in flight is ignored, a second Enter after it
 * was placed is answered with the placed order, and a retry after an ambiguous failure reuses
 * the id so the engine cannot place it twice (ux.md "Safety on the client").
 */
export class OrderSubmitter {
  private inFlight = false;
  private current: { identity: string; clientId: string; confirming: boolean; placed?: Order; ended?: OrderOutcome } | undefined;

  constructor(private readonly api: SubmitterApi) {}

  get busy(): boolean {
    return this.inFlight;
  }

  /** The client id of the submission being sent now, if any (a queued push names it). */
  get sendingClientId(): string | undefined {
    return this.inFlight ? this.current?.clientId : undefined;
  }

  /**
   * The engine's pushed outcome of a submission: Enter on the same unedited ticket then answers
   * how it ended instead of sending again (only an edit makes a new order).
   */
  resolve(outcome: OrderOutcome): void {
    if (this.current?.clientId !== outcome.clientId) return;
    if (outcome.order && outcome.state !== 'rejected') this.current.placed = outcome.order;
    else this.current.ended = outcome;
  }

  async submit(request: OrderRequestDraft, context: SubmitContext): Promise<SubmitOutcome> {
    if (this.inFlight) return { kind: 'ignored', message: 'already sending this order' };
    const key = requestKey(request);
    const identity = `${key}#${context.edition}`;
    if (this.current?.identity !== identity) this.current = { identity, clientId: newClientId(), confirming: false };
    const current = this.current;
    if (current.placed) return { kind: 'already-sent', order: current.placed };
    if (current.ended) return { kind: 'already-ended', outcome: current.ended };

    this.inFlight = true;
    try {
      let preview = context.preview?.key === key ? context.preview.value : undefined;
      // Enter does not wait for a preview that is not back yet (issue 19): the engine checks
      // every order again when placing it, with the same rules and guards, and refuses (never
      // rounds) a number the pair cannot take. Only read-only (which shows the order instead of
      // sending it) and a confirmation by order value need the engine's figures first.
      if (!preview && (context.readOnly || context.safety.confirmAboveNotional !== undefined)) {
        const checked = await this.api.preview(request);
        if (!checked.ok) return { kind: 'failed', error: checked.error, retrySafe: true, stage: 'check' };
        preview = checked.value;
      }
      if (preview && preview.violations.length > 0) return { kind: 'invalid', violations: preview.violations, preview };
      if (context.readOnly && preview) return { kind: 'read-only', request, preview };
      const confirm = confirmReasons(
        { type: request.type, price: preview?.price ?? request.price, notional: preview?.notional, mid: context.mid },
        context.safety,
      );
      if (confirm.length > 0 && !current.confirming) {
        current.confirming = true;
        return { kind: 'confirm', reasons: confirm, preview };
      }
      const placed = await placeWithin(this.api, { ...request, clientId: current.clientId });
      if (placed.ok) {
        current.placed = placed.value;
        return { kind: 'placed', order: placed.value, clientId: current.clientId };
      }
      const retrySafe = AMBIGUOUS.has(placed.error.code);
      // A definite rejection gets a fresh id next time; an ambiguous one keeps it (idempotent retry).
      if (!retrySafe) this.current = undefined;
      else current.confirming = false;
      if (!preview && REFUSED.has(placed.error.code)) {
        // Refused by the engine's checks before it was sent: show every problem beside its
        // field, as a preview that had come back in time would have.
        const checked = await this.api.preview(request);
        if (checked.ok && checked.value.violations.length > 0) return { kind: 'invalid', violations: checked.value.violations, preview: checked.value };
      }
      return { kind: 'failed', error: placed.error, retrySafe, stage: 'place', clientId: current.clientId };
    } finally {
      this.inFlight = false;
    }
  }
}
