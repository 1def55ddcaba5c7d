import { afterEach, describe, expect, it } from 'vitest';
import type { Order, Result } from '../../src/shared';
import type { ConnectorOrder, SubmitResolution } from '../../src/main/exchanges/connector';
import { startHarness, waitFor, type Harness } from '../integration/icrypex-harness';
import { LONG, percentile, report } from './figures';

// Issue 20 #3, #4, #5 on Icrypex against the simulator: orders and cancels under 5xx, TCP resets
// (before the request arrives, after it ran), held replies (executed after the client gave up)
// and double submits; a burst of place+cancel pairs.
// Short timeouts and a short signature window keep the run quick; the logic is production's.

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const QUIET = { pollMs: { healthy: 600_000, degraded: 600_000 } };
const CHAOS = { ...QUIET, orderTimeoutMs: 800, requestTimeoutMs: 1_000, orderNonceMs: 3_000 };
const PLACE = { method: 'POST', path: /^\/sapi\/v1\/orders$/ };
const CANCEL = { method: 'DELETE', path: /^\/sapi\/v1\/orders/ };
let seq = 0;

function restingBuy(harness: Harness, ticks: number): ConnectorOrder {
  const bid = Number(harness.sim.engine.book('BTCUSDT', 1).bids[0]![0]);
  return { symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: (bid - ticks).toFixed(2), quantity: '0.001', clientId: `chaos-${Date.now().toString(36)}-${seq++}` };
}

const inEngine = (harness: Harness, clientId: string) => harness.sim.engine.ordersOf(harness.apiKey, { clientId });
const count429 = (harness: Harness) => harness.logs.filter((l) => l.includes('icrypex: 429')).length;

type Fault = 'clean' | '502' | '503' | 'held' | 'double' | 'reset-before' | 'reset-after';
const FAULTS: Fault[] = ['clean', '502', '503', 'held', 'double', 'reset-before', 'reset-after'];

describe('chaos: Icrypex orders and cancels under faults', () => {
  it('every order ends placed or not placed, true to the exchange, never twice; every cancel outcome is true', async () => {
    h = await startHarness({ connector: CHAOS });
    const harness = h;
    const resolutions = new Map<string, SubmitResolution>();
    harness.connector.onSubmitResolved((x) => resolutions.set(x.clientId, x));
    const actions: Array<{ fault: Fault; order: ConnectorOrder; answer: Result<Order> }> = [];
    let ticks = 20;
    for (let round = 0; round < (LONG ? 5 : 1); round++) {
      for (const fault of FAULTS) {
        const order = restingBuy(harness, ticks++);
        let answer: Result<Order>;
        if (fault === '502' || fault === '503') harness.sim.faults.failNext({ status: Number(fault), match: PLACE });
        // A TCP reset before the exchange has the request (it never existed), or after it ran (the reply is lost).
        if (fault === 'reset-before' || fault === 'reset-after') harness.sim.faults.resetNext({ match: PLACE, afterExecuting: fault === 'reset-after' });
        if (fault === 'held') {
          const executed = harness.sim.faults.holdNext(PLACE, 1_300);
          answer = await harness.connector.placeOrder(order);
          await executed;
        } else if (fault === 'double') {
          const [a, b] = await Promise.all([harness.connector.placeOrder(order), harness.connector.placeOrder(order)]);
          answer = a.ok ? a : b;
        } else answer = await harness.connector.placeOrder(order);
        actions.push({ fault, order, answer });
      }
    }
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
      const n = inEngine(harness, a.order.clientId).length;
      const final = finalOf(a);
      if (n > 1) duplicated++;
      if (final === 'unresolved') unresolved++;
      else if (final === 'not-placed' && n > 0) lost++;
      else if (final === 'placed' && n === 0) falsePlaced++;
    }

    const open = actions.filter((a) => inEngine(harness, a.order.clientId).some((o) => o.status === 'new'));
    const cancelFaults = ['clean', '500', 'held', 'reset-before', 'reset-after'] as const;
    // Every cancel fault gets an order, however many places the faults above left resting.
    while (open.length < cancelFaults.length) {
      const order = restingBuy(harness, ticks++);
      const answer = await harness.connector.placeOrder(order);
      if (!answer.ok) throw new Error(`a clean place failed: ${answer.error.code}`);
      open.push({ fault: 'clean', order, answer });
    }
    let falseCancel = 0;
    const cancels: string[] = [];
    for (const [i, a] of open.entries()) {
      const fault = cancelFaults[i % cancelFaults.length]!;
      const id = String(inEngine(harness, a.order.clientId)[0]!.id);
      if (fault === '500') harness.sim.faults.failNext({ status: 500, match: CANCEL });
      if (fault === 'reset-before' || fault === 'reset-after') harness.sim.faults.resetNext({ match: CANCEL, afterExecuting: fault === 'reset-after' });
      const executed = fault === 'held' ? harness.sim.faults.holdNext(CANCEL, 1_800) : undefined;
      const result = await harness.connector.cancelOrder('BTCUSDT', id);
      await executed;
      const status = inEngine(harness, a.order.clientId)[0]!.status;
      const gone = status === 'canceled' || status === 'pending-cancel';
      const saidGone = result.ok && (result.value.status === 'canceled' || result.value.status === 'pending-cancel');
      if (gone !== saidGone) falseCancel++;
      cancels.push(`${fault}:${result.ok ? result.value.status : result.error.code}/${status}`);
    }
    const figures = { exchange: 'icrypex', scenario: 'orders+cancels under faults', orders: actions.length, duplicated, lost, unresolved, falsePlaced, cancels: cancels.length, falseCancel, http429: count429(harness), detail: cancels };
    report(figures);
    expect(figures).toMatchObject({ duplicated: 0, lost: 0, unresolved: 0, falsePlaced: 0, falseCancel: 0, http429: 0 });
    expect(cancels.length).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it(`a burst of ${LONG ? 1000 : 60} actions (place+cancel pairs) draws no 429; what exceeds the minute budget is refused RATE_LIMITED`, async () => {
    h = await startHarness({ connector: QUIET });
    const harness = h;
    const pairs = LONG ? 500 : 30;
    const placeMs: number[] = [];
    const acceptedMs: number[] = [];
    const otherCodes: string[] = [];
    const outcomes = { placed: 0, rateLimited: 0, other: 0, cancelled: 0, cancelRateLimited: 0, cancelOther: 0 };
    await Promise.all(
      Array.from({ length: pairs }, async (_, i) => {
        const order = restingBuy(harness, 20 + (i % 200));
        const started = performance.now();
        const placed = await harness.connector.placeOrder(order);
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
        const cancelled = await harness.connector.cancelOrder('BTCUSDT', placed.value.id);
        if (cancelled.ok) outcomes.cancelled++;
        else if (cancelled.error.code === 'RATE_LIMITED') outcomes.cancelRateLimited++;
        else {
          outcomes.cancelOther++;
          otherCodes.push(`cancel ${cancelled.error.code}`);
        }
      }),
    );
    const figures = { exchange: 'icrypex', scenario: 'burst', actions: pairs * 2, ...outcomes, http429: count429(harness), placeP50Ms: percentile(placeMs, 50), placeP95Ms: percentile(placeMs, 95), acceptedP50Ms: percentile(acceptedMs, 50), acceptedP95Ms: percentile(acceptedMs, 95), otherCodes: [...new Set(otherCodes)] };
    report(figures);
    expect(figures.http429).toBe(0);
    expect(outcomes.other + outcomes.cancelOther).toBe(0);
    expect(outcomes.placed).toBeGreaterThan(0);
  }, 240_000);
});
