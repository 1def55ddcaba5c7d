import { expect, test } from './fixtures';
import { openTerminal } from './support/terminal-page';

// Issue 19 #5: the renderer does less per market update. What can be checked without timing
// (the figures are `npm run bench -- ui-render`'s): a push forces no layout, the ladder and the
// tape are the layout and paint roots of their rows (rows add no paint layer of their own), and
// a push re-renders the pane's content, not its header.

test.use({ viewport: { width: 1600, height: 960 } });

test('ticker pushes never force a layout: the watchlist scrolls only when its selection moves', async ({ page, terminal }) => {
  await page.addInitScript(() => {
    const counted = window as unknown as { __scrolls: number };
    counted.__scrolls = 0;
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element, arg?: boolean | ScrollIntoViewOptions) {
      counted.__scrolls++;
      return original.call(this, arg);
    };
  });
  await openTerminal(page, terminal);
  const watch = page.getByTestId('watchlist');
  await expect(watch.locator('[data-symbol="BTCUSDT"][data-exchange="icrypex"] td.num').first()).not.toHaveText('–');
  const scrolls = () => page.evaluate(() => (window as unknown as { __scrolls: number }).__scrolls);
  const before = await scrolls();
  // Watch the table change under ticker pushes, with nothing selected or typed meanwhile.
  await page.evaluate(() => {
    const seen = window as unknown as { __tickerChanges: number };
    seen.__tickerChanges = 0;
    new MutationObserver(() => seen.__tickerChanges++).observe(document.querySelector('[data-testid="watchlist"] tbody')!, { subtree: true, characterData: true, childList: true });
  });
  await expect.poll(() => page.evaluate(() => (window as unknown as { __tickerChanges: number }).__tickerChanges), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
  expect(await scrolls()).toBe(before);
  // Moving the selection still brings the row into view.
  await page.getByTestId('watch-filter').focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(scrolls).toBeGreaterThan(before);
});

test('the ladder and the tape contain their rows; rows are not paint containers of their own', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  await expect(page.locator('.tape-row[data-trade-id]').first()).toBeVisible({ timeout: 20_000 });
  const contain = await page.evaluate(() =>
    ['[data-testid="book"]', '[data-testid="tape"]', '.book-row[data-index]', '.book-spread', '.tape-row[data-trade-id]'].map((selector) => getComputedStyle(document.querySelector(selector)!).contain),
  );
  expect(contain).toEqual(['strict', 'strict', 'none', 'none', 'none']);
});

test('market pushes leave the panes\' header controls alone', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  const watch = page.getByTestId('watchlist');
  await expect(watch.locator('[data-symbol="BTCUSDT"][data-exchange="icrypex"] td.num').first()).not.toHaveText('–');
  await expect(page.locator('.book-row[data-index]').first()).toBeVisible();
  // Every write React makes to a header's inputs and selects shows as a mutation, even one that
  // sets the same value; the book's rows and the watchlist's cells change meanwhile.
  await page.evaluate(() => {
    const seen = window as unknown as { __header: string[]; __content: number };
    seen.__header = [];
    seen.__content = 0;
    new MutationObserver((records) => {
      for (const r of records) {
        const target = r.target instanceof Element ? r.target : r.target.parentElement;
        if (target?.closest('.pane-title') && target.closest('input, select, option')) seen.__header.push(`${target.tagName} ${r.type} ${r.attributeName ?? ''}`);
        else if (target?.closest('[data-testid="book"], [data-testid="watchlist"]')) seen.__content++;
      }
    }).observe(document.body, { subtree: true, attributes: true, characterData: true, childList: true });
  });
  await expect.poll(() => page.evaluate(() => (window as unknown as { __content: number }).__content), { timeout: 30_000 }).toBeGreaterThanOrEqual(50);
  expect(await page.evaluate(() => (window as unknown as { __header: string[] }).__header)).toEqual([]);
});
