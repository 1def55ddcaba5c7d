import type { Account, AppInfo, Balance, Market, Order, PriceAlert, ReadGap, ResponseOf, Settings, StartupProblem, StatusSnapshot } from '../../../shared';

export type BalanceTotals = ResponseOf<'balances:list'>['totals'][number];
import { keymapFromOverrides, keymapOverrides, type Keymap } from '../lib/keymap';
import { DEFAULT_LAYOUT, parseLayout, type Layout } from '../lib/layout';
import { parseClientSafety, type ClientSafety } from '../lib/safety';
import { parseNotifySettings, type NotifySettings } from '../lib/sound-settings';
import { load, save } from './persist';
import { createStore } from './store';
import type { StaleHolds } from '../lib/stale-hold';

/** `system` (the default) follows the OS light/dark setting, live (issue 15, must-have 5). */
export type Theme = 'system' | 'dark' | 'light' | 'colorblind';
export const THEMES: readonly Theme[] = ['system', 'dark', 'light', 'colorblind'];
/** The palette actually drawn. */
export type AppliedTheme = Exclude<Theme, 'system'>;

export interface Notice {
  id: number;
  level: 'info' | 'ok' | 'error';
  text: string;
  time: number;
  /** Stays until dismissed or updated (an order whose outcome is still being looked up). */
  sticky?: boolean;
  /** A second, smaller line (a notification's details). */
  detail?: string;
  /** What an engine notification was about (`fill`, `alert`…), for styling and tests. */
  kind?: string;
  /** Arrived while the window was hidden: kept (never dropped or faded) until the trader has seen the window again. */
  unseen?: boolean;
  /** Notices of one subject (one order's fills): a newer one replaces the older in place of adding a toast. */
  group?: string;
}

export type Overlay = { kind: 'palette'; initial: string } | { kind: 'settings' } | { kind: 'status' } | undefined;

export type OrdersScope = 'active' | 'all';

/** Everything the panes share. Market data is not here: it lives in the feeds (`feeds.ts`). */
export interface AppState {
  info?: AppInfo;
  infoError?: string;
  accounts: Account[];
  accountsLoaded: boolean;
  /** What the engine found wrong at start (a file kept aside, keys without an account, demo setup). */
  problems: StartupProblem[];
  activeAccountId?: string;
  /** Terminal spelling, e.g. BTCUSDT. */
  activeSymbol: string;
  markets: Record<string, Market[]>;
  marketsError: Record<string, string>;
  balances: Balance[];
  totals: BalanceTotals[];
  balancesError?: string;
  /** Accounts the last balances read over all accounts could not cover (issue 13 #5). */
  balancesGaps: ReadGap[];
  /** Open orders of every account. */
  openOrders: Order[];
  openOrdersError?: string;
  /** Accounts (or markets) the last open-orders read could not cover. */
  openOrdersGaps: ReadGap[];
  /** The last order placed from this window ("cancel last" acts on it; Esc only dismisses). */
  lastPlaced?: { accountId: string; symbol: string; orderId: string };
  status?: StatusSnapshot;
  /** Status entries whose panes still show STALE for a recent outage, seen or missed (lib/stale-hold.ts). */
  staleHolds: StaleHolds;
  theme: Theme;
  /** What `theme` resolves to now (the chart recolours when it changes). */
  appliedTheme: AppliedTheme;
  keymap: Keymap;
  layout: Layout;
  /** The ticket's own confirmations (saved here). */
  safety: ClientSafety;
  /** The engine's risk settings (read-only, price band, per-symbol caps), from `settings:get`. */
  risk?: Settings;
  riskError?: string;
  overlay: Overlay;
  /** The settings view is recording a chord: hotkeys are off meanwhile. */
  capturingKeys: boolean;
  notices: Notice[];
  ordersScope: OrdersScope;
  ordersAllSymbols: boolean;
  /** Sounds and desktop notifications (saved here). */
  notifySettings: NotifySettings;
  /** Price alerts as the engine has them (`alerts:list`, then `alerts:changed`). */
  alerts: PriceAlert[];
  alertsError?: string;
}

function savedTheme(): Theme {
  const value = load('theme');
  return THEMES.includes(value as Theme) ? (value as Theme) : 'system';
}

/** The OS preference (Electron maps nativeTheme onto it); dark where it cannot be read. */
const lightScheme = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: light)') : undefined;

export function resolveTheme(theme: Theme, osPrefersLight = lightScheme?.matches ?? false): AppliedTheme {
  if (theme !== 'system') return theme;
  return osPrefersLight ? 'light' : 'dark';
}

function savedSymbol(): string {
  const value = load('symbol');
  return typeof value === 'string' && /^[A-Z0-9]{2,32}$/.test(value) ? value : 'BTCUSDT';
}

export const app = createStore<AppState>({
  accounts: [],
  accountsLoaded: false,
  problems: [],
  activeAccountId: typeof load('account') === 'string' ? (load('account') as string) : undefined,
  activeSymbol: savedSymbol(),
  markets: {},
  marketsError: {},
  balances: [],
  balancesGaps: [],
  totals: [],
  openOrders: [],
  openOrdersGaps: [],
  staleHolds: {},
  theme: savedTheme(),
  appliedTheme: resolveTheme(savedTheme()),
  keymap: keymapFromOverrides(load('keymap')),
  layout: parseLayout(load('layout')),
  safety: parseClientSafety(load('safety')),
  overlay: undefined,
  capturingKeys: false,
  notices: [],
  ordersScope: load('ordersScope') === 'all' ? 'all' : 'active',
  ordersAllSymbols: load('ordersAllSymbols') === true,
  notifySettings: parseNotifySettings(load('notify')),
  alerts: [],
});

