import { describe, expect, it, vi } from 'vitest';
import { err, ok, type Order } from '../../../shared';
import { FakeClock } from '../../../../tests/support/fake-clock';
import type { ConnectorOrder } from '../connector';
import type { WireOrder } from './map-account';
import type { CallResult } from './rest';
import { SafeSubmitter, toWireCreate, type SubmitRest, type SubmitTuning } from './submit';

const T0 = 1_700_000_000_000;

function wire(id: string, createdAt: number, over: Partial<Order> = {}, volume = '0.5', price = '100'): WireOrder {
  const order: Order = {
    accountId: 'a', exchange: 'cryptocom', symbol: 'BTCUSDT', id, side: 'buy', type: 'limit', status: 'open',
    price, quantity: volume, filledQuantity: '0', createdAt, updatedAt: createdAt, ...over,
  };
  return { order, volume, price, fills: [] };
}

const LIMIT_BUY: ConnectorOrder = { symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '0.50', clientId: 'client-0001' };

/** A fake exchange: the create answers `reply`; open/all orders answer whatever `book` holds by then. */
function setup(reply: () => CallResult, known: string[] = [], tuning: Partial<SubmitTuning> | undefined = { reconcileWindowMs: 3000, reconcileIntervalMs: 500, decideWithinMs: 23_000, matchSlackMs: 1000 }) {
  const clock = new FakeClock(T0);
  const open: WireOrder[] = [];
  const history: WireOrder[] = [];
  const rest = {
    createOrder: vi.fn(async () => reply()),
    openOrders: vi.fn(async () => ok([...open])),
    allOrders: vi.fn(async (_n: string, q: { page?: number } = {}) => ok({ count: history.length, orders: q.page === 1 || q.page === undefined ? history.slice(0, 100) : [] })),
    showOrder: vi.fn(async () => err('NOT_FOUND', 'x')),
  } satisfies SubmitRest;
  const resolved: Order[] = [];
  const notPlaced: { clientId: string; reason: string; at: number }[] = [];
  const submitter = new SafeSubmitter({
    accountId: 'a',
    rest,
    clock,
    skewMs: () => 0,
    knownOrderIds: () => known,
    onResolved: (o) => resolved.push(o),
    onNotPlaced: (clientId, reason) => notPlaced.push({ clientId, reason, at: clock.now() }),
    ...(tuning ? { tuning } : {}),
  });
  async function settle<T>(p: Promise<T>, maxMs = 60_000): Promise<T> {
    let done = false;
    p.then(() => (done = true), () => (done = true));
    for (let t = 0; t < maxMs && !done; t += 50) await clock.advanceAsync(50);
    if (!done) throw new Error('did not settle');
    return p;
  }
  return { clock, rest, open, history, submitter, resolved, notPlaced, settle };
}

const TIMEOUT: CallResult = { ...err('TIMEOUT', 'no reply within 8000 ms'), ambiguous: true };

