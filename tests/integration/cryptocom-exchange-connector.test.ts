import Big from 'big.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { CdxConnector } from '../../src/main/exchanges/cryptocom-exchange';
import { signingKey } from '../../src/main/secrets';
import { type CdcxSimulator, DEFAULT_CDCX_QUIRKS, startCdcxSimulator } from '../../src/main/sim/cryptocom-exchange';
import type { SubmitResolution } from '../../src/main/exchanges/connector';
import { RESOLUTION_SECONDS, Resolution, type Balance, type BookSnapshot, type Fill, type Order } from '../../src/shared';
import { assertOk } from '../support/result';
import { waitFor } from '../support/wait';
import { WsTap } from '../support/ws-tap';

// The Crypto.com Exchange API v1 connector against its simulator on loopback (issue 17, Tests):
// REST, both sockets, the pu gap resync, heartbeats, auth failure, the client_oid look-up after a
// lost reply and 429 handling. The demo key is the simulator's own; nothing here reaches the network.
const me = { apiKey: 'intKey0123456789abcdef', apiSecret: 'intSecret0123456789abc' };
let sim: CdcxSimulator;
const made: CdxConnector[] = [];
const logs: string[] = [];

const connect = (secret = me.apiSecret, extra: Partial<ConstructorParameters<typeof CdxConnector>[0]> = {}): CdxConnector => {
  const c = new CdxConnector({
    accountId: 'cdx-int',
    endpoints: { rest: sim.apiRoot, ws: sim.wsUrl },
    credentials: async () => signingKey({ apiKey: me.apiKey, apiSecret: secret }),
    tuning: { rest: { timeoutMs: 3_000, createTimeoutMs: 800, base429BackoffMs: 50, max429BackoffMs: 200 }, submit: { reconcileWindowMs: 4_000, lookBackoffMs: [100, 200] } },
    log: (line) => logs.push(line),
    ...extra,
  });
  made.push(c);
  return c;
};

/** Levels as exact decimals, so "50000" and "50000.00" compare equal. */
const norm = (levels: ReadonlyArray<readonly [string, string]>) => levels.map(([p, q]) => [new Big(p).toString(), new Big(q).toString()]);

const matchesEngine = (b: BookSnapshot | undefined) => {
  if (!b || b.stale) return false;
  const n = Math.min(b.bids.length, 10);
  const e = sim.engine.book('BTC_USDT', 10);
  return JSON.stringify([norm(b.bids.slice(0, n)), norm(b.asks.slice(0, Math.min(b.asks.length, 10)))]) === JSON.stringify([norm(e.bids.slice(0, n)), norm(e.asks)]) && n === e.bids.length;
};

beforeAll(async () => {
  sim = await startCdcxSimulator({ synthetic: false, accounts: [{ ...me, balances: { USDT: '100000', BTC: '2', USD: '1000' } }] });
  sim.engine.addAccount('maker', { USDT: '100000000', BTC: '10000' });
  for (let i = 1; i <= 8; i++) {
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'buy', type: 'limit', price: String(50000 - i * 10), quantity: '0.5' });
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'sell', type: 'limit', price: String(50000 + i * 10), quantity: '0.5' });
  }
  // Two crossing trades so the tape, the ticker and the candles have something.
  sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'sell', type: 'limit', price: '50000', quantity: '0.01' });
  sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'buy', type: 'limit', price: '50000', quantity: '0.01' });
});
afterEach(async () => {
  await Promise.all(made.splice(0).map((c) => c.stop()));
  Object.assign(sim.quirks, DEFAULT_CDCX_QUIRKS);
  sim.faults.reset();
  sim.resetRateLimits();
  logs.length = 0;
});
afterAll(async () => {
  await sim.stop();
});

