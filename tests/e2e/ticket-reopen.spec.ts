import { expect, test } from './fixtures';
import { forBothSizes } from './support/sizes';
import { focusNothing, openTerminal, restingBuyPrice } from './support/terminal-page';

// Issue 11, point 4: errors appear after the trader acts on the ticket. An order just sent is
// done: B or S then opens a ticket for the next one, with no red before anything is typed.

forBothSizes((size) => {
  test('after a buy is placed, S opens a clean sell ticket: no "required" before anything is typed', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    const pane = page.locator('[data-pane="ticket"]');
    const quantity = page.getByTestId('ticket-quantity');
    const price = await restingBuyPrice(page, 0.5);

    // Buy 25 % of the USDT (Alt+1), at a price that rests, from the keyboard.
    await focusNothing(page);
    await page.keyboard.press('b');
    await expect(quantity).toBeFocused();
    await page.keyboard.press('Alt+1');
    await expect(page.getByTestId('ticket-sized-by')).toContainText('set by 25 %');
    await page.keyboard.press('Tab');
    await page.keyboard.type(price);
    await expect(page.getByTestId('ticket-preview')).toHaveAttribute('data-check', 'checked');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('ticket-message')).toContainText('placed buy');

    // S: the 25 % was of the USDT, so the size is cleared for the sell; nothing typed yet.
    await page.keyboard.press('Escape');
    await page.keyboard.press('s');
    await expect(quantity).toBeFocused();
    await expect(quantity).toHaveValue('');
    await expect(pane.locator('[data-testid$="-problem"]')).toHaveCount(0);
    await expect(pane.locator('[aria-invalid="true"]')).toHaveCount(0);
    await page.screenshot({ path: `test-results/ticket-reopen/${size.width}x${size.height}-sell-after-buy.png` });

    // Leaving the empty size is acting on it: now it says what it needs.
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('ticket-quantity-problem')).toContainText('quantity is required');

    await focusNothing(page);
    await page.keyboard.press('Control+Shift+X');
    await expect(page.getByTestId('open-order')).toHaveCount(0);
  });
});
