import Big from 'big.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Order, Result } from '../../src/shared';
import type { ConnectorOrder, SubmitResolution } from '../../src/main/exchanges/connector';
import { startRig, TEST_TUNING, waitFor, type CdcRig } from '../support/cryptocom-connector';
import { LONG, percentile, report } from './figures';

// Issue 20 #3, #4, #5 on Crypto.com V1 against the simulator: orders and cancels under 5xx, TCP
// resets (before the request arrives, after it ran), held replies (executed after the client gave
// up) and double submits; a burst of place+cancel pairs. The reconcile windows are scaled down (the 60 s bound with production windows is
// proven on a fake clock in src/main/exchanges/cryptocom/submit.test.ts).

let rig: CdcRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const CHAOS_TUNING = {
  ...TEST_TUNING,
  rest: { ...TEST_TUNING.rest, timeoutMs: 1_000, createTimeoutMs: 1_000 },
  submit: { reconcileWindowMs: 2_000, reconcileIntervalMs: 250, decideWithinMs: 6_000, cancelLookMs: 3_000 },
};
const CREATE = { method: 'POST', path: /^\/v1\/order$/ };
const CANCEL = { method: 'POST', path: /^\/v1\/orders\/cancel$/ };
let seq = 0;

/** A resting buy `ticks` whole units under the bid: its price names the action in the engine. */
function restingBuy(r: CdcRig, ticks: number): ConnectorOrder {
  const bid = new Big(r.sim.engine.top('BTCUSDT').bid!);
  return { symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: bid.minus(ticks).toFixed(2), quantity: '0.01', clientId: `chaos-${Date.now().toString(36)}-${seq++}` };
}

const engineOrdersAt = (r: CdcRig, price: string) => r.sim.engine.ordersOf(r.engineAccount).filter((o) => new Big(o.price ?? '0').eq(price));

type Fault = 'clean' | '502' | '503' | 'held' | 'held-long' | 'double' | 'reset-before' | 'reset-after';
const FAULTS: Fault[] = ['clean', '502', '503', 'held', 'held-long', 'double', 'reset-before', 'reset-after'];

