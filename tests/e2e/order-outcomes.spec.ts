import type { Page } from '@playwright/test';
import { ORDER_ANSWER_TIMEOUT_MS } from '../../src/shared';
import { expect, test } from './fixtures';
import { forBothSizes } from './support/sizes';
import { focusNothing, openTerminal, restingBuyPrice, simOrders } from './support/terminal-page';

// Issue 11 #5: every order sent ends on screen as placed, filled, cancelled, rejected or not
// placed, by push and without a reload; "sending…" never outlives the engine's own deadline.

/** B, quantity, Tab, price, Enter: a resting buy from the keyboard. */
async function sendBuy(page: Page, quantity: string, price: string): Promise<void> {
  await focusNothing(page);
  await page.keyboard.press('b');
  await expect(page.getByTestId('ticket-quantity')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(quantity);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+a');
  await page.keyboard.type(price);
  await expect(page.getByTestId('ticket-preview')).toHaveAttribute('data-check', 'checked');
  await page.keyboard.press('Enter');
}

const shot = (page: Page, name: string, width: number) => page.screenshot({ path: `test-results/screens/outcome-${name}-${width}.png` });

forBothSizes((viewport) => {
  test('Icrypex answers the order POST with HTTP 500: "not confirmed yet", then "not placed" on the ticket and in the notice', async ({ page, terminal }) => {
    const faults = terminal.sims.icrypex.sim.faults;
    try {
      await openTerminal(page, terminal);
      const before = simOrders(terminal, 'icrypex').length;
      const price = await restingBuyPrice(page, 0.5);
      faults.failNext({ status: 500, match: { method: 'POST', path: /^\/sapi\/v1\/orders$/ } });
      await sendBuy(page, '0.001', price);
      const message = page.getByTestId('ticket-message');
      await expect(message).toContainText('not confirmed yet');
      await expect(page.getByTestId('notices')).toContainText('looking it up by client id');
      await shot(page, 'unknown', viewport.width);
      // Resolved by push once the order's 10 s signature has expired (plus the skew margin).
      await expect(message).toContainText('not placed', { timeout: 35_000 });
      await expect(page.getByTestId('notices')).toContainText('signature has expired');
      await shot(page, 'not-placed', viewport.width);
      expect(simOrders(terminal, 'icrypex').length).toBe(before);
      // Enter again on the unedited ticket sends nothing and says how it ended.
      await page.keyboard.press('Enter');
      await expect(message).toContainText('already ended (not placed)');
      expect(simOrders(terminal, 'icrypex').length).toBe(before);
    } finally {
      faults.reset();
    }
  });

  test('an order POST held 15 s: "sending…" ends at the engine deadline, and the outcome follows without a reload', async ({ page, terminal }) => {
    const faults = terminal.sims.icrypex.sim.faults;
    try {
      await openTerminal(page, terminal);
      const price = await restingBuyPrice(page, 0.5);
      faults.delayResponses(15_000, { method: 'POST', path: /^\/sapi\/v1\/orders$/ });
      await sendBuy(page, '0.0012', price);
      const message = page.getByTestId('ticket-message');
      await expect(message).toContainText('sending');
      await shot(page, 'sending', viewport.width);
      const sentAt = Date.now();
      await expect(message).toContainText('not confirmed yet', { timeout: ORDER_ANSWER_TIMEOUT_MS + 2_000 });
      expect(Date.now() - sentAt).toBeLessThan(ORDER_ANSWER_TIMEOUT_MS + 1_500);
      await expect(message).toContainText('not placed', { timeout: 35_000 });
    } finally {
      faults.reset();
    }
  });

  test('Crypto.com answers the create with HTTP 500: "not placed" as the terminal\'s labelled judgement', async ({ page, terminal }) => {
    const faults = terminal.sims.cryptocom.sim.faults;
    try {
      await openTerminal(page, terminal);
      await focusNothing(page);
      await page.keyboard.press('Alt+2');
      await expect(page.getByTestId('book-state')).toHaveText('LIVE', { timeout: 20_000 });
      const before = simOrders(terminal, 'cryptocom').length;
      const price = await restingBuyPrice(page, 0.5);
      faults.failNext({ status: 500, match: { method: 'POST', path: /^\/v1\/order$/ } });
      await sendBuy(page, '0.001', price);
      const message = page.getByTestId('ticket-message');
      await expect(message).toContainText('not confirmed yet', { timeout: ORDER_ANSWER_TIMEOUT_MS + 2_000 });
      await expect(message).toContainText('not placed', { timeout: 30_000 });
      await expect(message).toContainText("terminal's judgement");
      await expect(page.getByTestId('notices')).toContainText('answered the create with an error');
      await shot(page, 'judged-not-placed', viewport.width);
      expect(simOrders(terminal, 'cryptocom').length).toBe(before);
      await focusNothing(page);
      await page.keyboard.press('Alt+1');
      await expect(page.getByTestId('book-state')).toHaveText('LIVE', { timeout: 20_000 });
    } finally {
      faults.reset();
    }
  });

  test('a Crypto.com create answered too late is found by matching, and the ticket and notice say it was matched (issue 20 #3)', async ({ page, terminal }) => {
    const faults = terminal.sims.cryptocom.sim.faults;
    try {
      await openTerminal(page, terminal);
      await focusNothing(page);
      await page.keyboard.press('Alt+2');
      await expect(page.getByTestId('book-state')).toHaveText('LIVE', { timeout: 20_000 });
      const before = simOrders(terminal, 'cryptocom').length;
      const price = await restingBuyPrice(page, 0.5);
      // Held past the create's 8 s timeout, then executed: V1 has no client id to look up.
      const executed = faults.holdNext({ method: 'POST', path: /^\/v1\/order$/ }, 9_000);
      await sendBuy(page, '0.001', price);
      await executed;
      const message = page.getByTestId('ticket-message');
      await expect(message).toContainText('matched by price, size and time (no client id)', { timeout: 30_000 });
      await expect(message).toContainText('placed');
      // The two-line result leaves the size buttons above it whole (at 1280x720 it once covered half of them).
      await expect(page.getByTestId('ticket-pct-100')).toBeInViewport({ ratio: 1 });
      await shot(page, 'matched', viewport.width);
      expect(simOrders(terminal, 'cryptocom').length).toBe(before + 1);
      await focusNothing(page);
      await page.keyboard.press('Alt+1');
      await expect(page.getByTestId('book-state')).toHaveText('LIVE', { timeout: 20_000 });
    } finally {
      faults.reset();
    }
  });

  test('a rejected and a filled order end on screen too', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    // More than the account holds: the exchange refuses it.
    const price = await restingBuyPrice(page, 0.5);
    await sendBuy(page, '50', price);
    await expect(page.getByTestId('ticket-message')).toContainText(/rejected|insufficient|balance/i);
    await shot(page, 'rejected', viewport.width);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('sell 0.001 btcusdt market');
    await expect(page.getByTestId('palette-status')).toContainText('notional');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('notices')).toContainText('(filled)');
    await shot(page, 'filled', viewport.width);
  });
}, { timeout: 90_000 });
