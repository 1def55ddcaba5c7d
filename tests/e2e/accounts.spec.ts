import { expect, test } from './fixtures';
import { focusNothing, openTerminal, restingBuyPrice, simOrders } from './support/terminal-page';

test('Alt+2 switches to the Crypto.com demo account and an order goes to that exchange', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  const icxBefore = simOrders(terminal, 'icrypex').length;
  const cdcBefore = simOrders(terminal, 'cryptocom').length;
  const accounts = page.getByTestId('account');
  // One demo account per simulated exchange: Icrypex, Crypto.com V1, Crypto.com Exchange.
  await expect(accounts).toHaveCount(3);
  const second = accounts.nth(1);
  await expect(second).toContainText('cryptocom');

  await focusNothing(page);
  await page.keyboard.press('Alt+2');
  await expect(second).toHaveClass(/is-active/);
  await expect(page.getByTestId('active-account')).toContainText('cryptocom');
  await expect(page.getByTestId('ticket-account')).toHaveValue((await second.getAttribute('data-account-id'))!);
  // The book now streams from the other exchange.
  await expect(page.getByTestId('book-state')).toHaveText('LIVE', { timeout: 20_000 });
  const price = await restingBuyPrice(page, 0.5);

  await page.keyboard.press('b');
  await page.keyboard.type('0.001');
  await page.keyboard.press('Tab');
  await page.keyboard.type(price);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-message')).toContainText('placed buy 0.001 BTCUSDT');
  // The open-orders pane shows this account's orders (its name is in the pane title): the row is the Crypto.com account's.
  await expect(page.getByTestId('open-order').filter({ hasText: price })).toHaveAttribute('data-order-account', (await second.getAttribute('data-account-id'))!);

  const arrived = simOrders(terminal, 'cryptocom').slice(cdcBefore);
  expect(arrived.map((o) => [o.side, o.price, o.quantity])).toEqual([['buy', price, '0.001']]);
  expect(simOrders(terminal, 'icrypex').length).toBe(icxBefore);

  await focusNothing(page);
  await page.keyboard.press('Control+Shift+X');
  await expect(page.getByTestId('open-order')).toHaveCount(0);

  // And back with the palette, as the issue writes it.
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('account demo-icrypex');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toHaveCount(0);
  await expect(page.getByTestId('active-account')).toContainText('icrypex');
  await expect(accounts.first()).toHaveClass(/is-active/);
});
