import { expect, type Page } from '@playwright/test';

/** Where the chart draws each order line (y from the top of its pane; null when off the scale). */
export interface DrawnLine {
  key: string;
  title: string;
  price: number;
  y: number | null;
  height: number;
}

/** Reads the chart's order lines through the probe the chart pane puts on its element. */
export async function drawnLines(page: Page): Promise<DrawnLine[]> {
  return page.getByTestId('chart').evaluate((el) => {
    const probe = (el as HTMLElement & { chartProbe?: { lines(): DrawnLine[] } }).chartProbe;
    if (!probe) throw new Error('the chart pane exposes no probe of its order lines');
    return probe.lines();
  });
}

/** Waits until the line of `orderId` (kind `limit` or `stop`) is drawn inside the chart's visible price range. */
export async function expectLineInView(page: Page, orderId: string, kind: 'limit' | 'stop', title: RegExp): Promise<void> {
  await expect
    .poll(async () => {
      const line = (await drawnLines(page)).find((l) => l.key.endsWith(`|${orderId}|${kind}`));
      if (!line) return `no ${kind} line for order ${orderId}`;
      if (!title.test(line.title)) return `title "${line.title}"`;
      if (line.y === null || line.y < 0 || line.y > line.height) return `drawn at y=${line.y} outside 0..${line.height}`;
      return 'in view';
    })
    .toBe('in view');
}

/** The mid price the book shows. */
export async function bookMid(page: Page): Promise<number> {
  const text = (await page.getByTestId('book-spread').textContent()) ?? '';
  const mid = /mid ([\d.]+)/.exec(text)?.[1];
  if (!mid) throw new Error(`no mid in "${text}"`);
  return Number(mid);
}

/** Types an order line into the palette and sends it (keyboard only). */
export async function paletteOrder(page: Page, line: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('palette-input')).toBeFocused();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('palette')).toHaveCount(0);
}
