import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type IcrypexSimulator, startIcrypexSimulator } from '../../src/main/sim/icrypex';
import { generateAccount } from '../../src/main/sim/shared/accounts';
import { FrameClient, fixture, shape, splitFrame } from '../support/icrypex-sim';

// The WebSocket of specs/icrypex.md §8 over raw `ws`. The synthetic market is driven by hand
// (market.step) and diffs are flushed by hand (flushBooks), so every frame is deterministic.
const trader = generateAccount('icrypex', { USDT: '1000000', BTC: '10' });
let sim: IcrypexSimulator;
const clients: FrameClient[] = [];
const connect = async (path = '/') => {
  const client = await FrameClient.connect(sim.wsUrl.replace(/\/$/, path));
  clients.push(client);
  return client;
};

type Row = { p: string; q: string; t?: number };
type LocalBook = { asks: Map<string, string>; bids: Map<string, string> };

function applySnapshot(body: Record<string, unknown>): LocalBook {
  return {
    asks: new Map((body.a as Row[]).map((r) => [r.p, r.q])),
    bids: new Map((body.b as Row[]).map((r) => [r.p, r.q])),
  };
}

function applyDiff(book: LocalBook, body: Record<string, unknown>): void {
  for (const [side, rows] of [[book.asks, body.a], [book.bids, body.b]] as const) {
    for (const row of rows as Row[]) {
      // specs/icrypex.md §8.4: switch on t, never on q (removals may carry the last quantity).
      if (row.t === 3) {
        if (!side.has(row.p)) throw new Error(`t=3 for absent level ${row.p}`);
        side.delete(row.p);
      } else if (row.t === 1) {
        if (side.has(row.p)) throw new Error(`t=1 for present level ${row.p}`);
        side.set(row.p, row.q);
      } else if (row.t === 2) {
        if (!side.has(row.p)) throw new Error(`t=2 for absent level ${row.p}`);
        side.set(row.p, row.q);
      } else throw new Error(`bad t ${String(row.t)}`);
    }
  }
}

const sorted = (side: Map<string, string>, descending: boolean) =>
  [...side].sort((a, b) => (descending ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0])));

beforeAll(async () => {
  sim = await startIcrypexSimulator({ seed: 21, accounts: [trader], synthetic: false, historyMinutes: 120, obdIntervalMs: 60_000, tickersIntervalMs: 60_000, tickerIntervalMs: 60_000 });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  sim.faults.reset();
});
afterAll(async () => {
  await sim.stop();
});

describe('framing and subscriptions (§8.1, §8.3)', () => {
  it('acks a subscribe like the capture, acks a duplicate with s:false and does not double the stream', async () => {
    const client = await connect();
    client.send(fixture('ws-client-subscribe.txt'));
    const ack = await client.waitFor((f) => f.startsWith('subscribe-response|'));
    expect(shape(splitFrame(ack.frame).body)).toEqual(shape(splitFrame(fixture('ws-subscribe-response-ack.txt')).body));
    expect(ack.frame).toBe('subscribe-response|{"c":"orderbook@btcusdt","s":true}');
    client.send('subscribe|{"c":"orderbook@BTCUSDT","s":true}');
    const dup = await client.waitFor((f) => f.startsWith('subscribe-response|'), { from: ack.index + 1 });
    expect(splitFrame(dup.frame).body).toEqual({ c: 'orderbook@BTCUSDT', s: false });
    const start = client.frames.length;
    sim.market.stepChanges(200);
    sim.flushBooks();
    await client.next('obd', start);
    expect(client.frames.slice(start).filter((f) => f.startsWith('obd|'))).toHaveLength(1);
  });

  it('acks unknown and empty channels with true and then sends nothing for them', async () => {
    const client = await connect();
    for (const c of ['orderbook@nopeusdt/p', 'orderbook@btcusdt%2fp', '', 'weird@btcusdt', 'tradingview@btcusdt_7']) {
      client.send(`subscribe|${JSON.stringify({ c, s: true })}`);
      const ack = await client.waitFor((f) => f === `subscribe-response|${JSON.stringify({ c, s: true })}`);
      expect(ack.frame).toContain('"s":true');
    }
    const before = client.frames.length;
    sim.market.stepChanges(300);
    sim.flushBooks();
    sim.pushTickers();
    // A known channel subscribed afterwards proves frames flow; nothing else arrived meanwhile.
    client.send('subscribe|{"c":"ticker@ethusdt","s":true}');
    await client.waitFor((f) => f.includes('ticker@ethusdt'), { from: before });
    sim.pushTickers();
    const ticker = await client.next('ticker', before);
    expect(client.frames.slice(before, ticker.index)).toEqual(['subscribe-response|{"c":"ticker@ethusdt","s":true}']);
  });

  it('ignores garbage and keeps the socket open (§8.1)', async () => {
    const client = await connect('/7');
    client.send('hello');
    client.send('subscribe|notjson');
    client.send('subscribe|{"s":true}');
    client.send('|||');
    client.send('subscribe|{"c":"tickers","s":true}');
    expect((await client.waitFor((f) => f.startsWith('subscribe-response|'))).frame).toBe('subscribe-response|{"c":"tickers","s":true}');
    expect(client.frames).toHaveLength(1);
  });

  it('answers on /1 and refuses unknown paths', async () => {
    const client = await connect('/1');
    client.send('subscribe|{"c":"tickers","s":true}');
    await client.next('subscribe-response');
    await expect(FrameClient.connect(sim.wsUrl.replace(/\/$/, '/nope'))).rejects.toThrow();
  });

  it('stops a stream on unsubscribe and acks it with s:false', async () => {
    const client = await connect();
    client.send('subscribe|{"c":"trade@btcusdt","s":true}');
    await client.next('trades');
    client.send('subscribe|{"c":"trade@btcusdt","s":false}');
    expect((await client.waitFor((f) => f.includes('"s":false'))).frame).toBe('subscribe-response|{"c":"trade@btcusdt","s":false}');
    const before = client.frames.length;
    sim.engine.place({ accountId: trader.apiKey, symbol: 'BTCUSDT', side: 'buy', type: 'market', quoteAmount: '1000' });
    client.send('subscribe|{"c":"tickers","s":true}');
    await client.next('subscribe-response', before);
    expect(client.frames.slice(before).some((f) => f.startsWith('trade|'))).toBe(false);
  });
});

