import { BrowserWindow, dialog, nativeTheme, screen, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { APP_ENTRY_URL } from './app-protocol';
import { createExternalLinkPolicy, type LinkOutcome } from './external-links';
import { createRendererRecovery } from './shell/recovery';
import { MIN_SIZE, restoreBounds, type WindowState } from './shell/window-state';

export interface WindowOptions {
  /** Dev-server URL in development, undefined in production (app://terminal/ is loaded). */
  devServerUrl: string | undefined;
  preloadPath: string;
  log: (line: string) => void;
  /** Where the window was when it last closed (restored, clamped onto a display that exists). */
  saved: WindowState | undefined;
}

/** The window's state as it is now, to save when it closes (normal bounds, so un-maximising lands right). */
export function currentWindowState(window: BrowserWindow): WindowState {
  const bounds = window.getNormalBounds();
  return {
    bounds: { x: Math.round(bounds.x), y: Math.round(bounds.y), width: Math.round(bounds.width), height: Math.round(bounds.height) },
    maximized: window.isMaximized(),
    fullScreen: window.isFullScreen(),
    zoomFactor: window.webContents.getZoomFactor(),
  };
}

/**
 * The whole security posture of a window, on one screen (style.md §8, architecture.md
 * "three rules"). The CSP itself is a meta tag written into index.html at build time
 * (electron.vite.config.ts), strict in production and looser only for Vite's dev server.
 */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  // The primary display first: a window whose display is gone lands there.
  const bounds = restoreBounds(options.saved?.bounds, [screen.getPrimaryDisplay().workArea, ...screen.getAllDisplays().map((d) => d.workArea)]);
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    // The page's own background before it paints: follows the OS like the default theme (style.md).
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0e1116' : '#eef1f5',
    title: 'Keyboard Terminal',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: options.devServerUrl !== undefined,
    },
  });
  // Links that would leave the app: an allow-list (empty today), then a confirmation.
  const openLink = createExternalLinkPolicy({
    confirm: async (url) => {
      const answer = await dialog.showMessageBox(window, {
        type: 'question',
        buttons: ['Cancel', 'Open in browser'],
        defaultId: 0,
        cancelId: 0,
        title: 'Open link',
        message: 'Open this link in your web browser?',
        detail: url,
      });
      return answer.response === 1;
    },
    open: (url) => shell.openExternal(url),
    log: options.log,
  });
  hardenContents(window.webContents, options.devServerUrl, openLink);
  // A dead renderer leaves a blank window while orders stay live: log it, offer a reload (issue 15).
  const recover = createRendererRecovery({
    log: options.log,
    ask: async (message, detail) => {
      if (window.isDestroyed()) return false;
      const answer = await dialog.showMessageBox(window, { type: 'warning', buttons: ['Reload', 'Not now'], defaultId: 0, cancelId: 1, title: 'Window stopped', message, detail });
      return answer.response === 0;
    },
    reload: () => {
      if (!window.isDestroyed()) window.webContents.reload();
    },
  });
  window.webContents.on('render-process-gone', (_event, details) => void recover(details));
  window.webContents.on('unresponsive', () => options.log('renderer: the window stopped responding'));
  window.webContents.on('responsive', () => options.log('renderer: the window responds again'));
  window.once('ready-to-show', () => {
    if (options.saved?.maximized) window.maximize();
    if (options.saved?.fullScreen) window.setFullScreen(true);
    window.show();
  });
  window.webContents.on('did-finish-load', () => window.webContents.setZoomFactor(options.saved?.zoomFactor ?? 1));
  // Production serves the built renderer from app://terminal/ (src/main/app-protocol.ts), never file://.
  void window.loadURL(options.devServerUrl ?? APP_ENTRY_URL);
  return window;
}

/** No navigation away from the app, no popups (links go through `openLink`), no permissions. */
export function hardenContents(contents: WebContents, devServerUrl: string | undefined, openLink: (url: string) => Promise<LinkOutcome>): void {
  const allowedOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
  contents.on('will-navigate', (event, url) => {
    if (allowedOrigin && URL.canParse(url) && new URL(url).origin === allowedOrigin) return; // dev-server reloads
    event.preventDefault();
    void openLink(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openLink(url);
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}

/** Where electron-vite writes the bundles, relative to the built main (`out/main`). */
export function builtPaths(mainDir: string) {
  return {
    preloadPath: join(mainDir, '../preload/index.js'),
    /** The built renderer, served read-only over app://terminal/. */
    rendererDir: join(mainDir, '../renderer'),
  };
}
