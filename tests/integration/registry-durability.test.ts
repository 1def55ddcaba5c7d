import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountRegistry, REGISTRY_FILE } from '../../src/main/accounts/registry';
import { createKeytarSecretStore } from '../../src/main/secrets';
import { startHarness, type Harness } from '../support/engine-harness';

const ROOT = join(__dirname, '../..');
let dirs: string[] = [];
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'registry-durability-'));
  dirs.push(dir);
  return dir;
}

/** Runs the crash child until it reports it is between write and rename, then SIGKILLs it. */
function crashMidWrite(dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/support/registry-crash-child.ts'), dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errText = '';
    child.stderr.on('data', (d: Buffer) => (errText += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /before-rename (\S+)\n/.exec(out);
      if (match) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      const temp = /before-rename (\S+)\n/.exec(out)?.[1];
      if (signal === 'SIGKILL' && temp) resolve(temp);
      else reject(new Error(`the child did not reach the crash point: ${errText.slice(-1500)}`));
    });
  });
}

describe('the account registry survives a crash mid-write', () => {
  it('keeps every committed account when the process dies between the synced temp file and the rename', async () => {
    const dataDir = tempDir();
    const temp = await crashMidWrite(dataDir);
    // The interrupted write left its complete temp file next to the intact registry.
    expect(existsSync(temp)).toBe(true);
    expect(JSON.parse(readFileSync(temp, 'utf8')).accounts).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(dataDir, REGISTRY_FILE), 'utf8')).accounts.map((a: { id: string }) => a.id)).toEqual(['icrypex-first']);

    const registry = new AccountRegistry(dataDir);
    expect(await registry.open()).toBeUndefined();
    expect(registry.list().map((a) => a.id)).toEqual(['icrypex-first']);
    expect(readdirSync(dataDir)).toEqual([REGISTRY_FILE]);
    await registry.add({ id: 'icrypex-third', exchange: 'icrypex', label: 'Third', mode: 'live', keyLast4: 'abcd', endpoints: {}, createdAt: 2 });
    expect(new Set(registry.list().map((a) => a.id))).toEqual(new Set(['icrypex-first', 'icrypex-third']));
  });
});

describe('a corrupt registry through the engine', () => {
  it('is kept aside byte for byte and reported, the engine starts, and the keys of the lost accounts are reported, not deleted', async () => {
    const dataDir = tempDir();
    const service = `keyboard-terminal-test-${randomBytes(6).toString('hex')}`;
    const secrets = createKeytarSecretStore({ service });
    // An account that existed before the file broke: its key is in the keychain.
    await secrets.set('icrypex-lost00', { apiKey: randomBytes(8).toString('hex'), apiSecret: randomBytes(32).toString('base64') });
    const garbage = '{"schemaVersion":1,"accounts":[{"id":"icrypex-lost00","exch';
    writeFileSync(join(dataDir, REGISTRY_FILE), garbage);

    harness = await startHarness({ dataDir, secretStore: secrets, connectorFactories: {} });
    const problems = await harness.value('accounts:problems', undefined);
    const setAside = problems.find((p) => p.kind === 'registry-set-aside');
    expect(setAside?.message).toMatch(/could not be read: it is not valid JSON/);
    expect(readFileSync(setAside!.file!, 'utf8')).toBe(garbage);
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'orphan-key', accountId: 'icrypex-lost00' }));
    expect(await harness.value('accounts:list', undefined)).toEqual([]);
    expect(await secrets.get('icrypex-lost00')).toMatchObject({ ok: true });
    expect(harness.logs.some((l) => l.includes('registry-set-aside'))).toBe(true);

    // The user clears the leftover key through accounts:remove.
    expect(await harness.value('accounts:remove', { accountId: 'icrypex-lost00' })).toEqual({ removed: true });
    expect(await secrets.list()).toEqual({ ok: true, value: [] });
  });
});
