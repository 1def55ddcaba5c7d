import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

test('the shell sets its own menu, writes its log file, and remembers the window', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'terminal-electron-'));
  const launch = () =>
    electron.launch({
      executablePath: 'path' in binary ? binary.path : undefined,
      args: ['.', `--user-data-dir=${userData}`, '--no-sandbox'],
      cwd: join(__dirname, '../..'),
    });
  try {
    const app = await launch();
    const page = await app.firstWindow();
    await expect(page.getByTestId('app-version')).toBeVisible();
    // Issue 15: a menu of our own; unpackaged (this run) it keeps the development items.
    const menu = await app.evaluate(({ Menu }) => {
      const walk = (items: Electron.MenuItem[]): string[] => items.flatMap((i) => [i.role ?? i.id ?? i.label, ...walk(i.submenu?.items ?? [])]);
      return walk(Menu.getApplicationMenu()?.items ?? []);
    });
    expect(menu).toEqual(expect.arrayContaining(['copy', 'paste', 'zoom-in', 'show-logs', 'licenses', 'about']));
    expect(menu.join(' ')).not.toMatch(/learn more/i);
    // The window's bounds are saved on close and restored at the next start.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.setBounds({ x: 40, y: 40, width: 1100, height: 700 }));
    await app.close();
    expect(readFileSync(join(userData, 'logs/main.log'), 'utf8')).toMatch(/\[main\] started Keyboard Terminal/);
    expect(existsSync(join(userData, 'shell-state.json'))).toBe(true);
    const again = await launch();
    await again.firstWindow();
    const bounds = await again.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getNormalBounds());
    expect({ width: bounds.width, height: bounds.height }).toEqual({ width: 1100, height: 700 });
    await again.close();
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
});