describe('chaos: Crypto.com V1 orders and cancels under faults', () => {
  it('every order ends placed or not placed, true to the exchange, never twice; every cancel outcome is true', async () => {
    rig = await startRig({ tuning: CHAOS_TUNING });
    rig.sim.market.bootstrap();
    const r = rig;
    const resolutions = new Map<string, SubmitResolution>();
    r.connector.onSubmitResolved((x) => resolutions.set(x.clientId, x));
    const rounds = LONG ? 5 : 1;
    const actions: Array<{ fault: Fault; order: ConnectorOrder; answer: Result<Order> }> = [];
    let ticks = 40;
    for (let round = 0; round < rounds; round++) {
      for (const fault of FAULTS) {
        const order = restingBuy(r, ticks++);
        let answer: Result<Order>;
        if (fault === '502' || fault === '503') r.sim.faults.failNext({ status: Number(fault), match: CREATE });
        // A TCP reset before the exchange has the request (it never existed), or after it ran (the reply is lost).
        if (fault === 'reset-before' || fault === 'reset-after') r.sim.faults.resetNext({ match: CREATE, afterExecuting: fault === 'reset-after' });
        if (fault === 'held' || fault === 'held-long') {
          const executed = r.sim.faults.holdNext(CREATE, fault === 'held' ? 1_500 : 3_000);
          answer = await r.connector.placeOrder(order);
          await executed;
        } else if (fault === 'double') {
          const [a, b] = await Promise.all([r.connector.placeOrder(order), r.connector.placeOrder(order)]);
          answer = a.ok ? a : b;
        } else answer = await r.connector.placeOrder(order);
        actions.push({ fault, order, answer });
      }
    }
    // The outcome of each: its answer, or the connector's resolution of an ORDER_STATE_UNKNOWN.
    const finalOf = (a: (typeof actions)[number]): 'placed' | 'not-placed' | 'unresolved' => {
      if (a.answer.ok) return 'placed';
      if (a.answer.error.code !== 'ORDER_STATE_UNKNOWN') return 'not-placed';
      const res = resolutions.get(a.order.clientId);
      return res === undefined ? 'unresolved' : 'order' in res ? 'placed' : 'not-placed';
    };
    await waitFor(() => actions.every((a) => finalOf(a) !== 'unresolved'), 'every order resolved', 20_000).catch(() => undefined);
    let duplicated = 0;
    let lost = 0;
    let unresolved = 0;
    let falsePlaced = 0;
    for (const a of actions) {
      const inEngine = engineOrdersAt(r, a.order.price!).length;
      const final = finalOf(a);
      if (inEngine > 1) duplicated++;
      if (final === 'unresolved') unresolved++;
      else if (final === 'not-placed' && inEngine > 0) lost++;
      else if (final === 'placed' && inEngine === 0) falsePlaced++;
    }

    // Cancels of the placed orders, each under a fault of its own.
    const open = actions.filter((a) => engineOrdersAt(r, a.order.price!).some((o) => o.status === 'new'));
    const cancelFaults = ['clean', '500', 'held', 'reset-before', 'reset-after'] as const;
    // Every cancel fault gets an order, however many places the faults above left resting.
    while (open.length < cancelFaults.length) {
      const order = restingBuy(r, ticks++);
      const answer = await r.connector.placeOrder(order);
      if (!answer.ok) throw new Error(`a clean place failed: ${answer.error.code}`);
      open.push({ fault: 'clean', order, answer });
    }
    let falseCancel = 0;
    const cancels: string[] = [];
    for (const [i, a] of open.entries()) {
      const fault = cancelFaults[i % cancelFaults.length]!;
      const id = String(engineOrdersAt(r, a.order.price!)[0]!.id);
      if (fault === '500') r.sim.faults.failNext({ status: 500, match: CANCEL });
      if (fault === 'reset-before' || fault === 'reset-after') r.sim.faults.resetNext({ match: CANCEL, afterExecuting: fault === 'reset-after' });
      const executed = fault === 'held' ? r.sim.faults.holdNext(CANCEL, 1_800) : undefined;
      const result = await r.connector.cancelOrder('BTCUSDT', id);
      await executed;
      const status = r.sim.engine.ordersOf(r.engineAccount).find((o) => String(o.id) === id)?.status;
      const gone = status === 'canceled' || status === 'pending-cancel';
      const saidGone = result.ok && (result.value.status === 'canceled' || result.value.status === 'pending-cancel');
      if (gone !== saidGone) falseCancel++;
      cancels.push(`${fault}:${result.ok ? result.value.status : result.error.code}/${status}`);
    }
    const figures = { exchange: 'cryptocom', scenario: 'orders+cancels under faults', orders: actions.length, duplicated, lost, unresolved, falsePlaced, cancels: cancels.length, falseCancel, http429: r.proxy.seen.filter((s) => s.status === 429).length };
    report(figures);
    expect(figures).toMatchObject({ duplicated: 0, lost: 0, unresolved: 0, falsePlaced: 0, falseCancel: 0, http429: 0 });
    expect(cancels.length).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it(`a burst of ${LONG ? 1000 : 60} actions (place+cancel pairs) draws no 429; what cannot go out in time is refused RATE_LIMITED`, async () => {
    rig = await startRig({ tuning: CHAOS_TUNING });
    rig.sim.market.bootstrap();
    const r = rig;
    const pairs = LONG ? 500 : 30;
    const placeMs: number[] = [];
    const acceptedMs: number[] = [];
    const otherCodes: string[] = [];
    const outcomes = { placed: 0, rateLimited: 0, other: 0, cancelled: 0, cancelRateLimited: 0, cancelOther: 0 };
    await Promise.all(
      Array.from({ length: pairs }, async (_, i) => {
        const order = restingBuy(r, 40 + (i % 200));
        const started = performance.now();
        const placed = await r.connector.placeOrder(order);
        placeMs.push(performance.now() - started);
        if (!placed.ok) {
          if (placed.error.code === 'RATE_LIMITED') outcomes.rateLimited++;
          else {
            outcomes.other++;
            otherCodes.push(placed.error.code);
          }
          return;
        }
        acceptedMs.push(performance.now() - started);
        outcomes.placed++;
        const cancelled = await r.connector.cancelOrder('BTCUSDT', placed.value.id);
        if (cancelled.ok) outcomes.cancelled++;
        else if (cancelled.error.code === 'RATE_LIMITED') outcomes.cancelRateLimited++;
        else {
          outcomes.cancelOther++;
          otherCodes.push(`cancel ${cancelled.error.code}`);
        }
      }),
    );
    const http429 = r.proxy.seen.filter((s) => s.status === 429).length;
    const mostPer100ms = r.proxy.maxInWindow(['/v1/order', '/v1/orders/cancel'], 100);
    const figures = { exchange: 'cryptocom', scenario: 'burst', actions: pairs * 2, ...outcomes, http429, mostOrderCallsPer100ms: mostPer100ms, placeP50Ms: percentile(placeMs, 50), placeP95Ms: percentile(placeMs, 95), acceptedP50Ms: percentile(acceptedMs, 50), acceptedP95Ms: percentile(acceptedMs, 95), otherCodes: [...new Set(otherCodes)] };
    report(figures);
    expect(http429).toBe(0);
    expect(outcomes.other + outcomes.cancelOther).toBe(0);
    expect(outcomes.placed).toBeGreaterThan(0);
  }, 180_000);
});
