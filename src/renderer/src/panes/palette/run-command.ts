import type { Command, OrderCommand } from '../../lib/palette-grammar';
import { matchAccount, matchSymbol } from '../../lib/palette-grammar';
import { cancelAll, cancelLast, cancelOrder, saveRisk, setSymbol, switchAccount } from '../../state/actions';
import { app, notify, resetLayout, type Theme } from '../../state/app-state';
import type { OrderRequestDraft } from '../../state/submit';
import { sizeForPercent } from '../../state/ticket-state';
import { focusPane } from '../../state/use-hotkeys';
import { PANE_IDS, type PaneId } from '../../lib/layout';
import { isDemoOnly } from '../../lib/palette-sim';

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

const PANE_ALIASES: Record<string, PaneId> = { trades: 'tape', history: 'orders', fills: 'orders' };

/** Runs a command that is not an order. Returns a message when it could not. */
export async function runCommand(command: Exclude<Command, OrderCommand>): Promise<string | undefined> {
  const state = app.get();
  switch (command.kind) {
    case 'cancel-all':
      await cancelAll(command.scope, command.symbol);
      return undefined;
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
