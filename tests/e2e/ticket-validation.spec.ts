import { expect, test } from './fixtures';
import { bookPrice, focusNothing, openTerminal, simOrders } from './support/terminal-page';

const cases = [
  { name: 'a negative quantity', quantity: '-0.5', field: 'quantity', message: 'quantity must be greater than 0, not -0.5' },
  { name: 'too many decimals', quantity: '0.000000001', field: 'quantity', message: /quantity has too many decimals: BTCUSDT allows \d+/ },
  { name: 'an order below the minimum value', quantity: '0.00001', field: 'quantity', message: /order value .* is below the minimum/ },
] as const;

for (const c of cases) {
  test(`the ticket refuses ${c.name} with a clear message and sends nothing`, async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    const before = simOrders(terminal, 'icrypex').length;
    const price = await bookPrice(page, 'bid', 3);
    await focusNothing(page);
    await page.keyboard.press('b');
    await page.keyboard.type(c.quantity);
    await page.keyboard.press('Tab');
    await page.keyboard.type(price);
    await page.keyboard.press('Enter');

    await expect(page.getByTestId(`ticket-${c.field}-problem`)).toHaveText(c.message);
    // Said once, beside the field; the result line only says nothing was sent.
    await expect(page.getByTestId('ticket-message')).toHaveText(/^not sent: (one problem|\d+ problems) to fix, shown above$/);
    await expect(page.getByTestId('ticket-quantity')).toHaveAttribute('aria-invalid', 'true');
    // Give a stray request every chance to arrive, then check the exchange saw nothing.
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('ticket-message')).toHaveText(/^not sent: (one problem|\d+ problems) to fix, shown above$/);
    await expect(page.getByTestId(`ticket-${c.field}-problem`)).toHaveText(c.message);
    expect(simOrders(terminal, 'icrypex').length).toBe(before);
    await expect(page.getByTestId('open-order')).toHaveCount(0);
  });
}
