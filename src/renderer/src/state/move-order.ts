import Big from 'big.js';
import type { Order } from '../../../shared';
import { newClientId } from '../lib/ticket';
import { applyOrderUpdate } from './actions';
import { app, isReadOnly, notify } from './app-state';

/**
 * Moves an open order to a new price: neither exchange has an amend, so this is cancel and
 * replace (ux.md "Chart"). The new order is checked first (rules, guards) so a move that would
 * be refused never cancels the original; if the replacement then fails, the trader is told
 * plainly that the original is gone.
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
  const draft = {
    accountId: order.accountId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    price,
    quantity: remaining.toFixed(),
    ...(order.triggerPrice ? { triggerPrice: order.triggerPrice } : {}),
  };
  const preview = await window.terminal.orders.preview(draft);
  if (!preview.ok) {
    notify('error', `move ${order.id}: could not check the new price: ${preview.error.message}`);
    return false;
  }
  if (preview.value.violations.length > 0) {
    notify('error', `move ${order.id} to ${price}: ${preview.value.violations.map((v) => v.message).join('; ')}`);
    return false;
  }
  const canceled = await window.terminal.orders.cancel({ accountId: order.accountId, symbol: order.symbol, orderId: order.id });
  if (!canceled.ok) {
    notify('error', `move ${order.id}: the cancel failed, nothing changed: ${canceled.error.message}`);
    return false;
  }
  app.set((s) => ({ openOrders: applyOrderUpdate(s.openOrders, canceled.value) }));
  const placed = await window.terminal.orders.place({ ...draft, price: preview.value.price ?? price, clientId: newClientId() });
  if (!placed.ok) {
    notify('error', `move ${order.id}: the original was canceled but the new order at ${price} failed: ${placed.error.message}`);
    return false;
  }
  app.set((s) => ({
    openOrders: applyOrderUpdate(s.openOrders, placed.value),
    lastPlaced: s.lastPlaced?.orderId === order.id ? { accountId: order.accountId, symbol: order.symbol, orderId: placed.value.id } : s.lastPlaced,
  }));
  notify('ok', `moved ${order.side} ${draft.quantity} ${order.symbol} to ${placed.value.price ?? price} (order ${placed.value.id})`);
  return true;
}
