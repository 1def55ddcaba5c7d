import { expect, type Page } from '@playwright/test';
import { exchangeName, simulatedExchanges, type SimulatedExchangeId } from '../../../src/shared';
import type { StartedSimulators } from '../../../src/main/sim';
import type { DemoTerminal } from './demo-terminal';
import { focusNothing, openTerminal } from './terminal-page';

/**
 * What the per-exchange journeys of issue 17 (keyboard limit order, market order and balances,
 * account switch, stale book) need to know about one simulated exchange. Every exchange the
 * catalog marks `simulator: true` must have a row: a new one does not compile until it does.
 */
interface JourneyRow {
  /** The market the journeys trade and watch. */
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  /** The exchange keeps the client order id the terminal sends with each order. */
  readonly clientOrderIds: boolean;
  /** The status the create-order reply gives a market order that fills at once (later updates say filled). */
  readonly marketReplyStatus: 'filled' | 'open' | 'pending';
  /** Cuts the exchange's sockets in its simulator (no close frame: the connector sees 1006). */
  dropSockets(sims: StartedSimulators): void;
  /**
   * A market this exchange does not list but `listedBy` does: the account-switch journey stands
   * on it with `listedBy`'s demo account, then switches to this exchange's.
   */
  readonly missing: { readonly symbol: string; readonly listedBy: SimulatedExchangeId };
}

/** Every demo simulator lists it, so the journeys trade it everywhere. */
const BTC_USDT = { symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT' } as const;

const ROWS = {
  icrypex: {
    ...BTC_USDT,
    clientOrderIds: true,
    marketReplyStatus: 'filled',
    // The market socket and the private one.
    dropSockets: (sims) => sims.icrypex.sim.faults.dropConnections(),
    missing: { symbol: 'CROBTC', listedBy: 'cryptocom' },
  },
  cryptocom: {
    ...BTC_USDT,
    // specs/cryptocom-v1.md §5.8: create order takes no client id.
    clientOrderIds: false,
    // §5.8: the reply is the order id alone; the fill is seen when the orders are next polled.
    marketReplyStatus: 'open',
    // The market socket: V1's own orders and balances are polled over REST.
    dropSockets: (sims) => sims.cryptocom.sim.faults.dropConnections(),
    missing: { symbol: 'SHIBUSDT', listedBy: 'icrypex' },
  },
  'cryptocom-exchange': {
    ...BTC_USDT,
    clientOrderIds: true,
    // specs/cryptocom-exchange.md §5.8: the reply names the order (order_id, client_oid) and no
    // status; a market order's fill arrives on user.order.
    marketReplyStatus: 'pending',
    // The market socket and the user socket.
    dropSockets: (sims) => sims['cryptocom-exchange'].sim.faults.dropConnections(),
    missing: { symbol: 'CROBTC', listedBy: 'cryptocom' },
  },
} satisfies Record<SimulatedExchangeId, JourneyRow>;

export interface JourneyExchange extends JourneyRow {
  readonly id: SimulatedExchangeId;
  /** The catalog's name, which names each journey's group. */
  readonly name: string;
  /** The label demo mode gives the exchange's demo account (accounts/demo.ts). */
  readonly account: string;
}

/** Every simulated exchange, in catalog order (so in the order demo mode created their accounts). */
export const JOURNEY_EXCHANGES: readonly JourneyExchange[] = simulatedExchanges().map((id) => ({
  id,
  name: exchangeName(id),
  account: `${exchangeName(id)} demo`,
  ...ROWS[id],
}));

/** The journey row of an exchange. */
export function journeyOf(id: SimulatedExchangeId): JourneyExchange {
  return JOURNEY_EXCHANGES.find((x) => x.id === id)!;
}

/** The id of the demo account with this label, read from the accounts pane. */
export async function accountIdOf(page: Page, label: string): Promise<string> {
  const row = page.getByTestId('account').filter({ has: page.getByText(label, { exact: true }) });
  await expect(row).toHaveCount(1);
  return (await row.getAttribute('data-account-id'))!;
}

/** Makes the exchange's demo account the active one with Alt+n (n = its row in the accounts pane). */
export async function switchWithAltKey(page: Page, x: JourneyExchange): Promise<void> {
  const id = await accountIdOf(page, x.account);
  const index = await page.getByTestId('account').evaluateAll((rows, wanted) => rows.findIndex((r) => r.getAttribute('data-account-id') === wanted), id);
  expect(index, `${x.account} is one of the first nine accounts`).toBeLessThan(9);
  await focusNothing(page);
  await page.keyboard.press(`Alt+${index + 1}`);
  await expect(page.getByTestId('active-account')).toContainText(`${x.account} · ${x.id}`);
}

/** Opens the terminal on the exchange's demo account and its journey market, book streaming. */
export async function openOn(page: Page, terminal: DemoTerminal, x: JourneyExchange): Promise<void> {
  await openTerminal(page, terminal);
  await switchWithAltKey(page, x);
  await expect(page.getByTestId('book-subject')).toHaveText(`${x.symbol} · ${x.account}`);
  await expect(page.getByTestId('book-state')).toHaveText('LIVE', { timeout: 20_000 });
}
