import { expect, test } from './fixtures';
import { openTerminal } from './support/terminal-page';

test('a pane resized from the keyboard keeps its size after a reload', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  const chart = page.getByTestId('cell-chart');
  const widthBefore = (await chart.boundingBox())!.width;

  // Tab to the border between the chart column and the book column; arrows move it.
  const border = page.getByRole('separator', { name: 'Resize between column 1 and 2' });
  await border.focus();
  for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(async () => (await chart.boundingBox())!.width).toBeGreaterThan(widthBefore + 150);
  const widthAfter = (await chart.boundingBox())!.width;
  const bookRows = page.getByTestId('cell-book');
  const ticketBorder = page.getByRole('separator', { name: 'Resize between Order ticket and Watchlist' });
  await ticketBorder.focus();
  await page.keyboard.press('Shift+ArrowDown');
  const ticketHeight = (await page.getByTestId('cell-ticket').boundingBox())!.height;
  const bookWidth = (await bookRows.boundingBox())!.width;

  await page.reload();
  await openTerminal(page, terminal);
  await expect.poll(async () => Math.round((await chart.boundingBox())!.width)).toBe(Math.round(widthAfter));
  expect(Math.round((await bookRows.boundingBox())!.width)).toBe(Math.round(bookWidth));
  expect(Math.round((await page.getByTestId('cell-ticket').boundingBox())!.height)).toBe(Math.round(ticketHeight));
});
