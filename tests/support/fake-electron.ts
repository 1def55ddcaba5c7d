// A stand-in for the `electron` module, preloaded into plain Node to run the BUILT main
// bundle (out/main/index.js) where no Electron binary exists. It records what the shell asks
// of Electron and, once the engine is up, drives the registered IPC handlers like a renderer
// would, then prints one `FAKE_ELECTRON_REPORT {json}` line and quits the app. The app://
// handler the shell registers is called with real `Request`s, the way Chromium would.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invokeChannels } from '../../src/shared';

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;

const registered: string[] = [];
const handlers = new Map<string, Handler>();
const windows: FakeWindow[] = [];
type ProtocolHandler = (request: Request) => Promise<Response>;
const protocols = new Map<string, ProtocolHandler>();
let ready = false;
const calls = {
  quit: 0,
  openExternal: [] as string[],
  dialogs: 0,
  loadFile: [] as string[],
  loadURL: [] as string[],
  privileged: [] as Array<{ schemes: unknown; beforeReady: boolean }>,
  handled: [] as Array<{ scheme: string; afterReady: boolean }>,
  navigationBlocked: false,
  popupAction: '',
  permission: true,
  /** Titles of the message boxes shown (the link dialog is counted in `dialogs` too). */
  messageBoxes: [] as string[],
  menu: undefined as unknown,
  crashReporter: [] as unknown[],
  reloads: 0,
  zoom: [] as number[],
  saveDialogs: [] as string[],
  proxyResolver: false,
  /** Service names of the utility processes the shell started. */
  utilityProcesses: [] as string[],
  /** How many utility processes had started when the first window opened (the window must not wait for demo mode). */
  utilityProcessesAtFirstWindow: -1,
};
/** The displays the fake screen reports: one laptop screen (a saved second monitor is gone). */
const DISPLAY = { x: 0, y: 0, width: 1440, height: 875 };
const userData = process.env['FAKE_ELECTRON_USER_DATA'] ?? mkdtempSync(join(tmpdir(), 'fake-electron-'));

class FakeContents extends EventEmitter {
  readonly id = 1;
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly session = {
    setPermissionRequestHandler: (fn: (c: unknown, p: string, cb: (allow: boolean) => void) => void) =>
      fn(this, 'media', (allow) => (calls.permission = allow)),
    setPermissionCheckHandler: () => {},
  };
  private zoomFactor = 1;
  send(): void {}
  reload(): void {
    calls.reloads++;
  }
  getZoomFactor(): number {
    return this.zoomFactor;
  }
  setZoomFactor(factor: number): void {
    this.zoomFactor = factor;
    calls.zoom.push(factor);
  }
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }): void {
    this.openHandler = fn;
  }
}

class FakeWindow extends EventEmitter {
  readonly webContents = new FakeContents();
  destroyed = false;
  constructor(readonly options: { webPreferences: Record<string, unknown>; x: number; y: number; width: number; height: number }) {
    super();
    if (windows.length === 0) calls.utilityProcessesAtFirstWindow = calls.utilityProcesses.length;
    windows.push(this);
  }
  getNormalBounds() {
    const { x, y, width, height } = this.options;
    return { x, y, width, height };
  }
  isMaximized(): boolean {
    return false;
  }
  isFullScreen(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  maximize(): void {}
  setFullScreen(): void {}
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroyed = true;
    this.emit('closed');
  }
  loadFile(file: string): Promise<void> {
    calls.loadFile.push(file);
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    calls.loadURL.push(url);
    return Promise.resolve();
  }
  static getAllWindows(): FakeWindow[] {
    return windows;
  }
}

