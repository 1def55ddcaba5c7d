import { afterEach, describe, expect, it } from 'vitest';
import { startSimulators, type StartedSimulators } from '../../src/main/sim';
import { generateAccount } from '../../src/main/sim/shared/accounts';
import type { Account, BookSnapshot } from '../../src/shared';
import { startHarness, waitFor, type Harness } from '../support/engine-harness';
import { MemorySecretStore } from '../support/memory-secret-store';
import { defaultSimulators } from '../../src/main/engine/simulators';

// Issue 13 #6: market data is keyed by exchange, not by account. Two real connectors of the
// same exchange (two Icrypex, two Crypto.com accounts) against the simulators share one market
// stream per exchange; an exchange is watched with no account at all; the accounts' own
// connectors keep trading.

let h: Harness | undefined;
let sims: StartedSimulators | undefined;
afterEach(async () => {
  await h?.close();
  await sims?.stop();
  h = undefined;
  sims = undefined;
});

async function setup() {
  const configs = [generateAccount('icrypex'), generateAccount('icrypex'), generateAccount('cryptocom'), generateAccount('cryptocom')];
  sims = await startSimulators({ seed: 5, accounts: configs });
  h = await startHarness({ secretStore: new MemorySecretStore() });
  const accounts: Account[] = [];
  for (const [i, config] of configs.entries()) {
    const endpoints = config.exchange === 'icrypex' ? { rest: sims.icrypex.rest, ws: sims.icrypex.ws } : { rest: sims.cryptocom.rest, ws: sims.cryptocom.ws };
    accounts.push(await h.value('accounts:add', { exchange: config.exchange, label: `${config.exchange} ${i}`, apiKey: config.apiKey, apiSecret: config.apiSecret, endpoints }));
  }
  const [icx1, icx2, cdc1, cdc2] = accounts as [Account, Account, Account, Account];
  return { h, icx1, icx2, cdc1, cdc2 };
}

const booksOf = (harness: Harness, subscriptionId: string): BookSnapshot[] =>
  harness.events.filter((e) => e.channel === 'market:book' && (e.payload as { subscriptionId: string }).subscriptionId === subscriptionId).map((e) => (e.payload as { book: BookSnapshot }).book);

describe('market data keyed by exchange', () => {
  it('two accounts of one exchange share one book stream per exchange, and each pane gets the same book', async () => {
    const { h, icx1, icx2, cdc1, cdc2 } = await setup();
    const ids: string[] = [];
    for (const account of [icx1, icx2, cdc1, cdc2]) ids.push((await h.value('market:subscribe', { stream: 'book', accountId: account.id, symbol: 'BTCUSDT', depth: 20 })).subscriptionId);
    // Four subscriptions, two exchange streams: one per exchange, whichever account asked.
    expect(h.engine.market.hub.counts()).toEqual({ streams: 2, subscriptions: 4 });
    expect(h.engine.sources.connectors().map((c) => c.exchange).sort()).toEqual(['cryptocom', 'icrypex']);
    for (const id of ids) await waitFor(() => booksOf(h, id).some((b) => b.bids.length > 0 && !b.stale), `a book for ${id}`, 15_000);
    // The two Icrypex panes saw the very same book objects' prices (one stream, two cuts of it).
    const [a, b] = [booksOf(h, ids[0]!), booksOf(h, ids[1]!)];
    expect(a.at(-1)!.bids[0]).toEqual(b.at(-1)!.bids[0]);
    // A watch with no account joins the same stream: the exchange's endpoints are the accounts' here.
    expect(h.engine.sources.resolve({ exchange: 'icrypex' }).ok).toBe(true);
  }, 60_000);

  it('a first start with the keychain unavailable: no account, yet the demo exchange is watched through public streams', async () => {
    const secretStore = new MemorySecretStore();
    secretStore.unavailable = true;
    h = await startHarness({ secretStore, demo: true, simulators: defaultSimulators });
    expect(await h.value('accounts:list', undefined)).toEqual([]);
    const markets = await h.value('market:list', { exchange: 'icrypex' });
    expect(markets.some((m) => m.symbol === 'BTCUSDT')).toBe(true);
    const { subscriptionId } = await h.value('market:subscribe', { stream: 'book', exchange: 'icrypex', symbol: 'btcusdt', depth: 10 });
    await waitFor(() => booksOf(h!, subscriptionId).some((b) => b.bids.length > 0), 'a public book with no account', 15_000);
    const candles = await h.value('market:candles', { exchange: 'icrypex', symbol: 'BTCUSDT', resolution: '1m' });
    expect(candles.length).toBeGreaterThan(0);
    const refused = await h.call('market:subscribe', { stream: 'book', symbol: 'BTCUSDT' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'accountId' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/choose an account or an exchange/);
  }, 60_000);

  it('an account keeps trading through its own connector while its market data comes from the shared one', async () => {
    const { h, icx1, icx2 } = await setup();
    await h.value('market:subscribe', { stream: 'book', accountId: icx1.id, symbol: 'BTCUSDT', depth: 20 });
    const shared = h.engine.sources.resolve({ accountId: icx2.id });
    const own = await h.engine.runtime.connector(icx1.id);
    expect(shared.ok && own.ok && shared.value !== own.value).toBe(true);
    const balances = await h.value('balances:list', { accountId: icx1.id });
    expect(balances.balances.some((b) => b.asset === 'USDT')).toBe(true);
  }, 60_000);
});