/**
 * Sets the theme on <html> as soon as the store changes, before React renders: panes that read
 * the theme's CSS variables in their effects (the chart's canvas colours) then see the new ones.
 */
function applyTheme(theme: AppliedTheme): void {
  if (typeof document !== 'undefined') document.documentElement.dataset['theme'] = theme;
}
applyTheme(app.get().appliedTheme);
// The OS switched between light and dark: a `system` theme follows at once.
lightScheme?.addEventListener('change', () => app.set((s) => ({ appliedTheme: resolveTheme(s.theme) })));

// Save the user's choices whenever they change (layout and keymap restore on the next start).
let previous = app.get();
app.subscribe(() => {
  const next = app.get();
  if (next.theme !== previous.theme && resolveTheme(next.theme) !== next.appliedTheme) {
    app.set({ appliedTheme: resolveTheme(next.theme) });
    return;
  }
  if (next.appliedTheme !== previous.appliedTheme) applyTheme(next.appliedTheme);
  if (next.layout !== previous.layout) save('layout', next.layout);
  if (next.keymap !== previous.keymap) save('keymap', keymapOverrides(next.keymap));
  if (next.theme !== previous.theme) save('theme', next.theme);
  if (next.safety !== previous.safety) save('safety', next.safety);
  if (next.activeSymbol !== previous.activeSymbol) save('symbol', next.activeSymbol);
  if (next.activeAccountId !== previous.activeAccountId && next.activeAccountId) save('account', next.activeAccountId);
  if (next.ordersScope !== previous.ordersScope) save('ordersScope', next.ordersScope);
  if (next.ordersAllSymbols !== previous.ordersAllSymbols) save('ordersAllSymbols', next.ordersAllSymbols);
  if (next.notifySettings !== previous.notifySettings) save('notify', next.notifySettings);
  previous = next;
});

let noticeId = 0;

/** Shows a short message in the notice area (keeps the last few, and every sticky one). */
export function notify(level: Notice['level'], text: string): void {
  addNotice({ id: ++noticeId, level, text, time: Date.now() });
}

/** A notice that stays until updateNotice() gives it its final text; answers its id. */
export function notifySticky(level: Notice['level'], text: string): number {
  return addNotice({ id: ++noticeId, level, text, time: Date.now(), sticky: true });
}

/**
 * An engine notification (fill, order ended by the exchange, price alert) as a toast. One that
 * arrives while the window is hidden stays until the window has been seen again.
 */
export function notifyEvent(level: Notice['level'], text: string, detail: string, kind: string, group?: string): void {
  const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
  const notice: Notice = { id: ++noticeId, level, text, detail, kind, time: Date.now(), ...(hidden ? { unseen: true } : {}), ...(group ? { group } : {}) };
  // One order filling in ten pieces is one toast that says how far it got, not ten that cover the panes.
  app.set((s) => ({ notices: keepNotices([...s.notices.filter((n) => !group || n.group !== group), notice]) }));
}

/** The window is in front again: notices that waited for it fade like any other from now. */
export function markNoticesSeen(): void {
  if (!app.get().notices.some((n) => n.unseen)) return;
  app.set((s) => ({ notices: s.notices.map((n) => (n.unseen ? { ...n, unseen: false, time: Date.now() } : n)) }));
}

function addNotice(notice: Notice): number {
  app.set((s) => ({ notices: keepNotices([...s.notices, notice]) }));
  return notice.id;
}

/** Replaces a notice's text (no longer sticky: it fades like any other); shows it again if it was dismissed. */
export function updateNotice(id: number, level: Notice['level'], text: string): void {
  app.set((s) => {
    const updated: Notice = { id, level, text, time: Date.now() };
    const at = s.notices.findIndex((n) => n.id === id);
    const notices = at < 0 ? [...s.notices, updated] : s.notices.map((n, i) => (i === at ? updated : n));
    return { notices: keepNotices(notices) };
  });
}

function keepNotices(notices: Notice[]): Notice[] {
  const fading = notices.filter((n) => !n.sticky && !n.unseen);
  const drop = new Set(fading.slice(0, Math.max(0, fading.length - 5)).map((n) => n.id));
  return notices.filter((n) => !drop.has(n.id));
}

export function dismissNotice(id: number): void {
  app.set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

/** The name a trader gave an account, or its id when it is not (or no longer) listed. */
export function accountLabel(accounts: readonly Account[], accountId: string): string {
  return accounts.find((a) => a.id === accountId)?.label ?? accountId;
}

/** The market of `symbol` on an account's exchange. */
export function marketOf(accountId: string | undefined, symbol: string, state: AppState = app.get()): Market | undefined {
  if (!accountId) return undefined;
  return state.markets[accountId]?.find((m) => m.symbol === symbol);
}

export function resetLayout(): void {
  app.set({ layout: DEFAULT_LAYOUT });
}

/** Read-only as the engine has it (before the settings load, the engine still enforces it). */
export function isReadOnly(state: AppState = app.get()): boolean {
  return state.risk?.readOnly ?? false;
}