const app = Object.assign(new EventEmitter(), {
  isPackaged: true,
  getName: () => 'Keyboard Terminal',
  getVersion: () => '0.1.0',
  getPath: (name: string) => (name === 'documents' ? join(userData, 'Documents') : userData),
  requestSingleInstanceLock: () => process.env['FAKE_ELECTRON_LOCKED'] !== '1',
  whenReady: () => Promise.resolve().then(() => void (ready = true)),
  quit: () => {
    calls.quit++;
    if (process.env['FAKE_ELECTRON_LOCKED'] === '1') report({ windows: windows.length });
  },
});

const fake = {
  app,
  BrowserWindow: FakeWindow,
  shell: { openExternal: (url: string) => void calls.openExternal.push(url), openPath: () => Promise.resolve('') },
  // The link dialog must never be reached (no test link is on the allow-list); the crash dialog
  // answers "Reload" (0), the open-orders question "Close anyway" (1).
  dialog: {
    showMessageBox: (...args: unknown[]) => {
      const options = args.at(-1) as { title?: string };
      calls.messageBoxes.push(options.title ?? '');
      if (options.title === 'Open link') calls.dialogs++;
      return Promise.resolve({ response: options.title === 'Window stopped' ? 0 : 1 });
    },
    showSaveDialog: (...args: unknown[]) => {
      const options = args.at(-1) as { defaultPath: string };
      calls.saveDialogs.push(options.defaultPath);
      return Promise.resolve({ canceled: false, filePath: join(userData, 'exported.csv') });
    },
  },
  crashReporter: { start: (options: unknown) => void calls.crashReporter.push(options) },
  Menu: {
    buildFromTemplate: (template: unknown) => template,
    setApplicationMenu: (menu: unknown) => void (calls.menu = menu),
  },
  nativeTheme: { shouldUseDarkColors: true },
  screen: { getPrimaryDisplay: () => ({ workArea: DISPLAY }), getAllDisplays: () => [{ workArea: DISPLAY }] },
  session: { defaultSession: { resolveProxy: () => ((calls.proxyResolver = true), Promise.resolve('DIRECT')) } },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown) => void calls.privileged.push({ schemes, beforeReady: !ready }),
    handle: (scheme: string, fn: ProtocolHandler) => {
      calls.handled.push({ scheme, afterReady: ready });
      protocols.set(scheme, fn);
    },
  },
  // A utility process is an OS process with a message port; a forked Node child stands in
  // (the host script reads `process.send` when it has no `process.parentPort`).
  utilityProcess: {
    fork(modulePath: string, args: string[] = [], options: { serviceName?: string } = {}) {
      calls.utilityProcesses.push(options.serviceName ?? modulePath);
      const child = fork(modulePath, args, { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const wrapper = Object.assign(new EventEmitter(), {
        get pid() {
          return child.pid;
        },
        postMessage: (message: unknown) => void (child.connected && child.send(message as object)),
        kill: () => child.kill('SIGKILL'),
      });
      child.on('spawn', () => wrapper.emit('spawn'));
      child.on('message', (message) => wrapper.emit('message', message));
      child.on('exit', (code) => wrapper.emit('exit', code ?? 1));
      child.on('error', () => undefined);
      return wrapper;
    },
  },
  ipcMain: {
    handle(channel: string, fn: Handler) {
      registered.push(channel);
      handlers.set(channel, fn);
    },
  },
};

const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load = function (request, ...rest) {
  return request === 'electron' ? fake : load.call(this, request, ...rest);
};

function report(data: Record<string, unknown>): void {
  console.log(`FAKE_ELECTRON_REPORT ${JSON.stringify({ registered, calls, ...data })}`);
  process.exit(0);
}

/** Waits for a condition the shell reaches asynchronously (never a fixed delay); gives up after 10 s. */
async function until(done: () => boolean): Promise<void> {
  const started = Date.now();
  while (!done() && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
}

/** What the app:// handler answered: status, type and the first bytes of the body. */
async function fetchApp(url: string) {
  const handler = protocols.get('app');
  if (!handler) return { status: 0, type: '', body: '' };
  const response = await handler(new Request(url));
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.text()).slice(0, 4000) };
}

