import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { forBothSizes } from './support/sizes';
import { bookMid, expectLineInView, paletteOrder } from './support/chart';
import { focusNothing, openTerminal, simOrders } from './support/terminal-page';

/** A price `factor` times the mid, on BTCUSDT's 0.01 tick. */
const near = (mid: number, factor: number) => (mid * factor).toFixed(2).replace(/\.?0+$/, '');
/** A price as the orders table shows it: padded to BTCUSDT's 0.01 tick (docs/ui.md "Numbers"). */
const shown = (price: string) => (price.includes('.') ? price.padEnd(price.indexOf('.') + 3, '0') : `${price}.00`);

/** Focuses the open-order row of `orderId` from the keyboard: Ctrl+5, then ↓ until it has the focus. */
async function focusRow(page: Page, orderId: string): Promise<void> {
  await page.keyboard.press('Control+5');
  const rows = page.getByTestId('open-order');
  const ids = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-order-id')));
  for (let i = 0; i < ids.indexOf(orderId); i++) await page.keyboard.press('ArrowDown');
  await expect(page.locator(`[data-testid="open-order"][data-order-id="${orderId}"]`)).toBeFocused();
}

forBothSizes((size) => {
  test('a limit 8 % below the market is drawn inside the chart, not only in the screen-reader list', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    const price = near(await bookMid(page), 0.92);
    await paletteOrder(page, `buy 0.001 @ ${price}`);
    const row = page.getByTestId('open-order').filter({ hasText: price });
    await expect(row).toHaveCount(1);
    const id = (await row.getAttribute('data-order-id'))!;
    await expectLineInView(page, id, 'limit', /^BUY 0\.001/);
    await page.getByTestId('chart').screenshot({ path: test.info().outputPath(`far-limit-${size.width}.png`) });

    await focusNothing(page);
    await page.keyboard.press('Control+Shift+X');
    await expect(page.getByTestId('open-order')).toHaveCount(0);
  });

  test('stop orders show their trigger in open orders and as a line of its own; a move keeps the trigger', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    const before = simOrders(terminal, 'icrypex').length;
    const mid = await bookMid(page);
    const [sellTrigger, sellLimit, marketTrigger] = [near(mid, 0.97), near(mid, 0.965), near(mid, 0.975)];
    await paletteOrder(page, `sell 0.001 stop ${sellTrigger} @ ${sellLimit}`);
    await paletteOrder(page, `sell 0.001 stop ${marketTrigger} market`);

    const rows = page.getByTestId('open-order');
    const stopLimit = rows.filter({ hasText: `stop ${sellTrigger}` });
    const stopMarket = rows.filter({ hasText: `stop ${marketTrigger}` });
    await expect(stopLimit.getByTestId('order-price')).toHaveText(`stop ${shown(sellTrigger)} → ${shown(sellLimit)}`);
    await expect(stopMarket.getByTestId('order-price')).toHaveText(`stop ${shown(marketTrigger)} → market`);
    // Nothing to move on a stop-market: no Move button.
    await expect(stopMarket.getByRole('button', { name: 'Move' })).toHaveCount(0);
    await expect(stopLimit.getByRole('button', { name: 'Move' })).toHaveCount(1);

    const limitId = (await stopLimit.getAttribute('data-order-id'))!;
    const marketId = (await stopMarket.getAttribute('data-order-id'))!;
    // Each trigger is its own line, labelled "stop <price>", and the stop-limit keeps its limit line.
    await expectLineInView(page, limitId, 'stop', new RegExp(`^SELL stop ${sellTrigger.replace('.', '\\.')}$`));
    await expectLineInView(page, limitId, 'limit', /^SELL 0\.001 limit$/);
    await expectLineInView(page, marketId, 'stop', new RegExp(`^SELL stop ${marketTrigger.replace('.', '\\.')} → market$`));
    await page.getByTestId('chart').screenshot({ path: test.info().outputPath(`stop-lines-${size.width}.png`) });
    await page.getByTestId('open-orders').screenshot({ path: test.info().outputPath(`stop-rows-${size.width}.png`) });

    // E on the stop-market explains instead of opening a price field.
    await focusRow(page, marketId);
    await page.keyboard.press('e');
    await expect(page.getByTestId('notices')).toContainText(`order ${marketId} is stop-market: it has no limit price to move`);
    await expect(page.getByTestId('move-price')).toHaveCount(0);

    // E on the stop-limit moves its limit; the replacement keeps the trigger.
    const newLimit = near(mid, 0.96);
    await focusRow(page, limitId);
    await page.keyboard.press('e');
    const input = page.getByTestId('move-price');
    await expect(input).toBeFocused();
    await expect(input).toHaveAttribute('aria-label', new RegExp(`the trigger stays ${sellTrigger.replace('.', '\\.')}`));
    await page.keyboard.press('Control+a');
    await page.keyboard.type(newLimit);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('notices')).toContainText(`moved sell 0.001 BTCUSDT to ${newLimit}`);
    await expect(rows.filter({ hasText: `stop ${sellTrigger}` }).getByTestId('order-price')).toHaveText(`stop ${shown(sellTrigger)} → ${shown(newLimit)}`);
    const arrived = simOrders(terminal, 'icrypex')
      .slice(before)
      .filter((o) => o.type === 'stop-limit')
      .map((o) => [o.status, o.triggerPrice, o.price]);
    expect(arrived).toEqual([
      ['canceled', sellTrigger, sellLimit],
      ['new', sellTrigger, newLimit],
    ]);

    await focusNothing(page);
    await page.keyboard.press('Control+Shift+X');
    await expect(rows).toHaveCount(0);
  });
});
