import Big from 'big.js';
import type { Page } from '@playwright/test';
import type { DemoTerminal } from './support/demo-terminal';
import { expect, test } from './fixtures';
import { openTerminal, simOrders } from './support/terminal-page';

// Issue 14 #2 and #3: a resting order filled by the simulator raises a toast and a sound; an
// alert set from the palette fires once when the simulated price crosses it.

const shot = (page: Page, name: string, width: number) => page.screenshot({ path: `test-results/screens/notify-${name}-${width}.png` });

async function palette(page: Page, line: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill(line);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toHaveCount(0);
}

/**
 * The spare Icrypex account trades against the book in the simulator, in one synchronous step
 * (the synthetic market cannot move in between): a sell that takes every bid at or above
 * `price`, or a buy that takes every ask at or below it.
 */
function sweep(terminal: DemoTerminal, side: 'buy' | 'sell', price: string): void {
  const engine = terminal.sims.icrypex.sim.engine;
  const book = engine.book('BTCUSDT');
  const levels = side === 'sell' ? book.bids.filter(([p]) => new Big(p).gte(price)) : book.asks.filter(([p]) => new Big(p).lte(price));
  const quantity = levels.reduce((sum, [, q]) => sum.plus(q), new Big(0));
  expect(quantity.gt(0)).toBe(true);
  const result = engine.place({ accountId: terminal.spareIcrypex.apiKey, symbol: 'BTCUSDT', side, type: 'limit', price, quantity: quantity.toFixed() });
  expect(result).toMatchObject({ ok: true });
}

/**
 * The suite shares one terminal, so orders an earlier spec left resting on the demo account can
 * sit in the book where the sweeps below would fill them, each with a fill toast and sound of its
 * own. The exchange cancels them first (an order the exchange ended makes no sound), and the
 * test goes on once the terminal shows none open.
 */
async function clearRestingOrders(page: Page, terminal: DemoTerminal): Promise<void> {
  terminal.sims.icrypex.sim.engine.cancelAll(terminal.simAccount('icrypex'), 'BTCUSDT');
  await expect(page.getByTestId('open-count')).toHaveText(' (0)');
}

/**
 * Counts alert toasts as they are added, so "fired once" is checked on every toast ever raised,
 * not on the ones still on screen (an alert toast fades after 8 s, and a loaded machine can take
 * longer than that between the first fire and the check that no second one came).
 */
async function countAlertToasts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const root = document.querySelector('[data-testid="notices"]')!;
    const w = window as unknown as { alertToasts: number };
    w.alertToasts = 0;
    new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node instanceof HTMLElement && node.dataset['kind'] === 'alert') w.alertToasts += 1;
    }).observe(root, { childList: true });
  });
}

function alertToasts(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { alertToasts: number }).alertToasts);
}

function soundCount(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.documentElement.dataset['soundCount'] ?? '0'));
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1600, height: 960 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });
    test.setTimeout(90_000);

    test('a resting buy filled by the simulator raises a fill toast and the buy sound', async ({ page, terminal }) => {
      await openTerminal(page, terminal);
      const { engine, market } = terminal.sims.icrypex.sim;
      // The synthetic traders pause: otherwise the market can fall through the resting buy before the
      // sweep (CI once saw it filled early, and the sweep found no bid at its price).
      market.stop();
      try {
      await clearRestingOrders(page, terminal);
      // One tick under the best bid: it rests until the sweep below reaches it.
      const price = new Big(engine.top('BTCUSDT').bid!).minus('0.01').toFixed();
      const before = simOrders(terminal, 'icrypex').length;
      await palette(page, `buy 0.0013 btcusdt @ ${price}`);
      await expect.poll(() => simOrders(terminal, 'icrypex').length).toBe(before + 1);
      const order = simOrders(terminal, 'icrypex').at(-1)!;
      await expect(page.getByTestId('open-count')).not.toHaveText(' (0)');
      const sounds = await soundCount(page);
      // Placing it made no fill sound.
      expect(await page.evaluate(() => document.documentElement.dataset['lastSound'] ?? '')).not.toBe('buy-fill');

      sweep(terminal, 'sell', price);
      const toast = page.locator('[data-testid="notices"] [data-kind="fill"]').filter({ hasText: `order ${order.id}` });
      await expect(toast).toHaveCount(1);
      await expect(toast).toContainText(`Filled: BUY BTCUSDT 0.0013 @ ${price}`);
      await expect(toast).toContainText('Icrypex demo');
      await expect.poll(() => soundCount(page)).toBe(sounds + 1);
      expect(await page.evaluate(() => document.documentElement.dataset['lastSound'])).toBe('buy-fill');
      await shot(page, 'fill', viewport.width);
      } finally {
        market.start();
      }
    });

    test('an alert set from the palette fires once when the price crosses it, and the list says so', async ({ page, terminal }) => {
      await openTerminal(page, terminal);
      const { engine, market } = terminal.sims.icrypex.sim;
      // The synthetic traders pause, so only this test's trades move the price past the level.
      market.stop();
      try {
        await clearRestingOrders(page, terminal);
        // Just under the fifth ask and above the last trade: no trade has reached it yet, and a
        // trade at the touch (a requote just after the pause) stays below it (CI once saw one).
        const fifth = new Big(engine.book('BTCUSDT').asks[4]![0]).minus('0.01');
        const last = new Big(engine.lastPrice('BTCUSDT') ?? '0').plus('0.01');
        const level = (fifth.gt(last) ? fifth : last).toFixed();
        await palette(page, `alert btcusdt > ${level}`);
        await expect(page.getByTestId('notices')).toContainText(`alert set: BTCUSDT above ${level}`);
        await palette(page, 'alerts');
        const row = page.getByTestId('alert-row').filter({ hasText: level });
        await expect(row).toHaveAttribute('data-state', 'armed');
        await shot(page, 'alert-armed', viewport.width);
        const sounds = await soundCount(page);
        await countAlertToasts(page);

        // A buy that lifts the asks past the level: trades at and above it.
        const through = engine.book('BTCUSDT').asks.find(([p]) => new Big(p).gte(level))![0];
        sweep(terminal, 'buy', through);
        const fired = page.locator('[data-testid="notices"] [data-kind="alert"]');
        await expect(fired).toHaveCount(1);
        expect(await alertToasts(page)).toBe(1);
        await expect(fired).toContainText(`Alert: BTCUSDT above ${level}`);
        await expect(fired).toContainText('fired once');
        await expect(row).toHaveAttribute('data-state', 'fired');
        await expect(row.getByTestId('alert-state')).toContainText('fired');
        await expect.poll(() => soundCount(page)).toBe(sounds + 1);
        expect(await page.evaluate(() => document.documentElement.dataset['lastSound'])).toBe('alert');
        await shot(page, 'alert-fired', viewport.width);

        // More trades past the level: it does not fire again.
        const again = engine.book('BTCUSDT').asks[0]![0];
        sweep(terminal, 'buy', again);
        // The tape shows that trade: the same trade stream the engine's alerts watch has delivered it.
        await expect(page.getByTestId('tape').locator('.tape-price', { hasText: new Big(again).toFixed(2) }).first()).toBeVisible();
        expect(await alertToasts(page)).toBe(1);
        expect(await soundCount(page)).toBe(sounds + 1);

        // Removed from the list.
        await row.getByTestId('alert-remove').click();
        await expect(row).toHaveCount(0);
      } finally {
        market.start();
      }
    });
  });
}
