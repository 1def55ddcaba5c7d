import { app, BrowserWindow, crashReporter, dialog, ipcMain, Menu, Notification, protocol, session, shell, utilityProcess, type IpcMainInvokeEvent } from 'electron';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { err, eventChannels, invokeChannels, ok, type EventChannel, type EventOf } from '../shared';
import { noticesText, TRADINGVIEW_URL } from '../shared/notices';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { Engine, installLastResortHandlers, processSimulators, simHostPath, utilitySimHost } from './engine';
import { createHandle, type SenderInfo } from './ipc/handle';
import { createSenderPolicy } from './ipc/sender-policy';
import { configureNetwork } from './net/proxy';
import { createFileLog } from './shell/file-log';
import { buildMenuTemplate } from './shell/menu';
import { createCloseGuard, describeGone } from './shell/recovery';
import { loadShellState, saveShellState, stepZoom, type ShellState } from './shell/window-state';
import { builtPaths, createMainWindow, currentWindowState } from './window';

// The Electron shell: lifecycle, windows, menu and IPC wiring only. Everything else is the Engine.

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const paths = builtPaths(__dirname);
const rendererUrl = devServerUrl ?? APP_ENTRY_URL;
const knownContents = new Set<number>();
const dataDir = app.getPath('userData');
// Every line also goes to <data>/logs/main.log (rotated, redacted): a packaged app has no console.
const fileLog = createFileLog({ dataDir, name: 'main', echo: !app.isPackaged });
const log = (line: string) => fileLog.write(`[main] ${line}`);
// First thing: a stray rejection or throw is logged and the app keeps running (issue 12).
installLastResortHandlers({ where: 'main', log: (line) => fileLog.error(line) });
// Local-only crash reports (minidumps in the data folder's Crashpad folder); nothing is uploaded.
crashReporter.start({ uploadToServer: false });

