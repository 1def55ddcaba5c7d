import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';

/** The smallest supported window and the default one (issue 11: every journey at both). */
export const SIZES = [
  { width: 1280, height: 720 },
  { width: 1600, height: 960 },
] as const;

export type Size = (typeof SIZES)[number];

/**
 * Declares the tests of `body` once per size, each group named `at WxH` and run in a window of
 * that size. `timeout` (ms) is for journeys that wait on the engine's own timeouts.
 */
export function forBothSizes(body: (size: Size) => void, options: { timeout?: number } = {}): void {
  for (const size of SIZES) {
    test.describe(`at ${size.width}x${size.height}`, () => {
      test.use({ viewport: size });
      if (options.timeout !== undefined) test.setTimeout(options.timeout);
      body(size);
    });
  }
}

/** Fully inside the window and inside the box of `container` (nothing below the pane's edge). */
export async function expectWithin(page: Page, element: Locator, container: Locator): Promise<void> {
  const box = await element.boundingBox();
  const outer = await container.boundingBox();
  const view = page.viewportSize()!;
  expect(box, 'element is rendered').not.toBeNull();
  expect(outer, 'container is rendered').not.toBeNull();
  const name = await element.getAttribute('data-testid');
  expect(box!.y, `${name} top`).toBeGreaterThanOrEqual(Math.max(0, outer!.y) - 0.5);
  expect(box!.y + box!.height, `${name} bottom in the viewport (${view.height})`).toBeLessThanOrEqual(view.height + 0.5);
  expect(box!.y + box!.height, `${name} bottom in the pane`).toBeLessThanOrEqual(outer!.y + outer!.height + 0.5);
  expect(box!.x + box!.width, `${name} right edge`).toBeLessThanOrEqual(Math.min(view.width, outer!.x + outer!.width) + 0.5);
}