describe('orderbook@ (§8.4)', () => {
  it('sends a 50-level snapshot then obd diffs with cs +1 each that rebuild the engine window exactly', async () => {
    const client = await connect();
    client.send('subscribe|{"c":"orderbook@ethusdt","s":true}');
    const snap = await client.next('orderbook');
    expect(shape(snap.body)).toEqual(shape(splitFrame(fixture('ws-orderbook-snapshot-btcusdt-p.txt')).body));
    expect(Object.keys((snap.body.a as Row[])[0]!)).toEqual(['q', 'p']);
    expect((snap.body.a as Row[]).length).toBe(50);
    expect((snap.body.b as Row[]).length).toBe(50);
    const book = applySnapshot(snap.body);
    let cs = snap.body.cs as number;
    let from = snap.index + 1;
    const kinds = new Set<number>();
    for (let round = 0; round < 40; round++) {
      sim.market.stepChanges(50);
      sim.flushBooks();
      const diff = await client.next('obd', from);
      from = diff.index + 1;
      expect(diff.body.cs).toBe(cs + 1);
      cs = diff.body.cs as number;
      for (const row of [...(diff.body.a as Row[]), ...(diff.body.b as Row[])]) kinds.add(row.t!);
      applyDiff(book, diff.body);
      const engine = sim.engine.book('ETHUSDT', 50);
      expect(sorted(book.asks, false)).toEqual(engine.asks);
      expect(sorted(book.bids, true)).toEqual(engine.bids);
    }
    expect([...kinds].sort()).toEqual([1, 2, 3]);
    const sample = splitFrame(fixture('ws-obd-update-btcusdt-p.txt')).body as Record<string, unknown>;
    expect(Object.keys((sample.a as Row[])[0]!)).toEqual(['q', 'p', 't']);
  });

  it('sends nothing while only levels outside the 50-level window change', async () => {
    const client = await connect();
    client.send('subscribe|{"c":"orderbook@btcusdt","s":true}');
    const snap = await client.next('orderbook');
    const deep = sim.engine.book('BTCUSDT', 60).bids[55]![0];
    const placed = sim.engine.place({ accountId: trader.apiKey, symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: deep, quantity: '0.001' });
    expect(placed.ok).toBe(true);
    sim.flushBooks();
    // A top-of-book change next proves the channel is alive and that the deep change made no diff.
    const top = sim.engine.top('BTCUSDT').bid!;
    sim.engine.place({ accountId: trader.apiKey, symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: top, quantity: '0.001' });
    sim.flushBooks();
    const diff = await client.next('obd', snap.index + 1);
    expect(diff.body.cs).toBe((snap.body.cs as number) + 1);
    expect(diff.body).toMatchObject({ a: [], b: [{ p: top, t: 2 }] });
  });

  it('answers channel-data-request with a fresh snapshot at the current cs and the chain continues', async () => {
    const client = await connect();
    client.send('subscribe|{"c":"orderbook@shibusdt","s":true}');
    const snap = await client.next('orderbook');
    sim.market.stepChanges(100);
    sim.flushBooks();
    const diff = await client.next('obd', snap.index + 1);
    client.send('channel-data-request|{"c":"orderbook@shibusdt"}');
    const fresh = await client.next('orderbook', diff.index + 1);
    expect(fresh.body.cs).toBe(diff.body.cs);
    const book = applySnapshot(fresh.body);
    expect(sorted(book.asks, false)).toEqual(sim.engine.book('SHIBUSDT', 50).asks);
    sim.market.stepChanges(100);
    sim.flushBooks();
    const after = await client.next('obd', fresh.index + 1);
    expect(after.body.cs).toBe((fresh.body.cs as number) + 1);
  });

  it('removal rows carry the last quantity by default and "0" when switched', async () => {
    const client = await connect();
    client.send('subscribe|{"c":"orderbook@btcusdt","s":true}');
    const snap = await client.next('orderbook');
    const [price, qty] = sim.engine.book('BTCUSDT', 1).asks[0]!;
    sim.engine.place({ accountId: trader.apiKey, symbol: 'BTCUSDT', side: 'buy', type: 'limit', price, quantity: qty });
    sim.flushBooks();
    const diff = await client.next('obd', snap.index + 1);
    expect(diff.body.a).toContainEqual({ q: qty, p: price, t: 3 });
    sim.quirks.obdRemovalQuantity = 'zero';
    const [p2] = sim.engine.book('BTCUSDT', 1).asks[0]!;
    sim.engine.place({ accountId: trader.apiKey, symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: p2, quantity: sim.engine.book('BTCUSDT', 1).asks[0]![1] });
    sim.flushBooks();
    const zero = await client.next('obd', diff.index + 1);
    sim.quirks.obdRemovalQuantity = 'last';
    expect(zero.body.a).toContainEqual({ q: '0', p: p2, t: 3 });
  });
});

