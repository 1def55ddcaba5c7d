import type { Locator } from '@playwright/test';
import { ACCOUNT_LABEL_MAX } from '../../src/shared';
import { expect, test } from './fixtures';
import { forBothSizes } from './support/sizes';
import { openTerminal } from './support/terminal-page';

// Issue 11, point 13: a pane says which account it shows, and the ticket which account it sends
// to, however long the account's name (up to ACCOUNT_LABEL_MAX characters).

const LONG = 'Treasury desk, overnight hedging (EU) 01';

/** Whether a <select> has room for its chosen option's whole text (measured in its own font, less its arrow). */
const fits = (select: Locator) =>
  select.evaluate((el: HTMLSelectElement) => {
    const style = getComputedStyle(el);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = style.font;
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24;
    return context.measureText(el.selectedOptions[0]?.text ?? '').width <= room;
  });

forBothSizes((size) => {
  test('a 40-character account name is readable in the ticket, and named in full by the book header', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    const rename = terminal.engine.handlers['accounts:rename']!;
    const first = page.getByTestId('account').first();
    const id = (await first.getAttribute('data-account-id'))!;
    const before = (await terminal.engine.handlers['accounts:list']!(undefined)) as { ok: true; value: Array<{ id: string; label: string }> };
    const old = before.value.find((a) => a.id === id)!.label;
    expect(LONG).toHaveLength(ACCOUNT_LABEL_MAX);
    try {
      expect((await rename({ accountId: id, label: LONG })).ok).toBe(true);
      const account = page.getByTestId('ticket-account');
      await expect(account).toContainText(LONG);
      // The ticket shows the whole name of the account it sends to, and its exchange.
      expect(await fits(account), 'the account choice shows the whole name').toBe(true);
      await expect(page.getByTestId('ticket-subject')).toHaveText('BTCUSDT on Icrypex · demo');
      // The book header may shorten it, but never the market, and names it all on hover.
      const subject = page.getByTestId('book-subject');
      await expect(subject).toHaveAttribute('title', `BTCUSDT · ${LONG} · Icrypex`);
      await expect(subject).toContainText('BTCUSDT');
      // What can be spent stays in view next to the submit button, however long the name.
      await expect(page.getByTestId('ticket-available')).toBeInViewport({ ratio: 1 });
      await expect(page.getByTestId('ticket-submit')).toBeInViewport({ ratio: 1 });
      // The accounts pane: the long name gives way (whole on hover), and every row keeps its
      // buttons on the name's line, inside the pane (they used to wrap out of a short pane).
      await expect(first.locator('.account-label')).toHaveAttribute('title', LONG);
      const pane = (await page.locator('.accounts').boundingBox())!;
      const rows = await page.getByTestId('account').all();
      expect(rows.length).toBeGreaterThanOrEqual(3);
      for (const row of rows) {
        const name = (await row.locator('.account-label').boundingBox())!;
        const remove = (await row.getByRole('button', { name: 'Remove' }).boundingBox())!;
        expect(Math.abs(name.y + name.height / 2 - (remove.y + remove.height / 2)), 'Remove sits on the name\'s line').toBeLessThan(3);
        expect(remove.x + remove.width).toBeLessThanOrEqual(pane.x + pane.width);
      }
      await page.screenshot({ path: `test-results/long-labels/${size.width}x${size.height}.png` });
    } finally {
      await rename({ accountId: id, label: old });
    }
  });
});
