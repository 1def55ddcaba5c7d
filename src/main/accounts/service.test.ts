import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeExchange } from '../../../tests/support/fake-exchange';
import { startHarness, waitFor, type Harness } from '../../../tests/support/engine-harness';
import { MemorySecretStore } from '../../../tests/support/memory-secret-store';
import { REGISTRY_FILE } from './registry';

const KEY = 'live-key-0000-wxyz';
const SECRET = 'live-secret-' + 'q'.repeat(30);

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function setup() {
  const icx = new FakeExchange('icrypex');
  const cdc = new FakeExchange('cryptocom');
  icx.addAccount(KEY, SECRET, { USDT: '1000.1', BTC: '0.5' });
  cdc.addAccount('cdc-key-1234', 'cdc-secret-xyz', { USDT: '0.2', ETH: '3' });
  const secrets = new MemorySecretStore();
  h = await startHarness({ secretStore: secrets, connectorFactories: { icrypex: icx.factory, cryptocom: cdc.factory } });
  return { h, icx, cdc, secrets };
}

describe('accounts:add', () => {
  it('checks the key with a signed call, stores the secret in the keychain only, and lists the account with its last 4', async () => {
    const { h, secrets } = await setup();
    const account = await h.value('accounts:add', { exchange: 'icrypex', label: 'Main', apiKey: KEY, apiSecret: SECRET });
    expect(account).toMatchObject({ exchange: 'icrypex', label: 'Main', mode: 'live', keyLast4: 'wxyz', endpoints: {} });
    expect(secrets.entries.get(account.id)).toEqual({ apiKey: KEY, apiSecret: SECRET });
    expect(await h.value('accounts:list', undefined)).toEqual([account]);
    const file = readFileSync(join(h.dataDir, REGISTRY_FILE), 'utf8');
    expect(file).toContain(account.id);
    expect(file).not.toContain(SECRET);
    expect(file).not.toContain(KEY);
    expect(h.events).toContainEqual({ channel: 'accounts:changed', payload: [account] });
    expect(await h.value('app:info', undefined)).toMatchObject({ mode: 'live' });
  });

  it('stores nothing and says why when the exchange refuses the key', async () => {
    const { h, secrets } = await setup();
    const result = await h.call('accounts:add', { exchange: 'icrypex', label: 'Bad', apiKey: KEY, apiSecret: 'wrong-secret' });
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_INVALID_KEY', field: 'apiKey' } });
    expect(!result.ok && result.error.message).toMatch(/Nothing was saved: the exchange refused the key: invalid signature/);
    expect(secrets.entries.size).toBe(0);
    expect(await h.value('accounts:list', undefined)).toEqual([]);
    expect(existsSync(join(h.dataDir, REGISTRY_FILE))).toBe(false);
  });

  it('stores nothing in the registry when the keychain is unavailable, and answers KEYCHAIN_UNAVAILABLE', async () => {
    const { h, secrets } = await setup();
    secrets.unavailable = true;
    const result = await h.call('accounts:add', { exchange: 'icrypex', label: 'Main', apiKey: KEY, apiSecret: SECRET });
    expect(result).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(!result.ok && result.error.message).toMatch(/Nothing was saved.*unlock your keyring/);
    expect(await h.value('accounts:list', undefined)).toEqual([]);
  });

  it('refuses the same key twice on one exchange', async () => {
    const { h } = await setup();
    await h.value('accounts:add', { exchange: 'icrypex', label: 'Main', apiKey: KEY, apiSecret: SECRET });
    const again = await h.call('accounts:add', { exchange: 'icrypex', label: 'Again', apiKey: KEY, apiSecret: SECRET });
    expect(again).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'apiKey', message: expect.stringMatching(/already added as "Main"/) } });
  });

  it('removes the keychain entry when the registry cannot be written', async () => {
    const { h, secrets } = await setup();
    // A folder where the registry file should be makes the rename fail.
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(h.dataDir, REGISTRY_FILE));
    const result = await h.call('accounts:add', { exchange: 'icrypex', label: 'Main', apiKey: KEY, apiSecret: SECRET });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/Nothing was saved: the account list could not be written/) } });
    expect(secrets.entries.size).toBe(0);
  });

  it('refuses an unencrypted endpoint off this machine, naming the field, and accepts one on loopback', async () => {
    const { h } = await setup();
    const remote = await h.call('accounts:add', { exchange: 'icrypex', label: 'Main', apiKey: KEY, apiSecret: SECRET, endpoints: { rest: 'http://api.example.com' } });
    expect(remote).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'endpoints.rest', message: expect.stringMatching(/not encrypted: use https:\/\//) } });
    const ws = await h.call('accounts:add', { exchange: 'icrypex', label: 'Main', apiKey: KEY, apiSecret: SECRET, endpoints: { ws: 'ws://10.0.0.5/ws' } });
    expect(ws).toMatchObject({ ok: false, error: { field: 'endpoints.ws' } });
    const local = await h.call('accounts:add', { exchange: 'icrypex', label: 'Main', apiKey: KEY, apiSecret: SECRET, endpoints: { rest: 'http://127.0.0.1:8080', ws: 'ws://localhost:8080/ws' } });
    expect(local.ok).toBe(true);
  });

  it('answers VALIDATION naming the field for a blank label', async () => {
    const { h } = await setup();
    expect(await h.call('accounts:add', { exchange: 'icrypex', label: '  ', apiKey: KEY, apiSecret: SECRET })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'label' } });
  });
});

