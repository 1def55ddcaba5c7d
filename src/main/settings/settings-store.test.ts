import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Settings, invokeChannels } from '../../shared';
import { DEFAULT_SETTINGS, SETTINGS_FILE, SettingsStore, settingsHandlers } from './settings-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SettingsStore', () => {
  it('starts with the documented defaults: read-only off, 10 % band, no caps', async () => {
    const store = new SettingsStore(dir);
    await store.open();
    expect(store.get()).toEqual({ readOnly: false, priceBandPercent: 10, symbolLimits: {}, accountGroups: [] });
    expect(DEFAULT_SETTINGS.priceBandPercent).toBe(10);
  });

  it('saves a patch, normalises symbol keys, tells listeners, and a new store reads it back', async () => {
    const store = new SettingsStore(dir);
    await store.open();
    const seen: Settings[] = [];
    store.onChange((s) => seen.push(s));
    const saved = await store.set({ readOnly: true, symbolLimits: { 'btc/usdt': { maxQuantity: '0.5' } } });
    expect(saved).toEqual({ readOnly: true, priceBandPercent: 10, symbolLimits: { BTCUSDT: { maxQuantity: '0.5' } }, accountGroups: [] });
    expect(seen).toEqual([saved]);
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8')).schemaVersion).toBe(1);
    const again = new SettingsStore(dir);
    await again.open();
    expect(again.get()).toEqual(saved);
  });

  it('keeps a corrupt file aside and applies the defaults', async () => {
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ schemaVersion: 1, settings: { readOnly: 'yes' } }));
    const store = new SettingsStore(dir);
    const problem = await store.open();
    expect(problem).toMatchObject({ kind: 'settings-set-aside' });
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('settings:set refuses a zero or negative cap and a band over 100 %, naming the field', () => {
    const schema = invokeChannels['settings:set'].request;
    const zero = schema.safeParse({ symbolLimits: { BTCUSDT: { maxNotional: '0' } } });
    expect(zero.success).toBe(false);
    expect(zero.error?.issues[0]?.path).toEqual(['symbolLimits', 'BTCUSDT', 'maxNotional']);
    expect(schema.safeParse({ symbolLimits: { BTCUSDT: { maxQuantity: '-1' } } }).success).toBe(false);
    expect(schema.safeParse({ priceBandPercent: 150 }).success).toBe(false);
    expect(schema.safeParse({ priceBandPercent: null }).success).toBe(true);
    expect(schema.safeParse({ symbolLimits: { BTCUSDT: { maxQuantity: '0.001' } } }).success).toBe(true);
  });

  it('handlers answer the saved settings', async () => {
    const store = new SettingsStore(dir);
    await store.open();
    const handlers = settingsHandlers(store);
    expect(await handlers['settings:set']({ priceBandPercent: null })).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, priceBandPercent: null } });
    expect(await handlers['settings:get'](undefined)).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, priceBandPercent: null } });
  });
});
