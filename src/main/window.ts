import { BrowserWindow, dialog, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { APP_ENTRY_URL } from './app-protocol';
import { createExternalLinkPolicy, type LinkOutcome } from './external-links';

export interface WindowOptions {
  /** Dev-server URL in development, undefined in production (app://terminal/ is loaded). */
  devServerUrl: string | undefined;
  preloadPath: string;
  log: (line: string) => void;
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
  window.once('ready-to-show', () => window.show());
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