describe('accounts:test, rename, remove', () => {
  it('tests the key, renames, and removes the account with its keychain entry and connector', async () => {
    const { h, icx, secrets } = await setup();
    const account = await h.value('accounts:add', { exchange: 'icrypex', label: 'Main', apiKey: KEY, apiSecret: SECRET });
    expect(await h.value('accounts:test', { accountId: account.id })).toEqual({ latencyMs: 1 });
    expect(await h.value('accounts:rename', { accountId: account.id, label: 'Renamed' })).toMatchObject({ label: 'Renamed' });
    const connector = icx.connectors.find((c) => c.accountId === account.id && c.started)!;
    expect(await h.value('accounts:remove', { accountId: account.id })).toEqual({ removed: true });
    expect(connector.stopped).toBe(true);
    expect(secrets.entries.has(account.id)).toBe(false);
    expect(await h.value('accounts:list', undefined)).toEqual([]);
    expect(await h.value('app:info', undefined)).toMatchObject({ mode: 'demo' });
  });

  it('keeps the account listed when the keychain cannot delete its key', async () => {
    const { h, secrets } = await setup();
    const account = await h.value('accounts:add', { exchange: 'icrypex', label: 'Main', apiKey: KEY, apiSecret: SECRET });
    secrets.unavailable = true;
    const result = await h.call('accounts:remove', { accountId: account.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringMatching(/was not removed because its key could not be deleted/) } });
    secrets.unavailable = false;
    expect(await h.value('accounts:list', undefined)).toHaveLength(1);
  });

  it('accounts:test answers NOT_FOUND in the user\'s words when the keychain has no key for the account (issue 12)', async () => {
    const { h, secrets } = await setup();
    const account = await h.value('accounts:add', { exchange: 'icrypex', label: 'Main', apiKey: KEY, apiSecret: SECRET });
    secrets.entries.delete(account.id);
    const answer = await h.call('accounts:test', { accountId: account.id });
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'accountId', message: expect.stringMatching(/^The keychain has no API key for "Main" \([^)]+\)\. Remove the account and add it again/) } });
  });

  it('answers NOT_FOUND for unknown accounts and removed:false when there is nothing to remove', async () => {
    const { h } = await setup();
    expect(await h.call('accounts:test', { accountId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'accountId' } });
    expect(await h.call('accounts:rename', { accountId: 'nope', label: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await h.value('accounts:remove', { accountId: 'nope' })).toEqual({ removed: false });
  });
});

describe('balances', () => {
  it('lists balances per account and exact totals across accounts', async () => {
    const { h } = await setup();
    const a = await h.value('accounts:add', { exchange: 'icrypex', label: 'A', apiKey: KEY, apiSecret: SECRET });
    const b = await h.value('accounts:add', { exchange: 'cryptocom', label: 'B', apiKey: 'cdc-key-1234', apiSecret: 'cdc-secret-xyz' });
    const all = await h.value('balances:list', {});
    expect(all.balances).toHaveLength(4);
    expect(all.totals).toEqual([
      { asset: 'BTC', free: '0.5', locked: '0', total: '0.5' },
      { asset: 'ETH', free: '3', locked: '0', total: '3' },
      { asset: 'USDT', free: '1000.3', locked: '0', total: '1000.3' },
    ]);
    const one = await h.value('balances:list', { accountId: b.id });
    expect(one.balances.every((x) => x.accountId === b.id)).toBe(true);
    expect(one.totals.find((t) => t.asset === 'USDT')?.total).toBe('0.2');
    expect(a.id).not.toBe(b.id);
  });

  it('never fails an all-accounts read whole: the rows it could read, and the account it could not named as a gap (issue 13 #5)', async () => {
    const { h, cdc } = await setup();
    const a = await h.value('accounts:add', { exchange: 'icrypex', label: 'A', apiKey: KEY, apiSecret: SECRET });
    const b = await h.value('accounts:add', { exchange: 'cryptocom', label: 'B', apiKey: 'cdc-key-1234', apiSecret: 'cdc-secret-xyz' });
    cdc.failWith = { ok: false, error: { code: 'NETWORK', message: 'connection reset', retryable: true } };
    const all = await h.value('balances:list', {});
    expect(all.balances.length).toBeGreaterThan(0);
    expect(all.balances.every((x) => x.accountId === a.id)).toBe(true);
    expect(all.gaps).toEqual([{ accountId: b.id, kind: 'failed', message: 'could not read balances: connection reset' }]);
    // Totals are of the accounts read only (the gap says which one is missing).
    expect(all.totals.find((t) => t.asset === 'USDT')?.total).toBe('1000.1');
    // One account asked for by name still fails as that one read.
    expect(await h.call('balances:list', { accountId: b.id })).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
  });

  it('forwards connector balance, order and fill pushes as events stamped with the account', async () => {
    const { h, icx } = await setup();
    const account = await h.value('accounts:add', { exchange: 'icrypex', label: 'A', apiKey: KEY, apiSecret: SECRET });
    await waitFor(() => icx.connectors.some((c) => c.accountId === account.id && c.started), 'connector start', 2000);
    const connector = icx.connectors.find((c) => c.accountId === account.id && c.started)!;
    connector.pushBalances([{ accountId: 'spoofed', asset: 'USDT', free: '1', locked: '0', total: '1' }]);
    expect(h.events).toContainEqual({ channel: 'balances:update', payload: { accountId: account.id, balances: [{ accountId: account.id, asset: 'USDT', free: '1', locked: '0', total: '1' }] } });
    await h.value('orders:place', { accountId: account.id, symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: '0.001', clientId: 'client-push-1' });
    expect(h.events.some((e) => e.channel === 'orders:update')).toBe(true);
    expect(h.events.some((e) => e.channel === 'orders:fill')).toBe(true);
  });
});
