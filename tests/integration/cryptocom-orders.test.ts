import Big from 'big.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Balance, Fill, Order } from '../../src/shared';
import type { ConnectorOrder } from '../../src/main/exchanges/connector';
import { FakeClock } from '../support/fake-clock';
import { startRig, waitFor, type CdcRig } from '../support/cryptocom-connector';
import { assertOk } from '../support/result';

// Own orders through the connector against the simulator: create/show/cancel/lists (§5.8-§5.14),
// and the poller that stands in for the private stream V1 does not have.

let rig: CdcRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

let seq = 0;
const cid = () => `cid-${Date.now()}-${seq++}`;
const QUERY_PATHS = ['/v1/showOrder', '/v1/openOrders', '/v1/allOrders', '/v1/myTrades'];

/** A limit buy `ticks` below the best bid (rests in the book). */
function restingBuy(r: CdcRig, symbol = 'BTCUSDT', quantity = '0.01', ticks = 50): ConnectorOrder {
  const m = r.sim.engine.market(symbol)!;
  const bid = new Big(r.sim.engine.top(symbol).bid!);
  return { symbol, side: 'buy', type: 'limit', price: bid.minus(new Big(m.tickSize).times(ticks)).toFixed(m.pricePrecision), quantity, clientId: cid() };
}

function listen(r: CdcRig) {
  const orders: Order[] = [];
  const fills: Fill[] = [];
  const fillAt: number[] = [];
  const balances: Balance[][] = [];
  const offs = [r.connector.onOrder((o) => orders.push(o)), r.connector.onFill((f) => (fills.push(f), fillAt.push(Date.now()))), r.connector.onBalances((b) => balances.push(b))];
  return { orders, fills, fillAt, balances, off: () => offs.forEach((f) => f()) };
}

