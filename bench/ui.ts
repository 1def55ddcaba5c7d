import type { Page } from '@playwright/test';
import { openMarkets, startUiSession, type PageGlobals, type UiSession } from './ui-page';
import { result, summarize } from './stats';

// `npm run bench -- ui` (in any session with an unlocked OS keychain, e.g. a private `dbus-run-session` with gnome-keyring as `scripts/test.mjs` arranges): keydown to
// signed order request, as a trader places orders in demo mode (issue 19 #1).
//   - the real keychain (the OS secret store, the default of the demo terminal), the engine's
//     default safety settings (price band on), the simulators at their shipped rates;
//   - four visible markets: four order books and four trade tapes on screen (ui-page.ts), plus
//     two more markets' books and trades pushed to the page;
//   - each order: a new quantity typed into the ticket, then Enter at once (the preview has not
//     come back yet; the ticket sends without it and the engine checks the order), a short
//     pause, the next.
// Measured per order, all on the wall clock: keydown (event.timeStamp in the page) → the page's
// first keydown listener running → the place request leaving the page on the bridge socket → the engine's orders:place handler starting →
// the signed POST arriving at the simulator's HTTP server.
// UI_BENCH_ORDERS (default 200) and UI_BENCH_PAUSE_MS (default 150) override.

const ORDERS = Number(process.env['UI_BENCH_ORDERS'] ?? 200);
/** Between an order's result and the next keystroke: a trader reading the result line. */
const PAUSE_MS = Number(process.env['UI_BENCH_PAUSE_MS'] ?? 150);
const VISIBLE_MARKETS = 4;

type Result = Parameters<typeof result>[0];

/**
 * Runs in the page before the app's scripts, so its keydown listener runs before the app's:
 * `at` is when the key went down (event.timeStamp), `dispatched` when the page's main thread
 * got to the event.
 */
function recordKeydowns(): void {
  const window = globalThis as unknown as PageGlobals;
  window.__keydowns = [];
  window.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') window.__keydowns!.push({ at: performance.timeOrigin + e.timeStamp, dispatched: performance.timeOrigin + performance.now() });
  }, true);
}