describe('REST', () => {
  it('lists the markets with tick and step from the instruments', async () => {
    const markets = await connect().markets();
    assertOk(markets);
    const btc = markets.value.find((m) => m.nativeSymbol === 'BTC_USDT');
    expect(btc).toMatchObject({ symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', tickSize: '0.01', stepSize: '0.00001', pricePrecision: 2, quantityPrecision: 5 });
    expect(markets.value.map((m) => m.nativeSymbol).sort()).toEqual(['BTC_USD', 'BTC_USDT', 'CRO_USDT', 'ETH_BTC', 'ETH_USDT']);
  });

  it('reads the book, tickers, trades and candles', async () => {
    const c = connect();
    const book = await c.orderBook('BTCUSDT', 5);
    assertOk(book);
    const engine = sim.engine.book('BTC_USDT', 5);
    expect([norm(book.value.bids), norm(book.value.asks)]).toEqual([norm(engine.bids), norm(engine.asks)]);
    const tickers = await c.tickers();
    assertOk(tickers);
    expect(new Big(tickers.value.find((t) => t.symbol === 'BTCUSDT')!.last).toString()).toBe('50000');
    const trades = await c.recentTrades('BTCUSDT');
    assertOk(trades);
    expect(trades.value.length).toBeGreaterThan(0);
    expect(new Big(trades.value[0]!.price).toString()).toBe('50000');
    const to = Math.floor(Date.now() / 1000);
    const candles = await c.candles('BTCUSDT', '1m', to - 600, to);
    assertOk(candles);
    expect(candles.value.some((k) => new Big(k.close).eq(50000))).toBe(true);
  });

  it('reads candles at every resolution, the latest one holding the last trade', async () => {
    const c = connect();
    const to = Math.floor(Date.now() / 1000);
    for (const resolution of Resolution.options) {
      const r = await c.candles('BTCUSDT', resolution, to - RESOLUTION_SECONDS[resolution] * 5, to);
      assertOk(r, resolution);
      expect(r.value.length, resolution).toBeGreaterThan(0);
      expect(new Big(r.value.at(-1)!.close).toString(), resolution).toBe(new Big(sim.engine.lastPrice('BTC_USDT')!).toString());
    }
  });

  it('reads balances with the reserved part', async () => {
    const b = await connect().balances();
    assertOk(b);
    const usdt = b.value.find((x) => x.asset === 'USDT');
    expect(usdt && new Big(usdt.total).toString()).toBe('100000');
  });

  it('places a limit order, sees it open, cancels it', async () => {
    const c = connect();
    const placed = await c.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '49000', quantity: '0.01', clientId: 'int-limit-1' });
    assertOk(placed);
    expect(placed.value).toMatchObject({ status: 'open', clientId: 'int-limit-1' });
    const open = await c.openOrders('BTCUSDT');
    assertOk(open);
    expect(open.value.map((o) => o.id)).toEqual([placed.value.id]);
    const canceled = await c.cancelOrder('BTCUSDT', placed.value.id);
    assertOk(canceled);
    expect(canceled.value.status).toBe('canceled');
    const after = await c.openOrders('BTCUSDT');
    assertOk(after);
    expect(after.value).toEqual([]);
  });

  it('buys at market by notional', async () => {
    const c = connect();
    const placed = await c.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'market', total: '100', clientId: 'int-mkt-1' });
    assertOk(placed);
    const filled = await waitFor(async () => {
      const h = await c.orderHistory({ symbol: 'BTCUSDT' });
      return h.ok && h.value.find((o: Order) => o.id === placed.value.id && o.status === 'filled');
    }, 'the market buy filled');
    expect(new Big(filled.filledQuantity).gt(0)).toBe(true);
    // Sized by quote on the wire (notional), not by a quantity the connector guessed.
    const engineOrder = sim.engine.ordersOf(sim.accountIdOf(me.apiKey)!).find((o) => o.clientId === 'int-mkt-1');
    expect([engineOrder?.quantity, engineOrder && new Big(engineOrder.quoteAmount!).toString()]).toEqual([null, '100']);
  });
});

