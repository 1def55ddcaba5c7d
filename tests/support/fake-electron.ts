// A stand-in for the `electron` module, preloaded into plain Node to run the BUILT main
// bundle (out/main/index.js) where no Electron binary exists. It records what the shell asks
// of Electron and, once the engine is up, drives the registered IPC handlers like a renderer
// would, then prints one `FAKE_ELECTRON_REPORT {json}` line and quits the app.
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;

const registered: string[] = [];
const handlers = new Map<string, Handler>();
const windows: FakeWindow[] = [];
const calls = { quit: 0, openExternal: 0, loadFile: [] as string[], navigationBlocked: false, popupAction: '', permission: true };
const userData = process.env['FAKE_ELECTRON_USER_DATA'] ?? mkdtempSync(join(tmpdir(), 'fake-electron-'));

class FakeContents extends EventEmitter {
  readonly id = 1;
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly session = {
    setPermissionRequestHandler: (fn: (c: unknown, p: string, cb: (allow: boolean) => void) => void) =>
      fn(this, 'media', (allow) => (calls.permission = allow)),
    setPermissionCheckHandler: () => {},
  };
  send(): void {}
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }): void {
    this.openHandler = fn;
  }
}

class FakeWindow extends EventEmitter {
  readonly webContents = new FakeContents();
  constructor(readonly options: { webPreferences: Record<string, unknown> }) {
    super();
    windows.push(this);
  }
  loadFile(file: string): Promise<void> {
    calls.loadFile.push(file);
    return Promise.resolve();
  }
  loadURL(): Promise<void> {
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
  getPath: () => userData,
  requestSingleInstanceLock: () => process.env['FAKE_ELECTRON_LOCKED'] !== '1',
  whenReady: () => Promise.resolve(),
  quit: () => {
    calls.quit++;
    if (process.env['FAKE_ELECTRON_LOCKED'] === '1') report({ windows: windows.length });
  },
});

const fake = {
  app,
  BrowserWindow: FakeWindow,
  shell: { openExternal: () => void calls.openExternal++ },
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

async function drive(): Promise<void> {
  const window = windows[0];
  if (!window) return report({ error: 'no window was created' });
  const contents = window.webContents;
  const frame = (url: string, top = true) => ({ sender: { id: contents.id }, senderFrame: { url, parent: top ? null : {} } });
  const own = `file://${calls.loadFile[0]}`;
  const invoke = (channel: string, event: unknown, payload?: unknown) => handlers.get(channel)!(event, payload);

  const navigation = { preventDefault: () => (calls.navigationBlocked = true) };
  contents.emit('will-navigate', navigation, 'https://example.com/');
  calls.popupAction = contents.openHandler?.({ url: 'https://example.com/' }).action ?? 'none';

  report({
    webPreferences: window.options.webPreferences,
    info: await invoke('app:info', frame(own)),
    accounts: await invoke('accounts:list', frame(own)),
    foreignFile: await invoke('app:info', frame('file:///tmp/evil.html')),
    subFrame: await invoke('app:info', frame(own, false)),
    malformed: await invoke('app:ping', frame(own), { sentAt: 'soon' }),
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
