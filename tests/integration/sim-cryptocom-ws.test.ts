import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type CryptocomSimulator, DEFAULT_CRYPTOCOM_QUIRKS, startCryptocomSimulator } from '../../src/main/sim/cryptocom';
import { onChannel, RawWs, seedBook } from '../support/cryptocom-sim';
import { CRYPTOCOM_PROFILES } from '../../src/main/sim/cryptocom/markets';

/** Every 2020 V1 market the simulator lists, in its order (specs/cryptocom-v1.md §1). */
const V1_SYMBOLS = CRYPTOCOM_PROFILES.map((p) => p.market.symbol.toLowerCase());

// Raw ws + gunzip against the V1 market-data socket (specs/cryptocom-v1.md §6).
let sim: CryptocomSimulator;
const clients: RawWs[] = [];

async function connect(): Promise<RawWs> {
  const ws = await RawWs.open(sim.wsUrl);
  clients.push(ws);
  return ws;
}

function trade(side: 'buy' | 'sell', quantity = '0.01'): void {
  const r = sim.engine.place({ accountId: 'taker', symbol: 'BTCUSDT', side, type: 'market', ...(side === 'buy' ? { quoteAmount: '100' } : { quantity }) });
  expect(r.ok).toBe(true);
}

beforeAll(async () => {
  sim = await startCryptocomSimulator({ synthetic: false, quirks: { rateLimitsEnabled: false } });
  seedBook(sim, 'BTCUSDT', '8750', '0.5', '1', 20);
  sim.engine.addAccount('taker', { USDT: '1000000', BTC: '100' });
  trade('buy');
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => {
  Object.assign(sim.quirks, DEFAULT_CRYPTOCOM_QUIRKS, { rateLimitsEnabled: false, wsTickThrottleMs: 0, wsDepthThrottleMs: 0 });
  sim.restartWsTimers();
  sim.faults.reset();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

describe('framing (§6.1)', () => {
  it('sends every server frame as a gzip stream in a binary frame', async () => {
    const ws = await connect();
    ws.sub('market_btcusdt_depth_step0');
    await ws.next(onChannel('market_btcusdt_depth_step0'));
    ws.sub('market_btcusdt_ticker');
    await ws.next(onChannel('market_btcusdt_ticker'));
    expect(ws.frames.length).toBeGreaterThanOrEqual(2);
    for (const f of ws.frames) {
      expect(f.binary).toBe(true);
      expect(f.gzip).toBe(true);
      expect(f.json).toBeDefined();
    }
  });

  it('does not negotiate permessage-deflate', async () => {
    const ws = await connect();
    expect(ws.socket.extensions).toBe('');
  });
});

describe('heartbeat (§6.2)', () => {
  it('pings {"ping":<ms>} at the configured interval and keeps a socket that never pongs', async () => {
    sim.quirks.wsPingIntervalMs = 40;
    sim.restartWsTimers();
    const ws = await connect();
    ws.sub('market_btcusdt_ticker');
    const first = await ws.next((f) => f.json?.ping !== undefined);
    const firstIndex = ws.frames.indexOf(first);
    await ws.next((f) => f.json?.ping !== undefined, 5000, firstIndex + 1);
    expect(Object.keys(first.json!)).toEqual(['ping']);
    expect(Math.abs((first.json!.ping as number) - Date.now())).toBeLessThan(10_000);
    expect(ws.closed).toBeUndefined();
  });

  it('sends the ping value in seconds when switched', async () => {
    Object.assign(sim.quirks, { wsPingIntervalMs: 40, wsPingUnit: 's' });
    sim.restartWsTimers();
    const ws = await connect();
    const ping = await ws.next((f) => f.json?.ping !== undefined);
    expect(ping.json!.ping as number).toBeLessThan(1e11);
  });

  it('accepts a pong and stays open; a client ping closes the socket only when switched', async () => {
    const ws = await connect();
    ws.send({ pong: 123 });
    ws.send({ ping: 123 });
    ws.sub('market_btcusdt_trade_ticker');
    ws.sub('market_btcusdt_ticker');
    // The ticker's first push shows both subs were processed (there is no ack).
    await ws.next(onChannel('market_btcusdt_ticker'));
    trade('sell');
    await ws.next(onChannel('market_btcusdt_trade_ticker'));
    expect(ws.closed).toBeUndefined();
    sim.quirks.wsClientPingCloses = true;
    ws.send({ ping: 1 });
    await ws.waitClosed();
  });
});

describe('subscriptions (§6.3-§6.6)', () => {
  it('sends no ack by default: the first frame after a depth sub is the book', async () => {
    const ws = await connect();
    ws.sub('market_btcusdt_depth_step0', { asks: 150, bids: 150 });
    const first = await ws.next(() => true);
    expect(first.json!.event_rep).toBe('');
    expect(first.json!.channel).toBe('market_btcusdt_depth_step0');
  });

  it('sends the ChainUP ack when switched on, echoing cb_id', async () => {
    sim.quirks.wsSubAck = true;
    const ws = await connect();
    ws.send({ event: 'sub', params: { channel: 'market_btcusdt_ticker', cb_id: 'abc' } });
    const ack = await ws.next(() => true);
    expect(ack.json).toMatchObject({ event_rep: 'subed', channel: 'market_btcusdt_ticker', cb_id: 'abc', lower_frame: '0', status: 'ok' });
    expect(typeof ack.json!.ts).toBe('number');
  });

  it('pushes full depth snapshots with asks and buys that equal the engine book, on change', async () => {
    const ws = await connect();
    ws.sub('market_btcusdt_depth_step0');
    const snap = await ws.next(onChannel('market_btcusdt_depth_step0'));
    const tick = snap.json!.tick as { asks: number[][]; buys: number[][] };
    expect(Object.keys(tick).sort()).toEqual(['asks', 'buys']);
    const book = sim.engine.book('BTCUSDT');
    expect(tick.asks).toEqual(book.asks.map(([p, q]) => [Number(p), Number(q)]));
    expect(tick.buys).toEqual(book.bids.map(([p, q]) => [Number(p), Number(q)]));
    expect(snap.json).toMatchObject({ event_rep: '', data: null, status: 'ok' });

    const from = ws.frames.length;
    sim.engine.place({ accountId: 'maker', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '8749.99', quantity: '0.5' });
    const next = await ws.next(onChannel('market_btcusdt_depth_step0'), 5000, from);
    expect((next.json!.tick as { buys: number[][] }).buys[0]).toEqual([8749.99, 0.5]);
  });

  it('re-sends an unchanged book after the refresh period (about 11 s by default)', async () => {
    sim.quirks.wsDepthRefreshMs = 80;
    sim.restartWsTimers();
    const ws = await connect();
    ws.sub('market_btcusdt_depth_step2');
    const a = await ws.next(onChannel('market_btcusdt_depth_step2'));
    const b = await ws.next(onChannel('market_btcusdt_depth_step2'), 5000, ws.frames.indexOf(a) + 1);
    expect(b.json!.tick).toEqual(a.json!.tick);
    for (const [p] of (a.json!.tick as { asks: number[][] }).asks) expect(Number.isInteger(p)).toBe(true);
  });

  it('pushes trades with the exact item keys, the ticker and the current kline after a trade', async () => {
    const ws = await connect();
    ws.sub('market_btcusdt_trade_ticker');
    ws.sub('market_btcusdt_ticker');
    ws.sub('market_btcusdt_kline_1min');
    await ws.next(onChannel('market_btcusdt_ticker'));
    const from = ws.frames.length;
    const bestBid = sim.engine.top('BTCUSDT').bid!;
    trade('sell', '0.02');
    const t = await ws.next(onChannel('market_btcusdt_trade_ticker'), 5000, from);
    const tick = t.json!.tick as { id: number; ts: number; data: Record<string, unknown>[] };
    const item = tick.data[0]!;
    expect(Object.keys(item).sort()).toEqual(['amount', 'ds', 'id', 'price', 'side', 'ts', 'vol']);
    expect(item).toMatchObject({ side: 'sell', price: bestBid });
    expect(tick.data.reduce((sum, d) => sum + Number(d.vol), 0)).toBeCloseTo(0.02, 10);
    expect(Number(item.amount)).toBeCloseTo(Number(item.price) * Number(item.vol), 6);
    expect(item.ds).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(tick.id).toBe(Math.max(...tick.data.map((d) => d.id as number)));
    const ticker = await ws.next(onChannel('market_btcusdt_ticker'), 5000, from);
    expect(Object.keys(ticker.json!.tick as object).sort()).toEqual(['amount', 'close', 'high', 'low', 'open', 'rose', 'vol']);
    expect((ticker.json!.tick as { close: string }).close).toBe(sim.engine.lastPrice('BTCUSDT'));
    const kline = await ws.next(onChannel('market_btcusdt_kline_1min'), 5000, from);
    const k = kline.json!.tick as Record<string, unknown>;
    expect(Object.keys(k).sort()).toEqual(['amount', 'close', 'high', 'id', 'low', 'open', 'vol']);
    expect((k.id as number) % 60).toBe(0);
  });

  it('switches trade side to uppercase and values to numbers', async () => {
    Object.assign(sim.quirks, { wsTradeSideCase: 'upper', wsTickDecimals: 'number' });
    const ws = await connect();
    ws.sub('market_btcusdt_trade_ticker');
    ws.sub('market_btcusdt_ticker');
    await ws.next(onChannel('market_btcusdt_ticker'));
    trade('buy');
    const t = await ws.next(onChannel('market_btcusdt_trade_ticker'));
    const item = (t.json!.tick as { data: Record<string, unknown>[] }).data[0]!;
    expect(item.side).toBe('BUY');
    expect(typeof item.price).toBe('number');
  });

  it('stops pushing after unsub', async () => {
    const ws = await connect();
    ws.sub('market_btcusdt_trade_ticker');
    ws.send({ event: 'unsub', params: { channel: 'market_btcusdt_trade_ticker' } });
    ws.sub('market_btcusdt_ticker');
    await ws.next(onChannel('market_btcusdt_ticker'));
    const from = ws.frames.length;
    trade('sell');
    await ws.next(onChannel('market_btcusdt_ticker'), 5000, from);
    expect(ws.frames.slice(from).some(onChannel('market_btcusdt_trade_ticker'))).toBe(false);
  });
});

describe('requests (§6.7)', () => {
  it('answers a kline history req with event_rep rep, cb_id and candles', async () => {
    const ws = await connect();
    ws.send({ event: 'req', params: { channel: 'market_btcusdt_kline_1min', cb_id: 'k1', pageSize: 5 } });
    const rep = await ws.next((f) => f.json?.event_rep === 'rep');
    expect(rep.json).toMatchObject({ channel: 'market_btcusdt_kline_1min', cb_id: 'k1', status: 'ok' });
    const data = rep.json!.data as Record<string, unknown>[];
    expect(data.length).toBeGreaterThanOrEqual(1);
    expect(data.length).toBeLessThanOrEqual(5);
    expect(Object.keys(data[0]!).sort()).toEqual(['amount', 'close', 'high', 'id', 'low', 'open', 'vol']);
  });

  it('answers a kline req with since, echoing it', async () => {
    const ws = await connect();
    const since = String(Math.floor(Date.now() / 1000) - 600);
    ws.send({ event: 'req', params: { channel: 'market_btcusdt_kline_1min', cb_id: 'k2', since } });
    const rep = await ws.next((f) => f.json?.event_rep === 'rep');
    expect(rep.json!.since).toBe(since);
    for (const c of rep.json!.data as { id: number }[]) expect(c.id).toBeGreaterThan(Number(since) - 60);
  });

  it('closes the socket on an empty-string kline req field, as S12 saw', async () => {
    const ws = await connect();
    ws.send({ event: 'req', params: { channel: 'market_btcusdt_kline_1min', endIdx: '' } });
    expect((await ws.waitClosed()).code).toBe(1006);
  });

  it('answers a trade history req newest first with top', async () => {
    const ws = await connect();
    ws.send({ event: 'req', params: { channel: 'market_btcusdt_trade_ticker', cb_id: 'x', top: 2 } });
    const rep = await ws.next((f) => f.json?.event_rep === 'rep');
    expect(rep.json).toMatchObject({ event_rep: 'rep', channel: 'market_btcusdt_trade_ticker', cb_id: 'x', top: 2, status: 'ok' });
    const data = rep.json!.data as { id: number }[];
    expect(data).toHaveLength(2);
    expect(data[0]!.id).toBeGreaterThan(data[1]!.id);
  });

  it('answers review with 7 string keys per market', async () => {
    const ws = await connect();
    ws.send({ event: 'req', params: { channel: 'review' } });
    const rep = await ws.next((f) => f.json?.channel === 'review');
    const data = rep.json!.data as Record<string, Record<string, unknown>>;
    expect(Object.keys(data)).toEqual(V1_SYMBOLS);
    expect(Object.keys(data.btcusdt!).sort()).toEqual(['amount', 'close', 'high', 'low', 'open', 'rose', 'vol']);
    expect(typeof data.btcusdt!.close).toBe('string');
  });
});

describe('errors (§6.8) and idle sockets (§6.2)', () => {
  it('echoes an unknown event back verbatim in a binary frame that is not gzip', async () => {
    const ws = await connect();
    const text = '{"event":"nope","params":{"channel":"market_btcusdt_ticker"}}';
    ws.send(text);
    const echo = await ws.next(() => true);
    expect(echo.binary).toBe(true);
    expect(echo.gzip).toBe(false);
    expect(echo.raw.toString('utf8')).toBe(text);
  });

  it('answers unknown channels, uppercase symbols and bad depth steps with silence', async () => {
    sim.quirks.wsSubAck = true;
    const ws = await connect();
    for (const channel of ['market_nopeusdt_ticker', 'market_BTCUSDT_ticker', 'market_btcusdt_depth_step9', 'nope']) ws.sub(channel);
    ws.send({ event: 'req', params: { channel: 'market_btcusdt_ticker' } });
    // A known channel afterwards: its ack is the first frame, so nothing came for the others.
    ws.sub('market_btcusdt_ticker');
    const first = await ws.next(() => true);
    expect(first.json).toMatchObject({ event_rep: 'subed', channel: 'market_btcusdt_ticker' });
  });

  it('closes a socket with no subscription after the idle period, and keeps a subscribed one', async () => {
    sim.quirks.wsIdleCloseMs = 100;
    const idle = await connect();
    const busy = await connect();
    busy.sub('market_btcusdt_ticker');
    await idle.waitClosed();
    expect(busy.closed).toBeUndefined();
  });

  it('closes the socket on a frame that is not JSON, or ignores it when switched', async () => {
    const ws = await connect();
    ws.send('{not json');
    expect((await ws.waitClosed()).code).toBe(1006);
    sim.quirks.wsMalformedRequest = 'ignore';
    const ws2 = await connect();
    ws2.send('{not json');
    ws2.sub('market_btcusdt_ticker');
    await ws2.next(onChannel('market_btcusdt_ticker'));
    expect(ws2.closed).toBeUndefined();
  });

  it('refuses upgrades on other paths', async () => {
    await expect(RawWs.open(sim.wsUrl.replace('/kline-api/ws', '/ws'))).rejects.toThrow(/404/);
  });
});
