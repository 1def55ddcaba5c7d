import { BrowserWindow, shell, type WebContents } from 'electron';
import { join } from 'node:path';

export interface WindowOptions {
  /** Dev-server URL in development, undefined in production (the built index.html is loaded). */
  devServerUrl: string | undefined;
  preloadPath: string;
  rendererFile: string;
}

/**
 * The whole security posture of a window, on one screen (style.md §8, architecture.md
 * "three rules"). The CSP itself is a meta tag written into index.html at build time
 * (electron.vite.config.ts), strict in production and looser only for Vite's dev server.
 */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1600,
    height: 960,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#0e1116',
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
  hardenContents(window.webContents, options.devServerUrl);
  window.once('ready-to-show', () => window.show());
  if (options.devServerUrl) void window.loadURL(options.devServerUrl);
  else void window.loadFile(options.rendererFile);
  return window;
}

/** No navigation away from the app, no popups (https links go to the system browser), no permissions. */
export function hardenContents(contents: WebContents, devServerUrl: string | undefined): void {
  const allowedOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
  contents.on('will-navigate', (event, url) => {
    if (allowedOrigin && new URL(url).origin === allowedOrigin) return; // dev-server reloads
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}

/** Where electron-vite writes the bundles, relative to the built main (`out/main`). */
export function builtPaths(mainDir: string) {
  return {
    preloadPath: join(mainDir, '../preload/index.js'),
    rendererFile: join(mainDir, '../renderer/index.html'),
  };
}