describe('market socket', () => {
  const watch = (c: CdxConnector) => {
    const seen: BookSnapshot[] = [];
    c.watchBook('BTCUSDT', (b) => seen.push(b));
    return seen;
  };
  it('streams the snapshot then deltas equal to the engine book', async () => {
    const c = connect();
    await c.markets();
    const seen = watch(c);
    await waitFor(() => matchesEngine(seen.at(-1)), 'the first book', 8_000);
    const count = seen.length;
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'buy', type: 'limit', price: '49995', quantity: '0.7' });
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'sell', type: 'limit', price: '50010', quantity: '0.3' });
    await waitFor(() => seen.length > count && matchesEngine(seen.at(-1)) && seen.at(-1)!.bids.some(([p]) => new Big(p).eq(49995)), 'the deltas applied', 8_000);
  });

  it('resyncs after reordered deltas and survives a frame that does not parse', async () => {
    const c = connect();
    await c.markets();
    const seen: BookSnapshot[] = [];
    c.watchBook('BTCUSDT', (b) => seen.push(b));
    await waitFor(() => matchesEngine(seen.at(-1)), 'the first book', 8_000);
    sim.fault({ kind: 'malformed-frame' });
    sim.faults.reorderNextBookUpdates('BTC_USDT');
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'sell', type: 'limit', price: '50031', quantity: '0.1' });
    await waitFor(() => sim.faults.pendingBookUpdateFaults('BTC_USDT') === 0, 'the held delta');
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'sell', type: 'limit', price: '50032', quantity: '0.1' });
    await waitFor(() => matchesEngine(seen.at(-1)) && seen.at(-1)!.asks.some(([p]) => new Big(p).eq(50032)), 'the book after the reorder', 8_000);
    expect(c.streams().find((s) => s.kind === 'public')?.state).toBe('connected');
  });

  it('subscribes every stream of every market inside the strict first-second budget (§8.18)', async () => {
    sim.quirks.wsStrictProRating = true;
    const c = connect();
    const markets = await c.markets();
    assertOk(markets);
    const books = new Set<string>();
    const tickers = new Set<string>();
    const before = sim.errors.entries.length;
    for (const m of markets.value) {
      c.watchBook(m.symbol, () => books.add(m.symbol));
      c.watchTicker(m.symbol, () => tickers.add(m.symbol));
      c.watchTrades(m.symbol, () => undefined);
      c.watchCandles(m.symbol, '1m', () => undefined);
    }
    // A market without a trade has no last price, so no ticker (map-market.ts): only BTC_USDT traded.
    await waitFor(() => books.size === markets.value.length && tickers.has('BTCUSDT'), 'a book of every market and the BTC ticker', 8_000);
    expect(sim.errors.entries.slice(before)).toEqual([]);
  });

  it('keeps the 50-level window equal to the engine as levels enter and leave it', async () => {
    const c = connect();
    await c.markets();
    const seen: BookSnapshot[] = [];
    c.watchBook('ETHUSDT', (b) => seen.push(b));
    const place = (price: number, side: 'buy' | 'sell' = 'buy') => sim.engine.place({ accountId: 'maker', symbol: 'ETH_USDT', side, type: 'limit', price: String(price), quantity: '1' });
    for (let i = 0; i < 60; i++) place(2000 - i);
    place(2100, 'sell');
    const equal = () => {
      const b = seen.at(-1);
      const e = sim.engine.book('ETH_USDT', 50);
      return !!b && !b.stale && JSON.stringify([norm(b.bids), norm(b.asks)]) === JSON.stringify([norm(e.bids), norm(e.asks)]);
    };
    await waitFor(equal, 'the first 50 levels', 8_000);
    expect(seen.at(-1)!.bids).toHaveLength(50);
    // Better bids push the worst out of the window; cancelling them brings the deep ones back.
    const better = [2001, 2002, 2003].map((p) => place(p));
    await waitFor(() => equal() && seen.at(-1)!.bids.some(([p]) => new Big(p).eq(2003)), 'the window after better bids', 8_000);
    for (const r of better) if (r.ok) sim.engine.cancel('maker', r.order.id);
    await waitFor(() => equal() && seen.at(-1)!.bids.some(([p]) => new Big(p).eq(1951)), 'the window after the cancels', 8_000);
  });

  it('resyncs after a pu gap and ends on the engine book', async () => {
    const c = connect();
    await c.markets();
    const seen = watch(c);
    await waitFor(() => matchesEngine(seen.at(-1)), 'the first book', 8_000);
    expect(sim.fault({ kind: 'gap-book', symbol: 'BTCUSDT' })).toContain('skipped');
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'buy', type: 'limit', price: '49996', quantity: '0.1' });
    await waitFor(() => sim.faults.pendingBookUpdateFaults('BTC_USDT') === 0, 'the skipped delta');
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'buy', type: 'limit', price: '49997', quantity: '0.1' });
    await waitFor(() => matchesEngine(seen.at(-1)) && seen.at(-1)!.bids.some(([p]) => new Big(p).eq(49996)), 'the resynced book', 8_000);
  });
});

