import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type CdcxSimulator, DEFAULT_CDCX_QUIRKS, startCdcxSimulator } from '../../src/main/sim/cryptocom-exchange';
import { type Creds, resultOf, sign, Sock } from '../support/cdcx-client';
import { waitFor } from '../support/wait';

// The market and user sockets of specs/cryptocom-exchange.md §7, driven with a bare `ws` client.
const me: Creds = { apiKey: 'wsKey', apiSecret: 'wsSecret' };
let sim: CdcxSimulator;
const socks: Sock[] = [];

async function open(kind: 'market' | 'user'): Promise<Sock> {
  const s = await Sock.open(kind === 'market' ? sim.wsUrl : sim.userWsUrl);
  socks.push(s);
  return s;
}

let makerPrice = 0;
/** A maker order that changes the BTC_USDT book near the top (the engine is the exchange's). */
function moveBook(): void {
  makerPrice = (makerPrice + 1) % 5;
  expect(sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'buy', type: 'limit', price: String(49995 - makerPrice), quantity: '0.1' }).ok).toBe(true);
}

const isResult = (channel: string, subscription?: string) => (f: Record<string, unknown>) =>
  resultOf(f).channel === channel && (subscription === undefined || resultOf(f).subscription === subscription);

beforeAll(async () => {
  sim = await startCdcxSimulator({ synthetic: false, accounts: [{ ...me, balances: { USDT: '100000', BTC: '2' } }] });
  sim.engine.addAccount('maker', { USDT: '100000000', BTC: '10000' });
  for (let i = 1; i <= 20; i++) {
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'buy', type: 'limit', price: String(50000 - i * 10), quantity: '0.5' });
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'sell', type: 'limit', price: String(50000 + i * 10), quantity: '0.5' });
  }
  // 60 trades, so the trade channel's first frame has its 50.
  for (let i = 0; i < 60; i++) {
    const r = i % 2 ? { side: 'buy' as const, quoteAmount: '50' } : { side: 'sell' as const, quantity: '0.001' };
    expect(sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', type: 'market', ...r }).ok).toBe(true);
  }
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => {
  Object.assign(sim.quirks, DEFAULT_CDCX_QUIRKS, { firstSnapshotDelayMs: 0, rateLimitsEnabled: false });
  sim.faults.reset();
});
afterEach(() => {
  for (const s of socks.splice(0)) s.close();
});

/** Applies §7.5's sequence rule; returns the deltas seen and whether a gap showed. */
function follow(frames: Array<Record<string, unknown>>, subscription: string) {
  const book = { bids: new Map<string, string>(), asks: new Map<string, string>() };
  let last: number | undefined;
  let gaps = 0;
  let deltas = 0;
  let empty = 0;
  for (const f of frames) {
    const r = resultOf(f);
    if (r.subscription !== subscription) continue;
    const d = (r.data as Array<Record<string, unknown>>)[0]!;
    if (r.channel === 'book') {
      book.bids = new Map((d.bids as string[][]).map(([p, q]) => [p!, q!]));
      book.asks = new Map((d.asks as string[][]).map(([p, q]) => [p!, q!]));
      last = d.u as number;
      continue;
    }
    deltas++;
    if (d.pu !== last) gaps++;
    const update = d.update as { bids: string[][]; asks: string[][] };
    if (update.bids.length + update.asks.length === 0) {
      empty++;
      expect(d.u).toBe(d.pu);
    } else expect(d.u as number).toBeGreaterThan(d.pu as number);
    for (const [side, levels] of [['bids', update.bids], ['asks', update.asks]] as const) {
      for (const [p, q] of levels) {
        if (q === '0') book[side].delete(p!);
        else book[side].set(p!, q!);
      }
    }
    last = d.u as number;
  }
  return { book, gaps, deltas, empty };
}

