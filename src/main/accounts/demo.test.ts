import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeExchange } from '../../../tests/support/fake-exchange';
import { startHarness, type Harness } from '../../../tests/support/engine-harness';
import { MemorySecretStore } from '../../../tests/support/memory-secret-store';
import { EXCHANGE_IDS, type ExchangeId } from '../../shared';
import type { DemoAccountConfig, SimulatorLauncher } from './demo';
import { REGISTRY_FILE } from './registry';

let port = 40000;

/** Stands in for src/main/sim: registers the demo keys on fake exchanges and answers new ports every start. */
function fakeLauncher(venues: Record<ExchangeId, FakeExchange>, exchanges: ExchangeId[] = [...EXCHANGE_IDS]) {
  const runs: DemoAccountConfig[][] = [];
  const launcher: SimulatorLauncher = {
    exchanges,
    async start(accounts) {
      runs.push(accounts);
      for (const a of accounts) venues[a.exchange].addAccount(a.apiKey, a.apiSecret);
      const endpoints = Object.fromEntries(exchanges.map((e) => [e, { rest: `http://127.0.0.1:${++port}`, ws: `ws://127.0.0.1:${port}/ws` }]));
      return { endpoints, stop: async () => {} };
    },
  };
  return { launcher, runs };
}

let dataDir: string;
let harnesses: Harness[] = [];
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'demo-'));
});
afterEach(async () => {
  for (const h of harnesses) await h.close();
  harnesses = [];
  rmSync(dataDir, { recursive: true, force: true });
});

async function boot(secrets: MemorySecretStore, exchanges?: ExchangeId[]) {
  const venues = Object.fromEntries(EXCHANGE_IDS.map((id) => [id, new FakeExchange(id)])) as Record<ExchangeId, FakeExchange>;
  const { launcher, runs } = fakeLauncher(venues, exchanges);
  const connectorFactories = Object.fromEntries(EXCHANGE_IDS.map((id) => [id, venues[id].factory]));
  const h = await startHarness({ dataDir, demo: true, simulators: launcher, secretStore: secrets, connectorFactories });
  harnesses.push(h);
  return { h, runs, venues };
}

