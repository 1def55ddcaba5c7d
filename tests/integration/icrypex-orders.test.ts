import Big from 'big.js';
import { afterEach, describe, expect, it } from 'vitest';
import { err, type Balance, type Fill, type Order, type Result } from '../../src/shared';
import type { ConnectorOrder } from '../../src/main/exchanges/connector';
import { midPrice } from '../../src/main/trading/market-cache';
import { prepareOrder } from '../../src/main/trading/order-rules';
import { TAKER_ACCOUNT } from '../../src/main/sim/market/synthetic';
import { startHarness, waitFor, type Harness } from './icrypex-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

let seq = 0;
const cid = () => `kt-ord-${Date.now().toString(36)}-${seq++}`;

/**
 * What the trading service does before any connector call (src/main/exchanges/connector.ts, "Who
 * does what"): the pair's rules (never rounding), market orders valued at the mid. Connectors trust
 * the ConnectorOrder they get, so pair-rule tests go through this layer.
 */
async function placeValidated(harness: Harness, order: ConnectorOrder): Promise<Result<Order>> {
  const markets = await harness.connector.markets();
  if (!markets.ok) return markets;
  const market = markets.value.find((m) => m.symbol === order.symbol);
  if (!market) return err('VALIDATION', `${order.symbol} is not listed`, { field: 'symbol' });
  const referencePrice = await midPrice(harness.connector, order.symbol);
  const prepared = prepareOrder(market, order, referencePrice === undefined ? {} : { referencePrice });
  return prepared.ok ? harness.connector.placeOrder(prepared.value) : prepared;
}
const QUIET = { pollMs: { healthy: 600_000, degraded: 600_000 } };

/** Rests a buy well below the market; answers the order. */
async function restingBuy(harness: Harness, quantity = '0.001'): Promise<Order> {
  const bid = Number(harness.sim.engine.book('BTCUSDT', 1).bids[0]![0]);
  const r = await harness.connector.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: (bid - 5).toFixed(2), quantity, clientId: cid() });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Another trader sells into the book down to our price, filling `quantity` of our order. */
function hitBids(harness: Harness, price: string, quantity: string): void {
  const r = harness.sim.engine.place({ accountId: TAKER_ACCOUNT, symbol: 'BTCUSDT', side: 'sell', type: 'limit', price, quantity });
  if (!r.ok) throw new Error(r.message);
}

function recorder(harness: Harness) {
  const orders: Order[] = [];
  const fills: Fill[] = [];
  const balances: Balance[][] = [];
  harness.connector.onOrder((o) => orders.push(o));
  harness.connector.onFill((f) => fills.push(f));
  harness.connector.onBalances((b) => balances.push(b));
  return { orders, fills, balances };
}

const privateUp = (harness: Harness) => harness.connector.streams().find((s) => s.kind === 'private')?.state === 'connected';

