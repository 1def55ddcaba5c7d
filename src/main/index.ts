import { app, BrowserWindow, ipcMain, Notification, protocol, type IpcMainInvokeEvent } from 'electron';
import { eventChannels, invokeChannels, type EventChannel, type EventOf } from '../shared';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { Engine, installLastResortHandlers } from './engine';
import { createHandle, type SenderInfo } from './ipc/handle';
import { createSenderPolicy } from './ipc/sender-policy';
import { builtPaths, createMainWindow } from './window';

// The Electron shell: lifecycle, windows and IPC wiring only. Everything else is the Engine.

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const paths = builtPaths(__dirname);
const rendererUrl = devServerUrl ?? APP_ENTRY_URL;
const knownContents = new Set<number>();
const log = (line: string) => console.log(`[main] ${line}`);
// First thing: a stray rejection or throw is logged and the app keeps running (issue 12).
installLastResortHandlers({ where: 'main', log: (line) => console.error(line) });

// Before ready, and only once (Electron's rule): app:// is a standard, secure scheme.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const engine = new Engine({
    name: app.getName(),
    version: app.getVersion(),
    platform: process.platform,
    host: 'electron',
    dataDir: app.getPath('userData'),
    log,
  });
  const handle = createHandle({
    handlers: engine.handlers,
    isTrustedSender: createSenderPolicy(rendererUrl, knownContents),
    checkResponses: !app.isPackaged,
    log,
  });
  let mainWindow: BrowserWindow | undefined;

  const senderOf = (event: IpcMainInvokeEvent): SenderInfo => ({
    id: event.sender.id,
    frameUrl: event.senderFrame?.url ?? '',
    isTopFrame: event.senderFrame !== null && event.senderFrame.parent === null,
  });

  // Registered once per channel for the life of the app, never per window.
  for (const channel of Object.keys(invokeChannels)) {
    ipcMain.handle(channel, (event, payload: unknown) => handle(channel, senderOf(event), payload));
  }

  engine.subscribe((channel: EventChannel, payload) => {
    if (!Object.hasOwn(eventChannels, channel)) return;
    if (channel === 'alerts:notification') showNative(payload as EventOf<'alerts:notification'>);
    for (const window of BrowserWindow.getAllWindows()) {
      if (knownContents.has(window.webContents.id)) window.webContents.send(channel, payload);
    }
  });

  // Fills and alerts reach the trader with the window hidden or minimised: an OS notification
  // from main (the page shows its own toast and plays the sound when it is in front).
  const showNative = (notice: EventOf<'alerts:notification'>) => {
    if (typeof Notification?.isSupported !== 'function' || !Notification.isSupported()) return;
    if (mainWindow && mainWindow.isFocused() && mainWindow.isVisible()) return;
    const native = new Notification({ title: notice.title, body: notice.body, silent: true });
    native.on('click', () => {
      if (!mainWindow) return openWindow();
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    });
    native.show();
  };

  const openWindow = () => {
    mainWindow = createMainWindow({ devServerUrl, preloadPath: paths.preloadPath, log });
    const contents = mainWindow.webContents;
    const id = contents.id;
    knownContents.add(id);
    // A reloaded or closed page drops its market streams (each renderer holds at most 64).
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) engine.releaseRenderer(id);
    });
    contents.on('destroyed', () => engine.releaseRenderer(id));
    mainWindow.on('closed', () => {
      knownContents.delete(id);
      mainWindow = undefined;
    });
  };

  app.on('second-instance', () => {
    if (!mainWindow) return openWindow();
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  // Close sockets and flush the registry before the process goes away.
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void engine.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });

  void app.whenReady().then(async () => {
    // The dev server serves the renderer in development; app:// serves the build otherwise.
    if (!devServerUrl) protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererDir, log));
    await engine.start();
    openWindow();
  });
}
