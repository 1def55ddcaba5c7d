import Big from 'big.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { BookSnapshot, Order, StreamState } from '../../src/shared';
import type { ConnectorOrder } from '../../src/main/exchanges/connector';
import { startRig, waitFor, type CdcRig } from '../support/cryptocom-connector';

// Fault injection against the simulator: a dropped socket, a cut gzip frame, garbage, silence,
// a bad signature reply, a 429 storm, 5xx, and creates held past the client's timeout.

let rig: CdcRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const norm = (levels: readonly (readonly [string, string])[]) => levels.map(([p, q]) => `${new Big(p).toFixed()}@${new Big(q).toFixed()}`).join();
const sameBook = (book: BookSnapshot | undefined, r: CdcRig) => {
  if (!book || book.stale) return false;
  const sim = r.sim.engine.book('BTCUSDT', 150);
  return norm(book.bids) === norm(sim.bids) && norm(book.asks) === norm(sim.asks);
};
let seq = 0;
const limitBuy = (r: CdcRig, ticks = 30): ConnectorOrder => {
  const bid = new Big(r.sim.engine.top('BTCUSDT').bid!);
  return { symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: bid.minus(ticks).toFixed(2), quantity: '0.01', clientId: `fault-${Date.now()}-${seq++}` };
};
const CREATE = { method: 'POST', path: /^\/v1\/order$/ };

describe('Crypto.com socket faults', () => {
  it('a dropped socket: books go stale, the stream reconnects with back-off, resubscribes and the book is whole again', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    const books: BookSnapshot[] = [];
    const states: StreamState[] = [];
    rig.connector.onStreams((s) => states.push(s.find((x) => x.kind === 'public')!.state));
    rig.connector.watchBook('BTCUSDT', (b) => books.push(b));
    rig.connector.watchTicker('BTCUSDT', () => {});
    await waitFor(() => sameBook(books.at(-1), rig!), 'first book');
    rig.sim.faults.dropConnections();
    await waitFor(() => books.at(-1)?.stale === true, 'a stale book after the drop');
    rig.sim.market.step(20);
    await waitFor(() => sameBook(books.at(-1), rig!), 'the book after the reconnect equals the engine book');
    expect(states).toContain('reconnecting');
    expect(rig.tap.connections).toBe(2);
    const subs = rig.tap.frames().filter((f) => f.event === 'sub').map((f) => (f.params as { channel: string }).channel);
    expect(subs.sort()).toEqual(['market_btcusdt_depth_step0', 'market_btcusdt_depth_step0', 'market_btcusdt_ticker', 'market_btcusdt_ticker']);
  });

  it('a truncated gzip frame and a garbage frame are dropped without a crash or a reconnect; the next snapshot repairs the book', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    let last: BookSnapshot | undefined;
    rig.connector.watchBook('BTCUSDT', (b) => (last = b));
    await waitFor(() => sameBook(last, rig!), 'first book');
    rig.sim.faults.truncateNextGzipFrame();
    rig.sim.market.step(20);
    await waitFor(() => rig!.connector.stream.dropped >= 1, 'the cut frame was dropped');
    rig.sim.faults.sendMalformedFrame();
    await waitFor(() => rig!.connector.stream.dropped >= 2, 'the garbage frame was dropped');
    rig.sim.market.step(20);
    await waitFor(() => sameBook(last, rig!), 'book repaired by the next snapshot');
    expect(rig.tap.connections).toBe(1);
    expect(rig.connector.stream.state).toBe('connected');
  });

  it('silence: with server pings stopped the stream is reported stale, then reconnects; pings resumed, it is healthy', async () => {
    // Our protocol pings off: this is about the server's own heartbeat (§6.2); a silent link with
    // our pings on is the half-open case of tests/chaos.
    rig = await startRig({ quirks: { wsPingIntervalMs: 200 }, tuning: { stream: { pingIntervalMs: 0, heartbeatWindowMs: 800, deadAfterMs: 2_500, backoff: { initialMs: 50, maxMs: 200 }, lingerMs: 200 } } });
    const states: StreamState[] = [];
    rig.connector.onStreams((s) => states.push(s.find((x) => x.kind === 'public')!.state));
    rig.connector.watchTicker('BTCUSDT', () => {});
    // Pings alone (no market traffic) keep it healthy for longer than the heartbeat window.
    await waitFor(() => rig!.tap.serverPings.length >= 8, 'eight pings (1.6 s, twice the window)');
    expect(states).not.toContain('stale');
    expect(rig.connector.stream.state).toBe('connected');
    rig.sim.faults.stopHeartbeats();
    await waitFor(() => rig!.connector.streams().find((s) => s.kind === 'public')!.state === 'stale', 'stale after the heartbeat window');
    await waitFor(() => rig!.tap.connections >= 2, 'a reconnect after the dead window');
    rig.sim.faults.resumeHeartbeats();
    await waitFor(() => rig!.connector.stream.state === 'connected' && rig!.tap.serverPings.length > 0, 'healthy again');
  });
});

