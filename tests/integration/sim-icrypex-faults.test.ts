import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type IcrypexSimulator, startIcrypexSimulator } from '../../src/main/sim/icrypex';
import { generateAccount } from '../../src/main/sim/shared/accounts';
import { FrameClient, signedHeaders } from '../support/icrypex-sim';

// Every fault of sim-api.md "Faults" as the Icrypex simulator applies it, seen over raw HTTP and ws.
const trader = generateAccount('icrypex', { USDT: '100000', BTC: '5' });
let sim: IcrypexSimulator;
const clients: FrameClient[] = [];
const connect = async () => {
  const client = await FrameClient.connect(sim.wsUrl);
  clients.push(client);
  return client;
};
const signed = (method: string, path: string, body?: unknown, init: RequestInit = {}) =>
  fetch(sim.restUrl + path, { method, headers: signedHeaders(trader, Date.now()), body: body === undefined ? undefined : JSON.stringify(body), ...init });

beforeAll(async () => {
  sim = await startIcrypexSimulator({ seed: 2, accounts: [trader], synthetic: false, historyMinutes: 30, obdIntervalMs: 60_000, tickersIntervalMs: 60_000, tickerIntervalMs: 60_000 });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  sim.faults.reset();
});
afterAll(async () => {
  await sim.stop();
});

