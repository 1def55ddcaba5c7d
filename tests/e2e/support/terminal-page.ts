import { expect, type Page } from '@playwright/test';
import Big from 'big.js';
import type { ExchangeId } from '../../../src/shared';
import type { DemoTerminal } from './demo-terminal';

/** Opens the terminal and waits until the active account's book is streaming. */
export async function openTerminal(page: Page, terminal: DemoTerminal): Promise<void> {
  await page.goto(terminal.host.url);
  await expect(page.getByTestId('book-state')).toHaveText('LIVE', { timeout: 20_000 });
  await expect(page.getByTestId('account').first()).toBeVisible();
}

/** The price shown on a book row (0 = best). */
export async function bookPrice(page: Page, side: 'bid' | 'ask', index: number): Promise<string> {
  const row = page.locator(`.book-${side}[data-index]`);
  // Asks are drawn worst first: the best ask is the last row.
  const nth = side === 'bid' ? index : (await row.count()) - 1 - index;
  return canonicalDecimal((await row.nth(nth).getAttribute('data-price'))!);
}

/**
 * A buy price that stays resting for the whole of a test: `percent` under the best bid, on the
 * book's tick (the decimals it shows), in canonical form. A price a few rows down the book is
 * not enough: the simulated markets move like real ones, and a taker sweeping four or five rows
 * within seconds fills it (seen in CI on Crypto.com Exchange).
 */
export async function restingBuyPrice(page: Page, percent: number): Promise<string> {
  const best = (await page.locator('.book-bid[data-index]').first().getAttribute('data-price'))!;
  const decimals = best.includes('.') ? best.length - best.indexOf('.') - 1 : 0;
  return canonicalDecimal(new Big(best).times(new Big(100).minus(percent)).div(100).round(decimals, Big.roundDown).toFixed(decimals));
}

/**
 * The book shows prices padded to the pair's precision (`87151.50`); exchanges and the engine
 * write decimals without trailing zeros (`87151.5`). Tests type and compare the canonical form.
 */
export function canonicalDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

/** Every order the demo account has sent to an exchange's simulator (what "arrived"). */
export function simOrders(terminal: DemoTerminal, exchange: ExchangeId) {
  return terminal.sims[exchange].sim.engine.ordersOf(terminal.simAccount(exchange));
}

/** Free balance of an asset in the simulator's ledger. */
export function simFree(terminal: DemoTerminal, exchange: ExchangeId, asset: string): string {
  return terminal.sims[exchange].sim.engine.balances(terminal.simAccount(exchange)).find((b) => b.asset === asset)?.free ?? '0';
}

/** Moves the focus out of any field, so global keys (B, S, Esc) act. */
export async function focusNothing(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** A figure as the panes show it (`98 262.09`, thin-space grouping) back to a plain decimal. */
export function shownDecimal(text: string | null): string {
  return (text ?? '').replace(/\u202f/g, '');
}
