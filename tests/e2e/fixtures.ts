import { test as base, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkg from '../../package.json';
import { startBrowserHost, type BrowserHost } from '../../src/browser-host/server/host';
import { Engine } from '../../src/main/engine';

interface HostFixture {
  host: BrowserHost;
  engine: Engine;
}

/** One engine and browser host per worker, with its own throwaway data folder. */
export const test = base.extend<object, { terminal: HostFixture }>({
  terminal: [
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'terminal-e2e-'));
      const engine = new Engine({
        name: pkg.productName,
        version: pkg.version,
        platform: process.platform,
        host: 'browser-host',
        dataDir,
      });
      await engine.start();
      const host = await startBrowserHost({ engine });
      await use({ host, engine });
      await host.close();
      await engine.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

export { expect };
