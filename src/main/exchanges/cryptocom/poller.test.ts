import { describe, expect, it, vi } from 'vitest';
import { err, ok, type Balance, type Fill, type Market, type Order } from '../../../shared';
import { FakeClock } from '../../../../tests/support/fake-clock';
import type { WireOrder } from './map-account';
import { OrderPoller, type PollRest } from './poller';

const T0 = 1_700_000_000_000;
const market = (native: string, base: string, quote: string): Market => ({
  exchange: 'cryptocom', symbol: native.toUpperCase(), nativeSymbol: native, base, quote, pricePrecision: 2, quantityPrecision: 4,
  tickSize: '0.01', stepSize: '0.0001', minNotional: '0', orderTypes: ['limit', 'market'], status: 'trading',
});
const MARKETS = [market('btcusdt', 'BTC', 'USDT'), market('ethusdt', 'ETH', 'USDT'), market('crobtc', 'CRO', 'BTC')];

function order(id: string, over: Partial<Order> = {}): Order {
  return { accountId: 'a', exchange: 'cryptocom', symbol: 'BTCUSDT', id, side: 'buy', type: 'limit', status: 'open', price: '100', quantity: '1', filledQuantity: '0', createdAt: T0, updatedAt: T0, ...over };
}
const fill = (id: string, orderId: string, quantity: string): Fill => ({ accountId: 'a', exchange: 'cryptocom', symbol: 'BTCUSDT', id, orderId, side: 'buy', price: '100', quantity, fee: '0', feeAsset: 'USDT', time: T0 });

/** A fake account: `open` per market, `all` holds every order's latest state and fills. */
function setup() {
  const clock = new FakeClock(T0);
  const open = new Map<string, Order[]>();
  const all = new Map<string, WireOrder>();
  let balances: Balance[] = [{ accountId: 'a', asset: 'USDT', free: '1000', locked: '0', total: '1000' }];
  const calls: { what: string; at: number }[] = [];
  const rest = {
    account: vi.fn(async () => (calls.push({ what: 'account', at: clock.now() }), ok(balances))),
    openOrders: vi.fn(async (native: string) => {
      calls.push({ what: `open:${native}`, at: clock.now() });
      return ok((open.get(native) ?? []).map((o): WireOrder => ({ order: o, volume: o.quantity, price: o.price, fills: [] })));
    }),
    showOrder: vi.fn(async (_native: string, id: string) => {
      calls.push({ what: `show:${id}`, at: clock.now() });
      const w = all.get(id);
      return w ? ok(w) : err('NOT_FOUND', 'not exist order');
    }),
  } satisfies PollRest;
  const orders: Order[] = [];
  const fills: Fill[] = [];
  const balanceEvents: Balance[][] = [];
  const states: string[] = [];
  const poller = new OrderPoller({
    rest,
    clock,
    markets: async () => MARKETS,
    onOrder: (o) => orders.push(o),
    onFill: (f) => fills.push(f),
    onBalances: (b) => balanceEvents.push(b),
    onState: (s) => states.push(s),
    tuning: { fastMs: 500, slowMs: 5000, recentMs: 2000, discoveryRecheckMs: 60_000, queryCostMs: 100 },
  });
  const setBalances = (b: Balance[]) => (balances = b);
  return { clock, open, all, rest, calls, poller, orders, fills, balanceEvents, states, setBalances };
}