describe('REST faults', () => {
  it('failNext answers 500, 502, 503 and 429 for the matching requests only, count times, without executing them', async () => {
    for (const status of [500, 502, 503, 429] as const) {
      sim.faults.failNext({ status, count: 2, match: { method: 'POST', path: /^\/sapi\/v1\/orders$/ } });
      expect((await fetch(`${sim.restUrl}/v1/tickers`)).status).toBe(200);
      const before = sim.engine.ordersOf(trader.apiKey).length;
      for (let i = 0; i < 2; i++) {
        const res = await signed('POST', '/sapi/v1/orders', { symbol: 'BTCUSDT', type: 'LIMIT', side: 'BUY', price: '60000', quantity: '0.001' });
        expect(res.status).toBe(status);
        expect(await res.text()).toBe('');
      }
      expect(sim.engine.ordersOf(trader.apiKey)).toHaveLength(before);
      expect((await signed('POST', '/sapi/v1/orders', { symbol: 'BTCUSDT', type: 'LIMIT', side: 'BUY', price: '60000', quantity: '0.001' })).status).toBe(200);
    }
  });

  it('delayResponses holds matching replies for at least the delay', async () => {
    sim.faults.delayResponses(250, { path: /orderbook/ });
    const order: string[] = [];
    const started = Date.now();
    const book = fetch(`${sim.restUrl}/v1/orderbook?symbol=BTCUSDT`).then((r) => (order.push('orderbook'), r));
    const tickers = fetch(`${sim.restUrl}/v1/tickers`).then((r) => (order.push('tickers'), r));
    expect((await book).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    // The unmatched request, sent after the held one, is answered first (no upper time bound:
    // a loaded machine must not make this flaky).
    expect((await tickers).status).toBe(200);
    expect(order).toEqual(['tickers', 'orderbook']);
  });

  it('holdNext keeps a place request past the client timeout, then executes it (the "did my order go through?" case)', async () => {
    const executed = sim.faults.holdNext({ method: 'POST', path: /^\/sapi\/v1\/orders$/ }, 400);
    const before = sim.engine.openOrders(trader.apiKey).length;
    const request = signed('POST', '/sapi/v1/orders', { symbol: 'BTCUSDT', type: 'LIMIT', side: 'BUY', price: '61000', quantity: '0.001', clientId: 'held' }, { signal: AbortSignal.timeout(100) });
    await expect(request).rejects.toThrow();
    expect(sim.engine.openOrders(trader.apiKey)).toHaveLength(before);
    await executed;
    const open = sim.engine.openOrders(trader.apiKey);
    expect(open).toHaveLength(before + 1);
    expect(open.at(-1)).toMatchObject({ clientId: 'held', price: '61000' });
  });

  it('rejectNextSignature answers 401 once, then signing works again', async () => {
    sim.faults.rejectNextSignature();
    expect((await signed('GET', '/sapi/v1/wallet')).status).toBe(401);
    expect((await signed('GET', '/sapi/v1/wallet')).status).toBe(200);
  });
});

describe('WebSocket faults', () => {
  it('dropConnections closes every socket abruptly (1006, no close frame)', async () => {
    const a = await connect();
    const b = await connect();
    sim.faults.dropConnections();
    expect(await a.whenClosed()).toBe(1006);
    expect(await b.whenClosed()).toBe(1006);
  });

  it('skipChangeSet makes the next obd of that pair jump cs by 2, and only that one', async () => {
    const client = await connect();
    client.send('subscribe|{"c":"orderbook@btcusdt","s":true}');
    const snap = await client.next('orderbook');
    sim.faults.skipChangeSet('BTCUSDT');
    sim.market.stepChanges(60);
    sim.flushBooks();
    const jumped = await client.next('obd', snap.index + 1);
    expect(jumped.body.cs).toBe((snap.body.cs as number) + 2);
    sim.market.stepChanges(60);
    sim.flushBooks();
    const next = await client.next('obd', jumped.index + 1);
    expect(next.body.cs).toBe((jumped.body.cs as number) + 1);
  });

  it('skipChangeSet waits for a diff that is sent: a book change outside the window does not use it up', async () => {
    const client = await connect();
    client.send('subscribe|{"c":"orderbook@btcusdt","s":true}');
    const snap = await client.next('orderbook');
    sim.faults.skipChangeSet('BTCUSDT');
    // A level far below the 50-level window: the feed is dirty, but there is no diff to send.
    const far = sim.engine.place({ accountId: trader.apiKey, symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '60000', quantity: '0.001' });
    expect(far.ok).toBe(true);
    sim.flushBooks();
    sim.market.stepChanges(60);
    sim.flushBooks();
    const jumped = await client.next('obd', snap.index + 1);
    expect(jumped.body.cs).toBe((snap.body.cs as number) + 2);
  });

  it('sendMalformedFrame sends every socket one frame that does not parse', async () => {
    const client = await connect();
    client.send('subscribe|{"c":"tickers","s":true}');
    const ack = await client.next('subscribe-response');
    sim.faults.sendMalformedFrame();
    const bad = await client.waitFor(() => true, { from: ack.index + 1 });
    const bar = bad.frame.indexOf('|');
    expect(() => JSON.parse(bad.frame.slice(bar + 1))).toThrow();
  });

  it('stopHeartbeats silences data frames; resumeHeartbeats brings them back with an unbroken cs chain', async () => {
    const client = await connect();
    client.send('subscribe|{"c":"orderbook@ethusdt","s":true}');
    client.send('subscribe|{"c":"trade@ethusdt","s":true}');
    client.send('subscribe|{"c":"tickers","s":true}');
    const snap = await client.next('orderbook');
    await client.next('trades');
    await client.waitFor((f) => f.includes('"c":"tickers"'));
    sim.faults.stopHeartbeats();
    const silentFrom = client.frames.length;
    sim.market.stepChanges(300);
    sim.engine.place({ accountId: trader.apiKey, symbol: 'ETHUSDT', side: 'buy', type: 'market', quoteAmount: '100' });
    sim.flushBooks();
    sim.pushTickers();
    // A request/response exchange still works (api-auth), proving the socket is open but silent on data.
    client.send('api-login|{"pk":"x","s":"y","ts":1,"n":1}');
    const auth = await client.next('api-auth', silentFrom);
    expect(client.frames.slice(silentFrom, auth.index)).toEqual([]);
    sim.faults.resumeHeartbeats();
    sim.flushBooks();
    const diff = await client.next('obd', auth.index + 1);
    expect(diff.body.cs).toBe((snap.body.cs as number) + 1);
  });
});
