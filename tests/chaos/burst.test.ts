import Big from 'big.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Order, Result } from '../../src/shared';
import type { ConnectorOrder, ExchangeConnector } from '../../src/main/exchanges/connector';
import { QUEUE_RULES } from '../../src/main/exchanges/kit/limiters';
import { startRig, type CdcRig } from '../support/cryptocom-connector';
import { startHarness, type Harness } from '../integration/icrypex-harness';
import { LONG, percentile, report } from './figures';

// Issue 20 #5: a burst of place+cancel pairs fired at once on each exchange (1,000 pairs in the
// long plan, `npm run chaos`; 40 in the short one inside `npm test`). It must draw no 429, and
// every action ends one of three ways: sent and answered, queued with its expected wait told
// (then sent), or refused RATE_LIMITED at once (kit/limiters.ts QUEUE_RULES), never after
// waiting out a queue. Prints the answer times (p50/p95) of each kind.

const PAIRS = LONG ? 1_000 : 40;

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

interface Burst {
  connector: ExchangeConnector;
  order: (i: number) => ConnectorOrder;
}

/** Fires every pair at once: a place, and the cancel of what it placed. */
async function burst({ connector, order }: Burst) {
  const times = { placed: [] as number[], refused: [] as number[], queuedFor: [] as number[], cancelled: [] as number[], cancelRefused: [] as number[] };
  const counts = { placed: 0, queued: 0, refused: 0, otherPlace: 0, cancelled: 0, cancelRefused: 0, otherCancel: 0 };
  const otherCodes = new Set<string>();
  await Promise.all(
    Array.from({ length: PAIRS }, async (_, i) => {
      const started = performance.now();
      let told: number | undefined;
      const placed: Result<Order> = await connector.placeOrder(order(i), { onQueued: (waitMs) => (told = waitMs) });
      const took = performance.now() - started;
      if (told !== undefined) {
        counts.queued++;
        times.queuedFor.push(told);
      }
      if (!placed.ok) {
        if (placed.error.code === 'RATE_LIMITED') {
          counts.refused++;
          times.refused.push(took);
        } else {
          counts.otherPlace++;
          otherCodes.add(placed.error.code);
        }
        return;
      }
      counts.placed++;
      times.placed.push(took);
      const cancelStarted = performance.now();
      const cancelled = await connector.cancelOrder(placed.value.symbol, placed.value.id);
      const cancelTook = performance.now() - cancelStarted;
      if (cancelled.ok) {
        counts.cancelled++;
        times.cancelled.push(cancelTook);
      } else if (cancelled.error.code === 'RATE_LIMITED') {
        counts.cancelRefused++;
        times.cancelRefused.push(cancelTook);
      } else {
        counts.otherCancel++;
        otherCodes.add(`cancel ${cancelled.error.code}`);
      }
    }),
  );
  const p = (values: number[]) => ({ p50: percentile(values, 50), p95: percentile(values, 95) });
  return {
    counts,
    otherCodes: [...otherCodes],
    answerMs: { placed: p(times.placed), refused: p(times.refused), cancelled: p(times.cancelled), cancelRefused: p(times.cancelRefused) },
    toldWaitMs: p(times.queuedFor),
  };
}

/** What every burst must show, whatever the exchange. */
function expectSound(result: Awaited<ReturnType<typeof burst>>, http429: number, placeQueueMs: number): void {
  expect(http429).toBe(0);
  expect(result.otherCodes).toEqual([]);
  expect(result.counts.placed + result.counts.refused).toBe(PAIRS);
  expect(result.counts.placed).toBeGreaterThan(0);
  // Every told wait is within the rule; a refusal came at once, not after waiting out the queue limit.
  expect(result.toldWaitMs.p95 ?? 0).toBeLessThanOrEqual(placeQueueMs);
  if (result.counts.refused > 0) expect(result.answerMs.refused.p95!).toBeLessThan(placeQueueMs);
}

describe(`chaos: a burst of ${PAIRS} place+cancel pairs (${PAIRS * 2} actions) at once`, () => {
  it('Crypto.com V1: no 429; what cannot leave within the queue rule is refused at once', async () => {
    const rig: CdcRig = await startRig({});
    stop = () => rig.stop();
    rig.sim.market.bootstrap();
    const bid = new Big(rig.sim.engine.top('BTCUSDT').bid!);
    const result = await burst({
      connector: rig.connector,
      order: (i) => ({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: bid.minus(40 + (i % 200)).toFixed(2), quantity: '0.01', clientId: `burst-c-${i}` }),
    });
    const http429 = rig.proxy.seen.filter((s) => s.status === 429).length;
    report({ exchange: 'cryptocom', scenario: 'burst', pairs: PAIRS, http429, mostOrderCallsPer100ms: rig.proxy.maxInWindow(['/v1/order', '/v1/orders/cancel'], 100), ...result });
    expectSound(result, http429, QUEUE_RULES.cryptocom.placeMs);
    // 5 creates per 110 ms: a burst of 40 or more has to queue some.
    expect(result.counts.queued).toBeGreaterThan(0);
  }, 240_000);

  it('Icrypex: no 429; what exceeds the minute budget is refused at once', async () => {
    const harness: Harness = await startHarness({ connector: { pollMs: { healthy: 600_000, degraded: 600_000 } } });
    stop = () => harness.stop();
    const bid = Number(harness.sim.engine.book('BTCUSDT', 1).bids[0]![0]);
    const result = await burst({
      connector: harness.connector,
      order: (i) => ({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: (bid - 20 - (i % 200)).toFixed(2), quantity: '0.001', clientId: `burst-i-${Date.now().toString(36)}-${i}` }),
    });
    const http429 = harness.logs.filter((l) => l.includes('icrypex: 429')).length;
    report({ exchange: 'icrypex', scenario: 'burst', pairs: PAIRS, http429, ...result });
    expectSound(result, http429, QUEUE_RULES.icrypex.placeMs);
    // 300 places per minute (§5): a long burst is refused beyond that, at once.
    if (LONG) expect(result.counts.refused).toBeGreaterThanOrEqual(PAIRS - 300);
  }, 240_000);
});