describe('safe submits, failures and limits', () => {
  it('looks a create whose reply was lost up by client_oid and places it once', async () => {
    const c = connect();
    await c.markets();
    // The create is held past the connector's 800 ms create timeout, then executed: the reply is lost.
    const executed = sim.faults.holdNext({ method: 'POST', path: /create-order$/ }, 1_200);
    const placed = await c.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '48000', quantity: '0.01', clientId: 'int-lost-1' });
    await executed;
    assertOk(placed);
    expect(placed.value).toMatchObject({ clientId: 'int-lost-1', status: 'open' });
    const mine = sim.engine.ordersOf(sim.accountIdOf(me.apiKey)!).filter((o) => o.clientId === 'int-lost-1');
    expect(mine).toHaveLength(1);
    expect(c.unresolvedSubmits()).toBe(0);
    assertOk(await c.cancelOrder('BTCUSDT', placed.value.id));
  });

  it('looks a create executed but whose reply never arrived (connection reset) up by client_oid, with no second order', async () => {
    const c = connect();
    await c.markets();
    sim.faults.resetNext({ match: { method: 'POST', path: /create-order$/ }, afterExecuting: true });
    const placed = await c.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '48100', quantity: '0.01', clientId: 'int-lost-2' });
    assertOk(placed);
    expect(placed.value).toMatchObject({ clientId: 'int-lost-2', status: 'open' });
    expect(sim.engine.ordersOf(sim.accountIdOf(me.apiKey)!).filter((o) => o.clientId === 'int-lost-2')).toHaveLength(1);
    // The reset was used (by the create), so the placed order came from the look-up.
    expect(sim.faults.planRequest({ method: 'POST', path: '/exchange/v1/private/create-order' }).kind).toBe('pass');
    // Never sent again: a resend would have met the duplicate-client_oid refusal (204).
    expect(sim.errors.entries.filter((e) => e.code === 204)).toEqual([]);
    assertOk(await c.cancelOrder('BTCUSDT', placed.value.id));
  });

  it('ends an order the engine refused after creating it (§8 item 10) as rejected, with the reason', async () => {
    const c = connect();
    const seen: Order[] = [];
    c.onOrder((o) => seen.push(o));
    // 60 % under the last trade: outside the far-away band (315), stored REJECTED with its order_id.
    const r = await c.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '20000', quantity: '0.01', clientId: 'int-far-1' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'EXCHANGE_REJECTED' });
    expect(!r.ok && r.error.message).toMatch(/315.*ended rejected/);
    expect(seen.find((o) => o.clientId === 'int-far-1')).toMatchObject({ status: 'rejected' });
  });

  it('moves an order with amend-order', async () => {
    const c = connect();
    const placed = await c.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '48200', quantity: '0.01', clientId: 'int-amend-1' });
    assertOk(placed);
    const moved = await c.amendOrder({ symbol: 'BTCUSDT', orderId: placed.value.id, price: '48300', quantity: '0.02' });
    assertOk(moved);
    const open = await c.openOrders('BTCUSDT');
    assertOk(open);
    expect(open.value.map((o) => [o.id, new Big(o.price!).toString(), new Big(o.quantity).toString()])).toEqual([[placed.value.id, '48300', '0.02']]);
    assertOk(await c.cancelAll('BTCUSDT'));
  });

  it('ends a create the sim answered 500 without executing as not placed, once its signing window closed', async () => {
    // The sim refuses a nonce 60 s old (§2.2); the test shortens the connector's wait for that.
    const c = connect(me.apiSecret, { tuning: { rest: { createTimeoutMs: 800 }, submit: { reconcileWindowMs: 600, lookBackoffMs: [100], nonceWindowMs: 1_500 } } });
    await c.markets();
    const resolved: SubmitResolution[] = [];
    c.onSubmitResolved((r) => resolved.push(r));
    sim.fault({ kind: 'fail-orders', status: 500, count: 1 });
    const placed = await c.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '48500', quantity: '0.01', clientId: 'int-500-1' });
    expect(!placed.ok && placed.error.code).toBe('ORDER_STATE_UNKNOWN');
    const end = await waitFor(() => resolved.find((r) => r.clientId === 'int-500-1'), 'the look-up to end', 8_000);
    expect(end).toMatchObject({ notPlaced: { certain: true } });
    expect(sim.engine.ordersOf(sim.accountIdOf(me.apiKey)!).filter((o) => o.clientId === 'int-500-1')).toEqual([]);
  });

  it('refuses stop orders before sending them, naming the field', async () => {
    const r = await connect().placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'stop-limit', price: '51000', triggerPrice: '50900', quantity: '0.01', clientId: 'int-stop-1' });
    expect(!r.ok && r.error).toMatchObject({ code: 'UNSUPPORTED', field: 'type' });
  });

  it('says clearly that the key was refused when the secret is wrong', async () => {
    const r = await connect('not-the-secret-at-all').balances();
    expect(r.ok).toBe(false);
    // §6: 40101 covers a wrong key and a wrong signature alike, so the message names both.
    expect(!r.ok && r.error).toMatchObject({ code: 'AUTH_INVALID_KEY', retryable: false });
    expect(!r.ok && r.error.message).toMatch(/Crypto\.com Exchange .*API key or signature was refused.*40101/);
    expect(!r.ok && r.error.message).not.toContain('not-the-secret-at-all');
  });

  it('shows the user socket refused, with the reason, when public/auth fails', async () => {
    const c = connect('not-the-secret-at-all');
    await c.start();
    const user = await waitFor(() => c.streams().find((x) => x.kind === 'private' && x.detail), 'the refusal on the user stream', 8_000);
    // Refused, so stale for own orders (as Icrypex shows a refused login); the reason is shown, not the secret.
    expect(user.state).toBe('stale');
    expect(user.detail).toMatch(/user socket refused the API key .*code 40101/);
    expect(JSON.stringify(c.streams())).not.toContain('not-the-secret-at-all');
  });

  it('waits out an HTTP 429 and then succeeds', async () => {
    const c = connect();
    sim.faults.failNext({ status: 429, count: 2, match: { path: /user-balance$/ } });
    const r = await c.balances();
    assertOk(r);
    expect(r.value.length).toBeGreaterThan(0);
    // Both 429s were met (the fault is used up): the next call is not refused.
    expect(sim.faults.planRequest({ method: 'POST', path: '/exchange/v1/private/user-balance' }).kind).toBe('pass');
  });

  it('retries a create refused with 429 (not executed, §3) and places it once', async () => {
    const c = connect();
    await c.markets();
    sim.faults.failNext({ status: 429, count: 1, match: { method: 'POST', path: /create-order$/ } });
    const placed = await c.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '48400', quantity: '0.01', clientId: 'int-429-1' });
    assertOk(placed);
    expect(sim.engine.ordersOf(sim.accountIdOf(me.apiKey)!).filter((o) => o.clientId === 'int-429-1')).toHaveLength(1);
    assertOk(await c.cancelOrder('BTCUSDT', placed.value.id));
  });

  it('causes no 429 in bursts of private calls and creates (client-side §3 budgets)', async () => {
    const c = connect();
    await c.markets();
    const before = sim.errors.entries.filter((e) => e.code === 42901).length;
    const all = await Promise.all(Array.from({ length: 20 }, () => c.balances()));
    expect(all.every((r) => r.ok)).toBe(true);
    const creates = await Promise.all(Array.from({ length: 40 }, (_, i) => c.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: String(47000 + i), quantity: '0.001', clientId: `int-burst-${i}` })));
    expect(creates.filter((r) => !r.ok).map((r) => !r.ok && r.error.message)).toEqual([]);
    expect(sim.errors.entries.filter((e) => e.code === 42901).length).toBe(before);
    assertOk(await c.cancelAll('BTCUSDT'));
  });
});