// Before ready, and only once (Electron's rule): app:// is a standard, secure scheme.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  let shellState: ShellState = { askBeforeClosingWithOpenOrders: true };
  let saving: Promise<void> = Promise.resolve();
  const saveState = (patch: Partial<ShellState>) => {
    shellState = { ...shellState, ...patch };
    const next = shellState;
    saving = saving.then(() => saveShellState(dataDir, next)).catch((cause: unknown) => log(`shell: state not saved: ${String(cause)}`));
  };

  const engine = new Engine({
    name: app.getName(),
    version: app.getVersion(),
    platform: process.platform,
    host: 'electron',
    dataDir,
    log,
    // Demo mode's exchanges in a utility process of their own (engine/simulators.ts, issue 19 #4).
    simulators: processSimulators(utilitySimHost(utilityProcess, simHostPath(__dirname)), {
      onCrash: (code) => log(`demo: the simulated exchanges stopped (${code === null ? 'killed' : `exit code ${code}`}); their markets show as down`),
    }),
    // Exports: the native save dialog, then exactly the text the renderer built (issue 15, must-have 7).
    saveExport: async ({ fileName, csv }) => {
      const options = { defaultPath: join(app.getPath('documents'), fileName), filters: [{ name: 'CSV', extensions: ['csv'] }] };
      const answer = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      if (answer.canceled || !answer.filePath) return ok({ saved: false });
      try {
        await writeFile(answer.filePath, csv, 'utf8');
      } catch (cause) {
        return err('INTERNAL', `the file could not be written: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      log(`export: wrote ${csv.length} characters to ${basename(answer.filePath)}`);
      return ok({ saved: true, fileName: basename(answer.filePath) });
    },
  });
  const handle = createHandle({
    handlers: engine.handlers,
    isTrustedSender: createSenderPolicy(rendererUrl, knownContents),
    checkResponses: !app.isPackaged,
    log,
  });

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

  // Closing with open orders asks first (they stay on the exchanges, unwatched); the trader can turn it off.
  const mayClose = createCloseGuard({
    enabled: () => shellState.askBeforeClosingWithOpenOrders,
    openOrders: async () => {
      const open = await engine.handlers['orders:open']?.({});
      // An account that could not be read makes the count unknown, so the question says so.
      return open?.ok && open.value.gaps.length === 0 ? open.value.rows.length : undefined;
    },
    ask: async (message, detail) => {
      const options = { type: 'question' as const, buttons: ['Cancel', 'Close anyway'], defaultId: 0, cancelId: 0, title: 'Open orders', message, detail };
      const answer = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
      return answer.response === 1;
    },
  });
  let closeConfirmed = false;
  const confirmThen = (proceed: () => void) => {
    void mayClose().then((yes) => {
      if (!yes) return log('close: cancelled by the trader (open orders)');
      closeConfirmed = true;
      proceed();
    });
  };

  const openWindow = () => {
    mainWindow = createMainWindow({ devServerUrl, preloadPath: paths.preloadPath, log, saved: shellState.window });
    const window = mainWindow;
    const contents = window.webContents;
    const id = contents.id;
    knownContents.add(id);
    // A reloaded or closed page drops its market streams (each renderer holds at most 64).
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) engine.releaseRenderer(id);
    });
    contents.on('destroyed', () => engine.releaseRenderer(id));
    window.on('close', (event) => {
      // The last window on Windows and Linux quits the app: ask first when orders are open.
      if (!closeConfirmed && process.platform !== 'darwin') {
        event.preventDefault();
        return confirmThen(() => window.close());
      }
      saveState({ window: currentWindowState(window) });
    });
    window.on('closed', () => {
      knownContents.delete(id);
      mainWindow = undefined;
    });
  };

  const showMessage = (title: string, message: string, detail: string) => {
    const options = { type: 'info' as const, buttons: ['OK'], title, message, detail };
    void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
  };
  const installMenu = () => {
    const template = buildMenuTemplate({
      appName: app.getName(),
      platform: process.platform,
      packaged: app.isPackaged,
      askBeforeClosing: shellState.askBeforeClosingWithOpenOrders,
      actions: {
        zoom: (direction) => {
          const contents = mainWindow?.webContents;
          if (!contents) return;
          contents.setZoomFactor(stepZoom(contents.getZoomFactor(), direction));
          if (mainWindow) saveState({ window: currentWindowState(mainWindow) });
        },
        showLogs: () => void shell.openPath(fileLog.dir).then((problem) => problem && log(`shell: could not open the logs folder: ${problem}`)),
        showAbout: () =>
          showMessage(
            `About ${app.getName()}`,
            `${app.getName()} ${app.getVersion()}`,
            `Electron ${process.versions.electron}\nChromium ${process.versions.chrome}\nNode.js ${process.versions.node}\nV8 ${process.versions.v8}\n${process.platform} ${process.arch}`,
          ),
        showLicenses: () => showMessage('Licenses', 'Third-party software in this app', `${noticesText()}\n\nCharts by TradingView: ${TRADINGVIEW_URL}`),
        setAskBeforeClosing: (checked) => saveState({ askBeforeClosingWithOpenOrders: checked }),
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
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

  // GPU, network service and other helpers: logged (the renderer's own end is handled per window).
  app.on('child-process-gone', (_event, details) => log(describeGone('child', details)));

  // Close sockets, save the window and flush the registry before the process goes away.
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    // Cmd+Q on macOS (the window may stay open or be gone): the same question first.
    if (!closeConfirmed) return confirmThen(() => app.quit());
    if (mainWindow && !mainWindow.isDestroyed()) saveState({ window: currentWindowState(mainWindow) });
    void Promise.all([engine.stop(), saving]).finally(() => {
      stopped = true;
      app.quit();
    });
  });

  void app.whenReady().then(async () => {
    // Exchange traffic follows the OS proxy settings (PAC included), like the browser does.
    configureNetwork({ resolveProxy: (url) => session.defaultSession.resolveProxy(url) });
    // The dev server serves the renderer in development; app:// serves the build otherwise.
    if (!devServerUrl) protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererDir, log));
    shellState = await loadShellState(dataDir, log);
    installMenu();
    // The window does not wait for the engine (demo accounts, simulators): every call the page
    // makes waits until the engine has loaded, so the shell draws while demo mode starts.
    const starting = engine.start();
    openWindow();
    await starting;
    log(`started ${app.getName()} ${app.getVersion()} (Electron ${process.versions.electron}); logs in ${fileLog.dir}`);
  });
}
