import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeExchange } from '../../../tests/support/fake-exchange';
import { MemorySecretStore } from '../../../tests/support/memory-secret-store';
import { createKeytarSecretStore } from '../secrets';
import { startHarness, waitFor, type Harness } from '../../../tests/support/engine-harness';
import { REGISTRY_FILE } from '../accounts/registry';
import { invokeChannels } from '../../shared';
import { Engine } from './engine';

let h: Harness | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('Engine', () => {
  it('starts and reports a data folder it cannot read instead of failing to start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engine-'));
    dirs.push(dataDir);
    mkdirSync(join(dataDir, REGISTRY_FILE));
    h = await startHarness({ dataDir, secretStore: new MemorySecretStore() });
    const problems = await h.value('accounts:problems', undefined);
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'data-folder-unusable', file: join(dataDir, REGISTRY_FILE) }));
    expect(await h.value('accounts:list', undefined)).toEqual([]);
  });

  it('has a handler for every invoke channel of the contract (nothing answers UNSUPPORTED)', () => {
    const engine = new Engine({ name: 't', version: '0', platform: 'linux', host: 'node', dataDir: tmpdir(), heartbeatMs: 0, demo: false, secretStore: new MemorySecretStore() });
    expect(Object.keys(invokeChannels).filter((channel) => !(channel in engine.handlers))).toEqual([]);
  });

  it('answers account channels only once start() has loaded the registry', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'engine-'));
    dirs.push(dataDir);
    const engine = new Engine({ name: 't', version: '0', platform: 'linux', host: 'node', dataDir, heartbeatMs: 0, demo: false, secretStore: new MemorySecretStore() });
    let answered = false;
    const pending = Promise.resolve(engine.handlers['accounts:list']!(undefined)).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((r) => setImmediate(r));
    expect(answered).toBe(false);
    await engine.start();
    expect(await pending).toEqual({ ok: true, value: [] });
    await engine.stop();
  });

  it('spends at most one keychain timeout at start when the keychain hangs, and says why for each demo account it could not create', async () => {
    let calls = 0;
    const hanging = createKeytarSecretStore({
      timeoutMs: 50,
      backend: async () => {
        const never = () => {
          calls++;
          return new Promise<never>(() => {});
        };
        return { setPassword: never, getPassword: never, deletePassword: never, findCredentials: never };
      },
    });
    const venues = { icrypex: new FakeExchange('icrypex'), cryptocom: new FakeExchange('cryptocom') };
    let launched = false;
    h = await startHarness({
      secretStore: hanging,
      demo: true,
      connectorFactories: { icrypex: venues.icrypex.factory, cryptocom: venues.cryptocom.factory },
      simulators: { exchanges: ['icrypex', 'cryptocom'], start: async () => ((launched = true), { endpoints: {}, stop: async () => {} }) },
    });
    expect(calls).toBe(1);
    // No demo account, but the simulators run so the demo markets stream (issue 13 #6).
    expect(launched).toBe(true);
    const problems = await h.value('accounts:problems', undefined);
    expect(problems.filter((p) => p.kind === 'keychain-unavailable')).toHaveLength(2);
    expect(problems.every((p) => /did not answer within 50 ms/.test(p.message))).toBe(true);
  });

  it('values previews from the live book a pane is watching, and reads REST only when none is open', async () => {
    const venue = new FakeExchange('icrypex');
    venue.addAccount('key-preview-1234', 'secret-preview');
    h = await startHarness({ secretStore: new MemorySecretStore(), connectorFactories: { icrypex: venue.factory } });
    const account = await h.value('accounts:add', { exchange: 'icrypex', label: 'Preview', apiKey: 'key-preview-1234', apiSecret: 'secret-preview' });
    const preview = { accountId: account.id, symbol: 'BTCUSDT', side: 'sell', type: 'market', quantity: '0.01' } as const;

    expect((await h.value('orders:preview', preview)).notional).toBe('500');
    const restReads = venue.orderBookCalls;
    expect(restReads).toBeGreaterThan(0);

    await h.value('market:subscribe', { stream: 'book', accountId: account.id, symbol: 'BTCUSDT' });
    await waitFor(() => h!.events.some((e) => e.channel === 'market:book'), 'the first book push', 2_000);
    venue.books.set('BTCUSDT', { bid: '1', ask: '3' }); // REST would now say mid 2: the live book must win
    for (let i = 0; i < 5; i++) expect((await h.value('orders:preview', preview)).notional).toBe('500');
    expect(venue.orderBookCalls).toBe(restReads);
  });

  it('injects sim faults in demo mode only: refused once a live account exists, or without simulators (issue 18)', async () => {
    const venues = { icrypex: new FakeExchange('icrypex'), cryptocom: new FakeExchange('cryptocom') };
    venues.icrypex.addAccount('key-live-12345678', 'secret-live');
    const injected: unknown[] = [];
    h = await startHarness({
      secretStore: new MemorySecretStore(),
      demo: true,
      connectorFactories: { icrypex: venues.icrypex.factory, cryptocom: venues.cryptocom.factory },
      simulators: {
        exchanges: ['icrypex', 'cryptocom'],
        start: async () => ({ endpoints: {}, fault: (request) => (injected.push(request), ['Icrypex: cut 0 sockets']), stop: async () => {} }),
      },
    });
    const fault = { fault: { kind: 'drop-sockets' }, exchange: 'icrypex' } as const;
    expect(await h.value('sim:fault', fault)).toEqual({ applied: ['Icrypex: cut 0 sockets'] });
    expect(injected).toEqual([fault]);
    const bad = await h.call('sim:fault', { fault: { kind: 'delay-orders', ms: -5 } } as never);
    expect(bad.ok ? undefined : bad.error.code).toBe('VALIDATION');

    await h.value('accounts:add', { exchange: 'icrypex', label: 'Real', apiKey: 'key-live-12345678', apiSecret: 'secret-live' });
    const refused = await h.call('sim:fault', fault);
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error.message).toMatch(/demo mode only: a live account exists/);
    expect(injected).toHaveLength(1);
  });

  it('answers sim:fault with a reason when demo mode has no simulators', async () => {
    h = await startHarness({ secretStore: new MemorySecretStore() });
    const result = await h.call('sim:fault', { fault: { kind: 'reset' } });
    expect(result.ok ? '' : result.error.message).toMatch(/simulated exchanges are not running/);
  });

  it('pushes settings:changed when the settings are saved', async () => {
    h = await startHarness({ secretStore: new MemorySecretStore() });
    const saved = await h.value('settings:set', { readOnly: true });
    expect(h.events).toContainEqual({ channel: 'settings:changed', payload: saved });
  });
});
