import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeExchange } from '../../../tests/support/fake-exchange';
import { startHarness, type Harness } from '../../../tests/support/engine-harness';
import { MemorySecretStore } from '../../../tests/support/memory-secret-store';
import { invokeChannels, type RequestOf, type Settings } from '../../shared';
import { SettingsStore } from './settings-store';

// Issue 12: `settings:set({ readOnly: undefined })` turned read-only off silently, settings.json
// was set aside at the next start, and every later limit order answered ORDER_STATE_UNKNOWN.

const harnesses: Harness[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function engineWith(dataDir: string, secrets: MemorySecretStore, icx: FakeExchange): Promise<Harness> {
  const h = await startHarness({ dataDir, secretStore: secrets, connectorFactories: { icrypex: icx.factory } });
  harnesses.push(h);
  return h;
}

/** What the renderer could send, with explicit `undefined` values the static type would not allow. */
const loose = (patch: Record<string, unknown>) => patch as RequestOf<'settings:set'>;

describe('settings:set is strict (issue 12)', () => {
  it('refuses explicit undefined, unknown keys and wrong types, naming the field, and changes nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'settings-strict-'));
    dirs.push(dataDir);
    const h = await engineWith(dataDir, new MemorySecretStore(), new FakeExchange('icrypex'));
    await h.value('settings:set', { readOnly: true });
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ readOnly: undefined }, 'readOnly', /read-only mode must be true \(on\) or false \(off\)/],
      [{ readOnly: 'false' }, 'readOnly', /read-only mode must be true/],
      [{ readOnly: 0 }, 'readOnly', /read-only mode must be true/],
      [{ priceBandPercent: undefined }, 'priceBandPercent', /price band must be a percentage/],
      [{ priceBandPercent: '5' }, 'priceBandPercent', /price band must be a percentage/],
      [{ symbolLimits: { BTCUSDT: { maxQuantity: undefined } } }, 'symbolLimits.BTCUSDT.maxQuantity', /decimal number/],
      [{ symbolLimits: { BTCUSDT: { maxQty: '1' } } }, 'symbolLimits.BTCUSDT', /no setting "maxQty"/],
      [{ readonly: false }, '', /no setting "readonly"/],
    ];
    for (const [patch, field, message] of cases) {
      const answer = await h.call('settings:set', loose(patch));
      expect(answer, JSON.stringify(patch)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message } });
      expect(answer.ok ? 'answered ok' : (answer.error.field ?? ''), JSON.stringify(patch)).toBe(field);
    }
    expect(await h.value('settings:get', undefined)).toEqual({ readOnly: true, priceBandPercent: 10, symbolLimits: {}, accountGroups: [] });
    // Only an explicit false turns it off.
    expect(await h.value('settings:set', { readOnly: false })).toMatchObject({ readOnly: false });
  });

  it('the issue sequence: the file survives a restart and limit orders are placed, not ORDER_STATE_UNKNOWN', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'settings-strict-'));
    dirs.push(dataDir);
    const secrets = new MemorySecretStore();
    const icx = new FakeExchange('icrypex');
    icx.addAccount('icx-key-aaaa', 'icx-secret-aaaa');
    const first = await engineWith(dataDir, secrets, icx);
    const account = await first.value('accounts:add', { exchange: 'icrypex', label: 'A', apiKey: 'icx-key-aaaa', apiSecret: 'icx-secret-aaaa' });
    await first.value('settings:set', { readOnly: true });
    const undefinedPatch = await first.call('settings:set', loose({ readOnly: undefined, priceBandPercent: undefined }));
    expect(undefinedPatch.ok).toBe(false);
    const order = { accountId: account.id, symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '50000', quantity: '0.01' } as const;
    expect(await first.call('orders:place', { ...order, clientId: 'client-strict-1' })).toMatchObject({ ok: false, error: { code: 'RISK_BLOCKED' } });
    expect(icx.placeCalls).toBe(0);
    await first.close();
    harnesses.splice(harnesses.indexOf(first), 1);

    const second = await engineWith(dataDir, secrets, icx);
    expect((await second.value('accounts:problems', undefined)).filter((p) => p.kind === 'settings-set-aside')).toEqual([]);
    expect(await second.value('settings:get', undefined)).toEqual({ readOnly: true, priceBandPercent: 10, symbolLimits: {}, accountGroups: [] });
    await second.value('settings:set', { readOnly: false });
    for (const clientId of ['client-strict-2', 'client-strict-3']) {
      expect(await second.call('orders:place', { ...order, clientId })).toMatchObject({ ok: true, value: { status: 'open' } });
    }
    expect(icx.placeCalls).toBe(2);
  });

  it('the store refuses a bad patch on its own too (second line behind the IPC schema)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'settings-strict-'));
    dirs.push(dataDir);
    const store = new SettingsStore(dataDir);
    await store.open();
    await store.set({ readOnly: true });
    await expect(store.set({ readOnly: undefined } as unknown as Partial<Settings>)).rejects.toThrow(/readOnly: read-only mode must be true/);
    await expect(store.set({ priceBandPercent: undefined } as unknown as Partial<Settings>)).rejects.toThrow(/priceBandPercent/);
    expect(store.get().readOnly).toBe(true);
    const reopened = new SettingsStore(dataDir);
    expect(await reopened.open()).toBeUndefined();
    expect(reopened.get()).toEqual({ readOnly: true, priceBandPercent: 10, symbolLimits: {}, accountGroups: [] });
  });

  it('the settings file schema is strict too: a file with an unknown key is set aside, not half-read', () => {
    expect(invokeChannels['settings:get'].response.safeParse({ readOnly: false, priceBandPercent: 10, symbolLimits: {}, extra: 1 }).success).toBe(false);
  });
});
