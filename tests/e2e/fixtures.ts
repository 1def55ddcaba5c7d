import { test as base, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkg from '../../package.json';
import { startBrowserHost, type BrowserHost } from '../../src/browser-host/server/host';
import { Engine } from '../../src/main/engine';
import { createKeytarSecretStore } from '../../src/main/secrets';

interface HostFixture {
  host: BrowserHost;
  engine: Engine;
}

/** One engine and browser host per worker, with its own throwaway data folder. */
export const test = base.extend<object, { terminal: HostFixture }>({
  terminal: [
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'terminal-e2e-'));
      // A keychain service of its own, emptied afterwards: demo keys never outlive the run.
      const secretStore = createKeytarSecretStore({ service: `keyboard-terminal-e2e-${process.pid}-${Date.now()}` });
      const engine = new Engine({
        name: pkg.productName,
        version: pkg.version,
        platform: process.platform,
        host: 'browser-host',
        dataDir,
        secretStore,
      });
      await engine.start();
      const host = await startBrowserHost({ engine });
      await use({ host, engine });
      await host.close();
      await engine.stop();
      const keys = await secretStore.list();
      if (keys.ok) for (const id of keys.value) await secretStore.delete(id);
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

export { expect };
