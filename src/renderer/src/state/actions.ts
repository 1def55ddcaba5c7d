import { EXCHANGE_IDS, isOrderOpen, totalBalances, type Account, type Order, type Settings, type StatusSnapshot } from '../../../shared';
import { exchangeMarketsKey, watchedExchange } from './selectors';
import { mergeBalances, withAccountBalances } from '../lib/balances';
import { cancelRequest, resultWords, scopeWords, type CancelScope } from '../lib/cancel-scope';
import { applyOrderUpdate } from '../lib/orders';
import { mergeOpenOrders } from '../lib/read-gaps';
import { dropMissingPins } from '../lib/layout';
import { StaleTracker } from '../lib/stale-hold';
import { app, isReadOnly, notify } from './app-state';
import { clearTicketFields, setTicketAccount, ticket } from './ticket-state';
import { receiveOutcome, receiveQueued } from './outcomes';
import { startAlerts } from './alerts';

export { applyOrderUpdate };

/**
 * What the panes do to the engine, all through `window.terminal` (architecture.md rule 3).
 * Every call answers with a Result; failures become a notice naming what failed.
 */

/** Loads the markets of an account's exchange, or (`exchange:<id>`, no account: issue 13 #6) of an exchange. */
export async function loadMarkets(accountId: string): Promise<void> {
  const exchange = EXCHANGE_IDS.find((id) => accountId === exchangeMarketsKey(id));
  const result = await window.terminal.market.list(exchange ? { exchange } : { accountId });
  if (result.ok) {
    app.set((s) => ({ markets: { ...s.markets, [accountId]: result.value }, marketsError: { ...s.marketsError, [accountId]: '' } }));
  } else {
    app.set((s) => ({ marketsError: { ...s.marketsError, [accountId]: result.error.message } }));
  }
}

export async function refreshBalances(): Promise<void> {
  const result = await window.terminal.balances.list({});
  // Never fails whole: the accounts read, and each one that was not named (issue 13 #5).
  if (result.ok) {
    const { gaps } = result.value;
    app.set((s) => {
      const balances = gaps.length ? mergeBalances(s.balances, result.value.balances, gaps) : result.value.balances;
      return { balances, totals: gaps.length ? totalBalances(balances) : result.value.totals, balancesGaps: gaps, balancesError: undefined };
    });
  } else app.set({ balancesError: result.error.message });
}

export async function refreshOpenOrders(): Promise<void> {
  const result = await window.terminal.orders.open({});
  // Never fails whole: the accounts that answered, and each one that did not, named (issue 13 #5).
  if (result.ok) app.set((s) => ({ openOrders: mergeOpenOrders(s.openOrders, result.value.rows.filter((o) => isOrderOpen(o.status)), result.value.gaps), openOrdersGaps: result.value.gaps, openOrdersError: undefined }));
  else app.set({ openOrdersError: result.error.message });
}

function applyAccounts(accounts: Account[]): void {
  const state = app.get();
  const active = accounts.some((a) => a.id === state.activeAccountId) ? state.activeAccountId : accounts[0]?.id;
  // A pane pinned to an account that is gone follows the active one again, and says so (issue 13 #3).
  const pins = dropMissingPins(state.layout, accounts.map((a) => a.id));
  app.set({ accounts, accountsLoaded: true, activeAccountId: active, layout: pins.layout });
  for (const gone of pins.dropped) notify('error', `${gone.title} was pinned to account ${gone.accountId}, which no longer exists: it follows the active account now`);
  for (const account of accounts) if (!state.markets[account.id]) void loadMarkets(account.id);
  // No account (a first start with the keychain unavailable): the markets are watched by exchange.
  const watched = watchedExchange(app.get());
  if (watched && !state.markets[exchangeMarketsKey(watched)]) void loadMarkets(exchangeMarketsKey(watched));
}

export async function refreshAccounts(): Promise<void> {
  const result = await window.terminal.accounts.list();
  if (result.ok) applyAccounts(result.value);
  else {
    app.set({ accountsLoaded: true });
    notify('error', `accounts: ${result.error.message}`);
  }
}

let started = false;

/** Loads what the panes need and listens to the engine's events. Call once. */
export function startSession(): void {
  if (started) return;
  started = true;
  const t = window.terminal;
  void t.app.info().then((r) => app.set(r.ok ? { info: r.value } : { infoError: r.error.message }));
  t.accounts.onChanged((accounts) => {
    applyAccounts(accounts);
    void refreshBalances();
  });
  // A push carries the account's whole balance list: apply it here. Asking the engine again
  // would make it fetch from the exchange, which pushes again (and eats the rate budget).
  t.balances.onUpdate((update) =>
    app.set((s) => {
      const balances = withAccountBalances(s.balances, update.accountId, update.balances);
      return { balances, totals: totalBalances(balances) };
    }),
  );
  t.orders.onUpdate((order) => app.set((s) => ({ openOrders: applyOrderUpdate(s.openOrders, order) })));
  t.orders.onOutcome(receiveOutcome);
  t.orders.onQueued(receiveQueued);
  startAlerts();
  t.status.onUpdate(receiveStatus);
  t.settings.onChanged((risk) => app.set({ risk, riskError: undefined }));
  void t.settings.get().then((r) => app.set(r.ok ? { risk: r.value, riskError: undefined } : { riskError: r.error.message }));
  void t.status.get().then((r) => {
    if (r.ok) receiveStatus(r.value);
  });
  void t.accounts.problems().then((r) => {
    if (r.ok) app.set({ problems: r.value });
  });
  void refreshAccounts().then(() => Promise.all([refreshBalances(), refreshOpenOrders()]));
}

