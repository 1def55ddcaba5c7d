import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { forBothSizes } from './support/sizes';
import { focusNothing, openTerminal } from './support/terminal-page';

/** Book, tape and chart all stream the pair the header names (no pane retrying a dead pair). */
async function expectPanesLive(page: Page, subject: string): Promise<void> {
  await expect(page.getByTestId('book-subject')).toHaveText(subject);
  await expect(page.getByTestId('chart-subject')).toHaveText(subject);
  for (const badge of ['book-state', 'tape-state', 'chart-state']) await expect(page.getByTestId(badge)).toHaveText('LIVE', { timeout: 20_000 });
  await expect(page.getByText(/is not a market|has no market/)).toHaveCount(0);
}

/** Crypto.com lists CROBTC, Icrypex does not: go there on the Crypto.com demo account. */
async function toCroBtcOnCryptocom(page: Page): Promise<void> {
  await focusNothing(page);
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('active-account')).toContainText('cryptocom');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('symbol CROBTC');
  await page.keyboard.press('Enter');
  await expectPanesLive(page, 'CROBTC · Crypto.com demo');
}

forBothSizes((size) => {
  test('switching to an account whose exchange lacks the market moves to one it has and says so (Alt+n, palette, reload)', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    const notices = page.getByTestId('notices');

    await toCroBtcOnCryptocom(page);
    await focusNothing(page);
    await page.keyboard.press('Alt+1');
    await expect(notices).toContainText('Icrypex demo has no CROBTC market: showing BTCUSDT');
    await expectPanesLive(page, 'BTCUSDT · Icrypex demo');
    await page.screenshot({ path: test.info().outputPath(`after-switch-${size.width}.png`) });

    // What was saved is a living pair: a reload comes back streaming.
    await page.reload();
    await expectPanesLive(page, 'BTCUSDT · Icrypex demo');

    // The palette's account switch takes the same care.
    await toCroBtcOnCryptocom(page);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('account Icrypex demo');
    await page.keyboard.press('Enter');
    await expect(notices).toContainText('Icrypex demo has no CROBTC market: showing BTCUSDT');
    await expectPanesLive(page, 'BTCUSDT · Icrypex demo');
  });

  test('a saved symbol the saved account cannot trade falls back at start, with a notice', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    const icrypex = (await page.getByTestId('account').first().getAttribute('data-account-id'))!;
    // As a run that crashed on CROBTC with the Icrypex account active would have left it.
    await page.evaluate((id) => {
      localStorage.setItem('terminal.account', JSON.stringify(id));
      localStorage.setItem('terminal.symbol', JSON.stringify('CROBTC'));
    }, icrypex);
    await page.reload();
    await expect(page.getByTestId('notices')).toContainText('Icrypex demo has no CROBTC market: showing BTCUSDT');
    await expectPanesLive(page, 'BTCUSDT · Icrypex demo');
    expect(await page.evaluate(() => localStorage.getItem('terminal.symbol'))).toBe('"BTCUSDT"');
  });
});
