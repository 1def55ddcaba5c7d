import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../tests/support/memory-secret-store';
import { startHarness, type Harness } from '../../../tests/support/engine-harness';
import { REGISTRY_FILE } from '../accounts/registry';
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

  it('pushes settings:changed when the settings are saved', async () => {
    h = await startHarness({ secretStore: new MemorySecretStore() });
    const saved = await h.value('settings:set', { readOnly: true });
    expect(h.events).toContainEqual({ channel: 'settings:changed', payload: saved });
  });
});