describe('Crypto.com REST faults', () => {
  it('a bad signature reply is AUTH_INVALID_KEY at once: nothing placed, nothing reconciled, the next call works', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    rig.sim.faults.rejectNextSignature();
    const r = await rig.connector.placeOrder(limitBuy(rig));
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH_INVALID_KEY', message: expect.stringContaining('sign illegal') } });
    expect(rig.sim.engine.ordersOf(rig.engineAccount)).toEqual([]);
    expect(rig.proxy.count('/v1/openOrders')).toBe(0);
    expect(await rig.connector.placeOrder(limitBuy(rig))).toMatchObject({ ok: true });
  });

  it('a 429 storm: calls back off and queue (others wait too), then succeed; a longer storm ends in RATE_LIMITED', async () => {
    rig = await startRig();
    rig.sim.faults.failNext({ status: 429, count: 3, match: { path: /^\/v1\/account$/ } });
    const [a, b] = await Promise.all([rig.connector.balances(), rig.connector.checkCredentials()]);
    expect(a.ok && b.ok).toBe(true);
    const account = rig.proxy.seen.filter((s) => s.path === '/v1/account');
    expect(account.map((s) => s.status)).toEqual([429, 429, 429, 200, 200]);
    // Back-off doubles per retry (100, 200, 400 ms) with jitter in [0.5, 1]. Read the blocks the
    // connector set rather than wall-clock gaps, which a loaded machine makes unreliable.
    const blocks = rig.logs
      .map((line) => /\/v1\/account rate limited \(attempt (\d+)\); account blocked (\d+) ms/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ attempt: Number(m[1]), ms: Number(m[2]) }));
    // Both callers queue on the one account rule: three 429s between them, each caller's
    // n-th retry blocked for its own doubled back-off.
    expect(blocks).toHaveLength(3);
    expect(blocks.some((b) => b.attempt > 1)).toBe(true);
    for (const { attempt, ms } of blocks) {
      expect(ms).toBeGreaterThanOrEqual(50 * 2 ** (attempt - 1) - 1);
      expect(ms).toBeLessThanOrEqual(100 * 2 ** (attempt - 1));
    }
    expect(account[3]!.at).toBeGreaterThan(account[2]!.at);
    rig.sim.faults.failNext({ status: 429, count: 50, match: { path: /^\/v1\/account$/ } });
    const storm = rig.connector.balances();
    await waitFor(() => rig!.connector.rateBudgets().some((x) => x.rule === 'account' && x.blockedUntil !== undefined), 'the status bar sees the block');
    expect(await storm).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryable: true } });
    rig.sim.faults.reset();
  });

  it('5xx on reads is EXCHANGE_UNAVAILABLE (retryable); a 502 on a create is reconciled, found absent, and never resent', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    rig.sim.faults.failNext({ status: 503, count: 1, match: { path: /^\/v1\/trades$/ } });
    expect(await rig.connector.recentTrades('BTCUSDT')).toMatchObject({ ok: false, error: { code: 'EXCHANGE_UNAVAILABLE', retryable: true } });
    rig.sim.faults.failNext({ status: 502, count: 1, match: CREATE });
    const r = await rig.connector.placeOrder(limitBuy(rig));
    expect(r).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN', retryable: false } });
    expect(rig.proxy.count('/v1/order')).toBe(1);
    expect(rig.proxy.count('/v1/openOrders')).toBeGreaterThan(0);
    expect(rig.sim.engine.ordersOf(rig.engineAccount)).toEqual([]);
  });

  it('a cancel that was accepted but cannot be shown answers the known order as pending-cancel; the poller finishes it', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    const updates: Order[] = [];
    const off = rig.connector.onOrder((o) => updates.push(o));
    const placed = await rig.connector.placeOrder(limitBuy(rig));
    if (!placed.ok) throw new Error(placed.error.message);
    await waitFor(() => updates.some((o) => o.id === placed.value.id), 'the poller follows the order');
    // Pause polling so the injected 500 meets the cancel's own showOrder.
    off();
    rig.sim.faults.failNext({ status: 500, count: 1, match: { path: /^\/v1\/showOrder$/ } });
    const r = await rig.connector.cancelOrder('BTCUSDT', placed.value.id);
    expect(r).toMatchObject({ ok: true, value: { id: placed.value.id, status: 'pending-cancel' } });
    rig.connector.onOrder((o) => updates.push(o));
    await waitFor(() => updates.some((o) => o.id === placed.value.id && o.status === 'canceled'), 'canceled by the poller');
  });

  it('a create held past the client timeout is found by reconciliation and answered; it exists exactly once', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    const executed = rig.sim.faults.holdNext(CREATE, 2_500); // client timeout 1.5 s, reconcile window 4 s
    const order = limitBuy(rig);
    const r = await rig.connector.placeOrder(order);
    await executed;
    expect(r).toMatchObject({ ok: true, value: { clientId: order.clientId, side: 'buy', status: 'open' } });
    const inEngine = rig.sim.engine.ordersOf(rig.engineAccount);
    expect(inEngine.map((o) => String(o.id))).toEqual([r.ok ? r.value.id : '']);
    expect(rig.proxy.count('/v1/order')).toBe(1);
    expect(rig.logs.some((l) => l.includes('ambiguous'))).toBe(true);
  });

  it('a create held past the reconcile window: ORDER_STATE_UNKNOWN, a resubmit of the same clientId is not sent, the order is reported once it appears', async () => {
    rig = await startRig({ tuning: { submit: { reconcileWindowMs: 1_000, reconcileIntervalMs: 200, decideWithinMs: 30_000 } } });
    rig.sim.market.bootstrap();
    const updates: Order[] = [];
    rig.connector.onOrder((o) => updates.push(o));
    const executed = rig.sim.faults.holdNext(CREATE, 4_000);
    const order = limitBuy(rig);
    const first = await rig.connector.placeOrder(order);
    expect(first).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN', message: expect.stringContaining('Do not resend') } });
    expect(await rig.connector.placeOrder(order)).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN' } });
    expect(rig.connector.unresolvedSubmits()).toBe(1);
    await executed;
    const found = await waitFor(() => updates.find((o) => o.clientId === order.clientId), 'the order reported with its clientId');
    expect(rig.sim.engine.ordersOf(rig.engineAccount).map((o) => String(o.id))).toEqual([found.id]);
    expect(await rig.connector.placeOrder(order)).toMatchObject({ ok: true, value: { id: found.id } });
    expect(rig.proxy.count('/v1/order')).toBe(1);
    expect(rig.connector.unresolvedSubmits()).toBe(0);
  });
});
