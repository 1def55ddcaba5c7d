import Big from 'big.js';
import { expect, test } from './fixtures';
import { openTerminal, shownDecimal, simFree } from './support/terminal-page';

test('a market order from the palette fills and the balances change', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  const freeBtc = page.getByTestId('balances').locator('tr[data-asset="BTC"] [data-testid="free-BTC"]');
  const freeUsdt = page.getByTestId('balances').locator('tr[data-asset="USDT"] [data-testid="free-USDT"]');
  await expect(freeBtc).not.toHaveText('');
  const btcBefore = shownDecimal(await freeBtc.textContent());
  const usdtBefore = shownDecimal(await freeUsdt.textContent());

  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('sell 0.01 btcusdt market');
  await expect(page.getByTestId('palette-status')).toContainText('SELL 0.01 BTCUSDT market');
  await expect(page.getByTestId('palette-status')).toContainText('notional');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toHaveCount(0);
  await expect(page.getByTestId('notices')).toContainText('(filled)');

  // The seller pays the fee in quote: BTC drops by exactly the quantity, USDT rises.
  await expect.poll(async () => new Big(shownDecimal(await freeBtc.textContent())).eq(new Big(btcBefore).minus('0.01'))).toBe(true);
  await expect.poll(async () => new Big(shownDecimal(await freeUsdt.textContent())).gt(usdtBefore)).toBe(true);
  // The pane shows what the exchange holds.
  expect(new Big(shownDecimal(await freeBtc.textContent())).eq(simFree(terminal, 'icrypex', 'BTC'))).toBe(true);
  await page.getByTestId('orders-tab-fills').click();
  await expect(page.getByTestId('my-trades').locator('tbody tr').first()).toContainText('sell');
});