describe('icrypex own orders against the simulator', () => {
  it('user-trade pushes update the order, then balances and fills follow over REST', async () => {
    h = await startHarness({ connector: QUIET });
    const seen = recorder(h);
    await h.connector.start();
    await waitFor(() => privateUp(h!), 'the private socket logged in');
    const order = await restingBuy(h, '0.002');
    // Sell everything above our price plus half of our order.
    const above = h.sim.engine.book('BTCUSDT', 200).bids.filter(([p]) => Number(p) > Number(order.price));
    const ahead = above.reduce((sum, [, q]) => sum + Number(q), 0);
    hitBids(h, order.price!, (ahead + 0.001).toFixed(8));
    const partial = await waitFor(() => seen.orders.find((o) => o.id === order.id && o.status === 'partially-filled'), 'a partial fill push');
    expect(partial).toMatchObject({ filledQuantity: '0.001', clientId: order.clientId, price: order.price });
    await waitFor(() => seen.fills.some((f) => f.orderId === order.id), 'the fill with its fee');
    const fill = seen.fills.find((f) => f.orderId === order.id)!;
    expect([fill.quantity, fill.feeAsset]).toEqual(['0.001', 'BTC']);
    const simBtc = () => h!.sim.engine.balances(h!.apiKey).find((x) => x.asset === 'BTC')!.free;
    await waitFor(() => seen.balances.some((b) => b.find((x) => x.asset === 'BTC')?.free === simBtc()), 'the wallet after the fill');
    expect(simBtc()).not.toBe('2');
    hitBids(h, order.price!, '0.001');
    await waitFor(() => seen.orders.find((o) => o.id === order.id && o.status === 'filled'), 'the filled push');
  });

  it('after a reconnect reconciles open orders and the wallet over REST', async () => {
    h = await startHarness({ connector: QUIET });
    const seen = recorder(h);
    await h.connector.start();
    await waitFor(() => privateUp(h!), 'the private socket logged in');
    const a = await restingBuy(h);
    const b = await restingBuy(h);
    // While the socket is down, one order is canceled and the other filled behind our back.
    h.sim.faults.dropConnections();
    h.sim.engine.cancel(h.apiKey, Number(a.id));
    const ahead = h.sim.engine.book('BTCUSDT', 200).bids.filter(([p]) => Number(p) > Number(b.price)).reduce((s, [, q]) => s + Number(q), 0);
    hitBids(h, b.price!, (ahead + 0.001).toFixed(8));
    await waitFor(() => seen.orders.find((o) => o.id === a.id && o.status === 'canceled'), 'the canceled order reconciled');
    await waitFor(() => seen.orders.find((o) => o.id === b.id && o.status === 'filled'), 'the filled order reconciled');
    await waitFor(() => seen.balances.length > 0, 'the wallet reconciled');
    const open = await h.connector.openOrders();
    expect(open.ok && open.value).toEqual([]);
  });

  it('a held order request answers ORDER_STATE_UNKNOWN, is never resent, and resolves by client id', async () => {
    h = await startHarness({ connector: { ...QUIET, orderTimeoutMs: 400 } });
    const seen = recorder(h);
    const bid = Number(h.sim.engine.book('BTCUSDT', 1).bids[0]![0]);
    const order = { symbol: 'BTCUSDT', side: 'buy' as const, type: 'limit' as const, price: (bid - 10).toFixed(2), quantity: '0.001', clientId: cid() };
    const executed = h.sim.faults.holdNext({ method: 'POST', path: /^\/sapi\/v1\/orders$/ }, 1_200);
    const first = await h.connector.placeOrder(order);
    expect(first.ok === false && first.error.code).toBe('ORDER_STATE_UNKNOWN');
    expect(first.ok === false && first.error.retryable).toBe(false);
    // A second submit with the same client id is not sent again.
    const second = await h.connector.placeOrder(order);
    expect(second.ok ? second.value.clientId : second.error.code).toMatch(/ORDER_STATE_UNKNOWN|kt-ord/);
    await executed;
    const resolved = await waitFor(() => seen.orders.find((o) => o.clientId === order.clientId), 'the resolved order via onOrder');
    expect(resolved).toMatchObject({ status: 'open', quantity: '0.001' });
    expect(Number(resolved.price)).toBe(Number(order.price));
    expect(h.sim.engine.ordersOf(h.apiKey, { clientId: order.clientId })).toHaveLength(1);
    const third = await h.connector.placeOrder(order);
    expect(third.ok && third.value.id).toBe(resolved.id);
    expect(h.sim.engine.ordersOf(h.apiKey, { clientId: order.clientId })).toHaveLength(1);
  });

  it('a held order that fills at once is resolved by client id even when its user-trade push comes first', async () => {
    h = await startHarness({ connector: { ...QUIET, orderTimeoutMs: 400 } });
    const seen = recorder(h);
    await h.connector.start();
    await waitFor(() => privateUp(h!), 'the private socket logged in');
    const ask = h.sim.engine.book('BTCUSDT', 1).asks[0]![0];
    const order = { symbol: 'BTCUSDT', side: 'buy' as const, type: 'limit' as const, price: ask, quantity: '0.0002', clientId: cid() };
    const executed = h.sim.faults.holdNext({ method: 'POST', path: /^\/sapi\/v1\/orders$/ }, 800);
    const first = await h.connector.placeOrder(order);
    expect(first.ok === false && first.error.code).toBe('ORDER_STATE_UNKNOWN');
    await executed;
    const resolved = await waitFor(() => seen.orders.find((o) => o.clientId === order.clientId && o.status === 'filled'), 'the filled order with its client id');
    expect(resolved.filledQuantity).toBe('0.0002');
    expect(h.sim.engine.ordersOf(h.apiKey, { clientId: order.clientId })).toHaveLength(1);
  });

  it('a 5xx on place is looked up by client id and reported unknown, never resent', async () => {
    h = await startHarness({ connector: QUIET });
    // The sim answers 502 without executing: reconciliation must find nothing and report unknown.
    h.sim.faults.failNext({ status: 502, match: { method: 'POST', path: /^\/sapi\/v1\/orders$/ } });
    const bid = Number(h.sim.engine.book('BTCUSDT', 1).bids[0]![0]);
    const r = await h.connector.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: (bid - 10).toFixed(2), quantity: '0.001', clientId: cid() });
    expect(r.ok === false && r.error.code).toBe('ORDER_STATE_UNKNOWN');
    expect(h.sim.engine.ordersOf(h.apiKey)).toHaveLength(0);
  });

  it('refuses an order below the minimum value or finer than the pair takes, and sends a valid one exactly as given (trading rules, then the connector)', async () => {
    h = await startHarness({ connector: QUIET });
    const below = await placeValidated(h, { symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '1000', quantity: '0.001', clientId: cid() });
    expect(below.ok === false && below.error).toMatchObject({ code: 'VALIDATION', field: 'quantity' });
    expect(below.ok === false && below.error.message).toMatch(/minimum 10 USDT/);
    expect(h.sim.engine.ordersOf(h.apiKey)).toHaveLength(0);
    const bid = Number(h.sim.engine.book('BTCUSDT', 1).bids[0]![0]);
    const fine = await placeValidated(h, { symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: (bid - 10).toFixed(2) + '789', quantity: '0.00123456789', clientId: cid() });
    expect(fine.ok === false && fine.error).toMatchObject({ code: 'VALIDATION', field: 'price', message: expect.stringMatching(/too many decimals/) });
    expect(h.sim.engine.ordersOf(h.apiKey)).toHaveLength(0);
    const price = (bid - 10).toFixed(2);
    const exact = await placeValidated(h, { symbol: 'BTCUSDT', side: 'buy', type: 'limit', price, quantity: '0.00123456', clientId: cid() });
    if (!exact.ok) throw new Error(exact.error.message);
    expect(exact.value.quantity).toBe('0.00123456');
    expect(new Big(exact.value.price!).eq(price), `${exact.value.price} is ${price}`).toBe(true);
  });
});