describe('the simulator switches for the [L] variants of §8', () => {
  const variants: Array<[string, Partial<CdcxSimulator['quirks']>]> = [
    ['code as a string (8.1)', { codeAsString: true }],
    ['not found as HTTP 404 (8.8)', { notFoundHttpStatus: 404 }],
    ['business errors as HTTP 400 (8.9)', { businessErrorStatus: 'd3' }],
    ['orders visible to get-order-detail after 300 ms (5.11)', { orderVisibleAfterMs: 300 }],
    ['history oldest first (8.26)', { historyOrder: 'oldest-first' }],
  ];
  it.each(variants)('places, looks up after a lost reply and cancels with %s', async (_name, quirks) => {
    Object.assign(sim.quirks, quirks);
    const c = connect();
    await c.markets();
    const oid = `int-var-${Object.keys(quirks)[0]}`;
    const executed = sim.faults.holdNext({ method: 'POST', path: /create-order$/ }, 1_200);
    const placed = await c.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '48000', quantity: '0.01', clientId: oid });
    await executed;
    assertOk(placed);
    expect(sim.engine.ordersOf(sim.accountIdOf(me.apiKey)!).filter((o) => o.clientId === oid)).toHaveLength(1);
    const canceled = await c.cancelOrder('BTCUSDT', placed.value.id);
    assertOk(canceled);
    expect(['canceled', 'pending-cancel']).toContain(canceled.value.status);
    const far = await c.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '20000', quantity: '0.01', clientId: `${oid}-far` });
    expect(!far.ok && far.error.code).toBe('EXCHANGE_REJECTED');
    const missing = await c.cancelOrder('BTCUSDT', '6530219599901000701');
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  });
});

