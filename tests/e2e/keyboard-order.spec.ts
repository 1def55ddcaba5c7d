import { expect, test } from './fixtures';
import { JOURNEY_EXCHANGES, openOn } from './support/journeys';
import { forBothSizes } from './support/sizes';
import { focusNothing, restingBuyPrice, simOrders } from './support/terminal-page';

for (const x of JOURNEY_EXCHANGES) {
  test.describe(x.name, () => {
    forBothSizes(() => {
      test('a limit order placed entirely from the keyboard shows in open orders and on the chart, and Ctrl+Shift+Z cancels it', async ({ page, terminal }) => {
        await openOn(page, terminal, x);
        const before = simOrders(terminal, x.id).length;
        // A buy under the best bid rests in the book.
        const price = await restingBuyPrice(page, 0.5);

        await focusNothing(page);
        await page.keyboard.press('b');
        await expect(page.getByTestId('ticket-quantity')).toBeFocused();
        await page.keyboard.type('0.002');
        await page.keyboard.press('Tab');
        await expect(page.getByTestId('ticket-price')).toBeFocused();
        await page.keyboard.type(price);
        await page.keyboard.press('Enter');

        await expect(page.getByTestId('ticket-message')).toContainText(`placed buy 0.002 ${x.symbol}`);
        const row = page.getByTestId('open-order').filter({ hasText: price });
        await expect(row).toHaveCount(1);
        await expect(page.getByTestId('chart-order-lines').locator(`li[data-price="${price}"]`)).toHaveCount(1);
        // It reached the exchange: one new order, at that price, resting.
        const arrived = simOrders(terminal, x.id).slice(before);
        expect(arrived.map((o) => [o.side, o.price, o.quantity, o.status])).toEqual([['buy', price, '0.002', 'new']]);

        // Esc closes the ticket and a second Esc cancels nothing (issue 11); Ctrl+Shift+Z cancels the last order placed.
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('ticket-quantity')).not.toBeFocused();
        await page.keyboard.press('Escape');
        await expect(row).toHaveCount(1);
        await page.keyboard.press('Control+Shift+Z');
        await expect(row).toHaveCount(0);
        await expect(page.getByTestId('chart-order-lines').locator(`li[data-price="${price}"]`)).toHaveCount(0);
        await expect.poll(() => simOrders(terminal, x.id)[before]?.status).toBe('canceled');
      });

      test('a double Enter sends one order, and Ctrl+Shift+X cancels every order on the symbol', async ({ page, terminal }) => {
        await openOn(page, terminal, x);
        const before = simOrders(terminal, x.id).length;
        const price = await restingBuyPrice(page, 0.6);

        await focusNothing(page);
        await page.keyboard.press('b');
        await page.keyboard.type('0.001');
        await page.keyboard.press('Tab');
        await page.keyboard.type(price);
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('ticket-message')).toContainText(/placed|already sent/);
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('ticket-message')).toContainText('already sent as order');
        expect(simOrders(terminal, x.id).length - before).toBe(1);

        // A field edit makes it a new submission: a second, distinct order.
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('Control+a');
        await page.keyboard.type('0.0015');
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('ticket-message')).toContainText(`placed buy 0.0015 ${x.symbol}`);
        const mine = simOrders(terminal, x.id).slice(before);
        expect(mine.map((o) => o.quantity)).toEqual(['0.001', '0.0015']);
        expect(new Set(mine.map((o) => o.id)).size).toBe(2);
        // Each under a client order id of its own, where the exchange keeps one (else neither has any).
        expect(new Set(mine.map((o) => o.clientId)).size).toBe(x.clientOrderIds ? 2 : 1);

        await focusNothing(page);
        await page.keyboard.press('Control+Shift+X');
        await expect(page.getByTestId('open-order')).toHaveCount(0);
        await expect.poll(() => simOrders(terminal, x.id).slice(before).every((o) => o.status === 'canceled')).toBe(true);
      });
    });
  });
}
