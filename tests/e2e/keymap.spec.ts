import { expect, test } from './fixtures';
import { focusNothing, openTerminal } from './support/terminal-page';

test('a key remapped in settings works, the old one stops, and the change survives a reload', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  await focusNothing(page);
  await page.keyboard.press('Control+,');
  const row = page.getByTestId('keymap-ticket.sell');
  await expect(row.getByTestId('chord')).toHaveText('S');
  await row.getByTestId('change').focus();
  await page.keyboard.press('Enter');
  await expect(row.getByTestId('record')).toBeFocused();
  await page.keyboard.press('F2');
  await expect(row.getByTestId('chord')).toHaveText('F2');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings')).toHaveCount(0);

  // S no longer opens the ticket on sell; F2 does.
  await focusNothing(page);
  await page.keyboard.press('s');
  await expect(page.getByTestId('ticket-side-sell')).toHaveAttribute('aria-checked', 'false');
  await page.keyboard.press('F2');
  await expect(page.getByTestId('ticket-side-sell')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('ticket-quantity')).toBeFocused();

  await page.reload();
  await openTerminal(page, terminal);
  await focusNothing(page);
  await page.keyboard.press('b');
  await page.keyboard.press('Escape');
  await focusNothing(page);
  await page.keyboard.press('F2');
  await expect(page.getByTestId('ticket-side-sell')).toHaveAttribute('aria-checked', 'true');
});

test('a chord already used in the same place is refused with a message naming its owner', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  await focusNothing(page);
  await page.keyboard.press('Control+,');
  const row = page.getByTestId('keymap-ticket.sell');
  await row.getByTestId('change').click();
  await page.keyboard.press('b');
  await expect(page.getByTestId('keymap-message')).toHaveText('B is already "Open the ticket on buy"; unbind or change that one first');
  await expect(row.getByTestId('chord')).toHaveText('S');
});
