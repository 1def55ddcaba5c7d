import { expect, test } from './fixtures';
import { addSpareIcrypexAccount } from './support/accounts';
import { bookPrice, focusNothing, openTerminal, simOrders } from './support/terminal-page';

// Issue 18: in demo mode the palette injects faults into the simulated exchanges; with a live
// account it neither offers nor runs them.
for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1600, height: 960 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('sim commands from the palette: offered in demo mode, a failed order and cut sockets the terminal survives', async ({ page, terminal }) => {
      await openTerminal(page, terminal);
      try {
        await page.keyboard.press('Control+k');
        await page.keyboard.type('si');
        const suggestions = page.locator('#palette-suggestions li');
        await expect(suggestions.filter({ hasText: 'sim drop sockets' })).toHaveCount(1);
        await expect(suggestions.filter({ hasText: 'sim 500 next order' })).toHaveCount(1);
        await page.screenshot({ path: `test-results/screens/sim-suggestions-${viewport.width}.png` });
        await page.keyboard.press('Escape');

        // The next order on Icrypex answers 500: the terminal says so, nothing arrives at the exchange.
        await page.keyboard.press('Control+k');
        await page.keyboard.type('sim 500 next order on icrypex');
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('notices')).toContainText('sim: Icrypex: the next order answers HTTP 500');
        const before = simOrders(terminal, 'icrypex').length;
        const price = await bookPrice(page, 'bid', 8);
        await page.keyboard.press('Control+k');
        await page.keyboard.type(`buy 0.001 btcusdt @ ${price}`);
        await expect(page.getByTestId('palette-status')).toContainText('notional');
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('notices')).toContainText(/500|unavailable|not confirmed|rejected|failed/i);
        expect(simOrders(terminal, 'icrypex').length).toBe(before);
        await page.screenshot({ path: `test-results/screens/sim-fail-order-${viewport.width}.png` });

        // Cut sockets: the book goes down and comes back live by itself.
        await focusNothing(page);
        await page.keyboard.press('Control+k');
        await page.keyboard.type('sim drop sockets');
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('notices')).toContainText(/sim: Icrypex: cut [1-9]\d* sockets?/);
        await expect(page.getByTestId('book-state')).toHaveText('LIVE', { timeout: 20_000 });
        await page.screenshot({ path: `test-results/screens/sim-drop-${viewport.width}.png` });
      } finally {
        terminal.sims.fault({ fault: { kind: 'reset' } });
      }
    });

    test('no sim commands while a live account exists: not suggested, and refused if typed', async ({ page, terminal }) => {
      const spare = await addSpareIcrypexAccount(terminal, 'Live desk');
      try {
        await openTerminal(page, terminal);
        await page.keyboard.press('Control+k');
        await page.keyboard.type('si');
        await expect(page.locator('#palette-suggestions li').filter({ hasText: /^sim / })).toHaveCount(0);
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+k');
        await page.keyboard.type('sim drop sockets');
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('palette-message')).toHaveText('sim commands work in demo mode only: a live account exists');
        expect(terminal.sims.icrypex.sim.connectionCount).toBeGreaterThan(0);
        await page.screenshot({ path: `test-results/screens/sim-refused-${viewport.width}.png` });
      } finally {
        await spare.remove();
      }
    });
  });
}
