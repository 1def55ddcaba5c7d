import Big from 'big.js';
import { assertNever, type Order } from '../../../shared';
import { newClientId } from '../lib/ticket';
import { applyOrderUpdate } from './actions';
import { app, isReadOnly, notify } from './app-state';

/**
 * Moves an open order to a new price with one `orders:move` (main's trading/move-order.ts): the
 * exchange's amend where it has one, else cancel and replace (ux.md "Chart"). Main checks the new
 * price first, so a move that would be refused never touches the original; this turns what
 * happened into the trader's words, saying plainly when the original is gone.
 */
export async function moveOrder(order: Order, price: string): Promise<boolean> {
  const state = app.get();
  if (isReadOnly(state)) {
    notify('error', `read-only mode: moving ${order.id} to ${price} was not sent`);
    return false;
  }
  if (order.type !== 'limit' && order.type !== 'stop-limit') {
    notify('error', `only limit orders can be moved (this one is ${order.type})`);
    return false;
  }
  const remaining = new Big(order.quantity).minus(order.filledQuantity);
  if (remaining.lte(0)) {
    notify('error', `order ${order.id} has nothing left to move`);
    return false;
  }
  const moved = await window.terminal.orders.move({ accountId: order.accountId, symbol: order.symbol, orderId: order.id, price, clientId: newClientId() });
  if (!moved.ok) {
    notify('error', `move ${order.id} to ${price}: ${moved.error.message}`);
    return false;
  }
  const outcome = moved.value;
  const apply = (...orders: Order[]) => app.set((s) => ({ openOrders: orders.reduce((list, o) => applyOrderUpdate(list, o), s.openOrders) }));
  const done = (now: Order, how: string) => {
    const left = new Big(now.quantity).minus(now.filledQuantity).toFixed();
    notify('ok', `moved ${order.side} ${left} ${order.symbol} to ${now.price ?? price} (${how})`);
    return true;
  };
  switch (outcome.kind) {
    case 'amended':
      apply(outcome.order);
      return done(outcome.order, `order ${outcome.order.id}, amended in place`);
    case 'replaced':
      apply(outcome.canceled, outcome.order);
      app.set((s) => ({
        lastPlaced: s.lastPlaced?.orderId === order.id ? { accountId: order.accountId, symbol: order.symbol, orderId: outcome.order.id } : s.lastPlaced,
      }));
      return done(outcome.order, `order ${outcome.order.id}`);
    case 'unchanged':
      apply(outcome.order);
      notify('error', `move ${order.id}: ${outcome.error.message}; the order is unchanged at ${outcome.order.price ?? order.price}`);
      return false;
    case 'original-gone':
      if (outcome.canceled) apply(outcome.canceled);
      notify(
        'error',
        outcome.canceled
          ? `move ${order.id}: the original was canceled but the new order at ${price} failed: ${outcome.error.message}`
          : `move ${order.id}: the order is no longer open (filled or canceled) and nothing replaced it: ${outcome.error.message}`,
      );
      return false;
    case 'unknown':
      notify('error', `move ${order.id}: ${outcome.error.message}; check the open orders before trying again`);
      return false;
    default:
      return assertNever(outcome, 'move outcome');
  }
}