describe('OrderPoller (no private stream in V1)', () => {
  it('idle: balances every slow interval, reported only when they change; no open-order calls', async () => {
    const s = setup();
    s.poller.start();
    await s.clock.advanceAsync(15_000);
    expect(s.calls.filter((c) => c.what === 'account').map((c) => c.at - T0)).toEqual([0, 5000, 10_000, 15_000]);
    expect(s.calls.some((c) => c.what.startsWith('open:'))).toBe(false);
    expect(s.balanceEvents).toHaveLength(1);
    s.setBalances([{ accountId: 'a', asset: 'USDT', free: '900', locked: '0', total: '900' }]);
    await s.clock.advanceAsync(5000);
    expect(s.balanceEvents).toHaveLength(2);
    expect(s.states.at(-1)).toBe('connected');
    s.poller.stop();
  });

  it('a working order is polled fast; a partial fill and the final fill show up within one interval', async () => {
    const s = setup();
    s.poller.start();
    await s.clock.advanceAsync(10);
    const placed = order('7', { clientId: 'cid-1' });
    s.open.set('btcusdt', [order('7')]);
    s.poller.track(placed);
    await s.clock.advanceAsync(10);
    expect(s.poller.intervalMs()).toBe(500);
    // Partial fill at +100 ms.
    await s.clock.advanceAsync(100);
    const partial = order('7', { status: 'partially-filled', filledQuantity: '0.4', updatedAt: T0 + 100 });
    s.open.set('btcusdt', [partial]);
    s.all.set('7', { order: partial, volume: '1', price: '100', fills: [fill('f1', '7', '0.4')] });
    await s.clock.advanceAsync(500);
    expect(s.orders.at(-1)).toMatchObject({ id: '7', status: 'partially-filled', filledQuantity: '0.4', clientId: 'cid-1' });
    expect(s.fills.map((f) => f.id)).toEqual(['f1']);
    // Filled: it leaves the open list; showOrder gives the final state and the last fill.
    const done = order('7', { status: 'filled', filledQuantity: '1', updatedAt: T0 + 700 });
    s.open.set('btcusdt', []);
    s.all.set('7', { order: done, volume: '1', price: '100', fills: [fill('f1', '7', '0.4'), fill('f2', '7', '0.6')] });
    await s.clock.advanceAsync(500);
    expect(s.orders.at(-1)).toMatchObject({ id: '7', status: 'filled', clientId: 'cid-1' });
    expect(s.fills.map((f) => f.id)).toEqual(['f1', 'f2']);
    expect(s.poller.knownOrderIds()).toEqual([]);
    // Back to idle once the recent window passes.
    await s.clock.advanceAsync(3000);
    expect(s.poller.intervalMs()).toBe(5000);
    s.poller.stop();
  });

  it('compares decimals by value: a tracked order at 0 is not "filled" by the exchange writing 0.00000000', async () => {
    const s = setup();
    s.poller.start();
    await s.clock.advanceAsync(10);
    s.open.set('btcusdt', [order('8', { filledQuantity: '0.00000000', quantity: '1.00000000' })]);
    s.poller.track(order('8', { quantity: '1' }));
    await s.clock.advanceAsync(1000);
    expect(s.rest.showOrder).not.toHaveBeenCalled();
    expect(s.orders.filter((o) => o.id === '8').length).toBeLessThanOrEqual(1);
    s.poller.stop();
  });

  it('stretches the interval with the number of markets to stay inside the order-query budget', () => {
    const s = setup();
    for (let i = 0; i < 10; i++) s.poller.track(order(String(i), { symbol: `C${i}USDT` }));
    expect(s.poller.intervalMs()).toBeGreaterThanOrEqual(11 * 100);
  });

  it('stop() ends polling: no call after it', async () => {
    const s = setup();
    s.poller.start();
    await s.clock.advanceAsync(10);
    s.poller.stop();
    const n = s.calls.length;
    await s.clock.advanceAsync(60_000);
    expect(s.calls.length).toBe(n);
    expect(s.states.at(-1)).toBe('closed');
  });

  it('a locked balance nothing explains leads to the markets of that coin; old fills there are history, not news', async () => {
    const s = setup();
    s.setBalances([{ accountId: 'a', asset: 'ETH', free: '1', locked: '2', total: '3' }]);
    const foreign = order('99', { symbol: 'ETHUSDT', side: 'sell', quantity: '2', filledQuantity: '0.5', status: 'partially-filled' });
    s.open.set('ethusdt', [foreign]);
    s.all.set('99', { order: foreign, volume: '2', price: '100', fills: [fill('old', '99', '0.5')] });
    s.poller.start();
    await s.clock.advanceAsync(10);
    expect(s.calls.map((c) => c.what)).toContain('open:ethusdt');
    expect(s.calls.map((c) => c.what)).not.toContain('open:crobtc');
    expect(s.orders.map((o) => o.id)).toEqual(['99']);
    expect(s.fills).toEqual([]);
    s.poller.stop();
  });
});
