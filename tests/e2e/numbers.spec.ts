import Big from 'big.js';
import type { Page } from '@playwright/test';
import { availableExchanges, type SimExchange } from '../../src/main/sim';
import { expect, test } from './fixtures';
import { forBothSizes } from './support/sizes';
import type { DemoTerminal } from './support/demo-terminal';
import { focusNothing, openTerminal } from './support/terminal-page';

// Issue 11 #12: one formatting rule per kind of figure (docs/ui.md "Numbers"). The expected
// strings are built here from the simulator's ledger, not with the renderer's formatter.

const S = '\u202f';
/** A holding as the rule shows it: truncated to `dp` decimals, thousands grouped by thin spaces. */
function money(value: string, dp: number): string {
  const [int, frac] = new Big(value).round(dp, Big.roundDown).toFixed(dp).split('.');
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, S)}${frac !== undefined ? `.${frac}` : ''}`;
}

function simHolding(terminal: DemoTerminal, exchange: SimExchange, asset: string): { free: string; total: string } {
  const b = held(terminal, exchange, asset)!;
  return { free: b.free, total: new Big(b.free).plus(b.locked).toFixed() };
}

function held(terminal: DemoTerminal, exchange: SimExchange, asset: string) {
  return terminal.sims[exchange].sim.engine.balances(terminal.simAccount(exchange)).find((x) => x.asset === asset);
}

/** Every demo account holding the asset, one per simulated exchange, and the decimal sum of their totals. */
function holdings(terminal: DemoTerminal, asset: string): { count: number; sum: string } {
  const found = availableExchanges().flatMap((exchange) => {
    const b = held(terminal, exchange, asset);
    return b ? [new Big(b.free).plus(b.locked)] : [];
  });
  return { count: found.length, sum: found.reduce((a, b) => a.plus(b), new Big(0)).toFixed() };
}

async function palette(page: Page, line: string): Promise<void> {
  await focusNothing(page);
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('palette-input')).toBeFocused();
  await page.keyboard.type(line);
}

const shot = (page: Page, name: string, width: number) => page.screenshot({ path: `test-results/screens/numbers-${name}-${width}.png` });

forBothSizes((viewport) => {
  test("after a fill, the ticket's available is the Balances pane's figure, in the asset's precision with grouping", async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    // A market buy leaves USDT with a fee-sized tail of decimals (the issue's 98262.0931464412).
    await palette(page, 'buy 0.0123 btcusdt market');
    await expect(page.getByTestId('palette-status')).toContainText('BUY 0.0123 BTCUSDT market');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('notices')).toContainText('(filled)');
    const usdt = simHolding(terminal, 'icrypex', 'USDT');
    expect(usdt.free).toMatch(/\.\d{3,}$/);

    const freeUsdt = page.getByTestId('balances').locator('tr[data-asset="USDT"] [data-testid="free-USDT"]');
    await expect(freeUsdt).toHaveText(money(usdt.free, 2));
    await focusNothing(page);
    await page.keyboard.press('b');
    await expect(page.getByTestId('ticket-available')).toContainText(`available ${money(usdt.free, 2)} USDT`);
    await shot(page, 'ticket-buy', viewport.width);

    // The sell side shows the base asset the same way in both panes (BTC: the 8-decimal step).
    await focusNothing(page);
    await page.keyboard.press('s');
    const btc = simHolding(terminal, 'icrypex', 'BTC').free;
    await expect(page.getByTestId('balances').locator('[data-testid="free-BTC"]')).toHaveText(money(btc, 8));
    await expect(page.getByTestId('ticket-available')).toContainText(`available ${money(btc, 8)} BTC`);

    // Totals across accounts: the decimal sum, shown by the same rule.
    const view = page.getByTestId('balances-view');
    await view.selectOption('totals');
    // Every demo account's USDT (three exchanges), summed from the simulators' ledgers.
    const usdtEverywhere = holdings(terminal, 'USDT');
    expect(usdtEverywhere.count).toBe(availableExchanges().length);
    await expect(page.getByTestId('balance-totals').locator('tr[data-asset="USDT"] td').nth(3)).toHaveText(money(usdtEverywhere.sum, 2));
    // SHIB's whole units read grouped too (the Crypto.com V1 simulator imitates 2020, before SHIB).
    const shib = holdings(terminal, 'SHIB');
    expect(new Big(shib.sum).gte('1000000000')).toBe(true);
    await expect(page.getByTestId('balance-totals').locator('tr[data-asset="SHIB"] td').nth(3)).toHaveText(money(shib.sum, 0));
    await shot(page, 'balances-totals', viewport.width);
    await view.selectOption('all');
    await expect(page.getByTestId('balances').locator('tr[data-asset="USDT"]')).toHaveCount(usdtEverywhere.count);
    await shot(page, 'balances-all', viewport.width);
  });

  test('Crypto.com balances read in the asset precision with grouping, and its ticket agrees', async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    await focusNothing(page);
    await page.keyboard.press('Alt+2');
    await expect(page.getByTestId('active-account')).toContainText('cryptocom');
    const rows = page.getByTestId('balances');
    const usdt = simHolding(terminal, 'cryptocom', 'USDT').free;
    await expect(rows.locator('[data-testid="free-USDT"]')).toHaveText(money(usdt, 2));
    await expect(rows.locator('[data-testid="free-USDT"]')).toHaveText(/^\d{1,3}(\u202f\d{3})*\.\d{2}$/);
    await expect(rows.locator('[data-testid="free-CRO"]')).toHaveText(`1${S}000${S}000.00`); // CRO amounts step 0.01 (V1 amount_precision 2)
    await page.keyboard.press('b');
    await expect(page.getByTestId('ticket-available')).toContainText(`available ${money(usdt, 2)} USDT`);
    await shot(page, 'cryptocom', viewport.width);
  });

  test("the palette's order line shows size in the step and price in the tick, notional in the quote's precision", async ({ page, terminal }) => {
    await openTerminal(page, terminal);
    await palette(page, 'buy 7.50 ethusdt @ 2000.5');
    const status = page.getByTestId('palette-status');
    await expect(status).toContainText('BUY 7.5 ETHUSDT @ 2000.50');
    await expect(status).toContainText(`notional 15${S}003.75 USDT`);
    await shot(page, 'palette', viewport.width);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('palette')).toHaveCount(0);
  });
}, { timeout: 90_000 });
