import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { DemoTerminal } from './support/demo-terminal';
import { forBothSizes } from './support/sizes';
import { focusNothing, openTerminal } from './support/terminal-page';

// Issue 14 #4, #5, #6: chart history without holes, the Crypto.com tape back-filled after a
// reconnect, every resolution an exchange serves, and the depth chart.

/** Longer than a 1m candle: the outage must swallow at least one whole bucket. */
const OUTAGE_MS = 75_000;

/** The simulator's 1m candles of BTCUSDT over its public REST (§5.3), oldest first. */
async function simKlines(terminal: DemoTerminal): Promise<Array<{ time: number }>> {
  const body = (await (await fetch(`${terminal.sims.cryptocom.rest}/v1/klines?symbol=btcusdt&period=1`)).json()) as { data: Array<[number, string, string, string, string, string]> };
  return body.data.map((row) => ({ time: row[0] })).sort((a, b) => a.time - b.time);
}

/** The simulator's newest trades (§5.4), newest first. */
async function simTrades(terminal: DemoTerminal): Promise<Array<{ id: string; time: number }>> {
  const body = (await (await fetch(`${terminal.sims.cryptocom.rest}/v1/trades?symbol=btcusdt`)).json()) as { data: Array<{ id: number; ctime: number }> };
  return body.data.map((t) => ({ id: String(t.id), time: t.ctime }));
}

/** The candle times the chart shows, through the probe on its element. */
async function chartCandles(page: Page): Promise<Array<{ time: number }>> {
  return page.getByTestId('chart').evaluate((el) => {
    const probe = (el as HTMLElement & { chartProbe?: { candleTimes(): number[] } }).chartProbe;
    if (!probe) throw new Error('the chart pane exposes no probe');
    return probe.candleTimes().map((time) => ({ time }));
  });
}

async function toCryptocom(page: Page): Promise<void> {
  await focusNothing(page);
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('active-account')).toContainText('cryptocom');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('symbol btcusdt');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chart-subject')).toHaveText('BTCUSDT · Crypto.com demo');
  for (const badge of ['book-state', 'tape-state', 'chart-state']) await expect(page.getByTestId(badge)).toHaveText('LIVE', { timeout: 20_000 });
}