describe('market socket: book channel (§7.5, §9 item 14)', () => {
  it('bare ack, snapshot, then deltas whose pu is the previous u and that rebuild the engine book', async () => {
    const s = await open('market');
    s.send({ id: 1, method: 'subscribe', params: { channels: ['book.BTC_USDT.10'], book_subscription_type: 'SNAPSHOT_AND_UPDATE', book_update_frequency: 10 }, nonce: Date.now() });
    const ack = await s.next((f) => f.id === 1, 'the ack');
    expect(ack).toEqual({ id: 1, method: 'subscribe', code: 0, channel: 'book.BTC_USDT.10' });
    const snap = await s.next(isResult('book', 'book.BTC_USDT.10'), 'the snapshot');
    expect(snap.id).toBe(-1);
    expect(resultOf(snap)).toMatchObject({ instrument_name: 'BTC_USDT', depth: 10 });
    const data = (resultOf(snap).data as Array<Record<string, unknown>>)[0]!;
    expect(Object.keys(data).sort()).toEqual(['asks', 'bids', 'cs', 't', 'tt', 'u']);
    const best = sim.engine.bookWithCounts('BTC_USDT', 1).bids[0]!;
    expect((data.bids as string[][])[0]).toEqual([best[0], best[1], String(best[2])]);
    for (let i = 0; i < 8; i++) {
      const seen = s.frames.length;
      moveBook();
      await s.next(isResult('book.update'), 'a delta', seen);
    }
    const top = sim.engine.book('BTC_USDT', 10);
    const state = await waitFor(() => {
      const r = follow(s.frames, 'book.BTC_USDT.10');
      return r.book.bids.size === 10 && [...r.book.bids].every(([p, q]) => top.bids.some(([tp, tq]) => tp === p && tq === q)) ? r : undefined;
    }, 'the followed book to equal the engine top 10');
    expect(state.gaps).toBe(0);
    expect(state.deltas).toBeGreaterThanOrEqual(8);
  });

  it('the gap switch skips one delta: the next pu does not match', async () => {
    const s = await open('market');
    s.send({ id: 2, method: 'subscribe', params: { channels: ['book.BTC_USDT.50'], book_subscription_type: 'SNAPSHOT_AND_UPDATE', book_update_frequency: 100 } });
    await s.next(isResult('book'), 'the snapshot');
    expect(sim.fault({ kind: 'gap-book', symbol: 'BTCUSDT' })).toMatch(/BTC_USDT/);
    moveBook();
    await waitFor(() => sim.faults.pendingBookUpdateFaults('BTC_USDT') === 0, 'the skipped delta');
    const seen = s.frames.length;
    moveBook();
    await s.next(isResult('book.update'), 'the delta after the skip', seen);
    expect(follow(s.frames, 'book.BTC_USDT.50').gaps).toBe(1);
  });

  it('a quiet book sends an empty delta with u == pu', async () => {
    sim.quirks.quietDeltaMs = 50;
    const s = await open('market');
    s.send({ id: 3, method: 'subscribe', params: { channels: ['book.ETH_USDT.10'], book_subscription_type: 'SNAPSHOT_AND_UPDATE' } });
    await s.next(isResult('book.update'), 'the quiet delta');
    expect(follow(s.frames, 'book.ETH_USDT.10')).toMatchObject({ empty: 1, gaps: 0 });
  });

  it('SNAPSHOT mode (the default) sends full snapshots without pu', async () => {
    sim.quirks.snapshotIntervalMs = 20;
    const s = await open('market');
    s.send({ id: 4, method: 'subscribe', params: { channels: ['book.BTC_USDT.150'] } });
    await waitFor(() => s.frames.filter(isResult('book')).length >= 2, 'two snapshots');
    expect(s.frames.some(isResult('book.update'))).toBe(false);
    const d = (resultOf(s.frames.find(isResult('book'))!).data as Array<Record<string, unknown>>)[0]!;
    expect(d.pu).toBeUndefined();
  });

  it('refuses bad channels with 40003 and the P1 messages, one reply per channel', async () => {
    const s = await open('market');
    s.send({ id: 5, method: 'subscribe', params: { channels: ['book.NOPE_USDT.50', 'book.BTC_USDT.20', 'book.BTC_USDT.150', 'nope.BTC_USDT'], book_subscription_type: 'SNAPSHOT_AND_UPDATE' } });
    await waitFor(() => s.frames.filter((f) => f.id === 5).length === 4, 'four replies');
    expect(s.frames.filter((f) => f.id === 5).map((f) => [f.code, f.channel, f.message])).toEqual([
      [40003, 'book.NOPE_USDT.50', 'Unknown symbol'],
      [40003, 'book.BTC_USDT.20', 'Invalid depth'],
      [40003, 'book.BTC_USDT.150', 'Unsupported depth/interval combination'],
      [40003, 'nope.BTC_USDT', 'Unrecognized channel'],
    ]);
  });

  it('caps channels per socket: each one past the cap gets 40107', async () => {
    sim.quirks.maxChannelsPerSocket = 3;
    const s = await open('market');
    s.send({ id: 6, method: 'subscribe', params: { channels: ['ticker.BTC_USDT', 'ticker.ETH_USDT', 'ticker.CRO_USDT', 'ticker.BTC_USD', 'ticker.ETH_BTC'] } });
    await waitFor(() => s.frames.filter((f) => f.id === 6).length === 5, 'five answers');
    const refused = s.frames.filter((f) => f.code === 40107);
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatchObject({ id: 6, method: 'subscribe', message: 'Maximum subscriptions exceeded' });
  });
});

