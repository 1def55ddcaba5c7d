import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_FILE, SettingsStore, settingsHandlers } from './settings-store';

// Issue 13 #2: account groups are saved with the settings, checked field by field, and a
// refusal names the field as the trader knows it.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'settings-groups-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mainDesk = { name: 'main-desk', split: 'weights' as const, members: [{ accountId: 'icrypex-1', weight: '2' }, { accountId: 'cryptocom-1', weight: '1' }] };

describe('account groups in the settings', () => {
  it('saves groups and a new store reads them back', async () => {
    const store = new SettingsStore(dir);
    await store.open();
    const sized = { name: 'Small fry', split: 'sizes' as const, members: [{ accountId: 'icrypex-1', quantity: '0.01' }] };
    const saved = await store.set({ accountGroups: [mainDesk, sized] });
    expect(saved.accountGroups).toEqual([mainDesk, sized]);
    const again = new SettingsStore(dir);
    await again.open();
    expect(again.get().accountGroups).toEqual([mainDesk, sized]);
  });

  it('reads a settings file written before groups existed, with none', async () => {
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ schemaVersion: 1, settings: { readOnly: true, priceBandPercent: 5, symbolLimits: {} } }));
    const store = new SettingsStore(dir);
    expect(await store.open()).toBeUndefined();
    expect(store.get()).toMatchObject({ readOnly: true, priceBandPercent: 5, accountGroups: [] });
  });

  it.each([
    ['a zero weight', [{ ...mainDesk, members: [{ accountId: 'icrypex-1', weight: '0' }] }], 'account group "main-desk", account 1: weight', 'must be greater than 0'],
    ['a size that is not a number', [{ name: 'x', split: 'sizes', members: [{ accountId: 'icrypex-1', quantity: '1e3' }] }], 'account group "x", account 1: quantity', 'decimal number'],
    ['the same account twice', [{ ...mainDesk, members: [mainDesk.members[0], mainDesk.members[0]] }], 'account group "main-desk": accounts', 'an account is in the group twice'],
    ['no accounts', [{ ...mainDesk, members: [] }], 'account group "main-desk": accounts', 'at least one account'],
    ['a comma in the name', [{ ...mainDesk, name: 'a,b' }], 'account group "a,b": name', 'letters, digits'],
    ['two groups of one name', [mainDesk, { ...mainDesk, name: 'MAIN-DESK' }], 'account groups', 'two groups have the same name'],
    ['an unknown split', [{ ...mainDesk, split: 'halves' }], 'account group "main-desk": split', '"weights" or by default "sizes"'],
  ])('refuses %s, naming the field, and keeps what was saved', async (_what, accountGroups, field, words) => {
    const store = new SettingsStore(dir);
    await store.open();
    await store.set({ accountGroups: [mainDesk] });
    const result = await settingsHandlers(store)['settings:set']({ accountGroups } as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field } });
    expect(result.ok ? '' : result.error.message).toContain(words);
    expect(store.get().accountGroups).toEqual([mainDesk]);
  });
});
