/**
 * The application menu, built in one function (issue 15, must-have 1). Electron-free: it answers
 * a plain template (the shape of Electron's MenuItemConstructorOptions) so the rules are unit
 * tested: standard Edit roles, so copy and paste work on every OS; zoom that the shell saves;
 * Help with the logs, About and the third-party notices; and no reload, force-reload or
 * devtools in a packaged build, where Ctrl+R would reload the trading UI with orders open.
 */

/** The Electron roles this menu uses (a subset of Electron's own union). */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools';

export interface MenuItem {
  label?: string;
  role?: MenuRole;
  type?: 'separator' | 'checkbox';
  checked?: boolean;
  accelerator?: string;
  /** Stable id, for tests and for finding an item at runtime. */
  id?: string;
  /** Electron passes the item: a checkbox's `checked` is already the new state. */
  click?: (item?: { checked?: boolean }) => void;
  submenu?: MenuItem[];
}

export interface MenuActions {
  zoom(direction: -1 | 0 | 1): void;
  showLogs(): void;
  showAbout(): void;
  showLicenses(): void;
  /** File → Ask Before Closing With Open Orders was toggled; `checked` is its new state. */
  setAskBeforeClosing(checked: boolean): void;
}

export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** A packaged build has no reload and no devtools (development keeps them). */
  packaged: boolean;
  /** The saved state of File → Ask Before Closing With Open Orders. */
  askBeforeClosing: boolean;
  actions: MenuActions;
}

const separator: MenuItem = { type: 'separator' };

/** Roles that reload or inspect the page: development only. */
export const DEVELOPMENT_ROLES: readonly MenuRole[] = ['reload', 'forceReload', 'toggleDevTools'];

export function buildMenuTemplate(options: MenuOptions): MenuItem[] {
  const { actions } = options;
  const mac = options.platform === 'darwin';
  const about: MenuItem = { id: 'about', label: `About ${options.appName}`, click: () => actions.showAbout() };

  const appMenu: MenuItem = {
    label: options.appName,
    submenu: [about, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
  };
  // Ctrl+W closes the window through the shell's close guard (open orders ask first).
  const ask: MenuItem = {
    id: 'ask-before-closing',
    label: 'Ask Before Closing With Open Orders',
    type: 'checkbox',
    checked: options.askBeforeClosing,
    click: (item) => actions.setAskBeforeClosing(item?.checked ?? !options.askBeforeClosing),
  };
  const file: MenuItem = { label: 'File', submenu: [ask, separator, { role: 'close' }, ...(mac ? [] : [separator, { role: 'quit' } as const])] };
  const edit: MenuItem = {
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []), { role: 'delete' }, separator, { role: 'selectAll' }],
  };
  const view: MenuItem = {
    label: 'View',
    submenu: [
      { id: 'zoom-in', label: 'Zoom In', accelerator: 'CmdOrCtrl+=', click: () => actions.zoom(1) },
      { id: 'zoom-out', label: 'Zoom Out', accelerator: 'CmdOrCtrl+-', click: () => actions.zoom(-1) },
      { id: 'zoom-reset', label: 'Actual Size', accelerator: 'CmdOrCtrl+0', click: () => actions.zoom(0) },
      separator,
      { role: 'togglefullscreen' },
      ...(options.packaged ? [] : [separator, ...DEVELOPMENT_ROLES.map((role) => ({ role }))]),
    ],
  };
  const window: MenuItem = { label: 'Window', submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] };
  const help: MenuItem = {
    label: 'Help',
    submenu: [
      { id: 'show-logs', label: 'Show Logs', click: () => actions.showLogs() },
      { id: 'licenses', label: 'Licenses', click: () => actions.showLicenses() },
      ...(mac ? [] : [separator, about]),
    ],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, window, help];
}

/** Every item of a template, depth first (tests and lookups). */
export function flattenMenu(items: readonly MenuItem[]): MenuItem[] {
  return items.flatMap((item) => [item, ...flattenMenu(item.submenu ?? [])]);
}
