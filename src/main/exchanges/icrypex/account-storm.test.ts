import { describe, expect, it } from 'vitest';
import { err, ok, type Market, type Order } from '../../../shared';
import { FakeClock } from '../../../../tests/support/fake-clock';
import type { SubmitResolution } from '../connector';
import { IcrypexAccount } from './account';
import type { IcrypexRest } from './rest';

const market = { symbol: 'BTCUSDT', nativeSymbol: 'BTCUSDT' } as Market;

/** An Icrypex API stand-in: every place is ambiguous (a 5xx), reads answer empty lists; calls are counted. */
function setup() {
  const clock = new FakeClock(1_700_000_000_000);
  const calls = { place: 0, open: 0, history: 0 };
  const api = {
    placeOrder: async () => {
      calls.place++;
      return { ok: false, ambiguous: true, status: 502, error: err('EXCHANGE_UNAVAILABLE', 'bad gateway').error };
    },
    openOrders: async () => {
      calls.open++;
      return ok([] as Order[]);
    },
    orderHistory: async () => {
      calls.history++;
      return ok([] as Order[]);
    },
    wallet: async () => ok([]),
    myTrades: async () => ok([]),
  } as unknown as IcrypexRest;
  const account = new IcrypexAccount({
    accountId: 'icx-1',
    api,
    clock,
    markets: async () => ok(new Map([['BTCUSDT', market]])),
    orderTimeoutMs: 1_000,
  });
  const resolutions: SubmitResolution[] = [];
  account.onSubmitResolved((r) => resolutions.push(r));
  return { clock, calls, account, resolutions };
}

describe('Icrypex reconciliation storm (issue 20 #5)', () => {
  it('40 ambiguous submits at once share their reads of open orders and history, and all end "not placed" after the signature window', async () => {
    const t = setup();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => t.account.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '0.01', clientId: `kt-storm-${i}` })),
    );
    expect(answers.every((a) => !a.ok && a.error.code === 'ORDER_STATE_UNKNOWN')).toBe(true);
    expect(t.calls.place).toBe(40);
    await t.clock.advanceAsync(30_000);
    expect(t.resolutions.map((r) => ('notPlaced' in r ? r.clientId : `found ${r.clientId}`)).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `kt-storm-${i}`).sort());
    // Each look of each submit read every page on its own before: 40 submits × 6 looks. Shared, a handful.
    expect(t.calls.open).toBeLessThanOrEqual(12);
    expect(t.calls.history).toBeLessThanOrEqual(12);
    t.account.stop();
  });
});
