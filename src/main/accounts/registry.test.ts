import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../shared';
import { AccountRegistry, REGISTRY_FILE } from './registry';

const account = (id: string, extra: Partial<Account> = {}): Account => ({
  id, exchange: 'icrypex', label: `Account ${id}`, mode: 'live', keyLast4: 'wxyz', endpoints: {}, createdAt: 1, ...extra,
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'registry-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('AccountRegistry', () => {
  it('persists adds, renames and removals with a schema version, and a new instance reads them back', async () => {
    const registry = new AccountRegistry(dir);
    expect(await registry.open()).toBeUndefined();
    await registry.add(account('a'));
    await registry.add(account('b', { mode: 'demo', exchange: 'cryptocom' }));
    await registry.update('a', { label: 'Main' });
    await registry.remove('b');
    const file = JSON.parse(readFileSync(join(dir, REGISTRY_FILE), 'utf8'));
    expect(file.schemaVersion).toBe(1);
    expect(file.demoSeeded).toEqual(['cryptocom']);
    const again = new AccountRegistry(dir);
    await again.open();
    expect(again.list()).toEqual([{ ...account('a'), label: 'Main' }]);
    expect(again.demoSeeded()).toEqual(['cryptocom']);
  });

  it('keeps memory equal to the disk when a write fails', async () => {
    let fail = false;
    const registry = new AccountRegistry(dir, { write: { ops: { rename: async (from, to) => { if (fail) throw new Error('ENOSPC: no space'); const { rename } = await import('node:fs/promises'); await rename(from, to); } } } });
    await registry.open();
    await registry.add(account('a'));
    fail = true;
    await expect(registry.add(account('b'))).rejects.toThrow('ENOSPC');
    await expect(registry.update('a', { label: 'X' })).rejects.toThrow('ENOSPC');
    expect(registry.list()).toEqual([account('a')]);
    fail = false;
    await registry.add(account('c'));
    expect(registry.list().map((a) => a.id)).toEqual(['a', 'c']);
  });

  it('applies concurrent changes one after another without losing any', async () => {
    const registry = new AccountRegistry(dir);
    await registry.open();
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => registry.add(account(id))));
    const again = new AccountRegistry(dir);
    await again.open();
    expect(again.list().map((a) => a.id).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('refuses a duplicate id', async () => {
    const registry = new AccountRegistry(dir);
    await registry.open();
    await registry.add(account('a'));
    await expect(registry.add(account('a'))).rejects.toThrow(/already exists/);
  });

  it('sets a corrupt file aside, reports it, starts empty, and the next save does not touch the kept file', async () => {
    writeFileSync(join(dir, REGISTRY_FILE), '{"schemaVersion":1,"accounts":[{"id":');
    const registry = new AccountRegistry(dir, { now: () => 0 });
    const problem = await registry.open();
    expect(problem).toMatchObject({ kind: 'registry-set-aside' });
    expect(problem?.message).toMatch(/could not be read.*not valid JSON.*kept as .*corrupt-.*keys are still in the keychain/);
    expect(registry.list()).toEqual([]);
    await registry.add(account('n'));
    expect(readFileSync(problem!.file!, 'utf8')).toBe('{"schemaVersion":1,"accounts":[{"id":');
    expect(readdirSync(dir).sort()).toEqual([REGISTRY_FILE, `${REGISTRY_FILE}.corrupt-1970-01-01T00-00-00-000Z`]);
  });

  it('sets aside a file from a newer version instead of overwriting it', async () => {
    writeFileSync(join(dir, REGISTRY_FILE), JSON.stringify({ schemaVersion: 2, accounts: [] }));
    const problem = await new AccountRegistry(dir).open();
    expect(problem?.message).toMatch(/another version of the terminal/);
  });

  it('sets aside a file with the same id twice', async () => {
    writeFileSync(join(dir, REGISTRY_FILE), JSON.stringify({ schemaVersion: 1, accounts: [account('a'), account('a')] }));
    const problem = await new AccountRegistry(dir).open();
    expect(problem?.message).toMatch(/appears twice/);
  });
});
