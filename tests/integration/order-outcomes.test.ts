import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatorLauncher } from '../../src/main/accounts/demo';
import { startSimulators, type StartedSimulators } from '../../src/main/sim';
import { DEFAULT_BALANCES } from '../../src/main/sim/shared/accounts';
import { ORDER_ANSWER_TIMEOUT_MS, type ExchangeId, type OrderOutcome } from '../../src/shared';
import { MemorySecretStore } from '../support/memory-secret-store';
import { startHarness, waitFor, type Harness } from '../support/engine-harness';

// Issue 11 #5 at engine level: the demo engine (real connectors) against the simulators with
// injected faults. orders:place answers within the engine's deadline, and how the order ended
// arrives as one orders:outcome push keyed by its client id.

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function boot(): Promise<{ h: Harness; sims: StartedSimulators; account: (e: ExchangeId) => string; simAccount: (e: ExchangeId) => string }> {
  let sims: StartedSimulators | undefined;
  const ids: Partial<Record<ExchangeId, string>> = {};
  const simulators: SimulatorLauncher = {
    exchanges: ['icrypex', 'cryptocom'],
    async start(accounts) {
      ids.icrypex = accounts.find((a) => a.exchange === 'icrypex')?.apiKey;
      ids.cryptocom = 'cdc-1';
      sims = await startSimulators({ seed: 5, accounts: accounts.map((a) => ({ ...a, balances: { ...DEFAULT_BALANCES } })) });
      return {
        endpoints: { icrypex: { rest: sims.icrypex.rest, ws: sims.icrypex.ws }, cryptocom: { rest: sims.cryptocom.rest, ws: sims.cryptocom.ws } },
        stop: () => sims!.stop(),
      };
    },
  };
  h = await startHarness({ demo: true, simulators, secretStore: new MemorySecretStore() });
  const accounts = await h.value('accounts:list', undefined);
  return {
    h,
    sims: sims!,
    account: (e) => accounts.find((a) => a.exchange === e)!.id,
    simAccount: (e) => ids[e]!,
  };
}

const outcomeOf = (harness: Harness, clientId: string) =>
  harness.events.find((e) => e.channel === 'orders:outcome' && (e.payload as OrderOutcome).clientId === clientId)?.payload as OrderOutcome | undefined;

const cid = (tag: string) => `kt-${tag}-${randomBytes(4).toString('hex')}`;

describe('order outcomes reach the window by push', () => {
  it('Icrypex, POST answered 500 without executing: unknown at once, then "not placed" by client id once the order signature expired', async () => {
    const t = await boot();
    const bid = t.sims.icrypex.sim.engine.book('BTCUSDT', 1).bids[0]![0];
    t.sims.icrypex.sim.faults.failNext({ status: 500, match: { method: 'POST', path: /^\/sapi\/v1\/orders$/ } });
    const clientId = cid('i500');
    const sentAt = Date.now();
    const answer = await t.h.call('orders:place', { accountId: t.account('icrypex'), symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: bid, quantity: '0.001', clientId });
    expect(answer).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN' } });
    const outcome = await waitFor(() => outcomeOf(t.h, clientId) !== undefined, 'the outcome push', 30_000).then(() => outcomeOf(t.h, clientId)!);
    expect(outcome).toMatchObject({ state: 'not-placed', certain: true, message: expect.stringContaining('signature has expired') });
    expect(Date.now() - sentAt).toBeLessThan(25_000);
    expect(t.sims.icrypex.sim.engine.ordersOf(t.simAccount('icrypex'), { clientId })).toHaveLength(0);
  }, 45_000);

  it('Icrypex, POST delayed 15 s: the engine answers within its deadline, and the outcome follows', async () => {
    const t = await boot();
    const bid = t.sims.icrypex.sim.engine.book('BTCUSDT', 1).bids[0]![0];
    t.sims.icrypex.sim.faults.delayResponses(15_000, { method: 'POST', path: /^\/sapi\/v1\/orders$/ });
    const clientId = cid('idelay');
    const sentAt = Date.now();
    const answer = await t.h.call('orders:place', { accountId: t.account('icrypex'), symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: bid, quantity: '0.001', clientId });
    expect(Date.now() - sentAt).toBeLessThanOrEqual(ORDER_ANSWER_TIMEOUT_MS + 500);
    expect(answer).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN' } });
    await waitFor(() => outcomeOf(t.h, clientId) !== undefined, 'the outcome push', 30_000);
    // The request reached the simulator after its 10 s signature window: refused, never placed.
    expect(outcomeOf(t.h, clientId)).toMatchObject({ state: 'not-placed', certain: true });
    expect(t.sims.icrypex.sim.engine.ordersOf(t.simAccount('icrypex'), { clientId })).toHaveLength(0);
  }, 45_000);

  it('Crypto.com V1, create answered 500: unknown within the deadline, then "not placed" as a labelled judgement (V1 has no client id)', async () => {
    const t = await boot();
    const bid = t.sims.cryptocom.sim.engine.book('BTCUSDT', 1).bids[0]![0];
    t.sims.cryptocom.sim.faults.failNext({ status: 500, match: { method: 'POST', path: /^\/v1\/order$/ } });
    const clientId = cid('c500');
    const sentAt = Date.now();
    const answer = await t.h.call('orders:place', { accountId: t.account('cryptocom'), symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: bid, quantity: '0.001', clientId });
    expect(Date.now() - sentAt).toBeLessThanOrEqual(ORDER_ANSWER_TIMEOUT_MS + 500);
    expect(answer).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN' } });
    await waitFor(() => outcomeOf(t.h, clientId) !== undefined, 'the outcome push', 30_000);
    expect(outcomeOf(t.h, clientId)).toMatchObject({ state: 'not-placed', certain: false, message: expect.stringMatching(/answered the create with an error.*judgement/) });
    expect(t.sims.cryptocom.sim.engine.ordersOf(t.simAccount('cryptocom'))).toHaveLength(0);
  }, 45_000);

  it('both exchanges: a normal order pushes "placed" with the order, and a market order "filled"', async () => {
    const t = await boot();
    const bid = t.sims.icrypex.sim.engine.book('BTCUSDT', 1).bids[0]![0];
    const resting = cid('iok');
    const placed = await t.h.value('orders:place', { accountId: t.account('icrypex'), symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: bid, quantity: '0.001', clientId: resting });
    await waitFor(() => outcomeOf(t.h, resting) !== undefined, 'the placed outcome', 5_000);
    expect(outcomeOf(t.h, resting)).toMatchObject({ state: 'placed', order: { id: placed.id } });
    const market = cid('imkt');
    await t.h.value('orders:place', { accountId: t.account('icrypex'), symbol: 'BTCUSDT', side: 'sell', type: 'market', quantity: '0.001', clientId: market });
    await waitFor(() => outcomeOf(t.h, market) !== undefined, 'the filled outcome', 5_000);
    expect(outcomeOf(t.h, market)?.state).toBe('filled');
    const cdc = cid('cok');
    const cbid = t.sims.cryptocom.sim.engine.book('BTCUSDT', 1).bids[0]![0];
    await t.h.value('orders:place', { accountId: t.account('cryptocom'), symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: cbid, quantity: '0.001', clientId: cdc });
    await waitFor(() => outcomeOf(t.h, cdc) !== undefined, 'the Crypto.com placed outcome', 5_000);
    expect(outcomeOf(t.h, cdc)?.state).toBe('placed');
  }, 45_000);
});
