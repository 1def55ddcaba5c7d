import { useEffect } from 'react';
import { chordOf, resolveAction, type ActionId, type KeyContext } from '../lib/keymap';
import { PANE_IDS } from '../lib/layout';
import { cancelAll, cancelLast, cancelOrder, switchAccountByNumber } from './actions';
import { app, dismissNotice, notify } from './app-state';
import { ordersUi } from './orders-ui';
import { addAlert } from './alerts';
import type { ChartProbe } from '../panes/chart/chart-view';
import { applyPercent, closeTicket, openTicket, stepTicketPrice } from './ticket-state';
import { submitFromTicket } from './ticket-basket';

/** Actions that send something: a held-down key (auto-repeat) must not fire them again. */
const NO_REPEAT = new Set<ActionId>(['ticket.submit', 'orders.cancel-last', 'orders.cancel-all-symbol', 'orders.cancel-all', 'orders.cancel-all-accounts', 'orders.cancel-selected']);

function isTextField(target: EventTarget | null): target is HTMLInputElement | HTMLTextAreaElement {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target.isContentEditable) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(target.type);
}

/** The keymap contexts at the focus, most specific first, from `data-key-context` attributes. */
function contextsAt(target: EventTarget | null): KeyContext[] {
  if (app.get().overlay) return ['overlay', 'global'];
  const out: KeyContext[] = [];
  let node = target instanceof HTMLElement ? target : null;
  while (node) {
    const context = node.dataset['keyContext'] as KeyContext | undefined;
    if (context && !out.includes(context)) out.push(context);
    node = node.parentElement;
  }
  out.push('global');
  return out;
}

/** Focuses pane `n` (Ctrl+n): its primary control if it names one, else the pane itself. */
export function focusPane(n: number): boolean {
  const id = PANE_IDS[n - 1];
  const pane = id && document.querySelector<HTMLElement>(`[data-pane="${id}"]`);
  if (!pane) return false;
  const primary = pane.querySelector<HTMLElement>('[data-pane-primary]');
  (primary ?? pane).focus();
  return true;
}

function moveTicketFocus(from: EventTarget | null, step: 1 | -1): boolean {
  const root = document.querySelector<HTMLElement>('[data-pane="ticket"]');
  if (!root) return false;
  const fields = [...root.querySelectorAll<HTMLElement>('[data-ticket-field]')].filter((el) => !(el as HTMLInputElement).disabled && el.offsetParent !== null);
  if (fields.length === 0) return false;
  const at = fields.indexOf(from as HTMLElement);
  const next = fields[(at + step + fields.length) % fields.length]!;
  next.focus();
  if (next instanceof HTMLInputElement) next.select();
  return true;
}

function orderAt(target: EventTarget | null) {
  const row = target instanceof HTMLElement ? target.closest<HTMLElement>('[data-order-id]') : null;
  if (!row) return undefined;
  const accountId = row.dataset['orderAccount'];
  const orderId = row.dataset['orderId'];
  return app.get().openOrders.find((o) => o.accountId === accountId && o.id === orderId);
}

/** Runs an action; false when it does not apply here and the key should do what it normally does. */
function run(action: ActionId, event: KeyboardEvent): boolean {
  const target = event.target;
  switch (action) {
    case 'palette.open':
      app.set({ overlay: { kind: 'palette', initial: '' } });
      return true;
    case 'symbol.search':
      app.set({ overlay: { kind: 'palette', initial: '/' } });
      return true;
    case 'settings.open':
      app.set({ overlay: { kind: 'settings' } });
      return true;
    case 'ticket.buy':
    case 'ticket.sell':
      openTicket(action === 'ticket.buy' ? 'buy' : 'sell');
      return true;
    case 'ui.dismiss': {
      // Esc dismisses, and only dismisses: leave the field, else close the newest notice.
      if (isTextField(target)) {
        target.blur();
        return true;
      }
      const newest = app.get().notices.at(-1);
      if (!newest) return false;
      dismissNotice(newest.id);
      return true;
    }
    case 'orders.cancel-last':
      void cancelLast();
      return true;
    case 'orders.cancel-all-symbol':
      void cancelAll({ accounts: { kind: 'active' }, symbol: app.get().activeSymbol });
      return true;
    case 'orders.cancel-all':
      void cancelAll({ accounts: { kind: 'active' } });
      return true;
    case 'orders.cancel-all-accounts':
      void cancelAll({ accounts: { kind: 'every' } });
      return true;
    case 'ticket.submit':
      void submitFromTicket();
      return true;
    case 'ticket.close':
      closeTicket();
      (document.activeElement as HTMLElement | null)?.blur();
      document.querySelector<HTMLElement>('[data-pane="ticket"]')?.blur();
      return true;
    case 'ticket.next-field':
      return moveTicketFocus(target, 1);
    case 'ticket.prev-field':
      return moveTicketFocus(target, -1);
    case 'price.tick-up':
    case 'price.tick-down':
    case 'price.ten-ticks-up':
    case 'price.ten-ticks-down':
      stepTicketPrice((action.includes('ten') ? 10 : 1) * (action.endsWith('up') ? 1 : -1));
      return true;
    case 'quantity.pct-25':
    case 'quantity.pct-50':
    case 'quantity.pct-75':
    case 'quantity.pct-100':
      // A chord (Alt+1…4 by default), never a bare digit: digits always type (issue 11).
      applyPercent(Number(action.slice('quantity.pct-'.length)));
      return true;
    case 'orders.cancel-selected': {
      const order = orderAt(target);
      if (!order) return false;
      void cancelOrder(order);
      return true;
    }
    case 'orders.move-selected': {
      const order = orderAt(target);
      if (!order) return false;
      // A stop-market has no limit price to move (its trigger is not a price the move changes).
      if (order.type !== 'limit' && order.type !== 'stop-limit') {
        notify('error', `order ${order.id} is ${order.type}: it has no limit price to move; cancel it and place a new one`);
        return true;
      }
      ordersUi.set({ moving: { accountId: order.accountId, orderId: order.id } });
      return true;
    }
    case 'chart.alert': {
      // The price under the crosshair; without one (keyboard only), the palette with the command begun.
      const chart = target instanceof HTMLElement ? target.closest<HTMLElement & { chartProbe?: ChartProbe }>('[data-testid="chart"]') : null;
      const price = chart?.chartProbe?.crosshairPrice();
      const symbol = app.get().activeSymbol;
      if (price) void addAlert(symbol, 'crossing', price).then((problem) => problem && notify('error', problem));
      else app.set({ overlay: { kind: 'palette', initial: `alert ${symbol.toLowerCase()} x ` } });
      return true;
    }
    case 'overlay.close':
      app.set({ overlay: undefined });
      return true;
    default: {
      const focus = /^pane\.focus-(\d)$/.exec(action);
      if (focus) return focusPane(Number(focus[1]));
      const account = /^account\.switch-(\d)$/.exec(action);
      if (account) {
        switchAccountByNumber(Number(account[1]));
        return true;
      }
      return false;
    }
  }
}

/** Wires the keymap to the document for the life of the app. */
export function useHotkeys(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const state = app.get();
      if (state.capturingKeys || event.isComposing) return;
      const chord = chordOf(event);
      if (!chord) return;
      const action = resolveAction(state.keymap, chord, contextsAt(event.target), isTextField(event.target));
      if (!action) return;
      if (event.repeat && NO_REPEAT.has(action)) {
        event.preventDefault();
        return;
      }
      if (run(action, event)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    // Capture: the keymap sees keys before any field handles them (↑ in a number field, Tab).
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
