import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openTerminal } from './support/terminal-page';

// Issue 14 #1: the watchlist shows every market of the exchanges in use with its 24 h ticker,
// sorts by any column, filters as you type, and Enter makes the selected market active.

const shot = (page: Page, name: string, width: number) => page.screenshot({ path: `test-results/screens/watchlist-${name}-${width}.png` });

const rowSymbols = (page: Page) => page.getByTestId('watch-row').evaluateAll((rows) => rows.map((r) => `${(r as HTMLElement).dataset['symbol']}@${(r as HTMLElement).dataset['exchange']}`));

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1600, height: 960 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('lists every exchange live, sorts by a column, filters, and Enter switches market and account', async ({ page, terminal }) => {
      await openTerminal(page, terminal);
      const watch = page.getByTestId('watchlist');
      // Every market of every simulator, each with a last price from the tickers.
      const { icrypex, cryptocom, 'cryptocom-exchange': cdx } = terminal.sims;
      const simMarkets = [icrypex, cryptocom, cdx].reduce((n, s) => n + s.sim.engine.listMarkets().length, 0);
      await expect(page.getByTestId('watch-row')).toHaveCount(simMarkets);
      await expect(watch.locator('[data-symbol="CROBTC"] td.num').first()).not.toHaveText('–');
      await expect(watch.locator('[data-symbol="BTCUSDT"][data-exchange="icrypex"] td.num').first()).not.toHaveText('–');
      await expect(watch.locator('[data-symbol="BTCUSD"][data-exchange="cryptocom-exchange"] td.num').first()).not.toHaveText('–');
      await expect(watch.locator('[data-symbol="BTCUSD"][data-exchange="cryptocom-exchange"] .watch-exchange')).toHaveText('CDX');

      // Sort by symbol ascending, then descending.
      await page.getByTestId('watch-sort-symbol').click();
      await expect(page.getByTestId('watch-sort-symbol')).toContainText('▴');
      const up = await rowSymbols(page);
      expect(up.map((s) => s.split('@')[0])).toEqual([...up.map((s) => s.split('@')[0]!)].sort());
      await page.getByTestId('watch-sort-symbol').click();
      const down = await rowSymbols(page);
      expect(down.map((s) => s.split('@')[0])).toEqual([...up.map((s) => s.split('@')[0]!)].sort().reverse());
      // Sort by the 24 h change, biggest first: the shown percentages never increase down the list.
      await page.getByTestId('watch-sort-change').click();
      const changes = await page.getByTestId('watch-change').allTextContents();
      const values = changes.map((c) => Number(c.replace(/[ %+]/g, '')));
      expect(values).toEqual([...values].sort((a, b) => b - a));
      await shot(page, 'sorted', viewport.width);

      // Ctrl+8 focuses the filter: type, move with the arrows, Enter.
      await page.keyboard.press('Control+8');
      await expect(page.getByTestId('watch-filter')).toBeFocused();
      // Only Crypto.com V1 lists CRO pairs (crobtc, crousdt, ethcro, …); one symbol narrows to one row.
      await page.keyboard.type('crobtc');
      await expect(page.getByTestId('watch-row')).toHaveCount(1);
      await page.keyboard.press('Enter');
      // A Crypto.com market: the account switches with it, and the panes follow.
      await expect(page.getByTestId('chart-subject')).toHaveText('CROBTC · Crypto.com demo');
      await expect(page.getByTestId('book-state')).toHaveText('LIVE', { timeout: 20_000 });
      await shot(page, 'cro', viewport.width);

      await page.getByTestId('watch-filter').fill('usdt');
      await page.getByTestId('watch-sort-symbol').click();
      await page.getByTestId('watch-filter').focus();
      const list = await rowSymbols(page);
      const target = list.findIndex((s) => s === 'ETHUSDT@icrypex');
      expect(target).toBeGreaterThanOrEqual(0);
      for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
      await expect(page.locator('[data-testid="watch-row"].is-selected')).toHaveAttribute('data-symbol', 'ETHUSDT');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('chart-subject')).toHaveText('ETHUSDT · Icrypex demo');
      // The filter and sort are kept with the layout across a reload.
      await page.reload();
      await expect(page.getByTestId('watch-filter')).toHaveValue('usdt');
      await expect(page.getByTestId('watch-sort-symbol')).toContainText('▴');
    });
  });
}
