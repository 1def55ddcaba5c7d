import { describe, expect, it } from 'vitest';
import { ORDER_ANSWER_TIMEOUT_MS, ORDER_REQUEST_TIMEOUT_MS, type AppError, type Order, type OrderPreview, type PlaceOrderRequest } from '../../../shared';
import { DEFAULT_CLIENT_SAFETY } from '../lib/safety';
import { requestKey } from '../lib/ticket';
import { OrderSubmitter, type OrderRequestDraft, type SubmitterApi } from './submit';

const request: OrderRequestDraft = { accountId: 'a1', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '48000', quantity: '0.5' };
const okPreview: OrderPreview = { price: '48000', quantity: '0.5', notional: '24000', estimatedFee: '24', feeAsset: 'USDT', violations: [] };

function fakeApi(options: { preview?: OrderPreview; failPlace?: AppError[] } = {}) {
  const placed: PlaceOrderRequest[] = [];
  const previewed: OrderRequestDraft[] = [];
  const failures = [...(options.failPlace ?? [])];
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;
  return {
    placed,
    previewed,
    /** Holds every place() until release(), to press Enter again while one is in flight. */
    hold() {
      gate = new Promise<void>((done) => (open = done));
    },
    release() {
      open?.();
    },
    async preview(req: OrderRequestDraft) {
      previewed.push(req);
      return { ok: true as const, value: options.preview ?? okPreview };
    },
    async place(req: PlaceOrderRequest) {
      placed.push(req);
      if (gate) await gate;
      const failure = failures.shift();
      if (failure) return { ok: false as const, error: failure };
      const order: Order = { accountId: req.accountId, exchange: 'icrypex', symbol: req.symbol, id: `o${placed.length}`, clientId: req.clientId, side: req.side, type: req.type, status: 'open', price: req.price, quantity: req.quantity ?? '0', filledQuantity: '0', createdAt: 1, updatedAt: 1 };
      return { ok: true as const, value: order };
    },
  } satisfies SubmitterApi & Record<string, unknown>;
}

const context = { edition: 1, safety: DEFAULT_CLIENT_SAFETY, readOnly: false, mid: '48010' };

