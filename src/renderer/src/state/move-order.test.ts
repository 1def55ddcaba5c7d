import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MoveOutcome, Order } from '../../../shared';
import { app } from './app-state';
import { moveOrder } from './move-order';

// The renderer's half of a move: one orders:move, then each outcome in the trader's words.

const order = (over: Partial<Order> = {}): Order => ({
  accountId: 'a', exchange: 'icrypex', symbol: 'BTCUSDT', id: '7', clientId: 'kt-orig-0001', side: 'buy', type: 'limit', status: 'open',
  price: '49000', quantity: '0.01', filledQuantity: '0.004', createdAt: 1, updatedAt: 1, ...over,
});
const error = (message: string) => ({ code: 'EXCHANGE_REJECTED' as const, message, retryable: false });

function engine(answer: { ok: true; value: MoveOutcome } | { ok: false; error: ReturnType<typeof error> }) {
  const move = vi.fn(async (request: { clientId: string }) => {
    void request;
    return answer;
  });
  vi.stubGlobal('window', { terminal: { orders: { move } } });
  return move;
}
const lastNotice = () => app.get().notices.at(-1);

beforeEach(() => app.set({ openOrders: [order()], notices: [], risk: undefined, lastPlaced: { accountId: 'a', symbol: 'BTCUSDT', orderId: '7' } }));
afterEach(() => vi.unstubAllGlobals());

describe('moving an order from the renderer', () => {
  it('sends one orders:move with a fresh client id and shows an amend as the same order at the new price', async () => {
    const move = engine({ ok: true, value: { kind: 'amended', order: order({ price: '48900' }) } });
    expect(await moveOrder(order(), '48900')).toBe(true);
    expect(move).toHaveBeenCalledTimes(1);
    expect(move.mock.calls[0]![0]).toMatchObject({ accountId: 'a', symbol: 'BTCUSDT', orderId: '7', price: '48900', clientId: expect.stringMatching(/^.{8,40}$/) });
    expect(lastNotice()).toMatchObject({ level: 'ok', text: 'moved buy 0.006 BTCUSDT to 48900 (order 7, amended in place)' });
    expect(app.get().openOrders.map((o) => [o.id, o.price])).toEqual([['7', '48900']]);
  });

  it('a replacement takes the original\'s place in the list and as the last placed order', async () => {
    engine({ ok: true, value: { kind: 'replaced', canceled: order({ status: 'canceled' }), order: order({ id: '8', price: '48900', quantity: '0.006', filledQuantity: '0' }) } });
    expect(await moveOrder(order(), '48900')).toBe(true);
    expect(lastNotice()?.text).toBe('moved buy 0.006 BTCUSDT to 48900 (order 8)');
    expect(app.get().openOrders.map((o) => o.id)).toEqual(['8']);
    expect(app.get().lastPlaced).toEqual({ accountId: 'a', symbol: 'BTCUSDT', orderId: '8' });
  });

  it('says plainly when the original is gone and nothing replaced it, and when it is unchanged', async () => {
    engine({ ok: true, value: { kind: 'original-gone', canceled: order({ status: 'canceled' }), error: error('insufficient balance') } });
    expect(await moveOrder(order(), '48900')).toBe(false);
    expect(lastNotice()).toMatchObject({ level: 'error', text: 'move 7: the original was canceled but the new order at 48900 failed: insufficient balance' });
    expect(app.get().openOrders).toEqual([]);

    app.set({ openOrders: [order()] });
    engine({ ok: true, value: { kind: 'unchanged', order: order(), error: error('the exchange is busy') } });
    expect(await moveOrder(order(), '48900')).toBe(false);
    expect(lastNotice()?.text).toBe('move 7: the exchange is busy; the order is unchanged at 49000');
  });

  it('a refused move names the price and the reason; read-only mode sends nothing', async () => {
    const move = engine({ ok: false, error: error('not moved: price 40000 is 20 % away from the mid') });
    expect(await moveOrder(order(), '40000')).toBe(false);
    expect(lastNotice()?.text).toBe('move 7 to 40000: not moved: price 40000 is 20 % away from the mid');
    app.set({ risk: { readOnly: true, priceBandPercent: 10, symbolLimits: {}, accountGroups: [] } });
    expect(await moveOrder(order(), '48900')).toBe(false);
    expect(move).toHaveBeenCalledTimes(1);
  });
});
