import { chromium, type Browser, type Page } from '@playwright/test';
import { startDemoTerminal, type DemoTerminal } from '../tests/e2e/support/demo-terminal';
import { chromiumArgs, chromiumPath } from '../tests/support/chromium';
import type { TerminalApi } from '../src/shared';

/**
 * What the UI benches share: the demo terminal (engine, simulators, browser host) in headless
 * Chromium, with a layout of N visible markets (N book panes and N trade tapes, alternately
 * pinned to the Icrypex and the Crypto.com demo account), and the page's view of its pushes.
 */

/**
 * What the page scripts touch. bench/ compiles without the DOM library, so the page's globals
 * are typed here; each script runs in Chromium as `globalThis as unknown as PageGlobals`.
 */
export interface PageGlobals {
  terminal: TerminalApi;
  localStorage: { setItem(key: string, value: string): void };
  __pushes?: Record<string, number>;
  __loaf?: { loafs: number[]; longtasks: number[] };
  /** Enter keydowns: when they happened (event.timeStamp) and when the page's first listener ran. */
  __keydowns?: Array<{ at: number; dispatched: number }>;
  __sends?: Array<{ kind: string; at: number }>;
  WebSocket: { prototype: { send(data: string): void } };
  addEventListener(type: 'keydown', listener: (event: { key: string; timeStamp: number }) => void, capture: boolean): void;
  PerformanceObserver: new (callback: (list: { getEntries(): { duration: number }[] }) => void) => { observe(options: { type: string; buffered?: boolean }): void };
  document: { activeElement: { blur?: () => void } | null };
}

export const page$ = <T>(fn: (window: PageGlobals) => T) => fn(globalThis as unknown as PageGlobals);

export const VIEWPORT = { width: 1600, height: 960 };

/** Markets streamed to the page besides the visible ones, so four markets always stream (issue 19). */
export const HIDDEN_STREAMS = [
  { exchange: 'icrypex', symbol: 'ETHUSDT' },
  { exchange: 'icrypex', symbol: 'SHIBUSDT' },
] as const;

type Pane = { id: string; height: number; copy?: number; pin?: string };

/**
 * The saved layout for `n` visible markets: book and tape copies (at most 4 to a column), the
 * i-th pair pinned to `pins[i % pins.length]`; chart, orders, accounts, ticket, watchlist and
 * balances as usual. The renderer's parseLayout checks it like any saved layout.
 */
export function benchLayout(n: number, pins: readonly string[]): unknown {
  const stack = (id: string, from: number, to: number): Pane[] => {
    const panes: Pane[] = [];
    for (let i = from; i < to; i++) panes.push({ id, height: 1, ...(i > 0 ? { copy: i + 1 } : {}), pin: pins[i % pins.length]! });
    return panes;
  };
  const perColumn = 4;
  const marketColumns: Array<{ width: number; panes: Pane[] }> = [];
  for (const id of ['book', 'tape']) {
    for (let from = 0; from < n; from += perColumn) marketColumns.push({ width: 0.13, panes: stack(id, from, Math.min(n, from + perColumn)) });
  }
  return {
    version: 1,
    columns: [
      { width: 0.32, panes: [{ id: 'chart', height: 0.62 }, { id: 'orders', height: 0.24 }, { id: 'accounts', height: 0.14 }] },
      ...marketColumns,
      { width: 0.25, panes: [{ id: 'ticket', height: 0.46 }, { id: 'watchlist', height: 0.3 }, { id: 'balances', height: 0.24 }] },
    ],
  };
}

export interface UiSession {
  terminal: DemoTerminal;
  browser: Browser;
  close(): Promise<void>;
}

/** TERMINAL_RENDERER_DIR serves another build of the renderer (a copy of `out/renderer`), to compare two. */
export async function startUiSession(options: Parameters<typeof startDemoTerminal>[0] = {}): Promise<UiSession> {
  const terminal = await startDemoTerminal(options);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  return {
    terminal,
    browser,
    async close() {
      await browser.close();
      await terminal.stop();
    },
  };
}

/**
 * A fresh page (its own storage) showing `n` visible markets, every book LIVE, the hidden
 * markets subscribed, and a counter of the market pushes the page receives.
 */
export async function openMarkets(session: UiSession, n: number, options: { init?: () => void } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await session.browser.newContext({ viewport: VIEWPORT });
  // A script that runs before the app's own (e.g. a listener that must come first).
  if (options.init) await context.addInitScript(options.init);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(session.terminal.host.url);
  // tsx keeps function names with an `__name(fn)` helper that the page does not have.
  await page.evaluate('globalThis.__name = globalThis.__name || ((fn) => fn)');
  const accounts = await page.evaluate(async () => {
    const list = await (globalThis as unknown as PageGlobals).terminal.accounts.list();
    return list.ok ? list.value.map((a) => ({ id: a.id, exchange: a.exchange })) : [];
  });
  const pins = ['icrypex', 'cryptocom'].map((exchange) => {
    const account = accounts.find((a) => a.exchange === exchange);
    if (!account) throw new Error(`no ${exchange} demo account`);
    return account.id;
  });
  await page.evaluate((layout) => (globalThis as unknown as PageGlobals).localStorage.setItem('terminal.layout', layout), JSON.stringify(benchLayout(n, pins)));
  await page.reload();
  await page.evaluate('globalThis.__name = globalThis.__name || ((fn) => fn)');
  const books = page.locator('[data-testid="book-state"]');
  const deadline = Date.now() + 30_000;
  while ((await books.count()) !== n || (await books.filter({ hasText: 'LIVE' }).count()) !== n) {
    if (Date.now() > deadline) throw new Error(`the layout did not show ${n} LIVE books (shows ${await books.count()})`);
    await page.waitForTimeout(100);
  }
  for (const stream of HIDDEN_STREAMS) {
    const accountId = pins[stream.exchange === 'icrypex' ? 0 : 1]!;
    for (const kind of ['book', 'trades'] as const) {
      const subscribed = await page.evaluate(
        ({ accountId, symbol, kind }) => (globalThis as unknown as PageGlobals).terminal.market.subscribe(kind === 'book' ? { stream: 'book', accountId, symbol, depth: 50 } : { stream: 'trades', accountId, symbol }),
        { accountId, symbol: stream.symbol, kind },
      );
      if (!subscribed.ok) throw new Error(`${stream.exchange} ${stream.symbol} ${kind}: ${subscribed.error.message}`);
    }
  }
  await page.evaluate(() => {
    const window = globalThis as unknown as PageGlobals;
    const pushes: Record<string, number> = {};
    window.__pushes = pushes;
    window.terminal.market.onBook((e) => (pushes[`book ${e.subscriptionId}`] = (pushes[`book ${e.subscriptionId}`] ?? 0) + 1));
    window.terminal.market.onTrades((e) => (pushes[`trades ${e.subscriptionId}`] = (pushes[`trades ${e.subscriptionId}`] ?? 0) + 1));
  });
  return { page, errors };
}

/** Market pushes the page received since `openMarkets`, by stream. */
export async function pushCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => ({ ...(globalThis as unknown as PageGlobals).__pushes }));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
