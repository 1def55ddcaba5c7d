import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { bookPrice, canonicalDecimal, focusNothing, openTerminal, shownDecimal } from './support/terminal-page';

// Issue 15: a throw stays inside its part, the CSV holds what the table shows, the theme follows
// the OS, and the accessibility gaps are closed. Screenshots of each state at both sizes.

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1600, height: 960 },
];

/** Makes one part throw once, inside its own error boundary (src/renderer/src/components/ErrorBoundary.tsx). */
const fault = (page: Page, part: string) => page.evaluate((name) => (window as unknown as { __terminalFault: (p: string) => void }).__terminalFault(name), part);

/** A small RFC 4180 reader (the unit tests prove the writer against the same rules). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

/** Runs one palette line; a second Enter when the ticket's safety asks to confirm. */
async function palette(page: Page, line: string): Promise<void> {
  await focusNothing(page);
  await page.keyboard.press('Control+k');
  await page.keyboard.type(line);
  await expect(page.getByTestId('palette-status')).toContainText('notional');
  await page.keyboard.press('Enter');
  const confirm = page.getByTestId('palette-message');
  await expect(page.getByTestId('palette').or(page.getByTestId('notices').getByText('placed')).first()).toBeVisible();
  if (await confirm.isVisible()) await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toHaveCount(0);
}

test('a thrown error in a pane and in the palette leaves the rest of the window working', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // The book pane throws: its cell says so, everything else keeps working.
    await fault(page, 'Order book pane');
    const failed = page.getByTestId('cell-book').getByTestId('part-failed');
    await expect(failed).toContainText('The Order book pane stopped: a fault was injected into the Order book pane');
    await expect(page.getByTestId('chart')).toBeVisible();
    await expect(page.getByTestId('open-orders')).toBeVisible();
    await page.screenshot({ path: `test-results/screens/shell-pane-failed-${size.width}.png` });
    await focusNothing(page);
    await page.keyboard.press('Control+k');
    await expect(page.getByTestId('palette-input')).toBeFocused();
    await page.keyboard.press('Escape');
    await failed.getByTestId('reload-part').click();
    await expect(page.getByTestId('book-state')).toHaveText('LIVE');

    // The palette throws: the overlay says so, Esc closes it, and the palette opens again.
    await focusNothing(page);
    await page.keyboard.press('Control+k');
    await fault(page, 'command palette');
    const paletteFailed = page.getByTestId('part-failed').filter({ hasText: 'The command palette stopped' });
    await expect(paletteFailed).toBeVisible();
    await expect(page.getByTestId('book-state')).toHaveText('LIVE');
    await page.screenshot({ path: `test-results/screens/shell-palette-failed-${size.width}.png` });
    await page.keyboard.press('Escape');
    await expect(paletteFailed).toHaveCount(0);
    await focusNothing(page);
    await page.keyboard.press('Control+k');
    await expect(page.getByTestId('palette-input')).toBeVisible();
    await page.keyboard.press('Escape');
  }
});