async function drive(): Promise<void> {
  const window = windows[0];
  if (!window) return report({ error: 'no window was created' });
  const contents = window.webContents;
  const frame = (url: string, top = true) => ({ sender: { id: contents.id }, senderFrame: { url, parent: top ? null : {} } });
  const own = calls.loadURL[0] ?? '';
  const invoke = (channel: string, event: unknown, payload?: unknown) => handlers.get(channel)!(event, payload);

  // The page loaded (Chromium would say so): the shell applies the saved zoom.
  contents.emit('did-finish-load');

  // Both leave the app: the link policy denies them (its allow-list is empty) and logs it.
  const navigation = { preventDefault: () => (calls.navigationBlocked = true) };
  contents.emit('will-navigate', navigation, 'https://example.com/');
  calls.popupAction = contents.openHandler?.({ url: 'https://example.com/' }).action ?? 'none';

  const index = await fetchApp(own);
  const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(index.body)?.[1] ?? 'missing.js';
  const forged: Record<string, Record<string, unknown>> = {};
  const rendererDir = join(String(window.options.webPreferences['preload']), '../../renderer');
  for (const url of [`file://evil-host${rendererDir}/index.html`, `file://${rendererDir}/index.html`, 'app://evil/index.html']) {
    const answers: Record<string, unknown> = {};
    for (const channel of Object.keys(invokeChannels)) answers[channel] = await invoke(channel, frame(url), {});
    forged[url] = answers;
  }

  // A menu without reload or devtools (packaged), as plain data: roles and labels.
  type Item = { label?: string; role?: string; id?: string; submenu?: Item[] };
  const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);
  const menu = flat((calls.menu as Item[] | undefined) ?? []).map((i) => i.role ?? i.id ?? i.label);

  // The page dies: the shell logs it and offers a reload, which reloads.
  contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
  await until(() => calls.reloads > 0);

  const exported = await invoke('app:save-export', frame(own), { fileName: 'order-history.csv', csv: 'a,b\r\n1,2\r\n' });
  const exportedText = existsSync(join(userData, 'exported.csv')) ? readFileSync(join(userData, 'exported.csv'), 'utf8') : '';
  const refusedExport = await invoke('app:save-export', frame(own), { fileName: '../../.bashrc', csv: 'x' });
  // Asked while the window is open (a closed window's page is no longer trusted).
  const answers = {
    info: await invoke('app:info', frame(own)),
    accounts: await invoke('accounts:list', frame(own)),
    subFrame: await invoke('app:info', frame(own, false)),
    malformed: await invoke('app:ping', frame(own), { sentAt: 'soon' }),
  };

  // Closing the window: the guard counts open orders (none in a fresh demo), then the state is saved.
  // The state file read at start goes first, so its reappearance is this close's save.
  const stateFile = join(userData, 'shell-state.json');
  rmSync(stateFile, { force: true });
  window.close();
  await until(() => existsSync(stateFile));
  const logFile = join(userData, 'logs', 'main.log');

  report({
    bounds: window.getNormalBounds(),
    menu,
    exported,
    exportedText,
    refusedExport,
    shellState: existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : undefined,
    logText: existsSync(logFile) ? readFileSync(logFile, 'utf8') : '',
    webPreferences: window.options.webPreferences,
    ...answers,
    forged,
    served: {
      index,
      script: { path: script, ...(await fetchApp(`app://terminal/${script}`)), body: undefined },
      mainBundle: await fetchApp('app://terminal/..%2fmain%2findex.js'),
      otherHost: await fetchApp('app://evil/index.html'),
    },
  });
}

// The shell opens its window once the engine has started; poll for it rather than guess a delay.
const started = Date.now();
const timer = setInterval(() => {
  if (windows.length > 0 || Date.now() - started > 20_000) {
    clearInterval(timer);
    void drive();
  }
}, 20);
timer.unref();