describe('orderbook-short@, trade@, tickers, ticker@, tradingview@ (§8.4)', () => {
  it('sends the best 5 a side as type orderbook at once and again only when the top 5 change', async () => {
    const client = await connect();
    client.send('subscribe|{"c":"orderbook-short@btcusdt","s":true}');
    const first = await client.next('orderbook');
    expect((first.body.a as Row[]).length).toBe(5);
    expect((first.body.b as Row[]).length).toBe(5);
    expect(first.body).not.toHaveProperty('cs');
    sim.flushBooks();
    const deep = sim.engine.book('BTCUSDT', 30).asks[25]![0];
    sim.engine.place({ accountId: trader.apiKey, symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: deep, quantity: '0.001' });
    sim.flushBooks();
    const best = sim.engine.top('BTCUSDT').ask!;
    sim.engine.place({ accountId: trader.apiKey, symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: best, quantity: '0.001' });
    sim.flushBooks();
    const next = await client.next('orderbook', first.index + 1);
    expect(client.frames.filter((f) => f.startsWith('orderbook|'))).toHaveLength(2);
    expect((next.body.a as Row[]).map((r) => [r.p, r.q])).toEqual(sim.engine.book('BTCUSDT', 5).asks);
  });

  it('sends a trades batch first, then one trade frame per trade with s as an integer', async () => {
    sim.market.stepChanges(500);
    const client = await connect();
    client.send('subscribe|{"c":"trade@btcusdt","s":true}');
    const batch = await client.next('trades');
    const ts = batch.body.ts as Array<Record<string, unknown>>;
    expect(ts.length).toBeGreaterThan(0);
    expect(ts.length).toBeLessThanOrEqual(50);
    expect(shape(ts[0])).toEqual(shape(splitFrame(fixture('ws-trade-btcusdt-p.txt')).body));
    const result = sim.engine.place({ accountId: trader.apiKey, symbol: 'BTCUSDT', side: 'sell', type: 'market', quantity: '0.002' });
    expect(result.ok).toBe(true);
    const trade = await client.next('trade', batch.index + 1);
    expect(trade.body).toMatchObject({ ps: 'BTCUSDT', s: 1, m: 0 });
    expect(Math.abs((trade.body.d as number) - Date.now() / 1000)).toBeLessThan(60);
  });

  it('sends tickers as {t:[...]} and ticker@ as one object with the live key set', async () => {
    const client = await connect();
    client.send('subscribe|{"c":"tickers","s":true}');
    client.send('subscribe|{"c":"ticker@btcusdt","s":true}');
    await client.waitFor((f) => f.includes('ticker@btcusdt'));
    sim.pushTickers();
    const all = await client.next('tickers');
    const one = await client.next('ticker');
    const live = splitFrame(fixture('ws-ticker-btcusdt-p.txt')).body;
    expect((all.body.t as unknown[]).map((t) => shape(t))).toEqual([shape(live), shape(live), shape(live)]);
    expect(shape(one.body)).toEqual(shape(live));
    expect(one.body).toMatchObject({ ps: 'BTCUSDT', bs: 'BTC', qs: 'USDT', b: sim.engine.top('BTCUSDT').bid, a: sim.engine.top('BTCUSDT').ask });
  });

  it('re-sends the current candle on every trade for tradingview@<pair>_<res>', async () => {
    const client = await connect();
    client.send('subscribe|{"c":"tradingview@btcusdt_5","s":true}');
    const first = await client.next('candle');
    expect(first.body).toMatchObject({ ps: 'BTCUSDT', e: 'btcusdt_5', r: 5 });
    expect((first.body.d as number) % 300).toBe(0);
    const placed = sim.engine.place({ accountId: trader.apiKey, symbol: 'BTCUSDT', side: 'buy', type: 'market', quoteAmount: '500' });
    if (!placed.ok) throw new Error(placed.message);
    // One push per trade: a sweep across several levels sends several, each closing at its fill.
    let index = first.index;
    const pushes = [];
    for (const fill of placed.fills) {
      const next = await client.next('candle', index + 1);
      expect(next.body.c).toBe(fill.price);
      pushes.push(next);
      index = next.index;
    }
    expect(pushes.at(-1)!.body.c).toBe(sim.engine.lastPrice('BTCUSDT'));
    expect(Number(pushes.at(-1)!.body.v)).toBeGreaterThan(Number(first.body.v));
  });
});