describe('Crypto.com orders against the simulator', () => {
  it('limit buy: placed once, listed, shown, cancelled through status 5 to 4, balance unlocked', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    const l = listen(rig);
    const order = restingBuy(rig);
    const placed = await rig.connector.placeOrder(order);
    expect(placed).toMatchObject({ ok: true, value: { symbol: 'BTCUSDT', side: 'buy', type: 'limit', status: 'open', clientId: order.clientId } });
    assertOk(placed);
    expect(rig.sim.engine.openOrders(rig.engineAccount, 'BTCUSDT').map((o) => String(o.id))).toEqual([placed.value.id]);
    const open = await rig.connector.openOrders('BTCUSDT');
    expect(open.ok && open.value.map((o) => [o.id, new Big(o.price!).eq(order.price!), new Big(o.quantity).eq(order.quantity!)])).toEqual([[placed.value.id, true, true]]);
    const shown = await rig.connector.rest.showOrder('btcusdt', placed.value.id);
    expect(shown).toMatchObject({ ok: true, value: { order: { id: placed.value.id, status: 'open' } } });
    await waitFor(() => l.balances.some((bs) => bs.some((b) => b.asset === 'USDT' && new Big(b.locked).gt(0))), 'USDT locked by the order');

    const cancelled = await rig.connector.cancelOrder('BTCUSDT', placed.value.id);
    expect(cancelled.ok && ['pending-cancel', 'canceled']).toContain(cancelled.ok && cancelled.value.status);
    await waitFor(() => l.orders.some((o) => o.id === placed.value.id && o.status === 'canceled'), 'the poller reports it canceled');
    await waitFor(() => l.balances.at(-1)!.every((b) => b.asset !== 'USDT' || new Big(b.locked).eq(0)), 'USDT unlocked');
    expect(rig.proxy.count('/v1/order')).toBe(1);
    l.off();
  });

  it('a fill made by someone else shows up within one poll interval, as an order update and a fill', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    const l = listen(rig);
    const order = restingBuy(rig, 'BTCUSDT', '0.01', 5);
    const placed = await rig.connector.placeOrder(order);
    if (!placed.ok) throw new Error(placed.error.message);
    await waitFor(() => l.orders.some((o) => o.id === placed.value.id), 'first poll saw the order');
    const interval = rig.connector.pollIntervalMs()!;
    expect(interval).toBeLessThanOrEqual(500);
    // Sweep the bids down to our price: our order fills.
    rig.sim.engine.addAccount('seller', { BTC: '100' });
    const hit = rig.sim.engine.place({ accountId: 'seller', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: order.price!, quantity: '50' });
    expect(hit.ok).toBe(true);
    const filledAt = Date.now();
    const engineFills = rig.sim.engine.fills(rig.engineAccount, { orderId: Number(placed.value.id) });
    expect(engineFills.length).toBeGreaterThan(0);
    await waitFor(() => l.fills.length >= engineFills.length, 'fills reported', 5_000);
    const reportedAt = l.fillAt.at(-1)!;
    // Within one poll interval: the first cycle that starts after the fill reports it, before
    // the next cycle begins (each cycle starts with the account call).
    // The poller keeps going while the order is recent, so two cycles after the fill always come;
    // a cycle already under way at the fill may report it even before the first of them.
    const cycles = await waitFor(() => {
      const at = rig!.proxy.seen.filter((s) => s.path === '/v1/account' && s.at >= filledAt).map((s) => s.at);
      return at.length >= 2 && at;
    }, 'two poll cycles after the fill');
    expect(cycles[0]! - filledAt).toBeLessThanOrEqual(interval + 150);
    expect(reportedAt).toBeLessThanOrEqual(cycles[1]!);
    expect(l.fills.map((f) => f.id).sort()).toEqual(engineFills.map((f) => String(f.tradeId)).sort());
    expect(l.fills.every((f) => f.orderId === placed.value.id && f.side === 'buy')).toBe(true);
    await waitFor(() => l.orders.some((o) => o.id === placed.value.id && o.status === 'filled' && o.clientId === order.clientId), 'order reported filled with its clientId');
    l.off();
  });

  it('market BUY spends the total; its fills and history are listed per market', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    const placed = await rig.connector.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'market', total: '250', clientId: cid() });
    assertOk(placed);
    const sim = rig.sim.engine.order(rig.engineAccount, Number(placed.value.id))!;
    expect(sim.quoteAmount).toBe('250');
    const history = await rig.connector.orderHistory({ symbol: 'BTCUSDT' });
    const mine = history.ok ? history.value.find((o) => o.id === placed.value.id) : undefined;
    expect(mine).toMatchObject({ type: 'market', side: 'buy', status: 'filled' });
    expect(new Big(mine!.quantity).eq(sim.filledQuantity)).toBe(true);
    const fills = await rig.connector.fills({ symbol: 'BTCUSDT' });
    expect(fills.ok && fills.value.filter((f) => f.orderId === placed.value.id).length).toBe(sim.fillCount);
    expect(await rig.connector.orderHistory({})).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'symbol' } });
  });

  it('cancel all: one market, then every market with locked coins', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    for (let i = 0; i < 3; i++) expect((await rig.connector.placeOrder(restingBuy(rig, 'BTCUSDT', '0.01', 40 + i))).ok).toBe(true);
    expect((await rig.connector.placeOrder(restingBuy(rig, 'ETHUSDT', '0.1', 40))).ok).toBe(true);
    const all = await rig.connector.openOrders();
    expect(all.ok && all.value.map((o) => o.symbol).sort()).toEqual(['BTCUSDT', 'BTCUSDT', 'BTCUSDT', 'ETHUSDT']);
    expect(await rig.connector.cancelAll('BTCUSDT')).toEqual({ ok: true, value: { canceled: 3 } });
    await waitFor(() => rig!.sim.engine.openOrders(rig!.engineAccount, 'BTCUSDT').length === 0, 'btcusdt empty');
    expect((await rig.connector.placeOrder(restingBuy(rig, 'CROBTC', '1000', 40))).ok).toBe(true);
    await waitFor(async () => {
      const r = await rig!.connector.openOrders();
      return r.ok && r.value.length === 2;
    }, 'pending cancels settled');
    expect(await rig.connector.cancelAll()).toEqual({ ok: true, value: { canceled: 2 } });
    await waitFor(() => rig!.sim.engine.openOrders(rig!.engineAccount).length === 0, 'everything cancelled');
  });

  it('rejections keep the exchange message; a market buy by quantity is refused before anything is sent', async () => {
    rig = await startRig({ balances: { USDT: '10', BTC: '0' } });
    rig.sim.market.bootstrap();
    const poor = await rig.connector.placeOrder({ ...restingBuy(rig, 'BTCUSDT', '1', 1) });
    expect(poor).toMatchObject({ ok: false, error: { code: 'EXCHANGE_REJECTED' } });
    expect(!poor.ok && poor.error.message).toMatch(/code 4\)/);
    const precise = await rig.connector.placeOrder({ ...restingBuy(rig, 'BTCUSDT', '0.0000000001', 1) });
    expect(precise).toMatchObject({ ok: false, error: { code: 'EXCHANGE_REJECTED' } });
    const before = rig.proxy.count('/v1/order');
    expect(await rig.connector.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: '1', clientId: cid() })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'total' } });
    expect(rig.proxy.count('/v1/order')).toBe(before);
    expect(rig.sim.engine.ordersOf(rig.engineAccount)).toEqual([]);
  });
});