describe('sockets', () => {
  it('pushes fills and balances of a market buy, and REST fills and order history agree', async () => {
    const c = connect();
    await c.start();
    const fills: Fill[] = [];
    const balances: Balance[][] = [];
    c.onFill((f) => fills.push(f));
    c.onBalances((b) => balances.push(b));
    await waitFor(() => c.streams().find((s) => s.kind === 'private')?.state === 'connected', 'the user socket', 8_000);
    const pushed = balances.length;
    const placed = await c.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'market', total: '60', clientId: 'int-fill-1' });
    assertOk(placed);
    const fill = await waitFor(() => fills.find((f) => f.orderId === placed.value.id), 'the pushed fill', 8_000);
    await waitFor(() => balances.length > pushed, 'a balance push', 8_000);
    const rest = await c.fills({ symbol: 'BTCUSDT' });
    assertOk(rest);
    const same = rest.value.find((f) => f.id === fill.id);
    expect(same && [same.orderId, new Big(same.price).toString(), new Big(same.quantity).toString()]).toEqual([fill.orderId, new Big(fill.price).toString(), new Big(fill.quantity).toString()]);
    const history = await c.orderHistory({ symbol: 'BTCUSDT' });
    assertOk(history);
    expect(history.value.find((o) => o.id === placed.value.id)).toMatchObject({ status: 'filled', clientId: 'int-fill-1' });
  });

  it('streams ticker, trades and candles', async () => {
    const c = connect();
    await c.markets();
    const tickers: unknown[] = [];
    const trades: unknown[] = [];
    const candles: unknown[] = [];
    c.watchTicker('BTCUSDT', (t) => tickers.push(t));
    c.watchTrades('BTCUSDT', (t) => trades.push(...t));
    c.watchCandles('BTCUSDT', '1m', (k) => candles.push(k));
    await waitFor(() => tickers.length > 0 && candles.length > 0, 'a ticker and a candle', 8_000);
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'sell', type: 'limit', price: '50000', quantity: '0.02' });
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'buy', type: 'limit', price: '50000', quantity: '0.02' });
    await waitFor(() => trades.some((t) => new Big((t as { quantity: string }).quantity).eq('0.02')), 'the new trade', 8_000);
  });

  it('answers heartbeats: the market socket stays up past two of them', async () => {
    sim.quirks.heartbeatIntervalMs = 200;
    const tap = await WsTap.start(sim.wsUrl);
    try {
      const c = connect(me.apiSecret, { endpoints: { rest: sim.apiRoot, ws: tap.url } });
      await c.markets();
      c.watchBook('BTCUSDT', () => undefined);
      const answers = () => tap.clientFrames.filter((f) => f.text.includes('public/respond-heartbeat')).length;
      // Unanswered, the server closes when the 3rd is due (§7.2, §8.17): 4 answers is past that.
      await waitFor(() => answers() >= 4, 'four heartbeat answers', 8_000);
      expect(tap.connections).toBe(1);
      expect(c.streams().find((s) => s.kind === 'public')?.state).toBe('connected');
    } finally {
      await tap.close();
    }
  });

  it('resubscribes the book and logs in again after both sockets were dropped', async () => {
    const c = connect();
    await c.start();
    await c.markets();
    const seen: BookSnapshot[] = [];
    c.watchBook('BTCUSDT', (b) => seen.push(b));
    const orders: Order[] = [];
    c.onOrder((o) => orders.push(o));
    const up = () => c.streams().every((s) => s.state === 'connected');
    await waitFor(() => up() && seen.length > 0, 'both sockets up', 8_000);
    sim.fault({ kind: 'drop-sockets' });
    await waitFor(() => !up(), 'the drop seen');
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'sell', type: 'limit', price: '50080', quantity: '0.4' });
    await waitFor(() => up(), 'both sockets back', 10_000);
    await waitFor(() => matchesEngine(seen.at(-1)) && seen.at(-1)!.asks.some(([p]) => new Big(p).eq(50080)), 'the book after the drop', 8_000);
    const placed = await c.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '47100', quantity: '0.01', clientId: 'int-reauth-1' });
    assertOk(placed);
    assertOk(await c.cancelOrder('BTCUSDT', placed.value.id));
    await waitFor(() => orders.some((o) => o.id === placed.value.id && o.status === 'canceled'), 'a push on the new user socket', 8_000);
  });

  it('answers heartbeats on the user socket too and keeps its login', async () => {
    sim.quirks.heartbeatIntervalMs = 200;
    // The relay serves the user socket only; the connector opens no market socket here (nothing watched).
    const tap = await WsTap.start(sim.userWsUrl);
    try {
      const c = connect(me.apiSecret, { endpoints: { rest: sim.apiRoot, ws: tap.url } });
      await c.start();
      const orders: Order[] = [];
      c.onOrder((o) => orders.push(o));
      const answers = () => tap.clientFrames.filter((f) => f.text.includes('public/respond-heartbeat')).length;
      // Logged in first (the connector waits 1 s after connect, §7.1), then three heartbeat periods.
      await waitFor(() => c.streams().find((s) => s.kind === 'private')?.state === 'connected', 'the login', 8_000);
      const atLogin = answers();
      await waitFor(() => answers() >= atLogin + 3, 'three more heartbeat answers on the user socket', 8_000);
      expect(tap.connections).toBe(1);
      expect(c.streams().find((s) => s.kind === 'private')?.state).toBe('connected');
      // Still logged in: an order change is pushed on that same socket.
      const p = await c.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '46000', quantity: '0.01', clientId: 'int-uhb-1' });
      assertOk(p);
      await waitFor(() => orders.some((o) => o.id === p.value.id), 'the push', 4_000);
      assertOk(await c.cancelAll('BTCUSDT'));
    } finally {
      await tap.close();
    }
  });

  it('pushes own orders over the authenticated user socket', async () => {
    const c = connect();
    await c.start();
    const orders: Order[] = [];
    c.onOrder((o) => orders.push(o));
    await waitFor(() => c.streams().find((s) => s.kind === 'private')?.state === 'connected', 'the user socket', 8_000);
    const placed = await c.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '47000', quantity: '0.01', clientId: 'int-user-1' });
    assertOk(placed);
    const pushes = orders.length;
    // The cancel is seen on the user socket (user.order), not only in the REST reply.
    assertOk(await c.cancelOrder('BTCUSDT', placed.value.id));
    await waitFor(() => orders.slice(pushes).some((o) => o.id === placed.value.id && o.status === 'canceled'), 'the pushed cancel', 8_000);
  });
});
