// A stand-in for the `electron` module, preloaded into plain Node to run the BUILT main
// bundle (out/main/index.js) where no Electron binary exists. It records what the shell asks
// of Electron and, once the engine is up, drives the registered IPC handlers like a renderer
// would, then prints one `FAKE_ELECTRON_REPORT {json}` line and quits the app. The app://
// handler the shell registers is called with real `Request`s, the way Chromium would.
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
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
};
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
  getPath: () => userData,
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
  shell: { openExternal: (url: string) => void calls.openExternal.push(url) },
  // The allow-list of external hosts is empty: the dialog must never be reached.
  dialog: { showMessageBox: () => Promise.resolve({ response: (calls.dialogs++, 1) }) },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown) => void calls.privileged.push({ schemes, beforeReady: !ready }),
    handle: (scheme: string, fn: ProtocolHandler) => {
      calls.handled.push({ scheme, afterReady: ready });
      protocols.set(scheme, fn);
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

  report({
    webPreferences: window.options.webPreferences,
    info: await invoke('app:info', frame(own)),
    accounts: await invoke('accounts:list', frame(own)),
    forged,
    subFrame: await invoke('app:info', frame(own, false)),
    malformed: await invoke('app:ping', frame(own), { sentAt: 'soon' }),
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