async function measureOrders(page: Page, session: UiSession): Promise<Result[]> {
  const { terminal } = session;
  // Each order's request time at the "exchange": the moment its POST reaches the simulator's
  // HTTP server (its faults hook sees every request first). Both clocks are the wall clock.
  const faults = terminal.sims.icrypex.sim.faults;
  const plan = faults.planRequest.bind(faults);
  const arrivals: number[] = [];
  faults.planRequest = (request) => {
    if (request.method === 'POST') arrivals.push(performance.timeOrigin + performance.now());
    return plan(request);
  };
  const settings = await page.evaluate(() => (globalThis as unknown as PageGlobals).terminal.settings.get());
  if (!settings.ok) throw new Error(`settings: ${settings.error.message}`);
  console.log(`engine settings (defaults): price band ${settings.value.priceBandPercent ?? 'off'} %, read-only ${settings.value.readOnly ? 'on' : 'off'}`);
  await page.evaluate(() => {
    const window = globalThis as unknown as PageGlobals;
    // When a request leaves the page (the bridge socket's send): the preview the ticket asks for, then the place.
    window.__sends = [];
    const send = window.WebSocket.prototype.send;
    window.WebSocket.prototype.send = function (this: unknown, data: string) {
      if (typeof data === 'string') {
        const kind = data.includes('"orders:place"') ? 'place' : data.includes('"orders:preview"') ? 'preview' : undefined;
        if (kind) window.__sends!.push({ kind, at: performance.timeOrigin + performance.now() });
      }
      return send.call(this, data);
    };
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
  const parts = { page: [] as number[], queued: [] as number[], ticket: [] as number[], bridge: [] as number[], engine: [] as number[] };
  let previews = 0;
  for (let i = 0; i < ORDERS; i++) {
    // A new quantity is a new submission (new client id); Enter right after typing it.
    const quantity = (0.001 + (i % 50) * 0.0001).toFixed(4);
    const before = arrivals.length;
    const sendsBefore = await page.evaluate(() => (globalThis as unknown as PageGlobals).__sends!.length);
    await page.getByTestId('ticket-quantity').fill(quantity);
    await page.keyboard.press('Enter');
    const deadline = Date.now() + 10_000;
    while (arrivals.length === before) {
      if (Date.now() > deadline) throw new Error(`order ${i + 1} never reached the simulator`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await page.getByTestId('ticket-message').filter({ hasText: 'placed' }).waitFor();
    const marks = await page.evaluate((from) => {
      const window = globalThis as unknown as PageGlobals;
      const sends = window.__sends!.slice(from);
      const { at: keydown, dispatched } = window.__keydowns![window.__keydowns!.length - 1]!;
      const sent = sends.find((s) => s.kind === 'place')!.at;
      // Previews on the order's path only (the ticket's own, 60 ms after typing, may go out later).
      return { keydown, dispatched, sent, previews: sends.filter((s) => s.kind === 'preview' && s.at >= keydown && s.at <= sent).length };
    }, sendsBefore);
    previews += marks.previews;
    const arrived = arrivals[before]!;
    const began = handled[handled.length - 1]!;
    latencies.push(arrived - marks.keydown);
    parts.page.push(marks.sent - marks.keydown);
    parts.queued.push(marks.dispatched - marks.keydown);
    parts.ticket.push(marks.sent - marks.dispatched);
    parts.bridge.push(began - marks.sent);
    parts.engine.push(arrived - began);
    if ((i + 1) % 50 === 0) {
      // Keep the book and the open-orders table from growing without end.
      await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.blur?.());
      await page.keyboard.press('Control+Shift+X');
      await page.getByTestId('open-order').first().waitFor({ state: 'detached' });
      await page.getByTestId('ticket-price').focus();
    }
    await page.waitForTimeout(PAUSE_MS);
  }
  faults.planRequest = plan;
  handlers['orders:place'] = place;
  const s = summarize(latencies);
  const row = (label: string, samples: number[]) => {
    const p = summarize(samples);
    console.log(`  ${label.padEnd(52)} p50 ${p.p50.toFixed(2).padStart(6)}   p95 ${p.p95.toFixed(2).padStart(6)}   p99 ${p.p99.toFixed(2).padStart(6)} ms`);
    return p;
  };
  console.log(`keydown → signed order request at the simulator, ${s.n} orders: p50 ${s.p50.toFixed(2)} ms   p95 ${s.p95.toFixed(2)} ms   p99 ${s.p99.toFixed(2)} ms   max ${s.max.toFixed(2)} ms`);
  const pageHop = row('page: keydown → place request sent on the bridge', parts.page);
  const queuedHop = row('  of which: keydown waits for the main thread', parts.queued);
  const ticketHop = row('  of which: keydown handler → place request sent', parts.ticket);
  const bridgeHop = row('bridge: sent → engine handler starts', parts.bridge);
  const engineHop = row('engine: handler → signed POST at the simulator', parts.engine);
  console.log(`  previews sent between keydown and place: ${previews} for ${s.n} orders`);
  return [
    { name: 'ui', metric: 'keydown_to_request_p50', value: s.p50, unit: 'ms' },
    { name: 'ui', metric: 'keydown_to_request_p95', value: s.p95, unit: 'ms', target: 5, visibleMarkets: VISIBLE_MARKETS, keychain: 'os', priceBandPercent: settings.value.priceBandPercent },
    { name: 'ui', metric: 'keydown_to_request_p99', value: s.p99, unit: 'ms' },
    { name: 'ui', metric: 'hop_page_p95', value: pageHop.p95, unit: 'ms', p50: pageHop.p50 },
    { name: 'ui', metric: 'hop_page_queued_p95', value: queuedHop.p95, unit: 'ms', p50: queuedHop.p50 },
    { name: 'ui', metric: 'hop_page_ticket_p95', value: ticketHop.p95, unit: 'ms', p50: ticketHop.p50 },
    { name: 'ui', metric: 'hop_bridge_p95', value: bridgeHop.p95, unit: 'ms', p50: bridgeHop.p50 },
    { name: 'ui', metric: 'hop_engine_p95', value: engineHop.p95, unit: 'ms', p50: engineHop.p50 },
  ];
}

/** See the file comment. */
export async function uiBenchmark(): Promise<void> {
  const session = await startUiSession();
  try {
    const { page, errors } = await openMarkets(session, VISIBLE_MARKETS, { init: recordKeydowns });
    const results = await measureOrders(page, session);
    if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
    for (const line of results) result(line);
  } finally {
    await session.close();
  }
}
