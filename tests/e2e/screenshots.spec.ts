import { expect, test } from './fixtures';
import { focusNothing, openTerminal, restingBuyPrice } from './support/terminal-page';

// The README's pictures: the main layout in each theme, with a resting order on the chart.
// A normal run writes them under test-results/; `UPDATE_DOCS_SCREENSHOTS=1 npm test -- --only e2e`
// refreshes the committed ones in docs/screenshots/ (so a test run never dirties the tree).
const shotPath = (name: string, outputPath: (file: string) => string) =>
  process.env['UPDATE_DOCS_SCREENSHOTS'] === '1' ? `docs/screenshots/${name}` : outputPath(name);

test('the main layout renders in the dark, light and colour-blind themes (screenshots for docs)', async ({ page, terminal }, testInfo) => {
  const out = (file: string) => testInfo.outputPath(file);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await openTerminal(page, terminal);
  const price = await restingBuyPrice(page, 0.5);
  await focusNothing(page);
  await page.keyboard.press('b');
  await page.keyboard.type('0.002');
  await page.keyboard.press('Tab');
  await page.keyboard.type(price);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('chart-order-lines').locator(`li[data-price="${price}"]`)).toHaveCount(1);
  await page.keyboard.press('Escape');

  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: shotPath('terminal-dark.png', out) });
  for (const theme of ['light', 'colorblind'] as const) {
    await page.keyboard.press('Control+k');
    await page.getByTestId('palette-input').fill(`theme ${theme}`);
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.screenshot({ path: shotPath(`terminal-${theme}.png`, out) });
  }
  await focusNothing(page);
  await page.keyboard.press('Control+Shift+X');
  await expect(page.getByTestId('open-order')).toHaveCount(0);
  expect(problems).toEqual([]);
});