describe('safe submit: a create that timed out is reconciled, never resent', () => {
  it('finds the order in open orders by side, type, price, volume (0.50 = 0.5) and time, and answers it', async () => {
    const s = setup(() => TIMEOUT);
    const p = s.submitter.place(LIMIT_BUY);
    await s.clock.advanceAsync(800);
    s.open.push(wire('77', T0 + 300));
    const r = await s.settle(p);
    expect(r).toMatchObject({ ok: true, value: { id: '77', clientId: 'client-0001' } });
    expect(s.rest.createOrder).toHaveBeenCalledTimes(1);
  });

  it('answers ORDER_STATE_UNKNOWN while unresolved, keeps looking in the background, and a second place() never sends', async () => {
    const s = setup(() => TIMEOUT);
    const r = await s.settle(s.submitter.place(LIMIT_BUY));
    expect(r).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN', retryable: false } });
    expect(await s.submitter.place(LIMIT_BUY)).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN' } });
    expect(s.submitter.unresolved()).toBe(1);
    // The held create executes late and fills at once: it shows up only in all orders.
    s.history.push(wire('78', T0 + 4000, { status: 'filled', filledQuantity: '0.5' }));
    for (let i = 0; i < 100 && s.resolved.length === 0; i++) await s.clock.advanceAsync(100);
    expect(s.resolved).toEqual([expect.objectContaining({ id: '78', status: 'filled', clientId: 'client-0001' })]);
    expect(await s.submitter.place(LIMIT_BUY)).toMatchObject({ ok: true, value: { id: '78' } });
    expect(s.rest.createOrder).toHaveBeenCalledTimes(1);
    expect(s.submitter.unresolved()).toBe(0);
  });

  it('does not take an identical order the account already had, nor one created before the send', async () => {
    const s = setup(() => TIMEOUT, ['10']);
    s.open.push(wire('10', T0 + 100), wire('11', T0 - 60_000));
    const r = await s.settle(s.submitter.place(LIMIT_BUY));
    expect(r).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN' } });
    s.submitter.stop();
  });

  it('does not match on a different price, side or volume', async () => {
    const s = setup(() => TIMEOUT);
    s.open.push(wire('20', T0 + 10, {}, '0.5', '101'), wire('21', T0 + 10, { side: 'sell' }), wire('22', T0 + 10, {}, '0.6'));
    expect(await s.settle(s.submitter.place(LIMIT_BUY))).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN' } });
    s.submitter.stop();
  });

  it('two ambiguous identical submits never claim the same order', async () => {
    const s = setup(() => TIMEOUT);
    s.open.push(wire('30', T0 + 10));
    const a = await s.settle(s.submitter.place(LIMIT_BUY));
    const b = await s.settle(s.submitter.place({ ...LIMIT_BUY, clientId: 'client-0002' }));
    expect(a).toMatchObject({ ok: true, value: { id: '30' } });
    expect(b).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN' } });
    s.submitter.stop();
  });

  it('an HTTP 5xx or internal-error code is ambiguous too; a business rejection is final and not resent', async () => {
    const five = setup(() => ({ ...err('EXCHANGE_UNAVAILABLE', 'HTTP 502'), status: 502 }));
    five.open.push(wire('40', T0 + 10));
    expect(await five.settle(five.submitter.place(LIMIT_BUY))).toMatchObject({ ok: true, value: { id: '40' } });
    const code13 = setup(() => ({ ...err('EXCHANGE_UNAVAILABLE', 'internal'), exchangeCode: '13', status: 200 }));
    code13.open.push(wire('41', T0 + 10));
    expect(await code13.settle(code13.submitter.place(LIMIT_BUY))).toMatchObject({ ok: true, value: { id: '41' } });
    const rejected = setup(() => ({ ...err('EXCHANGE_REJECTED', 'insufficient balance'), exchangeCode: '4', status: 200 }));
    const r = await rejected.settle(rejected.submitter.place(LIMIT_BUY));
    expect(r).toMatchObject({ ok: false, error: { code: 'EXCHANGE_REJECTED' } });
    expect(await rejected.submitter.place(LIMIT_BUY)).toEqual(r);
    expect(rejected.rest.createOrder).toHaveBeenCalledTimes(1);
    expect(rejected.rest.openOrders).not.toHaveBeenCalled();
  });

  it('a clean acknowledgement answers a local open order with the clientId', async () => {
    const s = setup(() => ({ ok: true, value: { order_id: 67952563 }, status: 200 }));
    const r = await s.settle(s.submitter.place(LIMIT_BUY));
    expect(r).toMatchObject({ ok: true, value: { id: '67952563', status: 'open', price: '100', quantity: '0.50', clientId: 'client-0001' } });
  });
});

describe('safe submit: an unclear create always ends (issue 11 #5)', () => {
  const HTTP_500: CallResult = { ...err('EXCHANGE_UNAVAILABLE', 'HTTP 500'), status: 500 };

  it('after an HTTP 500 and no matching order past the reconcile window, judges it not placed (as a judgement) and answers that to a resubmit', async () => {
    const s = setup(() => HTTP_500);
    expect(await s.settle(s.submitter.place(LIMIT_BUY))).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN' } });
    for (let i = 0; i < 100 && s.notPlaced.length === 0; i++) await s.clock.advanceAsync(100);
    expect(s.notPlaced).toEqual([{ clientId: 'client-0001', reason: expect.stringMatching(/answered the create with an error.*no matching order/), at: expect.any(Number) }]);
    // One more look after the window (1 s apart here), not the whole background window.
    expect(s.notPlaced[0]!.at - T0).toBeLessThan(5_000);
    expect(await s.submitter.place(LIMIT_BUY)).toMatchObject({ ok: false, error: { code: 'EXCHANGE_REJECTED', message: expect.stringContaining('not placed') } });
    expect(s.rest.createOrder).toHaveBeenCalledTimes(1);
    expect(s.submitter.unresolved()).toBe(0);
  });

  it('after a timeout it keeps looking for the whole background window before judging, and finds a late order instead if one appears', async () => {
    const s = setup(() => TIMEOUT);
    await s.settle(s.submitter.place(LIMIT_BUY));
    await s.clock.advanceAsync(15_000);
    expect(s.notPlaced).toEqual([]);
    for (let i = 0; i < 200 && s.notPlaced.length === 0; i++) await s.clock.advanceAsync(100);
    expect(s.notPlaced).toEqual([expect.objectContaining({ clientId: 'client-0001', reason: expect.stringMatching(/never answered/) })]);
    expect(s.notPlaced[0]!.at - T0).toBeGreaterThanOrEqual(20_000);

    const late = setup(() => TIMEOUT);
    await late.settle(late.submitter.place(LIMIT_BUY));
    late.history.push(wire('90', T0 + 9_000));
    for (let i = 0; i < 300 && late.resolved.length === 0; i++) await late.clock.advanceAsync(100);
    expect([late.resolved.map((o) => o.id), late.notPlaced]).toEqual([['90'], []]);
  });

  it('a success without a readable order id ends within 60 s (issue 20 #3): matched when the order shows, else judged not placed', async () => {
    const noId = (): CallResult => ({ ok: true, value: {}, status: 200 });
    const s = setup(noId, [], undefined);
    expect(await s.settle(s.submitter.place(LIMIT_BUY))).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN' } });
    for (let i = 0; i < 700 && s.notPlaced.length === 0; i++) await s.clock.advanceAsync(100);
    expect(s.notPlaced).toEqual([expect.objectContaining({ clientId: 'client-0001', reason: expect.stringMatching(/without a readable order id/) })]);
    expect(s.notPlaced[0]!.at - T0).toBeLessThanOrEqual(60_000);
    expect(s.submitter.unresolved()).toBe(0);
    expect(s.rest.createOrder).toHaveBeenCalledTimes(1);

    const found = setup(noId, [], undefined);
    await found.settle(found.submitter.place(LIMIT_BUY));
    found.history.push(wire('92', T0 + 100, { status: 'filled', filledQuantity: '0.5' }));
    for (let i = 0; i < 700 && found.resolved.length === 0; i++) await found.clock.advanceAsync(100);
    expect([found.resolved.map((o) => o.id), found.notPlaced]).toEqual([['92'], []]);
    expect(found.submitter.unresolved()).toBe(0);
  });
});