describe('demo mode', () => {
  it('creates one demo account per exchange on first start, keys in the keychain, pointed at the simulators, and tradable', async () => {
    const secrets = new MemorySecretStore();
    const { h, runs } = await boot(secrets);
    const accounts = await h.value('accounts:list', undefined);
    expect(accounts.map((a) => [a.exchange, a.mode, a.label])).toEqual([
      ['icrypex', 'demo', 'Icrypex demo'],
      ['cryptocom', 'demo', 'Crypto.com demo'],
      ['cryptocom-exchange', 'demo', 'Crypto.com Exchange demo'],
    ]);
    for (const a of accounts) {
      expect(a.endpoints.rest).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const stored = secrets.entries.get(a.id)!;
      expect(a.keyLast4).toBe(stored.apiKey.slice(-4));
      expect(readFileSync(join(dataDir, REGISTRY_FILE), 'utf8')).not.toContain(stored.apiSecret);
    }
    expect(runs[0]?.map((r) => r.apiKey).sort()).toEqual(accounts.map((a) => secrets.entries.get(a.id)!.apiKey).sort());
    expect(await h.value('app:info', undefined)).toMatchObject({ mode: 'demo' });
    expect((await h.value('balances:list', {})).totals.length).toBeGreaterThan(0);
    const order = await h.value('orders:place', { accountId: accounts[0]!.id, symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '50000', quantity: '0.01', clientId: 'client-demo-1' });
    expect(order.status).toBe('open');
  });

  it('reuses the same demo accounts and keys on the next start and points them at the new ports', async () => {
    const secrets = new MemorySecretStore();
    const first = await boot(secrets);
    const before = await first.h.value('accounts:list', undefined);
    await first.h.close();
    harnesses = [];
    const second = await boot(secrets);
    const after = await second.h.value('accounts:list', undefined);
    expect(after.map((a) => a.id)).toEqual(before.map((a) => a.id));
    expect(after[0]?.endpoints.rest).not.toBe(before[0]?.endpoints.rest);
    expect(second.runs[0]?.map((r) => r.apiKey).sort()).toEqual(before.map((a) => secrets.entries.get(a.id)!.apiKey).sort());
  });

  it('does not bring back a demo account the user removed while other accounts exist', async () => {
    const secrets = new MemorySecretStore();
    const first = await boot(secrets);
    const [icx] = await first.h.value('accounts:list', undefined);
    await first.h.value('accounts:remove', { accountId: icx!.id });
    await first.h.close();
    harnesses = [];
    const second = await boot(secrets);
    expect((await second.h.value('accounts:list', undefined)).map((a) => a.exchange)).toEqual(['cryptocom', 'cryptocom-exchange']);
  });

  it('creates the demo accounts again when every account was removed', async () => {
    const secrets = new MemorySecretStore();
    const first = await boot(secrets);
    for (const a of await first.h.value('accounts:list', undefined)) await first.h.value('accounts:remove', { accountId: a.id });
    await first.h.close();
    harnesses = [];
    const second = await boot(secrets);
    expect((await second.h.value('accounts:list', undefined)).map((a) => a.exchange)).toEqual([...EXCHANGE_IDS]);
  });

  it('adds the demo account of an exchange whose simulator arrived in a later build', async () => {
    const secrets = new MemorySecretStore();
    const first = await boot(secrets, ['icrypex']);
    expect((await first.h.value('accounts:list', undefined)).map((a) => a.exchange)).toEqual(['icrypex']);
    await first.h.close();
    harnesses = [];
    const second = await boot(secrets);
    expect((await second.h.value('accounts:list', undefined)).map((a) => a.exchange)).toEqual(['icrypex', 'cryptocom', 'cryptocom-exchange']);
  });

  it('gives a terminal that already had both older demo accounts a Crypto.com Exchange demo account on its next start, keeping the old ones', async () => {
    const secrets = new MemorySecretStore();
    const first = await boot(secrets, ['icrypex', 'cryptocom']);
    const before = await first.h.value('accounts:list', undefined);
    expect(before.map((a) => a.exchange)).toEqual(['icrypex', 'cryptocom']);
    await first.h.close();
    harnesses = [];
    const second = await boot(secrets);
    const after = await second.h.value('accounts:list', undefined);
    expect(after.slice(0, 2).map((a) => a.id)).toEqual(before.map((a) => a.id));
    const cdx = after[2]!;
    expect([cdx.exchange, cdx.mode, cdx.label]).toEqual(['cryptocom-exchange', 'demo', 'Crypto.com Exchange demo']);
    expect(second.runs[0]?.map((r) => r.exchange)).toEqual(['icrypex', 'cryptocom', 'cryptocom-exchange']);
    expect(cdx.endpoints.rest).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('replaces a demo key the keychain lost, since demo keys only matter to this run', async () => {
    const secrets = new MemorySecretStore();
    const first = await boot(secrets);
    const [icx] = await first.h.value('accounts:list', undefined);
    await first.h.close();
    harnesses = [];
    secrets.entries.delete(icx!.id);
    const second = await boot(secrets);
    expect(secrets.entries.has(icx!.id)).toBe(true);
    const [again] = await second.h.value('accounts:list', undefined);
    expect(again?.keyLast4).toBe(secrets.entries.get(icx!.id)!.apiKey.slice(-4));
    expect((await second.h.value('accounts:test', { accountId: icx!.id })).latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('starts without demo accounts and reports why when the keychain is unavailable, the simulators running with no account (issue 13 #6: the markets still stream)', async () => {
    const secrets = new MemorySecretStore();
    secrets.unavailable = true;
    const { h, runs } = await boot(secrets);
    expect(await h.value('accounts:list', undefined)).toEqual([]);
    expect(runs).toEqual([[]]);
    const problems = await h.value('accounts:problems', undefined);
    expect(problems.map((p) => p.kind)).toContain('keychain-unavailable');
    expect(problems[0]?.message).toMatch(/No demo account was created for Icrypex: .*unlock your keyring/);
  });

  it('reports keys in the keychain that no account owns, without deleting them, and accounts:remove clears one', async () => {
    const secrets = new MemorySecretStore();
    await secrets.set('icrypex-orphan00', { apiKey: 'k', apiSecret: 's' });
    const { h } = await boot(secrets);
    const problems = await h.value('accounts:problems', undefined);
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'orphan-key', accountId: 'icrypex-orphan00' }));
    expect(secrets.entries.has('icrypex-orphan00')).toBe(true);
    expect(await h.value('accounts:remove', { accountId: 'icrypex-orphan00' })).toEqual({ removed: true });
    expect(secrets.entries.has('icrypex-orphan00')).toBe(false);
  });
});
