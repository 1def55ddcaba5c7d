import Big from 'big.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulators, type StartedSimulators } from '../../src/main/sim';
import { DEFAULT_BALANCES, generateAccount } from '../../src/main/sim/shared/accounts';
import type { Account, ExchangeId } from '../../src/shared';
import { startHarness, type Harness } from '../support/engine-harness';
import { MemorySecretStore } from '../support/memory-secret-store';

// Issue 13: two real connectors of the same exchange at once (two Crypto.com accounts, two
// Icrypex accounts) against the simulators: cancel-all over a group with counts per account,
// and history over all accounts and symbols that never fails whole.

let h: Harness | undefined;
let sims: StartedSimulators | undefined;
afterEach(async () => {
  await h?.close();
  await sims?.stop();
  h = undefined;
  sims = undefined;
});

async function setup() {
  const configs = [generateAccount('icrypex'), generateAccount('icrypex'), generateAccount('cryptocom', { ...DEFAULT_BALANCES, CRO: '1000' }), generateAccount('cryptocom')];
  sims = await startSimulators({ seed: 3, accounts: configs });
  h = await startHarness({ secretStore: new MemorySecretStore() });
  const accounts: Account[] = [];
  for (const [i, config] of configs.entries()) {
    const endpoints = config.exchange === 'icrypex' ? { rest: sims.icrypex.rest, ws: sims.icrypex.ws } : { rest: sims.cryptocom.rest, ws: sims.cryptocom.ws };
    accounts.push(await h.value('accounts:add', { exchange: config.exchange, label: `${config.exchange} ${i}`, apiKey: config.apiKey, apiSecret: config.apiSecret, endpoints }));
  }
  const [icx1, icx2, cdc1, cdc2] = accounts as [Account, Account, Account, Account];
  return { h, icx1, icx2, cdc1, cdc2 };
}

/** A limit buy 5 % under the best bid: it rests. */
async function restingBuy(harness: Harness, account: Account, clientId: string): Promise<void> {
  const tickers = await harness.value('market:tickers', { accountId: account.id });
  const ticker = tickers.find((t) => t.symbol === 'BTCUSDT')!;
  const reference = ticker.bid !== undefined && new Big(ticker.bid).gt(0) ? ticker.bid : ticker.last;
  const price = new Big(reference).times('0.95').round(2, Big.roundDown).toString();
  await harness.value('orders:place', { accountId: account.id, symbol: 'BTCUSDT', side: 'buy', type: 'limit', price, quantity: '0.001', clientId });
}

const openOf = async (harness: Harness, exchange: ExchangeId) => (await harness.value('orders:open', {})).rows.filter((o) => o.exchange === exchange);

describe('two accounts of the same exchange at once', () => {
  it('cancels over a group of two Crypto.com accounts with a count for each, leaving the Icrypex ones', async () => {
    const { h, icx1, icx2, cdc1, cdc2 } = await setup();
    await restingBuy(h, cdc1, 'c-cdc1-a-order');
    await restingBuy(h, cdc1, 'c-cdc1-b-order');
    await restingBuy(h, cdc2, 'c-cdc2-a-order');
    await restingBuy(h, icx1, 'c-icx1-a-order');
    await restingBuy(h, icx2, 'c-icx2-a-order');
    expect((await openOf(h, 'cryptocom')).length).toBe(3);
    const result = await h.value('orders:cancel-all', { accountIds: [cdc1.id, cdc2.id], symbol: 'BTCUSDT' });
    expect(result).toEqual({ canceled: 3, legs: [{ accountId: cdc1.id, canceled: 2 }, { accountId: cdc2.id, canceled: 1 }] });
    expect(await openOf(h, 'cryptocom')).toEqual([]);
    expect((await openOf(h, 'icrypex')).map((o) => o.accountId).sort()).toEqual([icx1.id, icx2.id].sort());
    const everywhere = await h.value('orders:cancel-all', {});
    expect(everywhere.legs.map((l) => l.canceled)).toEqual([1, 1, 0, 0]);
  }, 60_000);

  it('reads history over all accounts and symbols: rows of all four, each Crypto.com account read per market and marked as maybe partial', async () => {
    const { h, icx1, icx2, cdc1, cdc2 } = await setup();
    for (const [account, id] of [[icx1, 'h-icx1-order'], [icx2, 'h-icx2-order'], [cdc1, 'h-cdc1-order'], [cdc2, 'h-cdc2-order']] as const) await restingBuy(h, account, id);
    await h.value('orders:cancel-all', {});
    const history = await h.value('orders:history', {});
    expect(new Set(history.rows.map((o) => o.accountId))).toEqual(new Set([icx1.id, icx2.id, cdc1.id, cdc2.id]));
    expect(history.gaps.filter((g) => g.kind === 'failed')).toEqual([]);
    const partial = history.gaps.filter((g) => g.kind === 'partial');
    expect(partial.map((g) => g.accountId).sort()).toEqual([cdc1.id, cdc2.id].sort());
    // cdc1 holds CRO and BTC, so CROBTC is among its markets; cdc2 holds no CRO.
    expect(partial.find((g) => g.accountId === cdc1.id)?.message).toMatch(/CROBTC/);
    expect(partial.find((g) => g.accountId === cdc2.id)?.message).not.toMatch(/CROBTC/);
    const fills = await h.value('orders:fills', {});
    expect(fills.gaps.filter((g) => g.kind === 'failed')).toEqual([]);
  }, 60_000);
});
