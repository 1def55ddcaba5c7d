import { MemorySecretStore } from '../support/memory-secret-store';
import { expect, test } from './fixtures';
import { startDemoTerminal, type DemoTerminal } from './support/demo-terminal';
import { forBothSizes } from './support/sizes';

/**
 * Issue 13 #6: a first start where the keychain is unavailable has no account (not even a demo
 * one), yet the demo markets stream, watched by exchange, and a banner says why trading is off.
 */
let terminal: DemoTerminal | undefined;
test.afterAll(async () => {
  await terminal?.stop();
});

forBothSizes((size) => {
  test('the keychain-unavailable first start still shows a live book and tape, and a banner says why trading is off', async ({ page }) => {
    if (!terminal) {
      const secretStore = new MemorySecretStore();
      secretStore.unavailable = true;
      terminal = await startDemoTerminal({ secretStore });
    }
    await page.goto(terminal.host.url);
    const banner = page.getByTestId('trading-off');
    await expect(banner).toContainText('Trading is off: the system keychain is unavailable');
    await expect(banner).toContainText('markets still stream without an account');
    await expect(banner).toContainText('unlock your keyring');
    await expect(page.getByTestId('book-state')).toHaveText('LIVE', { timeout: 20_000 });
    await expect(page.locator('.book-bid').first()).toBeVisible();
    await expect(page.locator('.book-ask').first()).toBeVisible();
    await expect(page.getByTestId('tape-state')).toHaveText('LIVE', { timeout: 20_000 });
    await expect(page.getByTestId('book-subject')).toHaveText('BTCUSDT');
    // The watchlist lists the watched exchange's markets with live tickers, by exchange too.
    const btc = page.locator('[data-testid="watch-row"][data-symbol="BTCUSDT"]');
    await expect(btc).toHaveCount(1);
    await expect(btc).toHaveAttribute('data-exchange', 'icrypex');
    await expect(btc.getByTestId('watch-change')).toHaveText(/%/, { timeout: 20_000 });
    // Nothing can trade: no account is listed.
    await expect(page.getByTestId('account')).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath(`no-keychain-${size.width}.png`) });
  });
});
