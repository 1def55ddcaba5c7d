import { expect, test } from './fixtures';
import { openTerminal } from './support/terminal-page';

// Issue 19 #5: the renderer does less per market update. What can be checked without timing
// (the figures are `npm run bench -- ui-render`'s): a push forces no layout, and each book and
// tape row is its own layout root, so a changed figure lays out one row.

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

test('book rows, the spread line and tape rows are layout roots of their own', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  await expect(page.locator('.tape-row[data-trade-id]').first()).toBeVisible({ timeout: 20_000 });
  const contain = await page.evaluate(() =>
    ['.book-row[data-index]', '.book-spread', '.tape-row[data-trade-id]'].map((selector) => getComputedStyle(document.querySelector(selector)!).contain),
  );
  expect(contain).toEqual(['strict', 'strict', 'strict']);
});
