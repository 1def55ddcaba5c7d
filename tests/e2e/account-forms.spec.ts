import { expect, test } from './fixtures';
import { expectWithin, forBothSizes } from './support/sizes';
import { openTerminal } from './support/terminal-page';

// Issue 11, point 15: account forms speak the user's words, beside the field, and fit.

const INTERNALS = /accounts:|rename:|label:|apiKey|apiSecret/;

forBothSizes((viewport) => {
  test('the add-account form says what is missing under each field, in plain words, with its button in view', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    const pane = page.locator('[data-pane="accounts"]');
    // Ctrl+7 focuses the account list; the pane's "Add account" is just before it.
    await page.keyboard.press('Control+7');
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByTestId('add-account-toggle')).toBeFocused();
    await page.keyboard.press('Enter');
    const form = page.getByTestId('add-account');
    await expect(form).toBeVisible();
    const submit = form.getByRole('button', { name: 'Check and add' });
    await expectWithin(page, submit, pane);

    // Tab to the name and press Enter on the empty form.
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('name', { exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(form).toContainText('give the account a name');
    await expect(form).not.toContainText(INTERNALS);
    await expect(page.getByTestId('add-account-label-problem')).toHaveText('give the account a name');
    await expect(page.getByTestId('add-account-apiKey-problem')).toHaveText('paste the whole API key');
    await expect(page.getByTestId('add-account-apiSecret-problem')).toHaveText('paste the whole API secret');
    await expect(page.getByTestId('notices')).not.toContainText(INTERNALS);
    await expectWithin(page, submit, pane);
    await page.screenshot({ path: `test-results/account-forms/${viewport.width}x${viewport.height}-add-empty.png` });

    // The name field takes at most 40 characters, like rename.
    await page.keyboard.type('n'.repeat(45));
    await expect(page.getByLabel('name', { exact: true })).toHaveValue('n'.repeat(40));
  });

  test('rename says an empty name is not allowed beside the field, and keeps to the same 40 characters', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    await page.keyboard.press('Control+7');
    // The first account: pick, Test, Rename.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('account').first().getByRole('button', { name: 'Rename' })).toBeFocused();
    await page.keyboard.press('Enter');
    const input = page.getByRole('textbox', { name: /^New name for/ });
    await expect(input).toBeFocused();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('notices')).not.toContainText(INTERNALS);
    await expect(page.getByTestId('account').first().locator('.field-problem')).toHaveText('give the account a name');
    await expect(page.getByTestId('account').first()).not.toContainText(INTERNALS);
    await page.screenshot({ path: `test-results/account-forms/${viewport.width}x${viewport.height}-rename-empty.png` });
    await page.keyboard.type('r'.repeat(45));
    await expect(input).toHaveValue('r'.repeat(40));
    await expect(page.getByTestId('account').first().locator('.field-problem')).toHaveCount(0);
    await page.keyboard.press('Escape');
  });

  test("the add-account form offers today's Crypto.com Exchange beside the legacy V1 API, with its endpoint fields, and checks a key against it", async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    const pane = page.locator('[data-pane="accounts"]');
    const count = await page.getByTestId('account').count();
    await page.getByTestId('add-account-toggle').click();
    const form = page.getByTestId('add-account');
    const exchange = form.getByRole('combobox');
    await expect(exchange).toBeFocused();
    await expect(exchange.locator('option')).toHaveText(['Icrypex', 'Crypto.com Exchange (legacy V1 API)', 'Crypto.com Exchange']);
    await exchange.selectOption({ label: 'Crypto.com Exchange' });
    await expect(form.getByRole('textbox', { name: 'name', exact: true })).toHaveAttribute('placeholder', 'e.g. Main Crypto.com Exchange');

    await form.getByText('endpoints (optional)').click();
    await expect(page.getByTestId('add-account-rest')).toHaveAttribute('placeholder', 'https://api.crypto.com/exchange/v1');
    await expect(page.getByTestId('add-account-ws')).toHaveAttribute('placeholder', 'wss://stream.crypto.com/exchange/v1/market');
    await expect(page.getByTestId('add-account-endpoint-note')).toContainText('the user socket is its sibling …/user');
    await page.screenshot({ path: `test-results/account-forms/${viewport.width}x${viewport.height}-add-cdx.png` });

    // A key the simulator does not know: the signed check fails and nothing is stored.
    const sim = terminal.sims['cryptocom-exchange'];
    await form.getByRole('textbox', { name: 'name', exact: true }).fill('CDX desk');
    await form.getByRole('textbox', { name: 'API key', exact: true }).fill('unknownkey0123456789');
    await form.locator('input[type="password"]').fill('unknownsecret0123456789');
    await page.getByTestId('add-account-rest').fill(sim.rest);
    await page.getByTestId('add-account-ws').fill(sim.ws);
    await form.getByRole('button', { name: 'Check and add' }).click();
    await expect(form.getByRole('alert')).not.toBeEmpty();
    await expect(form).not.toContainText(INTERNALS);
    await expectWithin(page, form.getByRole('button', { name: 'Check and add' }), pane);
    await page.screenshot({ path: `test-results/account-forms/${viewport.width}x${viewport.height}-add-cdx-refused.png` });
    await expect(page.getByTestId('account')).toHaveCount(count);
    // Picking the legacy entry shows its own hosts.
    await exchange.selectOption({ label: 'Crypto.com Exchange (legacy V1 API)' });
    await expect(page.getByTestId('add-account-ws')).toHaveAttribute('placeholder', 'wss://ws.crypto.com/kline-api/ws');
    await expect(page.getByTestId('add-account-endpoint-note')).toHaveCount(0);
  });
});