describe('OrderSubmitter', () => {
  it('places a valid order once with a client id', async () => {
    const api = fakeApi();
    const outcome = await new OrderSubmitter(api).submit(request, context);
    expect(outcome.kind).toBe('placed');
    expect(api.placed).toHaveLength(1);
    expect(api.placed[0]!.clientId).toMatch(/^[A-Za-z0-9_-]{8,40}$/);
  });

  it('ignores a second Enter while the first is in flight, and answers a third with the placed order', async () => {
    const api = fakeApi();
    api.hold();
    const submitter = new OrderSubmitter(api);
    const first = submitter.submit(request, context);
    await expect.poll(() => api.placed.length).toBe(1);
    expect(await submitter.submit(request, context)).toEqual({ kind: 'ignored', message: 'already sending this order' });
    api.release();
    expect((await first).kind).toBe('placed');
    expect(await submitter.submit(request, context)).toMatchObject({ kind: 'already-sent', order: { id: 'o1' } });
    expect(api.placed).toHaveLength(1);
  });

  it('names the client id being sent while it is in flight, and none after (a queued push is matched to it)', async () => {
    const api = fakeApi();
    const submitter = new OrderSubmitter(api);
    expect(submitter.sendingClientId).toBeUndefined();
    api.hold();
    const first = submitter.submit(request, context);
    await new Promise((r) => setTimeout(r, 0));
    expect(submitter.sendingClientId).toBe(api.placed[0]!.clientId);
    api.release();
    await first;
    expect(submitter.sendingClientId).toBeUndefined();
  });

  it('sends a new order (new client id) once the ticket was edited', async () => {
    const api = fakeApi();
    const submitter = new OrderSubmitter(api);
    await submitter.submit(request, context);
    await submitter.submit(request, { ...context, edition: 2 });
    expect(api.placed).toHaveLength(2);
    expect(api.placed[0]!.clientId).not.toBe(api.placed[1]!.clientId);
  });

  const tooManyDecimals = { field: 'quantity', message: 'quantity has too many decimals: BTCUSDT allows 5' };

  it('sends nothing when the preview of exactly this request reports a rule violation', async () => {
    const api = fakeApi();
    const bad = { ...okPreview, violations: [tooManyDecimals] };
    const outcome = await new OrderSubmitter(api).submit(request, { ...context, preview: { key: requestKey(request), value: bad } });
    expect(outcome).toMatchObject({ kind: 'invalid', violations: [{ field: 'quantity' }] });
    expect(api.placed).toEqual([]);
  });

  // Issue 19: Enter right after typing must not wait an IPC round trip for the preview; the
  // engine checks the order itself when placing it.
  it('sends at once when the preview is not back yet, or is for other fields, without asking for one', async () => {
    const api = fakeApi();
    const submitter = new OrderSubmitter(api);
    expect((await submitter.submit(request, context)).kind).toBe('placed');
    const other = { ...request, quantity: '0.4' };
    const stale = { key: requestKey(request), value: { ...okPreview, violations: [tooManyDecimals] } };
    expect((await submitter.submit(other, { ...context, edition: 2, preview: stale })).kind).toBe('placed');
    expect(api.placed.map((p) => p.quantity)).toEqual(['0.5', '0.4']);
    expect(api.previewed).toEqual([]);
  });

  it('when the engine refuses an order sent before its preview, shows every violation as a preview would, and a fix sends with a new id', async () => {
    const refused: AppError = { code: 'VALIDATION', message: tooManyDecimals.message, field: 'quantity', retryable: false };
    const violations = [{ field: 'price', message: 'price has too many decimals: BTCUSDT allows 2' }, tooManyDecimals];
    const api = fakeApi({ failPlace: [refused], preview: { ...okPreview, violations } });
    const submitter = new OrderSubmitter(api);
    const typed = { ...request, price: '48000.001', quantity: '0.500001' };
    expect(await submitter.submit(typed, context)).toMatchObject({ kind: 'invalid', violations, preview: { violations } });
    expect(api.previewed).toEqual([typed]);
    expect((await submitter.submit(request, { ...context, edition: 2, preview: { key: requestKey(request), value: okPreview } })).kind).toBe('placed');
    expect(api.placed).toHaveLength(2);
    expect(api.placed[1]!.clientId).not.toBe(api.placed[0]!.clientId);
  });

  it('a refusal the preview cannot explain (engine switched to read-only) is said in the engine\'s words', async () => {
    const blocked: AppError = { code: 'RISK_BLOCKED', message: 'Read-only mode is on, so nothing was sent.', retryable: false };
    const api = fakeApi({ failPlace: [blocked] });
    expect(await new OrderSubmitter(api).submit(request, context)).toMatchObject({ kind: 'failed', stage: 'place', retrySafe: false, error: { code: 'RISK_BLOCKED' } });
  });

  it('sends nothing in read-only mode, and says what would have been sent', async () => {
    const api = fakeApi();
    const dry = await new OrderSubmitter(api).submit(request, { ...context, readOnly: true });
    expect(dry).toMatchObject({ kind: 'read-only', request, preview: { notional: '24000' } });
    expect(api.placed).toEqual([]);
  });

  it('asks for a second Enter beyond the price band from the typed price, without waiting for a preview', async () => {
    const api = fakeApi();
    const submitter = new OrderSubmitter(api);
    const safety = { ...DEFAULT_CLIENT_SAFETY, confirmBandPercent: 1 };
    const far = { ...request, price: '47000' };
    expect(await submitter.submit(far, { ...context, safety })).toMatchObject({ kind: 'confirm', reasons: [expect.stringMatching(/^price 47000 is 2\.1 % from the mid 48010/)] });
    expect(await submitter.submit(request, { ...context, edition: 2, safety })).toMatchObject({ kind: 'placed' });
    expect(api.placed.map((p) => p.price)).toEqual(['48000']);
    expect(api.previewed).toEqual([]);
  });

  it('asks for a second Enter above the confirmation size, then sends once', async () => {
    const api = fakeApi();
    const submitter = new OrderSubmitter(api);
    const safety = { ...DEFAULT_CLIENT_SAFETY, confirmAboveNotional: '10000' };
    // The order value is the engine's (a market order is valued at its mid): asked for first.
    expect(await submitter.submit(request, { ...context, safety })).toMatchObject({ kind: 'confirm', reasons: ['order value 24000 is above 10000'] });
    expect(api.previewed).toEqual([request]);
    expect(api.placed).toEqual([]);
    expect((await submitter.submit(request, { ...context, safety })).kind).toBe('placed');
    expect((await submitter.submit(request, { ...context, safety })).kind).toBe('already-sent');
    expect(api.placed).toHaveLength(1);
  });

  it('retries an ambiguous failure with the same client id, and a rejection with a new one', async () => {
    const timeout: AppError = { code: 'ORDER_STATE_UNKNOWN', message: 'no answer', retryable: true };
    const rejected: AppError = { code: 'EXCHANGE_REJECTED', message: 'insufficient balance', retryable: false };
    const api = fakeApi({ failPlace: [timeout, rejected] });
    const submitter = new OrderSubmitter(api);
    expect(await submitter.submit(request, context)).toMatchObject({ kind: 'failed', retrySafe: true });
    expect(await submitter.submit(request, context)).toMatchObject({ kind: 'failed', retrySafe: false });
    expect((await submitter.submit(request, context)).kind).toBe('placed');
    expect(api.placed[0]!.clientId).toBe(api.placed[1]!.clientId);
    expect(api.placed[2]!.clientId).not.toBe(api.placed[1]!.clientId);
  });

  it('stops waiting for the engine at its own answer deadline plus the IPC hop, and says the order may exist (same id on retry)', async () => {
    const api = fakeApi();
    api.hold();
    const timers: Array<{ fn: () => void; ms: number }> = [];
    const submitter = new OrderSubmitter({ ...api, setTimer: (fn, ms) => (timers.push({ fn, ms }), () => {}) });
    const pending = submitter.submit(request, context);
    await expect.poll(() => timers.length).toBe(1);
    // Derived from the engine's bound, never a separate guess (issue 11 #5).
    expect(timers[0]!.ms).toBe(ORDER_REQUEST_TIMEOUT_MS);
    expect(ORDER_REQUEST_TIMEOUT_MS).toBeGreaterThan(ORDER_ANSWER_TIMEOUT_MS);
    timers[0]!.fn();
    expect(await pending).toMatchObject({ kind: 'failed', retrySafe: true, stage: 'place', clientId: api.placed[0]!.clientId, error: { code: 'ORDER_STATE_UNKNOWN' } });
  });

  it('after the pushed outcome, Enter on the unedited ticket answers how it ended instead of sending again', async () => {
    const unknown: AppError = { code: 'ORDER_STATE_UNKNOWN', message: 'not confirmed', retryable: false };
    const api = fakeApi({ failPlace: [unknown] });
    const submitter = new OrderSubmitter(api);
    const first = await submitter.submit(request, context);
    const clientId = first.kind === 'failed' ? first.clientId! : '';
    submitter.resolve({ accountId: 'a1', clientId: 'someone-else', state: 'placed', message: '', certain: true });
    submitter.resolve({ accountId: 'a1', clientId, state: 'not-placed', message: 'not placed: expired', certain: true });
    expect(await submitter.submit(request, context)).toMatchObject({ kind: 'already-ended', outcome: { state: 'not-placed' } });
    expect(api.placed).toHaveLength(1);
    expect((await submitter.submit(request, { ...context, edition: 2 })).kind).toBe('placed');
  });
});
