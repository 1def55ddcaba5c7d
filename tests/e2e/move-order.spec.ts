import { expect, test } from './fixtures';
import { focusNothing, openTerminal, restingBuyPrice, simOrders } from './support/terminal-page';
import type { Page } from '@playwright/test';
import { drawnLines } from './support/chart';

async function placeRestingBuy(page: Page, percentBelow: number): Promise<string> {
  const price = await restingBuyPrice(page, percentBelow);
  await focusNothing(page);
  await page.keyboard.press('b');
  await page.keyboard.type('0.002');
  await page.keyboard.press('Tab');
  await page.keyboard.type(price);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('open-order').filter({ hasText: price })).toHaveCount(1);
  return price;
}

test('dragging an order line on the chart moves the order (cancel and replace at the new price)', async ({ page, terminal }) => {
  // The synthetic traders pause: the order sits near the market, where the chart shows it, and
  // must not fill before it is dragged (a taker sweeps several rows within seconds).
  await openTerminal(page, terminal);
  const market = terminal.sims.icrypex.sim.market;
  market.stop();
  try {
    const before = simOrders(terminal, 'icrypex').length;
    const price = await placeRestingBuy(page, 0.05);

    // The line sits where the cursor turns into a resize arrow; find it by moving down the chart.
    const chart = page.getByTestId('chart');
    const box = (await chart.boundingBox())!;
    const x = box.x + box.width / 2;
    // Start from where the chart's probe says the line is drawn, then look a few pixels around it
    // (scanning the whole chart pixel by pixel took most of the test's time on a loaded machine).
    await expect.poll(async () => (await drawnLines(page)).some((l) => l.y !== null && Math.abs(l.price - Number(price)) < 1e-9)).toBe(true);
    const drawn = (await drawnLines(page)).find((l) => l.y !== null && Math.abs(l.price - Number(price)) < 1e-9)!;
    let lineY: number | undefined;
    const candidates = [0, ...Array.from({ length: 40 }, (_, i) => (i % 2 ? -1 : 1) * Math.ceil((i + 1) / 2))];
    for (const dy of candidates) {
      const y = box.y + drawn.y! + dy;
      await page.mouse.move(x, y);
      if ((await chart.evaluate((el) => el.style.cursor)) === 'ns-resize') {
        lineY = y;
        break;
      }
    }
    if (lineY === undefined) {
      for (let y = box.y + 5; y < box.y + box.height - 30 && lineY === undefined; y += 1) {
        await page.mouse.move(x, y);
        if ((await chart.evaluate((el) => el.style.cursor)) === 'ns-resize') lineY = y;
      }
    }
    expect(lineY, 'the order line is on the chart').toBeDefined();
    await page.mouse.down();
    await page.mouse.move(x, lineY! + 30, { steps: 5 });
    await page.mouse.up();

    await expect(page.getByTestId('notices')).toContainText('moved buy 0.002 BTCUSDT to');
    const rows = page.getByTestId('open-order');
    await expect(rows).toHaveCount(1);
    const moved = (await rows.first().getAttribute('aria-label'))!.match(/at ([\d.]+)/)![1]!;
    expect(Number(moved)).toBeLessThan(Number(price));
    // At the exchange: the original was canceled and one new order rests at the new price.
    const mine = simOrders(terminal, 'icrypex').slice(before);
    expect(mine.map((o) => [o.status, o.price])).toEqual([
      ['canceled', price],
      ['new', moved],
    ]);

    await focusNothing(page);
    await page.keyboard.press('Control+Shift+X');
    await expect(rows).toHaveCount(0);
  } finally {
    market.start();
  }
});

test('E on an open order moves it from the keyboard', async ({ page, terminal }) => {
  await openTerminal(page, terminal);
  const before = simOrders(terminal, 'icrypex').length;
  const price = await placeRestingBuy(page, 0.5);
  const target = await restingBuyPrice(page, 0.7);

  await page.keyboard.press('Control+5');
  await expect(page.getByTestId('open-order').first()).toBeFocused();
  await page.keyboard.press('e');
  await expect(page.getByTestId('move-price')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(target);
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('open-order').filter({ hasText: target })).toHaveCount(1);
  await expect(page.getByTestId('open-order').filter({ hasText: price })).toHaveCount(0);
  expect(simOrders(terminal, 'icrypex').slice(before).map((o) => [o.status, o.price])).toEqual([
    ['canceled', price],
    ['new', target],
  ]);

  // Delete on the focused row cancels it.
  await page.getByTestId('open-order').first().focus();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('open-order')).toHaveCount(0);
});
