import type { BasketLegSpec, Command, OrderCommand } from '../../lib/palette-grammar';
import type { BasketLeg } from '../../lib/basket';
import { canonicalSymbol, exchangeName } from '../../../../shared';
import { matchAccount, matchSymbol } from '../../lib/palette-grammar';
import { findGroup } from '../../lib/groups';
import type { CancelAccounts, CancelScope } from '../../lib/cancel-scope';
import { cancelAll, cancelLast, cancelOrder, saveRisk, setSymbol, switchAccount } from '../../state/actions';
import { app, notify, resetLayout, type Theme } from '../../state/app-state';
import type { OrderRequestDraft } from '../../state/submit';
import { sizeForPercent } from '../../state/ticket-state';
import { focusPane } from '../../state/use-hotkeys';
import { addAlert } from '../../state/alerts';
import { ordersUi } from '../../state/orders-ui';
import { PANE_IDS, type PaneId } from '../../lib/layout';
import { isDemoOnly } from '../../lib/palette-sim';
import { chartState, resolutionsOf } from '../../state/chart-state';
import { runPaneCommand } from './pane-command';

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

/** Turns a parsed order command into a request: account, symbol and size resolved. */
export function resolveOrder(command: OrderCommand): Resolved<{ request: OrderRequestDraft; accountLabel: string }> {
  const state = app.get();
  let account = state.accounts.find((a) => a.id === state.activeAccountId);
  if (command.account !== undefined) {
    const found = matchAccount(command.account, state.accounts);
    if (!found.ok) return found;
    account = found.account;
  }
  if (!account) return { ok: false, message: 'no account: add one first' };
  const markets = state.markets[account.id];
  if (!markets) return { ok: false, message: `markets of ${account.label} are still loading` };
  let symbol = state.activeSymbol;
  if (command.symbol !== undefined) {
    const found = matchSymbol(command.symbol, markets.map((m) => m.symbol));
    if (!found.ok) return found;
    symbol = found.symbol;
  } else if (!markets.some((m) => m.symbol === symbol)) {
    return { ok: false, message: `${account.label} has no market ${symbol}: name one, e.g. buy 0.5 btcusdt @ 48000` };
  }
  const request: OrderRequestDraft = { accountId: account.id, symbol, side: command.side, type: command.type };
  if (command.price !== undefined) request.price = command.price;
  if (command.triggerPrice !== undefined) request.triggerPrice = command.triggerPrice;
  if (command.total !== undefined) request.total = command.total;
  else if (command.quantity !== undefined) request.quantity = command.quantity;
  else if (command.percent !== undefined) {
    const sized = sizeForPercent({ percent: command.percent, side: command.side, accountId: account.id, symbol, price: command.price });
    if (!sized.ok) return sized;
    request.quantity = sized.quantity;
  }
  return { ok: true, value: { request, accountLabel: account.label } };
}

/**
 * `cancel all [symbol|everywhere] [on …]` to a scope: the symbol as the active account's
 * markets spell it (any spelling is upper-cased without separators otherwise), the accounts
 * from `on` (every account, or one by name), else the active account.
 */
export function resolveCancel(command: Extract<Command, { kind: 'cancel-all' }>): Resolved<CancelScope> {
  const state = app.get();
  let accounts: CancelAccounts = { kind: 'active' };
  if (command.on && 'every' in command.on) accounts = { kind: 'every' };
  else if (command.on) {
    // `on group <name>`, an account, else a group of exactly that name (issue 13 #2).
    const explicit = /^group\s+/.test(command.on.name);
    const name = command.on.name.replace(/^group\s+/, '');
    const account = explicit ? undefined : matchAccount(name, state.accounts);
    if (account?.ok) accounts = { kind: 'list', name: account.account.label, ids: [account.account.id] };
    else {
      const group = findGroup(name, state.risk?.accountGroups ?? []);
      const fits = group.ok && (explicit || group.group.name.toLowerCase() === name.toLowerCase());
      if (!group.ok || !fits) return { ok: false, message: account && !account.ok ? account.message : group.ok ? `no group "${name}"` : group.message };
      accounts = { kind: 'list', name: `group ${group.group.name}`, ids: group.group.members.map((m) => m.accountId) };
    }
  }
  const symbol = command.scope === 'everywhere' ? undefined : command.symbol === undefined ? state.activeSymbol : canonicalSymbol(command.symbol);
  return { ok: true, value: symbol ? { accounts, symbol } : { accounts } };
}

export interface ResolvedBasket {
  /** What every leg shares. */
  common: Omit<OrderRequestDraft, 'accountId' | 'quantity' | 'total'>;
  legs: BasketLeg[];
}

/**
 * A basket line to its legs (issue 13 #1): each account by name, the symbol as each account's
 * exchange lists it (the same pair on all), each leg's size its own or the command's.
 */