describe('market socket: ticker, trade, candlestick (§7.5, §9 item 15)', () => {
  it('first frames carry the request id: ticker, the last 50 trades (uppercase side), 300 candles with ut', async () => {
    const s = await open('market');
    s.send({ id: 7, method: 'subscribe', params: { channels: ['ticker.BTC_USDT', 'trade.BTC_USDT', 'candlestick.1m.BTC_USDT'] } });
    const ticker = await s.next(isResult('ticker'), 'the ticker');
    expect(ticker.id).toBe(7);
    const top = sim.engine.bookWithCounts('BTC_USDT', 1).bids[0]!;
    expect((resultOf(ticker).data as Array<Record<string, unknown>>)[0]).toMatchObject({ i: 'BTC_USDT', b: top[0], bs: top[1] });
    const trades = await s.next(isResult('trade'), 'the trades');
    expect(trades.id).toBe(7);
    const rows = resultOf(trades).data as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(50);
    expect(rows.every((r) => r.s === 'BUY' || r.s === 'SELL')).toBe(true);
    const candles = await s.next(isResult('candlestick'), 'the candles');
    expect(candles.id).toBe(7);
    expect(resultOf(candles)).toMatchObject({ interval: '1m', subscription: 'candlestick.1m.BTC_USDT' });
    const c = resultOf(candles).data as Array<Record<string, unknown>>;
    expect(c.length).toBeGreaterThan(0);
    expect(typeof c[0]!.ut).toBe('number');
    const seen = s.frames.length;
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'sell', type: 'market', quantity: '0.002' });
    const push = await s.next(isResult('trade'), 'the trade push', seen);
    expect(push.id).toBe(-1);
    expect((resultOf(push).data as Array<Record<string, unknown>>)[0]).toMatchObject({ s: 'SELL', q: '0.002' });
  });
});

describe('heartbeats, budgets, bad frames (§7.1–§7.3, §8.17)', () => {
  it('closes with 1000 when two heartbeats in a row go unanswered; an answering socket stays', async () => {
    sim.quirks.heartbeatIntervalMs = 60;
    const silent = await open('market');
    const polite = await open('user');
    polite.ws.on('message', (raw) => {
      const f = JSON.parse(raw.toString()) as Record<string, unknown>;
      if (f.method === 'public/heartbeat') polite.send({ id: f.id, method: 'public/respond-heartbeat' });
    });
    const hb = await silent.next((f) => f.method === 'public/heartbeat', 'a heartbeat');
    expect(hb).toMatchObject({ method: 'public/heartbeat', code: 0 });
    expect(Math.abs((hb.id as number) - Date.now())).toBeLessThan(5000);
    await waitFor(() => silent.closeCode !== undefined, 'the silent socket to close');
    expect(silent.closeCode).toBe(1000);
    expect(silent.frames.filter((f) => f.method === 'public/heartbeat')).toHaveLength(2);
    await waitFor(() => polite.frames.filter((f) => f.method === 'public/heartbeat').length >= 4, 'four heartbeats');
    expect(polite.closeCode).toBeUndefined();
  });

  it('answers 42901 past 100 requests a second on the market socket', async () => {
    sim.quirks.rateLimitsEnabled = true;
    const s = await open('market');
    for (let i = 0; i < 250; i++) s.send({ id: 1000 + i, method: 'unsubscribe', params: { channels: ['ticker.BTC_USDT'] } });
    await waitFor(() => s.frames.filter((f) => typeof f.id === 'number' && (f.id as number) >= 1000).length === 250, 'every answer');
    // However the burst straddles a second, at most 200 fit: 50 or more are refused.
    expect(s.frames.filter((f) => f.code === 42901).length).toBeGreaterThanOrEqual(50);
  });

  it('ignores text that is not JSON and keeps the socket open', async () => {
    const s = await open('market');
    s.send('not json');
    s.send({ id: 9, method: 'unsubscribe', params: { channels: [] } });
    await s.next((f) => f.id === 9, 'the reply after the junk');
    expect(s.frames).toHaveLength(1);
    expect(s.closeCode).toBeUndefined();
  });
});