test('the CSV of a filtered order history matches the table', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  // Orders on two symbols: a resting BTCUSDT buy, cancelled, and a filled ETHUSDT market buy.
  const price = await bookPrice(page, 'bid', 6);
  await palette(page, `buy 0.001 btcusdt @ ${price}`);
  await palette(page, 'buy 0.01 ethusdt market');
  await focusNothing(page);
  await page.keyboard.press('Control+Shift+X');
  await expect(page.getByTestId('open-order')).toHaveCount(0);

  await page.getByTestId('orders-tab-history').click();
  await expect(page.getByTestId('orders-symbols')).toHaveValue('one'); // this symbol only: BTCUSDT
  const rows = page.getByTestId('order-history').locator('tbody tr');
  await expect(rows.filter({ hasText: 'canceled' }).first()).toBeVisible();
  const table = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));

  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^order-history-BTCUSDT-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = parseCsv(readFileSync((await file.path())!, 'utf8'));
  expect(csv[0]).toEqual(['updated (UTC)', 'account', 'symbol', 'side', 'type', 'price', 'quantity', 'filled', 'status', 'order id', 'client id', 'created (UTC)']);
  const figure = (text: string) => canonicalDecimal(shownDecimal(text));
  // Row by row, newest first like the table: account, symbol, side, type, price, quantity, filled, status.
  expect(csv.slice(1).map((r) => [r[1], r[2], r[3], r[4], r[5] === '' ? 'market' : figure(r[5]!), figure(r[6]!), figure(r[7]!), r[8]])).toEqual(
    table.map((t) => [t[1], t[2], t[3], t[4], t[5] === 'market' ? 'market' : figure(t[5]!), figure(t[6]!), figure(t[7]!), t[8]]),
  );
  expect(new Set(csv.slice(1).map((r) => r[2]))).toEqual(new Set(['BTCUSDT']));
  await expect(page.getByTestId('notices')).toContainText(`order history: ${csv.length - 1} row`);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `test-results/screens/shell-export-${size.width}.png` });
  }

  // Without the symbol filter the file has the ETHUSDT trade too: the filter is what was applied.
  await page.getByTestId('orders-symbols').selectOption('all');
  await page.getByTestId('orders-tab-fills').click();
  const trades = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const tradesCsv = parseCsv(readFileSync((await (await trades).path())!, 'utf8'));
  expect(tradesCsv.slice(1).map((r) => r[2])).toContain('ETHUSDT');
  await page.getByTestId('orders-symbols').selectOption('one');
});

test('the system theme follows the OS colour scheme, live', async ({ page, terminal }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openTerminal(page, terminal);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `test-results/screens/shell-system-light-${size.width}.png` });
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  // A chosen theme stays put whatever the OS says.
  await focusNothing(page);
  await page.keyboard.press('Control+,');
  await expect(page.getByTestId('setting-theme')).toHaveValue('system');
  await page.getByTestId('setting-theme').selectOption('light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('setting-theme').selectOption('system');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.keyboard.press('Escape');
});

test('the palette is an ARIA combobox, no control is out of the Tab order, and the licences are shown', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  // A resting order and an open ticket put every kind of button on screen.
  const price = await bookPrice(page, 'bid', 9);
  await palette(page, `buy 0.001 btcusdt @ ${price}`);
  await focusNothing(page);
  await page.keyboard.press('b');
  await expect(page.getByTestId('ticket-pct-25')).toBeVisible();
  const outOfTabOrder = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [role="button"], [role="tab"], [role="option"]')]
      .filter((el) => el.tabIndex === -1 && !el.closest('[role="listbox"]'))
      .map((el) => el.outerHTML.slice(0, 120)),
  );
  expect(outOfTabOrder).toEqual([]);
  await page.keyboard.press('Escape');
  await focusNothing(page);
  await page.keyboard.press('Control+Shift+X');
  await expect(page.getByTestId('open-order')).toHaveCount(0);

  await page.keyboard.press('Control+k');
  const input = page.getByTestId('palette-input');
  await expect(input).toHaveAttribute('role', 'combobox');
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  await expect(input).not.toHaveAttribute('aria-activedescendant');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const active = await input.getAttribute('aria-activedescendant');
  const option = page.locator(`#${active}`);
  await expect(option).toHaveAttribute('role', 'option');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[role="option"][aria-selected="true"]')).toHaveCount(1);
  await page.keyboard.press('Escape');

  await focusNothing(page);
  await page.keyboard.press('Control+,');
  const about = page.getByTestId('settings-about');
  await about.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('tradingview-notice')).toContainText('TradingView Lightweight Charts™ Copyright (c) 2025 TradingView, Inc.');
  await expect(about.getByRole('link', { name: 'TradingView' })).toHaveAttribute('href', 'https://www.tradingview.com/');
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await about.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screens/shell-about-${size.width}.png` });
  }
  await page.keyboard.press('Escape');
});
