import Big from 'big.js';
import { expect, test } from './fixtures';
import { bookPrice, openTerminal, simOrders } from './support/terminal-page';

// Issue 13 #1: a basket from the palette across both exchanges, one leg failing at the
// exchange: each leg is previewed with its own checks, each reports its own end, the failed
// leg hides none of the others, and a double Enter sends each leg once.

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1600, height: 960 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('a basket on Icrypex demo and Crypto.com demo: per-leg preview and outcomes, one leg rejected, each leg sent once', async ({ page, terminal }) => {
      // The Crypto.com V1 simulator imitates 2020 (BTC near 9 700), Icrypex today: one limit price
      // for both legs is far outside a 10 % band on one of them, so this journey turns the band off.
      await terminal.engine.settings.set({ priceBandPercent: null });
      await openTerminal(page, terminal);
      const icxBefore = simOrders(terminal, 'icrypex').length;
      const cdcBefore = simOrders(terminal, 'cryptocom').length;
      // 3 % over the best ask: rests on Icrypex. Crypto.com demo holds 2 BTC, so its leg of 5 is flagged before sending and refused there.
      const price = new Big(await bookPrice(page, 'ask', 0)).times('1.03').round(2, Big.roundDown).toString();
      await page.keyboard.press('Control+k');
      await page.keyboard.type(`sell 0.001 btcusdt @ ${price} on icrypex demo, crypto.com demo=5`);
      const legs = page.getByTestId('basket-leg');
      await expect(legs).toHaveCount(2);
      await expect(legs.nth(0)).toContainText('Icrypex demo');
      await expect(legs.nth(0)).toContainText('notional');
      await expect(legs.nth(0)).toContainText('ok');
      await expect(legs.nth(1)).toContainText('Crypto.com demo 5 BTC');
      await expect(legs.nth(1)).toContainText('has 2.00000000 BTC free');
      await page.screenshot({ path: `test-results/screens/basket-preview-${viewport.width}.png` });

      // Two Enters: one basket.
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      const notices = page.getByTestId('notices');
      await expect(notices).toContainText(`basket SELL BTCUSDT @ ${Number(price).toFixed(2)}: 1 of 2 legs placed`);
      await expect(notices).toContainText('basket leg Icrypex demo: placed');
      // The exchange refuses that leg (its 2020 daily price band, before the balance) and says why.
      await expect(notices).toContainText(/basket leg Crypto\.com demo: rejected: Crypto\.com rejected the request: .+\(code \d+\)/);
      await page.screenshot({ path: `test-results/screens/basket-result-${viewport.width}.png` });
      await expect.poll(() => simOrders(terminal, 'icrypex').length).toBe(icxBefore + 1);
      expect(simOrders(terminal, 'cryptocom').length).toBe(cdcBefore);
      const icrypexId = (await page.getByTestId('account').filter({ hasText: 'Icrypex demo' }).getAttribute('data-account-id'))!;
      await expect(page.locator(`[data-testid="open-order"][data-order-account="${icrypexId}"]`).first()).toBeVisible();

      // A leg that breaks a rule blocks the send and is named.
      await page.keyboard.press('Control+k');
      await page.keyboard.type(`sell 0.001 btcusdt @ ${price} on icrypex demo=0.00000001, crypto.com demo`);
      await expect(legs.nth(0)).toContainText('quantity');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('palette-message')).toContainText('fix or drop Icrypex demo');
      await page.keyboard.press('Escape');

      await page.keyboard.press('Control+k');
      await page.keyboard.type('cancel all on all accounts');
      await page.keyboard.press('Enter');
      await expect(notices).toContainText(/cancelled [1-9]\d* on every account/);
      await terminal.engine.settings.set({ priceBandPercent: 10 });
    });
  });
}
