import { randomBytes } from 'node:crypto';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type CryptocomSimulator, DEFAULT_CRYPTOCOM_QUIRKS, startCryptocomSimulator } from '../../src/main/sim/cryptocom';
import { get, onChannel, RawWs, seedBook, signedPost } from '../support/cryptocom-sim';

// Every fault of sim-api.md "Faults" that applies to Crypto.com V1, seen through raw HTTP and ws.
let sim: CryptocomSimulator;
const creds = { apiKey: randomBytes(8).toString('hex'), apiSecret: randomBytes(16).toString('hex') };
const clients: RawWs[] = [];

async function connect(): Promise<RawWs> {
  const ws = await RawWs.open(sim.wsUrl);
  clients.push(ws);
  return ws;
}

beforeAll(async () => {
  sim = await startCryptocomSimulator({
    synthetic: false,
    accounts: [{ exchange: 'cryptocom', ...creds, balances: { USDT: '100000' } }],
    quirks: { rateLimitsEnabled: false },
  });
  seedBook(sim, 'BTCUSDT', '8750', '0.5', '1');
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => {
  Object.assign(sim.quirks, DEFAULT_CRYPTOCOM_QUIRKS, { rateLimitsEnabled: false });
  sim.restartWsTimers();
  sim.faults.reset();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

const signed = (path: string, params: Record<string, string> = {}, signal?: AbortSignal) => signedPost(sim, path, params, creds, Date.now(), signal);

describe('WebSocket faults', () => {
  it('dropConnections closes every socket without a close frame (1006)', async () => {
    const a = await connect();
    const b = await connect();
    a.sub('market_btcusdt_ticker');
    await a.next(onChannel('market_btcusdt_ticker'));
    sim.faults.dropConnections();
    expect((await a.waitClosed()).code).toBe(1006);
    expect((await b.waitClosed()).code).toBe(1006);
  });

  it('sendMalformedFrame sends every socket a gzip frame whose content is not JSON', async () => {
    const a = await connect();
    const b = await connect();
    sim.faults.sendMalformedFrame();
    for (const ws of [a, b]) {
      const f = await ws.next(() => true);
      expect(f.binary).toBe(true);
      expect(f.gzip).toBe(true);
      expect(f.gunzipError).toBeUndefined();
      expect(f.json).toBeUndefined();
    }
  });

  it('truncateNextGzipFrame cuts the next frame so gunzip fails, then frames are whole again', async () => {
    const ws = await connect();
    sim.faults.truncateNextGzipFrame();
    ws.sub('market_btcusdt_depth_step0');
    const cut = await ws.next(() => true);
    expect(cut.gzip).toBe(true);
    expect(cut.gunzipError).toBeDefined();
    ws.sub('market_btcusdt_ticker');
    const whole = await ws.next(onChannel('market_btcusdt_ticker'));
    expect(whole.gunzipError).toBeUndefined();
  });

  it('stopHeartbeats stops the pings while pushes go on; resumeHeartbeats brings them back', async () => {
    Object.assign(sim.quirks, { wsPingIntervalMs: 15, wsDepthRefreshMs: 20 });
    sim.restartWsTimers();
    const ws = await connect();
    ws.sub('market_btcusdt_depth_step0');
    await ws.next((f) => f.json?.ping !== undefined);
    sim.faults.stopHeartbeats();
    // Pings sent before the stop may still be in flight: count from a reply the server sends after it.
    ws.send({ event: 'req', params: { channel: 'review' } });
    const start = ws.frames.indexOf(await ws.next((f) => f.json?.channel === 'review')) + 1;
    let refreshes = start;
    for (let i = 0; i < 6; i++) refreshes = ws.frames.indexOf(await ws.next(onChannel('market_btcusdt_depth_step0'), 5000, refreshes)) + 1;
    expect(ws.frames.slice(start).filter((f) => f.json?.ping !== undefined)).toEqual([]);
    sim.faults.resumeHeartbeats();
    await ws.next((f) => f.json?.ping !== undefined, 5000, ws.frames.length);
  });
});

describe('REST faults', () => {
  it('delayResponses delays matching replies only', async () => {
    sim.faults.delayResponses(300, { path: /^\/v1\/depth$/ });
    const order: string[] = [];
    const t0 = Date.now();
    const depth = get(sim, '/v1/depth', { symbol: 'btcusdt', type: 'step0' }).then((r) => (order.push('depth'), r));
    const symbols = get(sim, '/v1/symbols').then((r) => (order.push('symbols'), r));
    expect((await depth).json).toMatchObject({ code: '0' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect((await symbols).status).toBe(200);
    expect(order).toEqual(['symbols', 'depth']);
  });

  it('failNext answers 500/502/503 the given number of times without executing, then recovers', async () => {
    sim.faults.failNext({ status: 503, count: 2, match: { method: 'POST', path: /^\/v1\/order$/ } });
    const order = { symbol: 'btcusdt', side: 'BUY', type: '1', price: '8000', volume: '0.01' };
    expect((await signed('/v1/order', order)).status).toBe(503);
    expect((await signed('/v1/order', order)).status).toBe(503);
    const open = await signed('/v1/openOrders', { symbol: 'btcusdt' });
    expect((open.json as { data: { count: number } }).data.count).toBe(0);
    expect((await signed('/v1/order', order)).json).toMatchObject({ code: '0' });
    sim.faults.failNext({ status: 500 });
    expect((await get(sim, '/v1/symbols')).status).toBe(500);
    sim.faults.failNext({ status: 502 });
    expect((await get(sim, '/v1/symbols')).status).toBe(502);
    expect((await get(sim, '/v1/symbols')).status).toBe(200);
  });

  it('failNext 429 answers a body that is not JSON', async () => {
    sim.faults.failNext({ status: 429 });
    const r = await get(sim, '/v1/ticker');
    expect(r.status).toBe(429);
    expect(r.json).toBeUndefined();
  });

  it('holdNext holds an order past the client timeout, then executes it ("did my order go through?")', async () => {
    const held = sim.faults.holdNext({ method: 'POST', path: /^\/v1\/order$/ }, 400);
    const order = { symbol: 'btcusdt', side: 'BUY', type: '1', price: '8100', volume: '0.01' };
    await expect(signed('/v1/order', order, AbortSignal.timeout(100))).rejects.toThrow();
    const before = await signed('/v1/openOrders', { symbol: 'btcusdt' });
    const countBefore = (before.json as { data: { count: number } }).data.count;
    await held;
    const after = await signed('/v1/openOrders', { symbol: 'btcusdt' });
    const list = (after.json as { data: { count: number; resultList: { price: string }[] } }).data;
    expect(list.count).toBe(countBefore + 1);
    expect(list.resultList.some((o) => o.price === '8100.00000000')).toBe(true);
  });

  it('rejectNextSignature answers 100005 once for a correctly signed call', async () => {
    sim.faults.rejectNextSignature();
    expect((await signed('/v1/account')).json).toEqual({ code: '100005', msg: 'request sign illegal', data: null });
    expect((await signed('/v1/account')).json).toMatchObject({ code: '0' });
  });

  it('reset clears pending faults', async () => {
    sim.faults.failNext({ status: 500, count: 5 });
    sim.faults.rejectNextSignature();
    sim.faults.reset();
    expect((await get(sim, '/v1/symbols')).status).toBe(200);
    expect((await signed('/v1/account')).json).toMatchObject({ code: '0' });
  });
});
