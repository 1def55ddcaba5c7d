import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared';
import { applyOrderUpdate, openOrdersView } from './orders';

const order = (over: Partial<Order>): Order => ({
  accountId: 'a',
  exchange: 'icrypex',
  symbol: 'BTCUSDT',
  id: '1',
  side: 'buy',
  type: 'limit',
  status: 'open',
  price: '100',
  quantity: '1',
  filledQuantity: '0',
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

describe('open orders list', () => {
  it('adds a new open order first and replaces it on update', () => {
    const list = applyOrderUpdate([order({ id: '0' })], order({}));
    expect(list.map((o) => o.id)).toEqual(['1', '0']);
    const updated = applyOrderUpdate(list, order({ status: 'partially-filled', filledQuantity: '0.5', updatedAt: 2 }));
    expect(updated[0]).toMatchObject({ status: 'partially-filled', filledQuantity: '0.5' });
    expect(updated).toHaveLength(2);
  });

  it('drops an order once filled or canceled, and ignores news of one it does not list', () => {
    const list = [order({})];
    expect(applyOrderUpdate(list, order({ status: 'canceled', updatedAt: 2 }))).toEqual([]);
    expect(applyOrderUpdate(list, order({ id: '9', status: 'filled' }))).toBe(list);
  });

  it('keeps an order of another account with the same id apart', () => {
    const list = applyOrderUpdate([order({})], order({ accountId: 'b' }));
    expect(list).toHaveLength(2);
  });

  it('does not let a late, older update undo a newer one', () => {
    const list = [order({ status: 'partially-filled', filledQuantity: '0.5', updatedAt: 5 })];
    expect(applyOrderUpdate(list, order({ status: 'open', updatedAt: 3 }))).toBe(list);
    // Nor a newer-stamped one that is behind: a create reply stamped on arrival, after the fill.
    expect(applyOrderUpdate(list, order({ status: 'open', updatedAt: 9 }))).toBe(list);
  });

  it('drops an order the exchange says is done, whatever its stamp: a done order never trades again', () => {
    const list = [order({ status: 'partially-filled', filledQuantity: '0.5', updatedAt: 5 })];
    expect(applyOrderUpdate(list, order({ status: 'canceled', filledQuantity: '0.5', updatedAt: 3 }))).toEqual([]);
  });

  it('keeps an order of unknown state (it may still trade) and drops a rejected one', () => {
    const unknown = order({ id: 'u', status: 'unknown' });
    expect(applyOrderUpdate([], unknown)).toEqual([unknown]);
    expect(applyOrderUpdate([order({ id: 'r' })], order({ id: 'r', status: 'rejected', updatedAt: 9 }))).toEqual([]);
  });
});

describe('openOrdersView(): what the open-orders tab shows and counts', () => {
  const all = [
    order({ id: '1', createdAt: 1 }),
    order({ id: '2', symbol: 'ETHUSDT', createdAt: 3 }),
    order({ id: '3', accountId: 'b', createdAt: 2 }),
  ];
  it('counts only what the filters show and says how many open orders they hide', () => {
    const view = openOrdersView(all, { scope: 'active', activeAccountId: 'a', allSymbols: false, symbol: 'BTCUSDT' });
    expect(view.shown.map((o) => o.id)).toEqual(['1']);
    expect(view.hidden).toBe(2);
    expect(view.hiddenWhere).toEqual(['other accounts', 'other symbols']);
  });
  it('shows everything newest first when both filters are off', () => {
    const view = openOrdersView(all, { scope: 'all', activeAccountId: 'a', allSymbols: true, symbol: 'BTCUSDT' });
    expect([view.shown.map((o) => o.id), view.hidden]).toEqual([['2', '3', '1'], 0]);
  });
  it('an empty filter shows none and hides all', () => {
    const view = openOrdersView(all, { scope: 'active', activeAccountId: 'a', allSymbols: false, symbol: 'SHIBUSDT' });
    expect([view.shown.length, view.hidden]).toEqual([0, 3]);
    const allAccounts = openOrdersView(all, { scope: 'all', activeAccountId: 'a', allSymbols: false, symbol: 'BTCUSDT' });
    expect([allAccounts.hidden, allAccounts.hiddenWhere]).toEqual([1, ['other symbols']]);
  });
});
