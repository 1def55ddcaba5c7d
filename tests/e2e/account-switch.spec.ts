import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { accountIdOf, JOURNEY_EXCHANGES, journeyOf, switchWithAltKey, type JourneyExchange } from './support/journeys';
import { forBothSizes } from './support/sizes';
import { openTerminal } from './support/terminal-page';

/** Book, tape and chart all stream the pair the header names (no pane retrying a dead pair). */
async function expectPanesLive(page: Page, subject: string): Promise<void> {
  await expect(page.getByTestId('book-subject')).toHaveText(subject);
  await expect(page.getByTestId('chart-subject')).toHaveText(subject);
  for (const badge of ['book-state', 'tape-state', 'chart-state']) await expect(page.getByTestId(badge)).toHaveText('LIVE', { timeout: 20_000 });
  await expect(page.getByText(/is not a market|has no market/)).toHaveCount(0);
}

/** Goes to the market `x` lacks, on the demo account of an exchange that lists it. */
async function toMissingMarket(page: Page, x: JourneyExchange): Promise<void> {
  const other = journeyOf(x.missing.listedBy);
  await switchWithAltKey(page, other);
  await page.keyboard.press('Control+k');
  await page.keyboard.type(`symbol ${x.missing.symbol}`);
  await page.keyboard.press('Enter');
  await expectPanesLive(page, `${x.missing.symbol} · ${other.account}`);
}

for (const x of JOURNEY_EXCHANGES) {
  test.describe(x.name, () => {
    forBothSizes((size) => {
      test('switching to an account whose exchange lacks the market moves to one it has and says so (Alt+n, palette, reload)', async ({ page, terminal }) => {
        await openTerminal(page, terminal);
        const notices = page.getByTestId('notices');
        const fellBack = `${x.account} has no ${x.missing.symbol} market: showing ${x.symbol}`;

        await toMissingMarket(page, x);
        await switchWithAltKey(page, x);
        await expect(notices).toContainText(fellBack);
        await expectPanesLive(page, `${x.symbol} · ${x.account}`);
        await page.screenshot({ path: test.info().outputPath(`after-switch-${x.id}-${size.width}.png`) });

        // What was saved is a living pair: a reload comes back streaming.
        await page.reload();
        await expectPanesLive(page, `${x.symbol} · ${x.account}`);

        // The palette's account switch takes the same care.
        await toMissingMarket(page, x);
        await page.keyboard.press('Control+k');
        await page.keyboard.type(`account ${x.account}`);
        await page.keyboard.press('Enter');
        await expect(notices).toContainText(fellBack);
        await expectPanesLive(page, `${x.symbol} · ${x.account}`);
      });

      test('a saved symbol the saved account cannot trade falls back at start, with a notice', async ({ page, terminal }) => {
        await openTerminal(page, terminal);
        const account = await accountIdOf(page, x.account);
        // As a run that crashed on the missing market with this account active would have left it.
        await page.evaluate(
          ({ id, symbol }) => {
            localStorage.setItem('terminal.account', JSON.stringify(id));
            localStorage.setItem('terminal.symbol', JSON.stringify(symbol));
          },
          { id: account, symbol: x.missing.symbol },
        );
        await page.reload();
        await expect(page.getByTestId('notices')).toContainText(`${x.account} has no ${x.missing.symbol} market: showing ${x.symbol}`);
        await expectPanesLive(page, `${x.symbol} · ${x.account}`);
        expect(await page.evaluate(() => localStorage.getItem('terminal.symbol'))).toBe(JSON.stringify(x.symbol));
      });
    });
  });
}