describe('toWireCreate (§5.8)', () => {
  it('market BUY is sized by the total; by quantity it is refused naming the field', () => {
    expect(toWireCreate({ symbol: 'BTCUSDT', side: 'buy', type: 'market', total: '25', clientId: 'c' })).toEqual({ ok: true, value: { native: 'btcusdt', side: 'BUY', type: 2, volume: '25' } });
    expect(toWireCreate({ symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: '1', clientId: 'c' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'total' } });
    expect(toWireCreate({ symbol: 'BTCUSDT', side: 'sell', type: 'market', quantity: '1', clientId: 'c' })).toEqual({ ok: true, value: { native: 'btcusdt', side: 'SELL', type: 2, volume: '1' } });
    expect(toWireCreate({ symbol: 'BTCUSDT', side: 'sell', type: 'stop-limit', quantity: '1', price: '1', triggerPrice: '1', clientId: 'c' })).toMatchObject({ ok: false, error: { field: 'type' } });
  });
});

describe('safe submit: every V1 create ends within 60 s (issue 20 #3)', () => {
  it('with the default tuning, a create nobody answered is judged not placed within 60 s of sending', async () => {
    const s = setup(() => TIMEOUT, [], undefined);
    expect(await s.settle(s.submitter.place(LIMIT_BUY))).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN' } });
    for (let i = 0; i < 700 && s.notPlaced.length === 0; i++) await s.clock.advanceAsync(100);
    expect(s.notPlaced).toHaveLength(1);
    expect(s.notPlaced[0]!.at - T0).toBeLessThanOrEqual(60_000);
    expect(s.notPlaced[0]!.reason).toMatch(/side, type, price, size and creation time/);
    expect(s.rest.createOrder).toHaveBeenCalledTimes(1);
  });

  it('an order matched while placeOrder waits is reported through onResolved too (the outcome says it was matched)', async () => {
    const s = setup(() => TIMEOUT);
    const p = s.submitter.place(LIMIT_BUY);
    await s.clock.advanceAsync(600);
    s.open.push(wire('91', T0 + 200));
    expect(await s.settle(p)).toMatchObject({ ok: true, value: { id: '91' } });
    expect(s.resolved).toEqual([expect.objectContaining({ id: '91', clientId: 'client-0001' })]);
  });

  it('20 unresolved creates on one market share their reads: a look costs one read of the market, not one per create', async () => {
    const s = setup(() => TIMEOUT);
    const all = Array.from({ length: 20 }, (_, i) => s.submitter.place({ ...LIMIT_BUY, price: String(100 + i), clientId: `client-${i}` }));
    const answers = await s.settle(Promise.all(all));
    expect(answers.every((a) => !a.ok && a.error.code === 'ORDER_STATE_UNKNOWN')).toBe(true);
    for (let i = 0; i < 400 && s.notPlaced.length < 20; i++) await s.clock.advanceAsync(100);
    expect(s.notPlaced).toHaveLength(20);
    // 20 creates x (3 s of looks every 0.5 s + 23 s of background looks every 1 s) was ~600 reads of open orders.
    expect(s.rest.openOrders.mock.calls.length).toBeLessThanOrEqual(40);
  });
});
