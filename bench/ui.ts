import { chromium, type Page } from '@playwright/test';
import { startDemoTerminal, type DemoTerminal } from '../tests/e2e/support/demo-terminal';
import { chromiumArgs, chromiumPath } from '../tests/support/chromium';
import { MemorySecretStore } from '../tests/support/memory-secret-store';
import type { TerminalApi } from '../src/shared';
import { result, summarize } from './stats';

type Result = Parameters<typeof result>[0];

// `npm run bench -- ui`: the renderer under load in Chromium, through the browser host, against
// the demo simulators (issue 7, "Performance").
//   1. Four markets stream at 200+ book changes/s each for 30 s: the UI shows one of them
//      (book, tape, chart) and the page receives the other three's coalesced pushes too.
//      Frame time = requestAnimationFrame deltas; long tasks = PerformanceObserver('longtask').
//   2. 200 limit orders from the ticket: keydown (event.timeStamp in the page) to the signed
//      order request arriving at the simulator's HTTP server.
// UI_BENCH_SECONDS, UI_BENCH_ORDERS and UI_BENCH_RATE (changes/s per simulator) override.

const SECONDS = Number(process.env['UI_BENCH_SECONDS'] ?? 30);
const ORDERS = Number(process.env['UI_BENCH_ORDERS'] ?? 200);
/** Over all markets of one simulator: Icrypex has 3, Crypto.com 4. */
const RATE = Number(process.env['UI_BENCH_RATE'] ?? 1_200);

const STREAMS = [
  { exchange: 'icrypex', symbol: 'BTCUSDT', shown: true },
  { exchange: 'icrypex', symbol: 'ETHUSDT', shown: false },
  { exchange: 'icrypex', symbol: 'SHIBUSDT', shown: false },
  { exchange: 'cryptocom', symbol: 'BTCUSDT', shown: false },
] as const;

/**
 * What the page scripts below touch. bench/ compiles without the DOM library, so the page's
 * globals are typed here; each script runs in Chromium as `globalThis as unknown as PageGlobals`.
 */
interface PageGlobals {
  terminal: TerminalApi;
  __probe?: { deltas: number[]; longtasks: number[]; longAt: number[]; stop: boolean; t0: number };
  __keydowns?: number[];
  __sends?: number[];
  WebSocket: { prototype: { send(data: string): void } };
  requestAnimationFrame(callback: (time: number) => void): number;
  addEventListener(type: 'keydown', listener: (event: { key: string; timeStamp: number }) => void, capture: boolean): void;
  PerformanceObserver: new (callback: (list: { getEntries(): { duration: number; startTime: number }[] }) => void) => { observe(options: { type: string }): void };
  document: { activeElement: { blur?: () => void } | null };
}