describe('polling stays inside the per-key limits and stops when nobody listens', () => {
  it('with orders working on three markets and a burst of user calls: no 429, order queries at most 1 per 100 ms', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    const l = listen(rig);
    for (const [s, q] of [['BTCUSDT', '0.01'], ['ETHUSDT', '0.1'], ['CROBTC', '1000']] as const) expect((await rig.connector.placeOrder(restingBuy(rig, s, q, 40))).ok).toBe(true);
    const burst = await Promise.all([...Array(10)].map(() => rig!.connector.openOrders('BTCUSDT')));
    expect(burst.every((r) => r.ok)).toBe(true);
    const since = Date.now();
    await waitFor(() => Date.now() - since > 2_000 && rig!.proxy.count('/v1/openOrders', since) >= 6, 'two seconds of polling');
    const t0 = rig.proxy.seen[0]!.at;
    expect(rig.proxy.seen.filter((s) => s.status === 429), JSON.stringify(rig.proxy.seen.map((s) => [s.path.slice(4), s.at - t0, s.status]))).toEqual([]);
    // Arrival jitter on loopback is a few ms: measure in a 95 ms window.
    expect(rig.proxy.maxInWindow(QUERY_PATHS, 95)).toBe(1);
    expect(rig.proxy.maxInWindow(['/v1/account'], 95)).toBe(1);
    expect(rig.connector.pollIntervalMs()).toBeGreaterThanOrEqual(300);
    l.off();
  });

  it('fast while an order works, slow when idle', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    const gaps = (since: number) => {
      const at = rig!.proxy.seen.filter((s) => s.path === '/v1/account' && s.at >= since).map((s) => s.at);
      return at.slice(1).map((t, i) => t - at[i]!);
    };
    const l = listen(rig);
    let since = Date.now();
    await waitFor(() => gaps(since).length >= 2, 'idle polls');
    expect(Math.min(...gaps(since))).toBeGreaterThanOrEqual(900);
    const placed = await rig.connector.placeOrder(restingBuy(rig));
    expect(placed.ok).toBe(true);
    since = Date.now();
    await waitFor(() => gaps(since).length >= 4, 'fast polls');
    expect(Math.max(...gaps(since))).toBeLessThan(700);
    l.off();
  });

  it('no polling at all without listeners (on a fake clock: ten slow intervals pass at once)', async () => {
    const clock = new FakeClock(Date.now());
    rig = await startRig({ clock });
    rig.sim.market.bootstrap();
    const accountCalls = () => rig!.proxy.seen.filter((s) => s.path === '/v1/account').length;
    const l = listen(rig);
    await waitFor(async () => (await clock.advanceAsync(300), accountCalls() >= 2), 'polls while someone listens');
    l.off();
    await waitFor(() => rig!.connector.streams().find((s) => s.kind === 'poll')?.state === 'closed', 'poller closed');
    const atStop = accountCalls();
    await clock.advanceAsync(10 * 1_000);
    // The later event: a new listener restarts the poller, whose first call goes through the
    // same pipeline after anything the ten intervals could have started; it is the only one.
    const again = listen(rig);
    await waitFor(async () => (await clock.advanceAsync(0), accountCalls() > atStop), 'the poller restarted');
    expect(accountCalls()).toBe(atStop + 1);
    again.off();
  });
});
