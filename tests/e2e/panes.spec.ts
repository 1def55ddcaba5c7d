import Big from 'big.js';
import { expect, test } from './fixtures';
import { openTerminal, shownDecimal } from './support/terminal-page';

test('the status bar shows each stream, latency, clock skew and the rate-limit budget', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  // The bar: the active account's connections, latency and tightest budget.
  await expect(page.getByTestId('active-account').getByTestId('status-account')).toHaveAttribute('data-state', 'connected');
  await expect(page.getByTestId('status-active-link')).toContainText(/icrypex \d+ ms · skew -?\d+(\.\d)? (ms|s)/);
  await expect(page.getByTestId('status-active-budget')).toContainText(/limit \d+\/\d+/);
  // The details panel: every account's streams, latency and budgets.
  await page.getByTestId('status-details-toggle').click();
  const details = page.getByTestId('status-details');
  // Market data is per exchange (shared by its accounts, issue 13 #6); account data per account.
  const shared = details.locator('tr').filter({ hasText: 'Icrypex shared' }).getByTestId('status-stream');
  await expect(shared.filter({ hasText: 'public' })).toHaveAttribute('data-state', 'connected');
  const icrypex = details.locator('tr').filter({ hasText: 'Icrypex demo' }).getByTestId('status-stream');
  await expect(icrypex.filter({ hasText: 'private' })).toHaveAttribute('data-state', 'connected');
  await expect(details.getByTestId('status-link').filter({ hasText: 'Icrypex demo' })).toContainText(/\d+ ms · skew -?\d+(\.\d)? (ms|s)/);
  await expect(details.getByTestId('status-budget').first()).toContainText(/\d+\/\d+/);
});

test('balances show per account and totals across accounts', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  const view = page.getByTestId('balances-view');
  await view.selectOption('all');
  const rows = page.getByTestId('balances').locator('tbody tr[data-asset="USDT"]');
  // One USDT row per demo account (Icrypex, Crypto.com V1, Crypto.com Exchange).
  await expect(rows).toHaveCount(3);
  // Per account: asset, free, locked, total (the account is the heading row above its assets).
  const parts = (await rows.locator('td:nth-child(4)').allTextContents()).map(shownDecimal);
  await view.selectOption('totals');
  // Balances are shown truncated to the asset's precision (never more than held): each part
  // loses less than 0.01 and the total less than 0.01, so the shown total is the sum of the
  // shown parts or at most 0.02 above it (other journeys leave balances that are not round).
  const total = page.getByTestId('balance-totals').locator('tr[data-asset="USDT"] td').nth(3);
  const sum = parts.reduce((acc, part) => acc.plus(part), new Big(0));
  await expect.poll(async () => new Big(shownDecimal(await total.textContent())).minus(sum).toFixed(2)).toMatch(/^0\.0[0-2]$/);
});

test('accounts can be tested and renamed from the keyboard; a wrong key is refused and nothing is stored', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  const first = page.getByTestId('account').first();
  await first.getByRole('button', { name: 'Test' }).click();
  await expect(page.getByTestId('notices')).toContainText(/key works \(\d+ ms\)/);

  await first.getByRole('button', { name: 'Rename' }).click();
  const input = first.getByRole('textbox');
  await input.fill('Main desk');
  await page.keyboard.press('Enter');
  await expect(first).toContainText('Main desk');
  await expect(page.getByTestId('ticket-account')).toContainText('Main desk');

  const count = await page.getByTestId('account').count();
  await page.getByTestId('add-account-toggle').click();
  const form = page.getByTestId('add-account');
  await form.getByRole('textbox', { name: 'name', exact: true }).fill('Bad key');
  await form.getByRole('textbox', { name: 'API key', exact: true }).fill('not-a-real-key-1234');
  await form.locator('input[type="password"]').fill('not-a-real-secret-5678');
  await form.getByRole('button', { name: 'Check and add' }).click();
  await expect(form.getByRole('alert')).not.toBeEmpty();
  // The secret field is cleared whatever the answer; no account was added.
  await expect(form.locator('input[type="password"]')).toHaveValue('');
  await expect(page.getByTestId('account')).toHaveCount(count);
  await first.getByRole('button', { name: 'Rename' }).click();
  await first.getByRole('textbox').fill('Icrypex demo');
  await page.keyboard.press('Enter');
});