describe('user-trade (§8.4)', () => {
  it('pushes user-trade to every authenticated socket of the account, and to no other socket', async () => {
    const owner = await connect();
    const other = await connect();
    const ts = Date.now();
    const { icrypexSignature } = await import('../../src/main/sim/icrypex');
    owner.send(`api-login|${JSON.stringify({ pk: trader.apiKey, s: icrypexSignature(trader.apiKey, trader.apiSecret, String(ts)), ts, n: 15000 })}`);
    expect((await owner.next('api-auth')).body).toEqual({ v: true });
    other.send('subscribe|{"c":"tickers","s":true}');
    await other.next('subscribe-response');
    // Join the best ask at the back of its queue; the taker buys the queue ahead of us plus 0.004.
    const [price, ahead] = sim.engine.book('BTCUSDT', 1).asks[0]!;
    const resting = sim.engine.place({ accountId: trader.apiKey, symbol: 'BTCUSDT', side: 'sell', type: 'limit', price, quantity: '0.01' });
    expect(resting.ok).toBe(true);
    const taken = (Number(ahead) + 0.004).toFixed(8);
    expect(sim.engine.place({ accountId: '__taker__', symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: taken }).ok).toBe(true);
    const push = await owner.next('user-trade');
    expect(Object.keys(push.body).sort()).toEqual(['c', 'lq', 'o', 'oq', 'p', 'ps', 's', 'sd', 't', 'tq', 'tt']);
    expect(push.body).toMatchObject({ ps: 'BTCUSDT', o: resting.ok ? resting.order.id : 0, tq: '0.004', oq: '0.01', lq: '0.006', c: '1', p: price, s: 'OPEN', sd: 'SELL', t: 'LIMIT' });
    other.send('subscribe|{"c":"tickers","s":false}');
    await other.waitFor((f) => f.includes('"s":false'));
    expect(other.frames.some((f) => f.startsWith('user-trade|'))).toBe(false);
  });
});

describe('idle sockets (§8.5)', () => {
  it('drops a silent socket after the idle timeout with 1006 and keeps one that pings', async () => {
    const idle = await startIcrypexSimulator({ accounts: [], synthetic: false, historyMinutes: 5, idleTimeoutMs: 300 });
    try {
      const quiet = await FrameClient.connect(idle.wsUrl);
      const pinger = await FrameClient.connect(idle.wsUrl);
      const timer = setInterval(() => pinger.ws.ping(), 60);
      const started = Date.now();
      try {
        expect(await quiet.whenClosed()).toBe(1006);
        expect(Date.now() - started).toBeGreaterThanOrEqual(250);
        expect(pinger.closeCode).toBeUndefined();
        expect(pinger.ws.readyState).toBe(pinger.ws.OPEN);
      } finally {
        clearInterval(timer);
        pinger.close();
      }
    } finally {
      await idle.stop();
    }
  });
});