describe('user socket (§7.4, §9 item 16)', () => {
  const auth = (s: Sock, creds: Creds, id = 1) => {
    const nonce = Date.now();
    s.send({ id, method: 'public/auth', api_key: creds.apiKey, sig: sign('public/auth', id, creds.apiKey, undefined, nonce, creds.apiSecret), nonce });
  };

  it('refuses a bad signature and private calls before auth with 40101', async () => {
    const s = await open('user');
    s.send({ id: 2, method: 'subscribe', params: { channels: ['user.order'] } });
    expect(await s.next((f) => f.id === 2, 'the refusal')).toMatchObject({ code: 40101 });
    auth(s, { ...me, apiSecret: 'wrong' }, 3);
    expect(await s.next((f) => f.id === 3, 'the auth failure')).toMatchObject({ method: 'public/auth', code: 40101 });
    expect(s.closeCode).toBeUndefined();
  });

  it('after auth: snapshots on subscribe, order entry over WS, pushes for every change and fill', async () => {
    const s = await open('user');
    auth(s, me);
    expect(await s.next((f) => f.id === 1, 'auth')).toEqual({ id: 1, method: 'public/auth', code: 0 });
    s.send({ id: 2, method: 'subscribe', params: { channels: ['user.order.BTC_USDT', 'user.trade', 'user.balance'] } });
    const orders = await s.next(isResult('user.order'), 'the open orders');
    expect([orders.id, resultOf(orders).subscription]).toEqual([2, 'user.order.BTC_USDT']);
    const balance = await s.next(isResult('user.balance'), 'the balance');
    expect(((resultOf(balance).data as Array<Record<string, unknown>>)[0]!.position_balances as unknown[]).length).toBe(2);
    const seen = s.frames.length;
    s.send({ id: 3, method: 'private/create-order', params: { instrument_name: 'BTC_USDT', side: 'BUY', type: 'LIMIT', price: '49996', quantity: '0.01', client_oid: 'ws-1' }, nonce: Date.now() });
    const reply = await s.next((f) => f.id === 3, 'the create reply', seen);
    expect(reply).toMatchObject({ method: 'private/create-order', code: 0, result: { client_oid: 'ws-1' } });
    const active = await s.next((f) => isResult('user.order')(f) && f.id === -1, 'the ACTIVE push', seen);
    expect((resultOf(active).data as Array<Record<string, unknown>>)[0]).toMatchObject({ status: 'ACTIVE', client_oid: 'ws-1' });
    await s.next((f) => isResult('user.balance')(f) && f.id === -1, 'the balance push', seen);
    const beforeFill = s.frames.length;
    sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'sell', type: 'market', quantity: '0.01' });
    const trade = await s.next(isResult('user.trade'), 'the fill', beforeFill);
    expect((resultOf(trade).data as Array<Record<string, unknown>>)[0]).toMatchObject({ client_oid: 'ws-1', taker_side: 'MAKER', traded_price: '49996' });
    const filled = await s.next((f) => isResult('user.order')(f) && (resultOf(f).data as Array<Record<string, unknown>>)[0]!.status === 'FILLED', 'FILLED', beforeFill);
    expect(filled.id).toBe(-1);
    s.send({ id: 4, method: 'private/get-open-orders', params: {} });
    expect(await s.next((f) => f.id === 4, 'REST-only refusal')).toMatchObject({ code: 40003, message: 'No such method' });
  });

  it('set-cancel-on-disconnect cancels the open orders when the socket drops', async () => {
    const s = await open('user');
    auth(s, me);
    await s.next((f) => f.id === 1, 'auth');
    s.send({ id: 2, method: 'private/set-cancel-on-disconnect', params: { scope: 'CONNECTION' } });
    expect(await s.next((f) => f.id === 2, 'the switch')).toMatchObject({ code: 0, result: { scope: 'CONNECTION' } });
    s.send({ id: 3, method: 'private/create-order', params: { instrument_name: 'BTC_USDT', side: 'BUY', type: 'LIMIT', price: '49000', quantity: '0.01', client_oid: 'cod-1' } });
    await s.next((f) => f.id === 3, 'the order');
    const accountId = sim.accountIdOf(me.apiKey)!;
    expect(sim.engine.openOrders(accountId)).toHaveLength(1);
    s.close();
    await waitFor(() => sim.engine.openOrders(accountId).length === 0, 'the cancel on disconnect');
  });
});
