import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUSES } from '../../electron-builder';
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES } from '../../src/main/app-protocol';
import { invokeChannels } from '../../src/shared';

// The Electron glue cannot run here (no binary), so run the BUILT main bundle in plain Node
// with a stand-in `electron` module (tests/support/fake-electron.ts). This proves what type
// checks cannot: the bundle loads, registers each channel once, builds the hardened window,
// points at a preload that exists, starts the engine and answers through handle().

const root = join(__dirname, '../..');
const hasKeyring = process.platform === 'linux' && ['dbus-run-session', 'gnome-keyring-daemon'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);
let outDir = '';

/** Runs the built main bundle in its own D-Bus session and throwaway keyring; answers the report. */
function runShell(env: Record<string, string> = {}, seed: Record<string, string> = {}): Record<string, unknown> {
  const home = mkdtempSync(join(tmpdir(), 'shell-keyring-'));
  mkdirSync(join(home, 'user-data'), { recursive: true });
  for (const [name, text] of Object.entries(seed)) writeFileSync(join(home, 'user-data', name), text);
  const script = `printf throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "${process.execPath}" --require tsx/cjs --require ./tests/support/fake-electron.ts "${join(outDir, 'main/index.js')}"`;
  const run = spawnSync('dbus-run-session', ['--', 'sh', '-c', script], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: home, FAKE_ELECTRON_USER_DATA: join(home, 'user-data') },
  });
  rmSync(home, { recursive: true, force: true });
  const line = run.stdout.split('\n').find((l) => l.startsWith('FAKE_ELECTRON_REPORT '));
  if (!line) throw new Error(`no report from the shell (status ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return { ...(JSON.parse(line.slice('FAKE_ELECTRON_REPORT '.length)) as Record<string, unknown>), stdout: run.stdout };
}

describe.skipIf(!hasKeyring)('the built Electron shell (main bundle under a stand-in electron)', () => {
  let report: Record<string, unknown>;

  beforeAll(() => {
    // Inside the project, so the bundle resolves its production dependencies from node_modules.
    mkdirSync(join(root, 'test-results'), { recursive: true });
    outDir = mkdtempSync(join(root, 'test-results', 'shell-out-'));
    const built = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', outDir], { cwd: root, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    // Last run, the window was on a second monitor (x 2000) that is gone now, zoomed to 125 %.
    const saved = { window: { bounds: { x: 2000, y: 100, width: 1300, height: 800 }, maximized: false, fullScreen: false, zoomFactor: 1.25 }, askBeforeClosingWithOpenOrders: true };
    report = runShell({}, { 'shell-state.json': JSON.stringify(saved) });
  }, 120_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('registers every contract channel exactly once', () => {
    const registered = report['registered'] as string[];
    expect([...registered].sort()).toEqual(Object.keys(invokeChannels).sort());
  });

  it('opens one window with the hardened preferences and a preload that exists', () => {
    const prefs = report['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, devTools: false });
    expect(existsSync(String(prefs['preload']))).toBe(true);
    const calls = report['calls'] as { loadFile: string[]; loadURL: string[]; navigationBlocked: boolean; popupAction: string; permission: boolean };
    expect(calls).toMatchObject({ loadFile: [], loadURL: [APP_ENTRY_URL], navigationBlocked: true, popupAction: 'deny', permission: false });
  });

  it('denies and logs links that would leave the app, without asking or opening anything', () => {
    expect(report['calls']).toMatchObject({ openExternal: [], dialogs: 0 });
    // A packaged app logs to its file (<data>/logs/main.log), not to a console nobody sees.
    const denied = String(report['logText']).split('\n').filter((l) => l.includes('link: denied "https://example.com/"'));
    expect(denied).toHaveLength(2); // the navigation and the popup
  });

  it('registers app:// as a standard, secure scheme before ready and serves it after', () => {
    expect(report['calls']).toMatchObject({
      privileged: [{ schemes: [{ scheme: 'app', privileges: APP_SCHEME_PRIVILEGES }], beforeReady: true }],
      handled: [{ scheme: 'app', afterReady: true }],
    });
  });

  it('serves the built renderer over app:// with its CSP and MIME types, and nothing outside it', () => {
    const served = report['served'] as Record<string, { status: number; type: string; body?: string; path?: string }>;
    expect(served['index']).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(served['index']!.body).toContain(`content="default-src 'none'; script-src 'self'`);
    expect(served['script']).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', path: expect.stringMatching(/^assets\/.+\.js$/) });
    expect(served['mainBundle']).toMatchObject({ status: 403 });
    expect(served['mainBundle']!.body).not.toContain('ipcMain');
    expect(served['otherHost']).toMatchObject({ status: 404 });
  });

  it('packs with the file:// privileges fuse off, since nothing loads from file://', () => {
    expect(FUSES.grantFileProtocolExtraPrivileges).toBe(false);
    expect((report['calls'] as { loadFile: string[] }).loadFile).toEqual([]);
  });

  it('starts the engine in demo mode and answers our own page through handle()', () => {
    expect(report['info']).toMatchObject({ ok: true, value: { host: 'electron', mode: 'demo', version: '0.1.0' } });
    const accounts = report['accounts'] as { ok: boolean; value: Array<{ mode: string; exchange: string }> };
    expect(accounts.ok).toBe(true);
    expect(accounts.value.map((a) => `${a.exchange}:${a.mode}`).sort()).toEqual(['cryptocom-exchange:demo', 'cryptocom:demo', 'icrypex:demo']);
  });

  it('refuses a forged origin (file:// on another host, our old file:// URL, another app:// host) on every channel', () => {
    const forged = report['forged'] as Record<string, Record<string, { ok: boolean; error?: { code: string } }>>;
    expect(Object.keys(forged)).toHaveLength(3);
    for (const [url, answers] of Object.entries(forged)) {
      expect(Object.keys(answers).sort(), url).toEqual(Object.keys(invokeChannels).sort());
      for (const [channel, answer] of Object.entries(answers)) expect(answer, `${channel} from ${url}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
  });

  it('refuses sub-frames and malformed payloads with the right codes', () => {
    expect(report['subFrame']).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(report['malformed']).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'sentAt' } });
  });

  it('sets a menu with no reload, force-reload or devtools in a packaged build, and the Help items', () => {
    const menu = report['menu'] as string[];
    expect(menu).toEqual(expect.arrayContaining(['copy', 'paste', 'zoom-in', 'zoom-out', 'zoom-reset', 'show-logs', 'licenses', 'about', 'ask-before-closing']));
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) expect(menu).not.toContain(role);
  });

  it('restores the saved window clamped onto a display that still exists, with its zoom, and saves it on close', () => {
    // The fake screen is one 1440x875 display: the window comes back onto it, whole.
    expect(report['bounds']).toEqual({ x: 140, y: 75, width: 1300, height: 800 });
    expect((report['calls'] as { zoom: number[] }).zoom[0]).toBe(1.25);
    expect(report['shellState']).toEqual({ window: { bounds: { x: 140, y: 75, width: 1300, height: 800 }, maximized: false, fullScreen: false, zoomFactor: 1.25 }, askBeforeClosingWithOpenOrders: true });
  });

  it('writes its log to the data folder, crash reports stay local, and a renderer crash is logged and offered a reload', () => {
    const calls = report['calls'] as { crashReporter: unknown[]; messageBoxes: string[]; reloads: number; proxyResolver: boolean };
    expect(calls.crashReporter).toEqual([{ uploadToServer: false }]);
    expect(calls.messageBoxes).toContain('Window stopped');
    expect(calls.reloads).toBe(1);
    const logText = String(report['logText']);
    expect(logText).toMatch(/\[main\] started Keyboard Terminal 0\.1\.0/);
    expect(logText).toMatch(/\[main\] renderer process gone: crashed \(exit code 139\)/);
  });

  it("runs demo mode's exchanges in a utility process of their own, from the built sim-host entry (issue 19 #4)", () => {
    const calls = report['calls'] as { utilityProcesses: string[]; utilityProcessesAtFirstWindow: number };
    expect(calls.utilityProcesses).toEqual(['Demo exchanges']);
    // The window opened before the simulators' process started: demo mode never holds up the window.
    expect(calls.utilityProcessesAtFirstWindow).toBe(0);
    expect(existsSync(join(outDir, 'main/sim-host.js'))).toBe(true);
    // The demo accounts point at the simulators that process started.
    const accounts = report['accounts'] as { value: Array<{ endpoints?: { rest: string } }> };
    expect(accounts.value).toHaveLength(3);
    for (const account of accounts.value) expect(account.endpoints?.rest).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
  });

  it("asks the session's proxy resolver (the OS settings) for the demo's exchange traffic", () => {
    expect((report['calls'] as { proxyResolver: boolean }).proxyResolver).toBe(true);
  });

  it('saves an export through the native save dialog, and refuses a file name that names a folder', () => {
    expect(report['exported']).toEqual({ ok: true, value: { saved: true, fileName: 'exported.csv' } });
    expect(report['exportedText']).toBe('a,b\r\n1,2\r\n');
    expect((report['calls'] as { saveDialogs: string[] }).saveDialogs[0]).toMatch(/Documents[\\/]order-history\.csv$/);
    expect(report['refusedExport']).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'fileName' } });
  });

  it('builds a preload without zod, and minified bundles (issue 15, must-have 9)', () => {
    const preload = readFileSync(join(outDir, 'preload/index.js'), 'utf8');
    expect(preload.length).toBeLessThan(8_000); // was 212 KB with zod inside
    expect(preload).not.toMatch(/zod|ZodError|safeParse/);
    // Every channel name is in it, written in at build time from the contract.
    for (const channel of Object.keys(invokeChannels)) expect(preload).toContain(channel);
    const renderer = readdirSync(join(outDir, 'renderer/assets')).find((f) => f.endsWith('.js'))!;
    for (const bundle of [join(outDir, 'main/index.js'), join(outDir, 'renderer/assets', renderer)]) {
      const text = readFileSync(bundle, 'utf8');
      // Minified: long lines, not one statement per line.
      expect(statSync(bundle).size / text.split('\n').length, bundle).toBeGreaterThan(1_000);
    }
  });

  it('quits at once without a window when another instance holds the lock', () => {
    const locked = runShell({ FAKE_ELECTRON_LOCKED: '1' });
    expect(locked).toMatchObject({ windows: 0, registered: [], calls: { quit: 1, handled: [] } });
  });
});
