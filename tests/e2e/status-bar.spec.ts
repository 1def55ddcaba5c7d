import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { forBothSizes } from './support/sizes';
import { addSpareIcrypexAccount } from './support/accounts';
import { focusNothing, openTerminal } from './support/terminal-page';

/** Every item of the bar lies inside it and shows its whole text (nothing cut at the edge). */
async function expectBarFits(page: Page): Promise<void> {
  const problems = await page.getByTestId('status-bar').evaluate((bar) => {
    const edge = bar.getBoundingClientRect();
    const out: string[] = [];
    for (const item of Array.from(bar.children) as HTMLElement[]) {
      const box = item.getBoundingClientRect();
      const name = item.dataset['testid'] ?? item.className;
      if (box.width === 0) continue;
      if (box.right > edge.right + 0.5 || box.left < edge.left - 0.5) out.push(`${name} outside the bar (${box.left}..${box.right} of ${edge.right})`);
      if (item.scrollWidth > item.clientWidth + 1) out.push(`${name} cut (${item.scrollWidth} > ${item.clientWidth})`);
    }
    return out;
  });
  expect(problems).toEqual([]);
}

forBothSizes((size) => {
  test('the status bar follows the active account, names streams by account, and fits with details a key away', async ({ page, terminal }) => {
    const spare = await addSpareIcrypexAccount(terminal, 'Second desk');
    try {
      await openTerminal(page, terminal);
      const mode = page.getByTestId('app-mode');
      // A live account exists, but the active one is the Icrypex demo: DEMO.
      // The three demo accounts (Icrypex, Crypto.com V1, Crypto.com Exchange) and the spare.
      await expect(page.getByTestId('account')).toHaveCount(4);
      await expect(mode).toHaveText('DEMO');
      await expectBarFits(page);
      await page.getByTestId('status-bar').screenshot({ path: test.info().outputPath(`status-demo-${size.width}.png`) });

      await focusNothing(page);
      await page.keyboard.press('Alt+4');
      await expect(page.getByTestId('active-account')).toContainText('Second desk');
      await expect(mode).toHaveText('LIVE');
      await expect(page.getByTestId('book-subject')).toHaveText('BTCUSDT · Second desk · Icrypex');
      await expect(page.getByTestId('book-state')).toHaveText('LIVE', { timeout: 20_000 });
      await expectBarFits(page);
      await page.getByTestId('status-bar').screenshot({ path: test.info().outputPath(`status-live-${size.width}.png`) });

      // The details: reached from the keyboard, from the end of the page (after it come at most
      // the notices' Dismiss buttons, which are in the Tab order too).
      await focusNothing(page);
      const toggle = page.getByTestId('status-details-toggle');
      for (let i = 0; i < 6 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Shift+Tab');
      await expect(toggle).toBeFocused();
      await page.keyboard.press('Enter');
      const details = page.getByTestId('status-details');
      await expect(details).toBeVisible();
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      // Two Icrypex accounts: two named rows, each with its own private stream; the market data
      // both read is one shared public stream of the exchange (issue 13 #6).
      for (const [label, id] of [
        ['Icrypex demo', await page.getByTestId('account').nth(0).getAttribute('data-account-id')],
        ['Second desk · Icrypex', spare.account.id],
      ] as const) {
        const row = details.locator('tr').filter({ hasText: label });
        await expect(row.locator(`[data-testid="status-stream"][data-account="${id}"]`).filter({ hasText: 'private' })).toHaveAttribute('data-state', 'connected');
      }
      await expect(details.locator('tr').filter({ hasText: 'Icrypex shared' }).getByTestId('status-stream').filter({ hasText: 'public' })).toHaveAttribute('data-state', 'connected');
      // Crypto.com Exchange's demo account: its own user socket (orders, fills, balances) is up.
      const cdx = await page.getByTestId('account').nth(2).getAttribute('data-account-id');
      await expect(details.locator('tr').filter({ hasText: 'Crypto.com Exchange demo' }).locator(`[data-testid="status-stream"][data-account="${cdx}"]`).filter({ hasText: 'private' })).toHaveAttribute('data-state', 'connected');
      // Rate limits and latency are whole, per account and per IP, inside the window.
      await expect(details.getByTestId('status-budget').filter({ hasText: 'Second desk · Icrypex' })).toContainText(/\d+\/\d+/);
      await expect(details.getByTestId('status-budget').filter({ hasText: 'Icrypex per IP' })).toContainText(/\d+\/\d+/);
      await expect(details.getByTestId('status-link').filter({ hasText: 'Second desk · Icrypex' })).toContainText(/\d+ ms · skew/);
      const box = (await details.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      expect(box.y).toBeGreaterThanOrEqual(0);
      // Three exchanges' rows fit whole without scrolling, down to the last rate-limit rule.
      await expect(details.getByTestId('status-budget').last()).toBeInViewport({ ratio: 1 });
      expect(await details.evaluate((e) => e.scrollHeight <= e.clientHeight)).toBe(true);
      await page.screenshot({ path: test.info().outputPath(`status-details-${size.width}.png`) });
      await page.keyboard.press('Escape');
      await expect(details).toBeHidden();

      await focusNothing(page);
      await page.keyboard.press('Alt+1');
      await expect(mode).toHaveText('DEMO');
    } finally {
      await spare.remove();
    }
  });
});
