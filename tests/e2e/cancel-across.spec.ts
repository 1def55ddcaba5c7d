import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { DemoTerminal } from './support/demo-terminal';
import { focusNothing, openTerminal, restingBuyPrice, simOrders } from './support/terminal-page';

// Issue 13 #4: cancel across accounts. The orders pane's "Cancel all" acts on the scope the
// pane shows (in the all-accounts view it used to cancel the active account only), says which
// scope that is, and every way in (button, key, palette) answers with per-account counts.

const openOnSim = (terminal: DemoTerminal, exchange: 'icrypex' | 'cryptocom') =>
  simOrders(terminal, exchange).filter((o) => o.status === 'new' || o.status === 'partial').length;

/** A resting BTCUSDT buy on the active account (on `exchange`), from the palette; waits until the simulator holds it. */
async function restingBuy(page: Page, terminal: DemoTerminal, exchange: 'icrypex' | 'cryptocom'): Promise<void> {
  const before = openOnSim(terminal, exchange);
  // 3 % under the best bid: the simulators' prices wander enough to fill a few levels down within seconds.
  const price = await restingBuyPrice(page, 3);
  await page.keyboard.press('Control+k');
  await page.keyboard.type(`buy 0.001 btcusdt @ ${price}`);
  await expect(page.getByTestId('palette-status')).toContainText('notional');
  await page.keyboard.press('Enter');
  await expect.poll(() => openOnSim(terminal, exchange)).toBe(before + 1);
}

/** One resting BTCUSDT buy on each demo account (Icrypex demo, Crypto.com demo), back on Icrypex. */
async function restingOnBoth(page: Page, terminal: DemoTerminal): Promise<void> {
  await restingBuy(page, terminal, 'icrypex');
  await focusNothing(page);
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('active-account')).toContainText('cryptocom');
  await expect(page.getByTestId('book-subject')).toHaveText('BTCUSDT · Crypto.com demo');
  await expect(page.getByTestId('book-state')).toHaveText('LIVE', { timeout: 20_000 });
  await restingBuy(page, terminal, 'cryptocom');
  await focusNothing(page);
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('active-account')).toContainText('icrypex');
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1600, height: 960 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('"Cancel all" in the all-accounts view cancels on every account and says so, with counts per account', async ({ page, terminal }) => {
      await openTerminal(page, terminal);
      await restingOnBoth(page, terminal);
      await page.getByTestId('orders-scope').selectOption('all');
      await page.getByTestId('orders-symbols').selectOption('one');
      const button = page.getByTestId('cancel-all');
      await expect(button).toHaveText(/all accounts/);
      await expect(button).toHaveText(/BTCUSDT/);
      await page.screenshot({ path: `test-results/screens/cancel-all-scope-${viewport.width}.png` });
      expect(openOnSim(terminal, 'cryptocom')).toBeGreaterThan(0);
      await button.click();
      const notices = page.getByTestId('notices');
      await expect(notices).toContainText(/on every account, BTCUSDT/);
      await expect(notices).toContainText(/Icrypex demo \d+/);
      await expect(notices).toContainText(/Crypto\.com demo \d+/);
      await expect(page.getByTestId('orders-tab-open')).toHaveText('Open (0)');
      await expect.poll(() => openOnSim(terminal, 'cryptocom')).toBe(0);
      await expect.poll(() => openOnSim(terminal, 'icrypex')).toBe(0);
      await page.screenshot({ path: `test-results/screens/cancel-all-done-${viewport.width}.png` });

      // In the this-account view the button says so, and leaves the other account alone.
      await page.getByTestId('orders-scope').selectOption('active');
      await expect(button).toHaveText(/Icrypex demo/);
    });

    test('the key and the palette cancel on every account, optionally for one symbol', async ({ page, terminal }) => {
      await openTerminal(page, terminal);
      await restingOnBoth(page, terminal);
      await focusNothing(page);
      await page.keyboard.press('Control+Alt+Shift+A');
      const notices = page.getByTestId('notices');
      await expect(notices).toContainText(/cancelled \d+ on every account, all symbols/);
      await expect.poll(() => openOnSim(terminal, 'cryptocom')).toBe(0);
      await expect.poll(() => openOnSim(terminal, 'icrypex')).toBe(0);

      await restingOnBoth(page, terminal);
      await page.keyboard.press('Control+k');
      await page.keyboard.type('cancel all ethusdt on all accounts');
      await expect(page.getByTestId('palette-status')).toContainText('every account');
      await page.keyboard.press('Enter');
      await expect(notices).toContainText(/cancelled 0 on every account, ETHUSDT/);
      expect(openOnSim(terminal, 'cryptocom')).toBeGreaterThan(0);
      await page.keyboard.press('Control+k');
      await page.keyboard.type('cancel all btcusdt on all accounts');
      await page.keyboard.press('Enter');
      await expect(notices).toContainText(/cancelled 2 on every account, BTCUSDT: Icrypex demo 1, Crypto\.com demo 1/);
      await expect.poll(() => openOnSim(terminal, 'cryptocom')).toBe(0);
    });
  });
}
