import { expect, test } from './fixtures';
import { JOURNEY_EXCHANGES, openOn } from './support/journeys';
import { forBothSizes } from './support/sizes';

for (const x of JOURNEY_EXCHANGES) {
  test.describe(x.name, () => {
    forBothSizes(() => {
      test('dropped exchange sockets show STALE on the book, which comes back LIVE by itself', async ({ page, terminal }) => {
        await openOn(page, terminal, x);
        const badge = page.getByTestId('book-state');
        // Record every state the badge shows, so a short outage is seen however fast it heals.
        await page.evaluate(() => {
          const seen: string[] = [];
          (window as unknown as { bookStates: string[] }).bookStates = seen;
          const node = document.querySelector('[data-testid="book-state"]')!;
          new MutationObserver(() => seen.push(node.textContent ?? '')).observe(node, { childList: true, characterData: true, subtree: true });
        });

        x.dropSockets(terminal.sims);

        await expect.poll(() => page.evaluate(() => (window as unknown as { bookStates: string[] }).bookStates)).toContain('STALE');
        // No click, no reload: the connector reconnects, resubscribes and resyncs the book.
        await expect(badge).toHaveText('LIVE', { timeout: 20_000 });
        // Only the book (and tape) depend on that stream: the ticket kept working meanwhile.
        await expect(page.getByTestId('ticket-submit')).toBeEnabled();
        await expect(page.locator('.book-bid[data-index]').first()).toBeVisible();
      });
    });
  });
}
