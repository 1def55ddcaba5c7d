import { expect, test } from './fixtures';
import { forBothSizes } from './support/sizes';
import { focusNothing, openTerminal, restingBuyPrice } from './support/terminal-page';

// Issue 11 #14: the open-orders tab counts the rows its filters show, never every open order.
forBothSizes((viewport) => {
  test('the open-orders count follows the symbol filter and says what the filter hides', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    // Orders other journeys left resting on any account would count as hidden too: start clean.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('cancel all on all accounts');
    await expect(page.getByTestId('palette-status')).toContainText('every account');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('notices')).toContainText(/cancelled \d+ on every account/);
    await expect(page.getByTestId('open-orders-hidden')).toHaveCount(0);
    // Keyboard only: a resting buy on BTCUSDT from the palette.
    const price = await restingBuyPrice(page, 0.5);
    await page.keyboard.press('Control+k');
    await page.keyboard.type(`buy 0.001 btcusdt @ ${price}`);
    await expect(page.getByTestId('palette-status')).toContainText('notional');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('notices')).toContainText('placed');
    const tab = page.getByTestId('orders-tab-open');
    const open = await page.getByTestId('open-order').count();
    expect(open).toBeGreaterThan(0);
    await expect(tab).toHaveText(`Open (${open})`);

    // Another symbol: its filter shows none, so the tab says 0 and the pane names what it hides.
    await focusNothing(page);
    await page.keyboard.press('/');
    await page.keyboard.type('SHIBUSDT');
    await page.keyboard.press('Enter');
    await expect(page.getByText('No open orders on SHIBUSDT')).toBeVisible();
    await expect(tab).toHaveText('Open (0)');
    await expect(page.getByTestId('open-orders-hidden')).toContainText(`${open} more open`);
    await page.screenshot({ path: `test-results/screens/orders-count-${viewport.width}.png` });

    // Back on BTCUSDT the count is the rows again; cancel them all so the next run starts clean.
    await focusNothing(page);
    await page.keyboard.press('/');
    await page.keyboard.type('BTCUSDT');
    await page.keyboard.press('Enter');
    await expect(tab).toHaveText(`Open (${open})`);
    await page.keyboard.press('Control+Shift+X');
    await expect(tab).toHaveText('Open (0)');
    await expect(page.getByTestId('open-orders-hidden')).toHaveCount(0);
  });
});
