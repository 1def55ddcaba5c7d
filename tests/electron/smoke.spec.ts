import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkg from '../../package.json';
import { APP_ENTRY_URL } from '../../src/main/app-protocol';
import { findElectronBinary } from '../support/electron-binary';

const binary = findElectronBinary();
if ('missing' in binary) console.log(`electron smoke: SKIPPED, ${binary.missing}`);

test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

test('the packaged shell opens a hardened window that shows the app info', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'terminal-electron-'));
  const app = await electron.launch({
    executablePath: 'path' in binary ? binary.path : undefined,
    args: ['.', `--user-data-dir=${userData}`, '--no-sandbox'],
    cwd: join(__dirname, '../..'),
  });
  try {
    const page = await app.firstWindow();
    // Served by main over app://terminal/ (src/main/app-protocol.ts), never from file://.
    expect(page.url()).toBe(APP_ENTRY_URL);
    await expect(page.getByTestId('app-version')).toHaveText(`${pkg.productName} v${pkg.version}`);
    await expect(page.getByTestId('app-platform')).toContainText('electron');
    // No Node in the page, window.terminal is frozen, and window.open is denied.
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      frozen: Object.isFrozen(window.terminal),
      popup: window.open('https://example.com') === null,
      origin: location.origin,
      secure: window.isSecureContext,
    }));
    expect(globals).toEqual({ require: 'undefined', process: 'undefined', frozen: true, popup: true, origin: 'app://terminal', secure: true });
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  }
});
