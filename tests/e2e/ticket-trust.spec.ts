import Big from 'big.js';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectWithin, forBothSizes } from './support/sizes';
import { bookPrice, canonicalDecimal, focusNothing, openTerminal, simOrders } from './support/terminal-page';

/**
 * Issue 11, points 1-4: order entry a trader can trust. Keyboard only, at the smallest
 * supported window and at the default size.
 */

/** The free amount the ticket says is available (`available 2 BTC · …`). */
async function available(page: Page): Promise<Big> {
  const text = (await page.getByTestId('ticket-available').textContent()) ?? '';
  const match = /available ([\d.,]+)/.exec(text);
  expect(match, text).not.toBeNull();
  return new Big(match![1]!.replace(/,/g, ''));
}

async function shot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  await page.screenshot({ path: `test-results/ticket-trust/${size.width}x${size.height}-${name}.png` });
}

forBothSizes(() => {
  test('digits typed into quantity are the size; percent sizing is Alt+1…4 or "25%" typed, shown before it is sent', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    const quantity = page.getByTestId('ticket-quantity');
    const accountBefore = await page.getByTestId('ticket-account').inputValue();
    await focusNothing(page);
    await shot(page, 'empty');

    // B, then 10: the field says 10, not 25 % of the USDT.
    await page.keyboard.press('b');
    await expect(quantity).toBeFocused();
    await page.keyboard.type('10');
    await expect(quantity).toHaveValue('10');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('1.5');
    await expect(quantity).toHaveValue('1.5');
    await shot(page, 'typed');

    // On sell, 3 is 3 (not 75 % of the BTC).
    await page.keyboard.press('Escape');
    await page.keyboard.press('s');
    await expect(quantity).toBeFocused();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('3');
    await expect(quantity).toHaveValue('3');

    // The percent chips name their chord; Alt+2 in quantity sizes 50 % and does not switch
    // to account 2.
    await expect(page.getByTestId('ticket-pct-50')).toContainText('Alt+2');
    const free = await available(page);
    await page.keyboard.press('Alt+2');
    await expect(quantity).not.toHaveValue('3');
    const half = new Big(await quantity.inputValue());
    expect(half.lte(free.div(2)), `${half} ≤ half of ${free}`).toBe(true);
    expect(half.gt(free.div(2).minus('0.00000001')), `${half} is half of ${free}, rounded down to the step`).toBe(true);
    expect(await page.getByTestId('ticket-account').inputValue()).toBe(accountBefore);
    await expect(page.getByTestId('ticket-sized-by')).toContainText('set by 50 %');
    await shot(page, 'percent-chord');

    // "25%" typed is sized on screen, and exactly that number is what is sent.
    await page.keyboard.press('Control+a');
    await page.keyboard.type('25%');
    await expect(quantity).not.toHaveValue('25%');
    const quarter = await quantity.inputValue();
    expect(new Big(quarter).lte(free.div(4)) && new Big(quarter).gt(free.div(4).minus('0.00000001')), `${quarter} is 25 % of ${free}`).toBe(true);
    await shot(page, 'percent-typed');
    const price = await bookPrice(page, 'ask', 6);
    const before = simOrders(terminal, 'icrypex').length;
    await page.keyboard.press('Tab');
    await page.keyboard.type(price);
    await expect(page.getByTestId('ticket-preview')).toHaveAttribute('data-check', 'checked');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('ticket-message')).toContainText(`placed sell ${canonicalDecimal(quarter)} BTCUSDT`);
    await shot(page, 'placed');
    expect(simOrders(terminal, 'icrypex').slice(before).map((o) => [o.side, o.quantity])).toEqual([['sell', canonicalDecimal(quarter)]]);

    await focusNothing(page);
    await page.keyboard.press('Control+Shift+X');
    await expect(page.getByTestId('open-order')).toHaveCount(0);
  });

  test('Esc only dismisses; Ctrl+Shift+Z cancels the last order and says which one', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    // The synthetic traders pause: an order resting at the fifth bid must not fill before it is cancelled.
    terminal.sims.icrypex.sim.market.stop();
    try {
      const before = simOrders(terminal, 'icrypex').length;
      const price = await bookPrice(page, 'bid', 5);
      await focusNothing(page);
      await page.keyboard.press('b');
      await page.keyboard.type('0.002');
      await page.keyboard.press('Tab');
      await page.keyboard.type(price);
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('ticket-message')).toContainText('placed buy 0.002 BTCUSDT');
      const row = page.getByTestId('open-order').filter({ hasText: price });
      await expect(row).toHaveCount(1);
      const orderId = (await row.getAttribute('data-order-id'))!;

      // Esc, Esc, Esc: out of the field, the notice closed, nothing left to dismiss.
      for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
      await expect(page.getByTestId('ticket-quantity')).not.toBeFocused();
      await expect(page.getByTestId('notices')).not.toContainText('cancel');
      await expect(row).toHaveCount(1);
      expect(simOrders(terminal, 'icrypex')[before]?.status).toBe('new');

      await page.keyboard.press('Control+Shift+Z');
      await expect(page.getByTestId('notices')).toContainText(`cancelled BUY 0.002 BTCUSDT @ ${price} · order ${orderId}`);
      await expect(row).toHaveCount(0);
      await expect.poll(() => simOrders(terminal, 'icrypex')[before]?.status).toBe('canceled');

      // The palette's "cancel last" takes the same path and says the same.
      await page.keyboard.press('b');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('ticket-message')).toContainText('placed buy 0.002 BTCUSDT');
      const second = page.getByTestId('open-order').filter({ hasText: price });
      const secondId = (await second.getAttribute('data-order-id'))!;
      await page.keyboard.press('Control+k');
      await page.keyboard.type('cancel last');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('notices')).toContainText(`cancelled BUY 0.002 BTCUSDT @ ${price} · order ${secondId}`);
      await expect(second).toHaveCount(0);
    } finally {
      terminal.sims.icrypex.sim.market.start();
    }
  });

  test('with 1, 2 and 3 violations the submit button, preview and result stay in view, each violation shown once beside its field', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    const pane = page.locator('[data-pane="ticket"]');
    const bid = new Big(await bookPrice(page, 'bid', 3));
    const before = simOrders(terminal, 'icrypex').length;
    // 1: below the minimum order value (quantity). 2: and off the tick (price).
    // 3: and outside the engine's 10 % price band (price again).
    const cases = [
      { n: 1, quantity: '0.0001', price: bid.toFixed() },
      { n: 2, quantity: '0.0001', price: bid.plus('0.001').toFixed() },
      { n: 3, quantity: '0.0001', price: bid.times('0.8').round(0).plus('0.001').toFixed() },
    ];
    await focusNothing(page);
    await page.keyboard.press('b');
    for (const c of cases) {
      await page.getByTestId('ticket-quantity').focus();
      await page.keyboard.press('Control+a');
      await page.keyboard.type(c.quantity);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Control+a');
      await page.keyboard.type(c.price);
      await expect(page.getByTestId('ticket-preview')).toHaveAttribute('data-check', 'checked');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('ticket-message')).toHaveClass(/phase-failed/);
      for (const id of ['ticket-submit', 'ticket-message', 'ticket-preview']) await expectWithin(page, page.getByTestId(id), pane);
      await expect(page.getByTestId('ticket-message')).toContainText('not sent');

      await expect(pane.getByTestId('field-problem')).toHaveCount(c.n);
      const messages = await pane.getByTestId('field-problem').allTextContents();
      await expect(page.getByTestId('ticket-quantity-problem').getByTestId('field-problem')).toHaveCount(1);
      expect(messages, messages.join(' | ')).toHaveLength(c.n);
      // Each once in the whole ticket: not again in the preview or the result line.
      const all = (await pane.textContent()) ?? '';
      for (const m of messages) expect(all.split(m).length - 1, m).toBe(1);
      await shot(page, `violations-${c.n}`);
    }
    expect(simOrders(terminal, 'icrypex').length).toBe(before);
  });

  test('a tiny-price market gets the confirmation band from a decimal mid; an order the exchange refuses says so', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    await focusNothing(page);
    await page.keyboard.press('Control+,');
    const band = page.getByLabel('Confirm limit prices further than');
    await band.fill('2');
    await band.blur();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('settings')).toHaveCount(0);

    // Icrypex's BTTCUSDT trades near 0.0000004 USDT: below a millionth, where a float mid is
    // written `4.3e-7` and the band could not read it.
    await focusNothing(page);
    await page.keyboard.press('/');
    await page.keyboard.type('BTTCUSDT');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('ticket-subject')).toHaveText(/^BTTCUSDT on /);
    await expect(page.getByTestId('book-state')).toHaveText('LIVE', { timeout: 20_000 });
    const bid = new Big(await bookPrice(page, 'bid', 0));
    expect(bid.lt('0.000001'), `BTTCUSDT bid ${bid.toFixed()} is below a millionth`).toBe(true);
    const far = bid.times('0.95').round(10, Big.roundDown).toFixed();
    const before = simOrders(terminal, 'icrypex').length;
    await page.keyboard.press('b');
    await page.keyboard.type('100000000');
    await page.keyboard.press('Tab');
    await page.keyboard.type(far);
    await expect(page.getByTestId('ticket-preview')).toHaveAttribute('data-check', 'checked');
    await expect(page.getByTestId('preview-problems')).toContainText(new RegExp(`price ${far.replace('.', '\\.')} is [\\d.]+ % from the mid 0\\.0000`));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('ticket-message')).toContainText('Enter again to send');
    await expect(page.getByTestId('ticket-preview')).not.toContainText('from the mid');
    for (const id of ['ticket-submit', 'ticket-message', 'ticket-preview']) await expectWithin(page, page.getByTestId(id), page.locator('[data-pane="ticket"]'));
    await shot(page, 'confirmation');
    // Esc stops it: nothing was sent.
    await page.keyboard.press('Escape');
    expect(simOrders(terminal, 'icrypex').length).toBe(before);

    // More than the account holds: the rules pass, the exchange refuses, the ticket says so.
    await page.keyboard.press('b');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('999999999999');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+a');
    await page.keyboard.type(bid.toFixed());
    await expect(page.getByTestId('ticket-preview')).toHaveAttribute('data-check', 'checked');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('ticket-message')).toContainText('rejected');
    for (const id of ['ticket-submit', 'ticket-message', 'ticket-preview']) await expectWithin(page, page.getByTestId(id), page.locator('[data-pane="ticket"]'));
    await shot(page, 'rejected');
  });

  test('an untouched ticket shows no errors; they appear where the trader acted, without moving the fields', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    const pane = page.locator('[data-pane="ticket"]');
    await focusNothing(page);
    await page.keyboard.press('b');
    await expect(page.getByTestId('ticket-quantity')).toBeFocused();
    await expect(pane.locator('[aria-invalid="true"]')).toHaveCount(0);
    await expect(pane.locator('[data-testid$="-problem"]')).toHaveCount(0);
    await expect(page.getByTestId('ticket-message')).not.toContainText(/required|must/);
    const priceTop = (await page.getByTestId('ticket-price').boundingBox())!.y;
    const submitTop = (await page.getByTestId('ticket-submit').boundingBox())!.y;
    await shot(page, 'untouched');

    // A new symbol is a fresh ticket too.
    await page.keyboard.press('Escape');
    await page.keyboard.press('/');
    await page.keyboard.type('ETHUSDT');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('ticket-subject')).toHaveText(/^ETHUSDT on /);
    await page.keyboard.press('b');
    await expect(pane.locator('[data-testid$="-problem"]')).toHaveCount(0);

    // Typing something wrong shows its message under the field; the fields stay put.
    await page.keyboard.type('abc');
    await expect(page.getByTestId('ticket-quantity-problem')).toHaveText('quantity "abc" is not a number');
    expect((await page.getByTestId('ticket-price').boundingBox())!.y).toBe(priceTop);
    // Leaving the empty price says it is needed; the submit button has not moved.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('ticket-price-problem')).toHaveText('price is required for a limit order');
    expect((await page.getByTestId('ticket-submit').boundingBox())!.y).toBe(submitTop);
  });
});
