import Big from 'big.js';
import { expect, test } from './fixtures';
import { JOURNEY_EXCHANGES, openOn } from './support/journeys';
import { forBothSizes } from './support/sizes';
import { shownDecimal, simFree } from './support/terminal-page';

for (const x of JOURNEY_EXCHANGES) {
  test.describe(x.name, () => {
    forBothSizes(() => {
      test('a market order from the palette fills and the balances change', async ({ page, terminal }) => {
        await openOn(page, terminal, x);
        const freeBase = page.getByTestId('balances').locator(`tr[data-asset="${x.base}"] [data-testid="free-${x.base}"]`);
        const freeQuote = page.getByTestId('balances').locator(`tr[data-asset="${x.quote}"] [data-testid="free-${x.quote}"]`);
        await expect(freeBase).not.toHaveText('');
        const baseBefore = shownDecimal(await freeBase.textContent());
        const quoteBefore = shownDecimal(await freeQuote.textContent());

        await page.keyboard.press('Control+k');
        await page.getByTestId('palette-input').fill(`sell 0.01 ${x.symbol.toLowerCase()} market`);
        await expect(page.getByTestId('palette-status')).toContainText(`SELL 0.01 ${x.symbol} market`);
        await expect(page.getByTestId('palette-status')).toContainText('notional');
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('palette')).toHaveCount(0);
        // The reply's status, or "filled" when the exchange's fill push came before the reply.
        await expect(page.getByTestId('notices')).toContainText(new RegExp(`placed sell 0\\.01 ${x.symbol} · order \\S+ \\((${x.marketReplyStatus}|filled)\\)`));
        // The fill notice, whether the exchange's reply said filled or its order update did later.
        const filled = page.getByTestId('notices').locator('[data-kind="fill"]');
        await expect(filled).toContainText(new RegExp(`Filled: SELL ${x.symbol} 0\\.010*(?![0-9])`));
        await expect(filled).toContainText(x.account);
        // And it leaves open orders: a filled order never shows as pending (the reply used to
        // undo the earlier fill push on Crypto.com Exchange).
        await expect(page.getByTestId('open-order').filter({ hasText: 'market' })).toHaveCount(0);

        // The seller pays the fee in quote: the base drops by exactly the quantity, the quote rises.
        await expect.poll(async () => new Big(shownDecimal(await freeBase.textContent())).eq(new Big(baseBefore).minus('0.01'))).toBe(true);
        await expect.poll(async () => new Big(shownDecimal(await freeQuote.textContent())).gt(quoteBefore)).toBe(true);
        // The pane shows what the exchange holds.
        expect(new Big(shownDecimal(await freeBase.textContent())).eq(simFree(terminal, x.id, x.base))).toBe(true);
        await page.getByTestId('orders-tab-fills').click();
        await expect(page.getByTestId('my-trades').locator('tbody tr').first()).toContainText('sell');
      });
    });
  });
}