const staleTracker = new StaleTracker();
let holdTimer: ReturnType<typeof setTimeout> | undefined;

/** A status push, with the outages it shows or that happened since the last one held as STALE. */
function receiveStatus(status: StatusSnapshot): void {
  app.set({ status, staleHolds: staleTracker.observe(status.streams, performance.now()) });
  expireHolds();
}

/** Drops holds from the store as they end, so panes go back to LIVE without waiting for a push. */
function expireHolds(): void {
  clearTimeout(holdTimer);
  const ends = Object.values(app.get().staleHolds);
  if (ends.length === 0) return;
  holdTimer = setTimeout(() => {
    app.set({ staleHolds: staleTracker.running(performance.now()) });
    expireHolds();
  }, Math.max(0, Math.min(...ends) - performance.now()) + 5);
}

/** Alt+<n>: the n-th account (1-based) in the list. */
export function switchAccountByNumber(n: number): void {
  const account = app.get().accounts[n - 1];
  if (!account) {
    notify('error', `there is no account ${n} (have ${app.get().accounts.length})`);
    return;
  }
  switchAccount(account.id);
}

/** Makes an account active; with `symbol`, that market too, in one step (the watchlist: a market of another exchange). */
export function switchAccount(accountId: string, symbol?: string): void {
  const account = app.get().accounts.find((a) => a.id === accountId);
  if (!account) return;
  if (symbol !== undefined && symbol !== app.get().activeSymbol) {
    app.set({ activeAccountId: accountId, activeSymbol: symbol.toUpperCase() });
    clearTicketFields();
  } else app.set({ activeAccountId: accountId });
  // The ticket follows the account switched to, even if another one was picked in it.
  if (ticket.get().accountId !== undefined) setTicketAccount(undefined);
  if (!app.get().markets[accountId]) void loadMarkets(accountId);
  notify('info', `account: ${account.label} (${account.exchange})`);
}

/** Makes a symbol active. The ticket's price and size were for the old one: they are cleared. */
export function setSymbol(symbol: string): void {
  const next = symbol.toUpperCase();
  if (next === app.get().activeSymbol) return;
  app.set({ activeSymbol: next });
  clearTicketFields();
}

function readOnlyBlocks(what: string): boolean {
  if (!isReadOnly()) return false;
  notify('error', `read-only mode: ${what} was not sent (turn read-only off in settings)`);
  return true;
}

/** `BUY 0.002 BTCUSDT @ 87000.5 · order 123`: the order a notice is about, in full when known. */
export function describeOrder(order: Pick<Order, 'symbol' | 'id'> & Partial<Pick<Order, 'side' | 'quantity' | 'price' | 'type'>>): string {
  if (!order.side || !order.quantity) return `${order.symbol} ${order.id}`;
  const where = order.price ? ` @ ${order.price}` : order.type === 'market' ? ' market' : '';
  return `${order.side.toUpperCase()} ${order.quantity} ${order.symbol}${where} · order ${order.id}`;
}

export async function cancelOrder(order: Pick<Order, 'accountId' | 'symbol' | 'id'> & Partial<Pick<Order, 'side' | 'quantity' | 'price' | 'type'>>): Promise<boolean> {
  if (readOnlyBlocks(`cancel of order ${order.id}`)) return false;
  const result = await window.terminal.orders.cancel({ accountId: order.accountId, symbol: order.symbol, orderId: order.id });
  if (!result.ok) {
    notify('error', `cancel ${order.id}: ${result.error.message}`);
    return false;
  }
  app.set((s) => ({ openOrders: applyOrderUpdate(s.openOrders, result.value) }));
  notify('ok', `${result.value.status === 'canceled' ? 'cancelled' : 'cancel sent for'} ${describeOrder(order)}`);
  return true;
}

/** Cancels the last order placed from this window if it is still open (Esc). */
export async function cancelLast(): Promise<void> {
  const state = app.get();
  const last = state.lastPlaced;
  const order = last && state.openOrders.find((o) => o.accountId === last.accountId && o.id === last.orderId);
  if (!last || !order) {
    notify('info', 'no open order placed from here to cancel');
    return;
  }
  await cancelOrder(order);
}

/**
 * Cancels all open orders in a scope: the active account, every account, or a list (a group),
 * on one symbol or all. The notice names the scope and gives a count per account (issue 13 #4).
 */
export async function cancelAll(scope: CancelScope): Promise<void> {
  const state = app.get();
  const words = scopeWords(scope, state.accounts, state.activeAccountId);
  if (readOnlyBlocks(`cancel all ${words}`)) return;
  const request = cancelRequest(scope, state.activeAccountId);
  if (!request) return notify('error', 'no account to cancel on');
  const result = await window.terminal.orders.cancelAll(request);
  if (!result.ok) return notify('error', `cancel all ${words}: ${result.error.message}`);
  const said = resultWords(scope, result.value, app.get().accounts, state.activeAccountId);
  notify(said.level, said.text);
  void refreshOpenOrders();
}

/** Changes the engine's risk settings; answers the problem (naming the field) when refused. */
export async function saveRisk(patch: Partial<Settings>): Promise<string | undefined> {
  const result = await window.terminal.settings.set(patch);
  if (!result.ok) return result.error.field ? `${result.error.field}: ${result.error.message}` : result.error.message;
  app.set({ risk: result.value, riskError: undefined });
  return undefined;
}