/** Counts book level changes per market at the simulators (what "changes/s" means here). */
function countChanges(terminal: DemoTerminal): { counts: Map<string, number>; stop: () => void } {
  const counts = new Map<string, number>();
  const stops: Array<() => void> = [];
  for (const exchange of ['icrypex', 'cryptocom'] as const) {
    const engine = (exchange === 'icrypex' ? terminal.sims.icrypex.sim : terminal.sims.cryptocom.sim).engine;
    const listener = (symbol: string) => {
      const key = `${exchange}:${symbol.toUpperCase()}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    };
    stops.push(engine.on('level', listener));
  }
  return { counts, stop: () => stops.forEach((s) => s()) };
}

async function measureFrames(page: Page, terminal: DemoTerminal): Promise<Result[]> {
  const accounts = await page.evaluate(async () => {
    const window = globalThis as unknown as PageGlobals;
    const list = await window.terminal.accounts.list();
    return list.ok ? list.value.map((a) => ({ id: a.id, exchange: a.exchange })) : [];
  });
  for (const stream of STREAMS.filter((s) => !s.shown)) {
    const account = accounts.find((a) => a.exchange === stream.exchange);
    if (!account) throw new Error(`no ${stream.exchange} demo account`);
    const subscribed = await page.evaluate(
      ({ accountId, symbol }) => (globalThis as unknown as PageGlobals).terminal.market.subscribe({ stream: 'book', accountId, symbol, depth: 50 }),
      { accountId: account.id, symbol: stream.symbol },
    );
    if (!subscribed.ok) throw new Error(`${stream.exchange} ${stream.symbol}: ${subscribed.error.message}`);
  }

  const changes = countChanges(terminal);
  await page.evaluate(() => {
    const window = globalThis as unknown as PageGlobals;
    const probe = { deltas: [] as number[], longtasks: [] as number[], longAt: [] as number[], stop: false, t0: performance.now() };
    window.__probe = probe;
    new window.PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        probe.longtasks.push(entry.duration);
        probe.longAt.push(entry.startTime - probe.t0);
      }
    }).observe({ type: 'longtask' });
    let last = performance.now();
    const frame = (t: number) => {
      probe.deltas.push(t - last);
      last = t;
      if (!probe.stop) window.requestAnimationFrame(frame);
    };
    window.requestAnimationFrame(frame);
  });
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  const elapsed = (performance.now() - started) / 1000;
  const probe = await page.evaluate(() => {
    const window = globalThis as unknown as PageGlobals;
    window.__probe!.stop = true;
    return { deltas: window.__probe!.deltas.slice(1), longtasks: window.__probe!.longtasks, longAt: window.__probe!.longAt };
  });
  changes.stop();

  console.log(`book changes per second at the simulators over ${elapsed.toFixed(1)} s:`);
  let slowest = Infinity;
  for (const stream of STREAMS) {
    const rate = (changes.counts.get(`${stream.exchange}:${stream.symbol}`) ?? 0) / elapsed;
    slowest = Math.min(slowest, rate);
    console.log(`  ${stream.exchange.padEnd(9)} ${stream.symbol.padEnd(9)} ${rate.toFixed(0).padStart(6)}/s${stream.shown ? '  (shown: book, tape, chart)' : '  (pushed to the page)'}`);
  }
  if (slowest < 200) console.log(`  WARNING: a market streamed under 200 changes/s; raise UI_BENCH_RATE (now ${RATE})`);

  const frames = summarize(probe.deltas);
  const longest = probe.longtasks.length ? Math.max(...probe.longtasks) : 0;
  console.log(`frames: ${frames.n}   p50 ${frames.p50.toFixed(1)} ms   p95 ${frames.p95.toFixed(1)} ms   p99 ${frames.p99.toFixed(1)} ms   max ${frames.max.toFixed(1)} ms`);
  console.log(`long tasks (> 50 ms): ${probe.longtasks.length}${probe.longtasks.length ? `, longest ${longest.toFixed(1)} ms; at ${probe.longAt.map((t, i) => `${(t / 1000).toFixed(1)} s (${probe.longtasks[i]!.toFixed(0)} ms)`).join(', ')}` : ''}`);
  const slow = probe.deltas.map((d, i) => [d, i] as const).filter(([d]) => d > 50);
  if (slow.length) console.log(`frames over 50 ms: ${slow.map(([d]) => d.toFixed(0)).join(', ')} ms`);
  return [
    { name: 'ui', metric: 'frame_p50', value: frames.p50, unit: 'ms' },
    { name: 'ui', metric: 'frame_p95', value: frames.p95, unit: 'ms', target: 20 },
    { name: 'ui', metric: 'frame_p99', value: frames.p99, unit: 'ms' },
    // 0 means no task reached the longtask threshold (50 ms); frameMax bounds every task.
    { name: 'ui', metric: 'longest_task', value: longest, unit: 'ms', target: 50, longTasks: probe.longtasks.length, frameMax: frames.max },
    { name: 'ui', metric: 'min_market_changes_per_s', value: slowest, unit: '1/s', target: 200 },
  ];
}

async function measureOrders(page: Page, terminal: DemoTerminal): Promise<Result[]> {
  // Each order's request time at the "exchange": the moment its POST reaches the simulator's
  // HTTP server (its faults hook sees every request first). Both clocks are the wall clock.
  const faults = terminal.sims.icrypex.sim.faults;
  const plan = faults.planRequest.bind(faults);
  const arrivals: number[] = [];
  faults.planRequest = (request) => {
    if (request.method === 'POST') arrivals.push(performance.timeOrigin + performance.now());
    return plan(request);
  };
  // The price band makes the engine fetch a REST book per check; at a sustained 4 orders/s that
  // queues behind Icrypex's 240/min book rule and measures the limiter, not the path. Off here.
  await page.evaluate(() => (globalThis as unknown as PageGlobals).terminal.settings.set({ priceBandPercent: null }));
  await page.evaluate(() => {
    const window = globalThis as unknown as PageGlobals;
    // When the place request leaves the page (the bridge socket's send).
    window.__sends = [];
    const send = window.WebSocket.prototype.send;
    window.WebSocket.prototype.send = function (this: unknown, data: string) {
      if (typeof data === 'string' && data.includes('"orders:place"')) window.__sends!.push(performance.timeOrigin + performance.now());
      return send.call(this, data);
    };
    window.__keydowns = [];
    window.addEventListener('keydown', (e) => {
      // timeStamp: when the keydown happened, whichever listener runs first.
      if (e.key === 'Enter') window.__keydowns!.push(performance.timeOrigin + e.timeStamp);
    }, true);
  });

  const bid = Number(await page.locator('.book-bid[data-index]').first().getAttribute('data-price'));
  const price = (Math.floor(bid * 0.97 * 100) / 100).toFixed(2);
  await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.blur?.());
  await page.keyboard.press('b');
  await page.getByTestId('ticket-price').fill(price);
  // When the engine's orders:place handler starts (after the bridge and the event loop).
  const handlers = terminal.engine.handlers as Record<string, (request: unknown) => unknown>;
  const place = handlers['orders:place']!;
  const handled: number[] = [];
  handlers['orders:place'] = (request) => {
    handled.push(performance.timeOrigin + performance.now());
    return place(request);
  };
  const latencies: number[] = [];
  const parts = { page: [] as number[], bridge: [] as number[], engine: [] as number[] };
  for (let i = 0; i < ORDERS; i++) {
    // A new quantity is a new submission (new client id); wait for its preview like a trader
    // reads it, then Enter.
    const quantity = (0.001 + (i % 50) * 0.0001).toFixed(4);
    await page.getByTestId('ticket-quantity').fill(quantity);
    await page.locator('[data-testid="ticket-preview"][data-check="checked"]').waitFor();
    const before = arrivals.length;
    await page.keyboard.press('Enter');
    const deadline = Date.now() + 10_000;
    while (arrivals.length === before) {
      if (Date.now() > deadline) throw new Error(`order ${i + 1} never reached the simulator`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await page.getByTestId('ticket-message').filter({ hasText: 'placed' }).waitFor();
    const marks = await page.evaluate(() => {
      const window = globalThis as unknown as PageGlobals;
      return { keydown: window.__keydowns![window.__keydowns!.length - 1]!, sent: window.__sends![window.__sends!.length - 1]! };
    });
    const arrived = arrivals[before]!;
    const began = handled[handled.length - 1]!;
    latencies.push(arrived - marks.keydown);
    parts.page.push(marks.sent - marks.keydown);
    parts.bridge.push(began - marks.sent);
    parts.engine.push(arrived - began);
    if ((i + 1) % 50 === 0) {
      // Keep the book and the open-orders table from growing without end.
      await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.blur?.());
      await page.keyboard.press('Control+Shift+X');
      await page.getByTestId('open-order').first().waitFor({ state: 'detached' });
      await page.getByTestId('ticket-price').focus();
    }
  }
  faults.planRequest = plan;
  handlers['orders:place'] = place;
  const s = summarize(latencies);
  const row = (label: string, samples: number[]) => {
    const p = summarize(samples);
    console.log(`  ${label.padEnd(44)} p50 ${p.p50.toFixed(2).padStart(6)}   p95 ${p.p95.toFixed(2).padStart(6)}   p99 ${p.p99.toFixed(2).padStart(6)} ms`);
  };
  console.log(`keydown → signed order request at the simulator, ${s.n} orders: p50 ${s.p50.toFixed(2)} ms   p95 ${s.p95.toFixed(2)} ms   p99 ${s.p99.toFixed(2)} ms   max ${s.max.toFixed(2)} ms`);
  row('page: keydown → request sent on the bridge', parts.page);
  row('bridge: sent → engine handler starts', parts.bridge);
  row('engine: handler → POST at the simulator', parts.engine);
  return [
    { name: 'ui', metric: 'keydown_to_request_p50', value: s.p50, unit: 'ms' },
    { name: 'ui', metric: 'keydown_to_request_p95', value: s.p95, unit: 'ms', target: 10 },
    { name: 'ui', metric: 'keydown_to_request_p99', value: s.p99, unit: 'ms' },
  ];
}

/** See the file comment. */
export async function uiBenchmark(): Promise<void> {
  const terminal = await startDemoTerminal({ secretStore: new MemorySecretStore(), bookChangesPerSecond: RATE });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 960 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(terminal.host.url);
    // tsx keeps function names with an `__name(fn)` helper that the page does not have.
    await page.evaluate('globalThis.__name = globalThis.__name || ((fn) => fn)');
    await page.locator('[data-testid="book-state"]', { hasText: 'LIVE' }).waitFor({ timeout: 30_000 });
    const results = [...(await measureFrames(page, terminal)), ...(await measureOrders(page, terminal))];
    if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
    for (const line of results) result(line);
  } finally {
    await browser.close();
    await terminal.stop();
  }
}