describe('icrypex errors and rate limits against the simulator', () => {
  it('maps 401, 422, 5xx and 404 to shared codes with the exchange message', async () => {
    h = await startHarness({ connector: QUIET, balances: { USDT: '20' } });
    h.sim.faults.rejectNextSignature();
    const auth = await h.connector.balances();
    expect(auth.ok === false && auth.error.code).toBe('AUTH_INVALID_KEY');
    const bid = Number(h.sim.engine.book('BTCUSDT', 1).bids[0]![0]);
    const poor = await h.connector.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: (bid - 10).toFixed(2), quantity: '0.01', clientId: cid() });
    expect(poor.ok === false && poor.error.code).toBe('EXCHANGE_REJECTED');
    expect(poor.ok === false && poor.error.message).toContain('insufficient_balance');
    h.sim.faults.failNext({ status: 503, count: 3, match: { path: /orderbook/ } });
    const down = await h.connector.orderBook('BTCUSDT');
    expect(down.ok === false && down.error).toMatchObject({ code: 'EXCHANGE_UNAVAILABLE', retryable: true });
    const missing = await startHarness({ connector: { ...QUIET, paths: { wallet: ['/sapi/v1/nope'] } } });
    try {
      const r = await missing.connector.balances();
      expect(r.ok === false && r.error.code).toBe('NOT_FOUND');
    } finally {
      await missing.stop();
    }
  });

  it('429 storm: reads wait out the rejection period and succeed, orders fail fast without resending', async () => {
    h = await startHarness({ connector: { ...QUIET, rejectionMs: 400 } });
    h.sim.faults.failNext({ status: 429, count: 2, match: { path: /tickers/ } });
    const started = Date.now();
    const pending = h.connector.tickers();
    await waitFor(() => h!.connector.rateBudgets().find((b) => b.rule === 'ticker' && b.blockedUntil), 'the blocked ticker rule in the budgets');
    const r = await pending;
    expect(r.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(750);
    h.sim.faults.failNext({ status: 429, count: 5, match: { method: 'POST' } });
    const bid = Number(h.sim.engine.book('BTCUSDT', 1).bids[0]![0]);
    const order = await h.connector.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: (bid - 10).toFixed(2), quantity: '0.001', clientId: cid() });
    expect(order.ok === false && order.error.code).toBe('RATE_LIMITED');
    expect(h.sim.engine.ordersOf(h.apiKey)).toHaveLength(0);
    const budget = h.connector.rateBudgets().find((b) => b.rule === 'order-insert' && b.accountId === 'acc-1');
    expect(budget?.blockedUntil).toBeGreaterThan(Date.now() - 1);
  });
});

describe('icrypex private socket login (§8.2)', () => {
  it('a refused api-login shows on the stream status and orders are then polled over REST', async () => {
    h = await startHarness({ connector: { pollMs: { healthy: 600_000, degraded: 300 } } });
    const seen = recorder(h);
    h.sim.faults.rejectNextSignature();
    await h.connector.start();
    const status = await waitFor(() => h!.connector.streams().find((s) => s.kind === 'private' && s.detail?.includes('refused')), 'the refused login');
    expect(status.state).toBe('stale');
    // An order placed elsewhere (the web app) appears through polling.
    const bid = Number(h.sim.engine.book('BTCUSDT', 1).bids[0]![0]);
    const r = h.sim.engine.place({ accountId: h.apiKey, symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: (bid - 10).toFixed(2), quantity: '0.001', clientId: 'web' });
    if (!r.ok) throw new Error(r.message);
    await waitFor(() => seen.orders.find((o) => o.id === String(r.order.id)), 'the polled order');
  });
});

describe('icrypex market order minimum', () => {
  it('values a market order by quantity at the mid and refuses it below the minimum before sending (trading rules, then the connector)', async () => {
    h = await startHarness({ connector: QUIET });
    const r = await placeValidated(h, { symbol: 'BTCUSDT', side: 'sell', type: 'market', quantity: '0.00001', clientId: cid() });
    expect(r.ok === false && r.error).toMatchObject({ code: 'VALIDATION', field: 'quantity' });
    expect(h.sim.engine.ordersOf(h.apiKey)).toHaveLength(0);
  });
});
