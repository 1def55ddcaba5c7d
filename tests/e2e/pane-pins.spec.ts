import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { forBothSizes } from './support/sizes';
import { focusNothing, openTerminal } from './support/terminal-page';

/** Issue 13 #3: panes pinned to an account beside panes that follow the active one. */

const cell = (page: Page, key: string) => page.getByTestId(`cell-${key}`);

async function palette(page: Page, line: string): Promise<void> {
  await focusNothing(page);
  await page.keyboard.press('Control+k');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toHaveCount(0);
}

/** The book in a cell names `subject` and streams. */
async function expectBook(page: Page, key: string, subject: string): Promise<void> {
  await expect(cell(page, key).getByTestId('book-subject')).toHaveText(subject);
  await expect(cell(page, key).getByTestId('book-state')).toHaveText('LIVE', { timeout: 20_000 });
  await expect(cell(page, key).locator('.book-bid').first()).toBeVisible();
}

forBothSizes(
  (size) => {
  test('a book pinned to one account beside one that follows (mouse, from the pane header); the pins survive a reload', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    await expect(page.getByTestId('active-account')).toContainText('icrypex');

    // Mouse: duplicate the book from its header menu, then pin the copy to the Icrypex demo account.
    await page.getByTestId('pin-book').selectOption('action:duplicate');
    await expect(cell(page, 'book-2')).toBeVisible();
    await expect(page.getByTestId('pin-book-2')).toHaveAttribute('data-pinned', '');
    const icrypex = (await page.getByTestId('account').first().getAttribute('data-account-id'))!;
    await page.getByTestId('pin-book-2').selectOption(`pin:${icrypex}`);
    await expect(page.getByTestId('pin-book-2')).toHaveAttribute('data-pinned', icrypex);

    // Switch the active account: the following book moves, the pinned one stays and says where.
    await focusNothing(page);
    await page.keyboard.press('Alt+2');
    await expect(page.getByTestId('active-account')).toContainText('cryptocom');
    await expectBook(page, 'book', 'BTCUSDT · Crypto.com demo');
    await expectBook(page, 'book-2', 'BTCUSDT');
    await expect(page.getByTestId('pin-book-2').locator('option:checked')).toHaveText('Icrypex demo');
    await expect(page.getByTestId('pin-book-2')).toHaveAttribute('title', /pinned to Icrypex demo/);
    await expect(page.getByTestId('pin-book').locator('option:checked')).toHaveText('follow');
    await expect(page.locator('[data-pane-key="book-2"]')).toHaveClass(/is-pinned/);
    // Two different exchanges' books side by side: their prices are not the same market's.
    await expect(cell(page, 'book-2').locator('.book-bid').first()).not.toHaveAttribute('data-price', (await cell(page, 'book').locator('.book-bid').first().getAttribute('data-price'))!);
    await page.screenshot({ path: test.info().outputPath(`pinned-beside-following-${size.width}.png`) });

    // Pins and copies are saved with the layout.
    await page.reload();
    await expect(page.getByTestId('active-account')).toContainText('cryptocom');
    await expectBook(page, 'book-2', 'BTCUSDT');
    await expect(page.getByTestId('pin-book-2')).toHaveAttribute('data-pinned', icrypex);
    await expectBook(page, 'book', 'BTCUSDT · Crypto.com demo');
    await page.screenshot({ path: test.info().outputPath(`after-reload-${size.width}.png`) });

    // Back to following, and the copy closed, from the same menu.
    await page.getByTestId('pin-book-2').selectOption('follow');
    await expectBook(page, 'book-2', 'BTCUSDT · Crypto.com demo');
    await page.getByTestId('pin-book-2').selectOption('action:close');
    await expect(cell(page, 'book-2')).toHaveCount(0);
  });

  test('the palette pins, duplicates, unpins and closes panes', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    const icrypex = (await page.getByTestId('account').first().getAttribute('data-account-id'))!;
    await palette(page, 'duplicate chart on crypto.com demo');
    await expect(page.getByTestId('pin-chart-2').locator('option:checked')).toHaveText('Crypto.com demo');
    await expect(cell(page, 'chart-2').getByTestId('chart-subject')).toHaveText('BTCUSDT');
    await expect(cell(page, 'chart').getByTestId('chart-subject')).toHaveText('BTCUSDT · Icrypex demo');
    await palette(page, 'pin tape to icrypex demo');
    await palette(page, 'pin balances to icrypex demo');
    await expect(page.getByTestId('pin-tape')).toHaveAttribute('data-pinned', icrypex);
    await expect(page.getByTestId('pin-balances')).toHaveAttribute('data-pinned', icrypex);
    await focusNothing(page);
    await page.keyboard.press('Alt+2');
    await expect(cell(page, 'chart').getByTestId('chart-subject')).toHaveText('BTCUSDT · Crypto.com demo');
    // The pinned balances still show the Icrypex account's assets (SHIB: only the Icrypex demo holds it).
    await expect(cell(page, 'balances').getByTestId('balances')).toContainText('SHIB');
    await expect(cell(page, 'tape').getByTestId('tape-state')).toHaveText('LIVE', { timeout: 20_000 });
    await page.screenshot({ path: test.info().outputPath(`palette-pins-${size.width}.png`) });

    await palette(page, 'unpin tape');
    await palette(page, 'follow balances');
    await palette(page, 'close chart 2');
    await expect(page.getByTestId('pin-tape')).toHaveAttribute('data-pinned', '');
    await expect(page.getByTestId('pin-balances')).toHaveAttribute('data-pinned', '');
    await expect(cell(page, 'chart-2')).toHaveCount(0);
    await expect(cell(page, 'balances').getByTestId('balances')).not.toContainText('SHIB');
  });

  test('a saved pin to an account that no longer exists follows the active account and says so', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    // Any change saves the layout; then make its book's pin name an account that is gone.
    await palette(page, 'pin book to crypto.com demo');
    await palette(page, 'unpin book');
    await page.evaluate(() => {
      const layout = JSON.parse(localStorage.getItem('terminal.layout') ?? 'null') as { columns: { panes: { id: string; pin?: string }[] }[] } | null;
      if (!layout) throw new Error('no saved layout');
      for (const column of layout.columns) for (const pane of column.panes) if (pane.id === 'book') pane.pin = 'removed-account';
      localStorage.setItem('terminal.layout', JSON.stringify(layout));
    });
    await page.reload();
    await expect(page.getByTestId('notices')).toContainText('Order book was pinned to account removed-account, which no longer exists: it follows the active account now');
    await expect(page.getByTestId('pin-book')).toHaveAttribute('data-pinned', '');
    await expect(page.getByTestId('book-state')).toHaveText('LIVE', { timeout: 20_000 });
    await page.screenshot({ path: test.info().outputPath(`dropped-pin-${size.width}.png`) });
    // The layout saved since then no longer names the removed account.
    expect(await page.evaluate(() => localStorage.getItem('terminal.layout'))).not.toContain('removed-account');
  });
},
  { timeout: 120_000 },
);
