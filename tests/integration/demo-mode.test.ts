import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectorFactories } from '../../src/main/exchanges/registry';
import { createKeytarSecretStore, type SecretStore } from '../../src/main/secrets';
import { EXCHANGE_IDS, type Account } from '../../src/shared';
import { startHarness, waitFor, type Harness } from '../support/engine-harness';

// Demo mode end to end: the real simulators (src/main/sim), the real connectors from the
// exchange registry, and demo keys in the real keychain.

const exchanges = EXCHANGE_IDS.filter((e) => connectorFactories[e] !== undefined);
let harnesses: Harness[] = [];
let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const h of harnesses) await h.close();
  harnesses = [];
  for (const run of cleanup.reverse()) await run();
  cleanup = [];
});

async function boot(dataDir: string, secrets: SecretStore): Promise<Harness> {
  const h = await startHarness({ dataDir, secretStore: secrets, demo: true });
  harnesses.push(h);
  return h;
}

function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'demo-mode-'));
  const secrets = createKeytarSecretStore({ service: `keyboard-terminal-test-${randomBytes(6).toString('hex')}` });
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanup.push(async () => {
    const keys = await secrets.list();
    if (keys.ok) for (const id of keys.value) await secrets.delete(id);
  });
  return { dataDir, secrets };
}

describe.runIf(exchanges.length > 0)('demo mode on first start', () => {
  it('creates a demo account per exchange (Crypto.com Exchange too) whose keychain key the simulator accepts, reads its book and trades on it', async () => {
    const { dataDir, secrets } = setup();
    const h = await boot(dataDir, secrets);
    const accounts = await h.value('accounts:list', undefined);
    expect(accounts.map((a) => a.exchange).sort()).toEqual([...exchanges].sort());
    expect(exchanges).toContain('cryptocom-exchange');
    for (const account of accounts) {
      expect(account).toMatchObject({ mode: 'demo', label: expect.stringMatching(/ demo$/), endpoints: { rest: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+(\/exchange\/v1)?$/) } });
      const stored = await secrets.get(account.id);
      expect(stored.ok && stored.value.apiKey.endsWith(account.keyLast4)).toBe(true);
      // A signed call with the keychain's credentials proves the simulator knows this key.
      expect((await h.value('accounts:test', { accountId: account.id })).latencyMs).toBeGreaterThanOrEqual(0);
    }
    expect(await h.value('app:info', undefined)).toMatchObject({ mode: 'demo' });
    expect(await h.value('accounts:problems', undefined)).toEqual([]);
    const balances = await h.value('balances:list', {});
    expect(balances.totals.find((t) => t.asset === 'USDT')?.total).toBeTruthy();

    for (const account of accounts) {
      // A live market with no setup: the book streams from the demo account's simulator.
      const { subscriptionId } = await h.value('market:subscribe', { stream: 'book', accountId: account.id, symbol: 'BTCUSDT' });
      await waitFor(
        () => h.events.some((e) => e.channel === 'market:book' && (e.payload as { subscriptionId: string; book: { bids: unknown[]; asks: unknown[] } }).subscriptionId === subscriptionId && (e.payload as { book: { bids: unknown[] } }).book.bids.length > 0),
        `a ${account.exchange} book with bids`,
        10_000,
      );
      await placeAndCancel(h, account);
    }
  });

  it('keeps the same demo accounts and keys across restarts and points them at the new simulator ports', async () => {
    const { dataDir, secrets } = setup();
    const first = await boot(dataDir, secrets);
    const before = await first.value('accounts:list', undefined);
    await first.close();
    harnesses = [];
    const second = await boot(dataDir, secrets);
    const after = await second.value('accounts:list', undefined);
    expect(after.map((a) => a.id)).toEqual(before.map((a) => a.id));
    for (const account of after) {
      const old = before.find((a) => a.id === account.id)!;
      expect(account.endpoints.rest).not.toBe(old.endpoints.rest);
      expect(account.keyLast4).toBe(old.keyLast4);
      expect((await second.value('accounts:test', { accountId: account.id })).latencyMs).toBeGreaterThanOrEqual(0);
    }
  });
});

/** Places a resting limit buy 3 % under the mid, sees it open and pushed, then cancels it. */
async function placeAndCancel(h: Harness, account: Account): Promise<void> {
  const symbol = 'BTCUSDT';
  const probe = await h.value('orders:preview', { accountId: account.id, symbol, side: 'buy', type: 'market', quantity: '1' });
  const price = (Number(probe.notional) * 0.97).toFixed(2);
  const order = await h.value('orders:place', { accountId: account.id, symbol, side: 'buy', type: 'limit', price, quantity: '0.01', clientId: `demo-${randomBytes(4).toString('hex')}` });
  expect(order).toMatchObject({ accountId: account.id, status: 'open' });
  const open = (await h.value('orders:open', { accountId: account.id, symbol })).rows;
  expect(open.map((o) => o.id)).toContain(order.id);
  const canceled = await h.value('orders:cancel', { accountId: account.id, symbol, orderId: order.id });
  expect(['pending-cancel', 'canceled']).toContain(canceled.status);
  await waitFor(
    () => h.events.some((e) => e.channel === 'orders:update' && (e.payload as { id: string; status: string }).id === order.id && (e.payload as { status: string }).status === 'canceled'),
    `a canceled push for ${account.exchange} order ${order.id}`,
    15_000,
  );
}
