import { expect, test } from './fixtures';
import { bookPrice, focusNothing, openTerminal, restingBuyPrice, simOrders } from './support/terminal-page';
import type { Page } from '@playwright/test';

// Risk settings live in the engine (shared by this worker's tests): put them back after each.
test.afterEach(async ({ terminal }) => {
  await terminal.engine.settings.set({ readOnly: false, priceBandPercent: 10, symbolLimits: {} });
});

async function fillBuy(page: Page, quantity: string, price: string): Promise<void> {
  await focusNothing(page);
  await page.keyboard.press('b');
  await page.keyboard.type(quantity);
  await page.keyboard.press('Tab');
  await page.keyboard.type(price);
}

test('read-only mode shows what would be sent and sends nothing, until it is turned off', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  const before = simOrders(terminal, 'icrypex').length;
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('readonly on');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('read-only')).toBeVisible();

  const price = await bookPrice(page, 'bid', 4);
  await fillBuy(page, '0.002', price);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-message')).toContainText(`read-only: would send BUY 0.002 BTCUSDT @ ${price}`);
  expect(simOrders(terminal, 'icrypex').length).toBe(before);

  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('readonly off');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('read-only')).toHaveCount(0);
});

test('a per-symbol max size set in settings blocks a bigger order with a message, and nothing is sent', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  const before = simOrders(terminal, 'icrypex').length;
  await focusNothing(page);
  await page.keyboard.press('Control+,');
  await page.getByTestId('limit-symbol').fill('BTCUSDT');
  await page.getByTestId('limit-max-size').fill('0.001');
  await page.getByTestId('limit-add').click();
  await expect(page.getByTestId('limit-BTCUSDT')).toContainText('max size 0.001');
  await page.keyboard.press('Escape');

  const price = await bookPrice(page, 'bid', 4);
  await fillBuy(page, '0.002', price);
  // Said once, beside the quantity (not again in the preview or the result line).
  await expect(page.getByTestId('ticket-quantity-problem')).toContainText('above the max order size of 0.001 BTC');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-message')).toHaveText('not sent: one problem to fix, shown above');
  await expect(page.getByTestId('ticket-preview')).not.toContainText('max order size');
  expect(simOrders(terminal, 'icrypex').length).toBe(before);
});

test('a confirmation size asks for a second Enter, then sends once', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  const before = simOrders(terminal, 'icrypex').length;
  await focusNothing(page);
  await page.keyboard.press('Control+,');
  await page.getByTestId('setting-confirm-above').fill('50');
  await page.getByTestId('setting-confirm-above').blur();
  await page.keyboard.press('Escape');

  const price = await restingBuyPrice(page, 0.5);
  await fillBuy(page, '0.002', price);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-message')).toContainText('is above 50 · Enter again to send');
  expect(simOrders(terminal, 'icrypex').length).toBe(before);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-message')).toContainText('placed buy 0.002 BTCUSDT');
  expect(simOrders(terminal, 'icrypex').length).toBe(before + 1);
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('open-order')).toHaveCount(0);
});

test('a click on a book price puts it in the ticket, and so does Enter on the focused book', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  // The book moves while the test runs: read the row's price and click it in one page task,
  // so the price read is the one the click carried.
  const price = await page.locator('.book-ask[data-index]').first().evaluate((row: HTMLElement) => {
    const shown = row.dataset['price']!;
    row.click();
    return shown;
  });
  await expect(page.getByTestId('ticket-price')).toHaveValue(price);

  await page.keyboard.press('Control+2');
  await expect(page.getByTestId('book')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const cursor = page.locator('.book-cursor');
  const before = (await cursor.getAttribute('data-price'))!;
  await page.keyboard.press('Enter');
  const after = (await cursor.getAttribute('data-price'))!;
  // Enter takes the cursor row's price at that moment: the row's price just before or after it.
  await expect.poll(() => page.getByTestId('ticket-price').inputValue()).toMatch(new RegExp(`^(${before}|${after})$`.replace(/\./g, '\\.')));
});