export function resolveBasket(command: OrderCommand & { legs: BasketLegSpec[] }): Resolved<ResolvedBasket> {
  const state = app.get();
  const legs: BasketLeg[] = [];
  let symbol: string | undefined;
  for (const spec of command.legs) {
    const found = matchAccount(spec.account, state.accounts);
    if (!found.ok) return found;
    const account = found.account;
    if (legs.some((l) => l.accountId === account.id)) return { ok: false, message: `${account.label} is in the basket twice` };
    const markets = state.markets[account.id];
    if (!markets) return { ok: false, message: `markets of ${account.label} are still loading` };
    const want = command.symbol ?? state.activeSymbol;
    const match = matchSymbol(want, markets.map((m) => m.symbol));
    if (!match.ok) return { ok: false, message: `${account.label}: ${match.message}` };
    if (symbol !== undefined && match.symbol !== symbol) return { ok: false, message: `"${want}" means ${symbol} on one account and ${match.symbol} on ${account.label}: name the pair in full` };
    symbol = match.symbol;
    const ownSize = spec.quantity !== undefined || spec.total !== undefined || spec.percent !== undefined;
    const size = ownSize ? spec : command;
    const leg: BasketLeg = { accountId: account.id, label: account.label };
    if (size.total !== undefined) leg.total = size.total;
    else if (size.quantity !== undefined) leg.quantity = size.quantity;
    else if (size.percent !== undefined) {
      const sized = sizeForPercent({ percent: size.percent, side: command.side, accountId: account.id, symbol: match.symbol, price: command.price });
      if (!sized.ok) return { ok: false, message: `${account.label}: ${sized.message}` };
      leg.quantity = sized.quantity;
    }
    legs.push(leg);
  }
  if (symbol === undefined) return { ok: false, message: 'a basket needs at least one account' };
  const common: ResolvedBasket['common'] = { symbol, side: command.side, type: command.type };
  if (command.price !== undefined) common.price = command.price;
  if (command.triggerPrice !== undefined) common.triggerPrice = command.triggerPrice;
  return { ok: true, value: { common, legs } };
}

const PANE_ALIASES: Record<string, PaneId> = { trades: 'tape', history: 'orders', fills: 'orders' };

/** Runs a command that is not an order. Returns a message when it could not. */
export async function runCommand(command: Exclude<Command, OrderCommand>): Promise<string | undefined> {
  const state = app.get();
  switch (command.kind) {
    case 'cancel-all': {
      const scope = resolveCancel(command);
      if (!scope.ok) return scope.message;
      await cancelAll(scope.value);
      return undefined;
    }
    case 'cancel-last':
      await cancelLast();
      return undefined;
    case 'cancel-order': {
      const order = state.openOrders.find((o) => o.id === command.orderId);
      if (!order) return `no open order ${command.orderId}`;
      await cancelOrder(order);
      return undefined;
    }
    case 'account': {
      const found = matchAccount(command.query, state.accounts);
      if (!found.ok) return found.message;
      switchAccount(found.account.id);
      return undefined;
    }
    case 'symbol': {
      const markets = state.activeAccountId ? state.markets[state.activeAccountId] : undefined;
      if (!markets) return 'markets are still loading';
      const found = matchSymbol(command.query, markets.map((m) => m.symbol));
      if (!found.ok) return found.message;
      setSymbol(found.symbol);
      return undefined;
    }
    case 'focus': {
      const id = PANE_ALIASES[command.pane] ?? (command.pane as PaneId);
      // Focus after the palette has closed and given the focus back.
      setTimeout(() => focusPane(PANE_IDS.indexOf(id) + 1), 0);
      return undefined;
    }
    case 'theme':
      app.set({ theme: command.theme as Theme });
      return undefined;
    case 'read-only':
      return saveRisk({ readOnly: command.on });
    case 'settings':
      setTimeout(() => app.set({ overlay: { kind: 'settings' } }), 0);
      return undefined;
    case 'layout-reset':
      resetLayout();
      return undefined;
    case 'alert': {
      let symbol = state.activeSymbol;
      if (command.symbol !== undefined) {
        const markets = state.activeAccountId ? state.markets[state.activeAccountId] : undefined;
        if (!markets) return 'markets are still loading';
        const found = matchSymbol(command.symbol, markets.map((m) => m.symbol));
        if (!found.ok) return found.message;
        symbol = found.symbol;
      }
      return addAlert(symbol, command.condition, command.price);
    }
    case 'alerts':
      ordersUi.set({ tab: 'alerts' });
      setTimeout(() => focusPane(PANE_IDS.indexOf('orders') + 1), 0);
      return undefined;
    case 'chart': {
      const account = state.accounts.find((a) => a.id === state.activeAccountId);
      if (account && !resolutionsOf(account.exchange).includes(command.resolution)) {
        return `${exchangeName(account.exchange)} has no ${command.resolution} candles; it has ${resolutionsOf(account.exchange).join(', ')}`;
      }
      chartState.set({ resolution: command.resolution });
      return undefined;
    }
    case 'pin':
    case 'duplicate':
    case 'close-pane':
      return runPaneCommand(command);
    case 'sim': {
      // Demo mode only (issue 18): the engine refuses too, this says it before asking.
      if (!isDemoOnly(state.accounts)) return 'sim commands work in demo mode only: a live account exists';
      const result = await window.terminal.sim.fault(command.exchange ? { fault: command.fault, exchange: command.exchange } : { fault: command.fault });
      if (!result.ok) return result.error.message;
      notify('info', `sim: ${result.value.applied.join(' · ')}`);
      return undefined;
    }
  }
}