async function palette(page: Page, line: string): Promise<void> {
  await focusNothing(page);
  await page.keyboard.press('Control+k');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

forBothSizes(
  (size) => {
    test('resolutions per exchange (1month on Crypto.com only), the OHLC legend and the depth chart beside or instead of the book', async ({ page, terminal }) => {
      await openTerminal(page, terminal);
      const shot = (name: string) => page.screenshot({ path: `test-results/screens/i14-${name}-${size.width}.png` });
      // Icrypex: 30m and 1w have buttons, a month does not.
      for (const r of ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w']) await expect(page.getByTestId(`resolution-${r}`)).toBeVisible();
      await expect(page.getByTestId('resolution-1month')).toHaveCount(0);
      await palette(page, 'chart 1month');
      await expect(page.getByTestId('palette-status')).toContainText('Icrypex has no 1month candles');
      await page.keyboard.press('Escape');

      await toCryptocom(page);
      await page.getByTestId('resolution-1month').click();
      await expect(page.getByTestId('resolution-1month')).toHaveAttribute('aria-checked', 'true');
      await expect.poll(async () => (await chartCandles(page)).length, { timeout: 15_000 }).toBeGreaterThan(0);
      await expect(page.getByTestId('chart-legend')).toBeVisible();
      await shot('chart-1month');
      await palette(page, 'chart 30m');
      await expect(page.getByTestId('resolution-30m')).toHaveAttribute('aria-checked', 'true');
      await palette(page, 'chart 1m');
      await expect(page.getByTestId('resolution-1m')).toHaveAttribute('aria-checked', 'true');

      // The legend follows the crosshair.
      const box = (await page.getByTestId('chart').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4);
      await expect(page.getByTestId('chart-legend')).toContainText(/O .* H .* L .* C .* V /);
      await shot('chart-legend');

      // Scrolling back: V1 serves only its newest candles, and the chart says so.
      await page.getByTestId('chart').evaluate((el) => (el as HTMLElement & { chartProbe?: { scrollBars(n: number): void } }).chartProbe!.scrollBars(-400));
      await expect(page.getByTestId('chart-history-end')).toContainText('Crypto.com V1 serves only its newest');
      await shot('chart-history-end');

      // The depth chart: beside the book, then instead of it, drawn from the book's stream.
      await page.getByTestId('book-view').selectOption('both');
      const depth = page.getByTestId('depth-chart');
      await expect(depth).toBeVisible();
      await expect.poll(async () => Number(await depth.getAttribute('data-bid-levels'))).toBeGreaterThan(0);
      await expect(page.getByTestId('book')).toBeVisible();
      await shot('depth-both');
      await page.getByTestId('book-view').selectOption('depth');
      await expect(page.getByTestId('book')).toBeHidden();
      await expect(depth).toBeVisible();
      await shot('depth-only');
      await page.getByTestId('book-view').selectOption('book');
      await expect(depth).toHaveCount(0);
    });

    test('a socket drop longer than a candle leaves no gap in the chart and none in the Crypto.com tape', async ({ page, terminal }) => {
      await openTerminal(page, terminal);
      await toCryptocom(page);
      await page.getByTestId('resolution-1m').click();
      await expect.poll(async () => (await chartCandles(page)).length, { timeout: 15_000 }).toBeGreaterThan(10);
      await expect.poll(async () => (await page.getByTestId('tape').getAttribute('data-kept-ids'))?.split(' ').length ?? 0).toBeGreaterThan(5);

      const droppedAt = Date.now();
      try {
        terminal.sims.fault({ fault: { kind: 'drop-sockets', forMs: OUTAGE_MS }, exchange: 'cryptocom' });
        await expect(page.getByTestId('chart-state')).not.toHaveText('LIVE', { timeout: 20_000 });
        await page.screenshot({ path: `test-results/screens/i14-outage-${size.width}.png` });
        await expect(page.getByTestId('chart-state')).toHaveText('LIVE', { timeout: OUTAGE_MS + 60_000 });
      } finally {
        terminal.sims.fault({ fault: { kind: 'reset' }, exchange: 'cryptocom' });
      }
      const recoveredAt = Date.now();

      // Every closed 1m bucket the exchange has from before the drop to after recovery is on the chart.
      const from = Math.floor(droppedAt / 60_000) * 60 - 120;
      const to = Math.floor(recoveredAt / 60_000) * 60 - 60;
      await expect
        .poll(
          async () => {
            const shown = new Set((await chartCandles(page)).map((c) => c.time));
            return (await simKlines(terminal)).filter((k) => k.time >= from && k.time <= to && !shown.has(k.time)).map((k) => k.time);
          },
          { message: 'buckets the simulator has and the chart lacks', timeout: 15_000 },
        )
        .toEqual([]);
      await page.screenshot({ path: `test-results/screens/i14-after-outage-${size.width}.png` });

      // Every trade of the outage the tape still keeps room for is on it (REST back-fill, no repeats).
      await expect
        .poll(
          async () => {
            const kept = ((await page.getByTestId('tape').getAttribute('data-kept-ids')) ?? '').split(' ');
            if (new Set(kept).size !== kept.length) return ['repeated ids'];
            const newest = (await simTrades(terminal)).slice(0, kept.length);
            const oldestKept = newest[newest.length - 1]?.time ?? 0;
            return newest.filter((t) => t.time >= Math.max(droppedAt, oldestKept) && t.time <= recoveredAt && !kept.includes(t.id)).map((t) => t.id);
          },
          { message: 'outage trades the simulator has and the tape lacks', timeout: 15_000 },
        )
        .toEqual([]);
      // The rows shown are the exchange's newest trades, in its order.
      await expect
        .poll(async () => {
          const rows = await page.locator('[data-testid="tape"] [data-trade-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-trade-id')));
          const sim = (await simTrades(terminal)).slice(0, rows.length).map((t) => t.id);
          return rows.join(' ') === sim.join(' ');
        })
        .toBe(true);
    });
  },
  { timeout: 240_000 },
);
