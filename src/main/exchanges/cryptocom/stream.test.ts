import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ok, type BookLevel, type BookSnapshot, type Candle, type Result, type StreamState, type Ticker, type Trade } from '../../../shared';
import { FakeClock } from '../../../../tests/support/fake-clock';
import { waitFor } from '../../../../tests/support/wait';
import { gzipBomb } from '../../../../tests/support/gzip-bomb';
import type { StreamSocket } from '../kit/socket';
import { CryptocomStream } from './stream';
import type { FetchDepth } from './quiet-books';

/** A socket the test drives: open, frames in, state changes; it records what the stream sends. */
class FakeSocket {
  sent: string[] = [];
  state: StreamState = 'closed';
  since = 0;
  detail: string | undefined;
  connects = 0;
  closed = false;
  private opens = new Set<() => void>();
  private messages = new Set<(d: Buffer | string, b: boolean) => void>();
  private states = new Set<(s: StreamState, d: string | undefined) => void>();
  onOpen(l: () => void) {
    this.opens.add(l);
    return () => this.opens.delete(l);
  }
  onMessage(l: (d: Buffer | string, b: boolean) => void) {
    this.messages.add(l);
    return () => this.messages.delete(l);
  }
  onState(l: (s: StreamState, d: string | undefined) => void) {
    this.states.add(l);
    return () => this.states.delete(l);
  }
  connect() {
    this.connects++;
    this.setState('connecting');
  }
  send(text: string) {
    if (this.state !== 'connected' && this.state !== 'stale') return false;
    this.sent.push(text);
    return true;
  }
  async close() {
    this.closed = true;
    this.setState('closed');
  }
  open() {
    this.setState('connected');
    for (const l of this.opens) l();
  }
  setState(s: StreamState) {
    this.state = s;
    for (const l of this.states) l(s, undefined);
  }
  /** A server frame: gzip in a binary frame (§6.1). */
  push(value: unknown) {
    for (const l of this.messages) l(gzipSync(Buffer.from(JSON.stringify(value))), true);
  }
  raw(data: Buffer, binary = true) {
    for (const l of this.messages) l(data, binary);
  }
  frames() {
    return this.sent.map((t) => JSON.parse(t) as { event?: string; params?: { channel: string }; pong?: unknown });
  }
}

function setup(log?: (line: string) => void, recentTrades?: (native: string) => Promise<Result<Trade[]>>, fetchDepth?: FetchDepth) {
  const clock = new FakeClock();
  const sockets: FakeSocket[] = [];
  const stream = new CryptocomStream({
    url: 'ws://127.0.0.1:1/kline-api/ws',
    clock,
    ...(log ? { log } : {}),
    ...(recentTrades ? { recentTrades } : {}),
    ...(fetchDepth ? { fetchDepth } : {}),
    tuning: { lingerMs: 1000 },
    socket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s as unknown as StreamSocket;
    },
  });
  return { clock, stream, sockets, socket: () => sockets.at(-1)! };
}

const depth = (asks: [number, number][], buys: [number, number][], ts = 5) => ({ event_rep: '', channel: 'market_btcusdt_depth_step0', data: null, tick: { asks, buys }, ts, status: 'ok' });

describe('CryptocomStream (§6)', () => {
  it('subscribes once per channel, resubscribes everything after a reconnect, unsubscribes the last listener', () => {
    const { stream, socket } = setup();
    const offA = stream.watchBook('btcusdt', () => {});
    const offB = stream.watchBook('btcusdt', () => {});
    stream.watchTicker('btcusdt', () => {});
    socket().open();
    expect(socket().frames().map((f) => [f.event, f.params?.channel])).toEqual([
      ['sub', 'market_btcusdt_depth_step0'],
      ['sub', 'market_btcusdt_ticker'],
    ]);
    socket().setState('reconnecting');
    socket().open();
    expect(socket().frames()).toHaveLength(4);
    offA();
    expect(socket().frames()).toHaveLength(4);
    offB();
    expect(socket().frames().at(-1)).toMatchObject({ event: 'unsub', params: { channel: 'market_btcusdt_depth_step0' } });
  });

  it('drops a 1 MiB gzip frame that inflates to 1 GiB (typed error, logged once per stream) and reads the next frame', () => {
    const logs: string[] = [];
    const { stream, socket } = setup((line) => logs.push(line));
    const books: BookSnapshot[] = [];
    stream.watchBook('btcusdt', (b) => books.push(b));
    socket().open();
    const bomb = gzipBomb(1 << 30);
    expect(bomb.length).toBeLessThan(1.1 * (1 << 20));
    socket().raw(bomb);
    socket().raw(bomb);
    expect(stream.dropped).toBe(2);
    expect(logs.filter((l) => l.includes('decompression-limit'))).toHaveLength(1);
    socket().push(depth([[101, 1]], [[100, 1]]));
    expect(books.at(-1)).toMatchObject({ asks: [['101', '1']], bids: [['100', '1']], stale: false });
  });

  it('answers every server ping with a pong of the same value and never pings itself', () => {
    const { stream, socket } = setup();
    stream.watchTicker('btcusdt', () => {});
    socket().open();
    socket().push({ ping: 1790133532 });
    socket().push({ ping: 1700000000123 });
    const pongs = socket().frames().filter((f) => 'pong' in f);
    expect(pongs).toEqual([{ pong: 1790133532 }, { pong: 1700000000123 }]);
    expect(socket().frames().some((f) => 'ping' in f)).toBe(false);
  });

  it('each depth snapshot replaces the book; incremental frames change single levels; a cut gzip frame shows the book stale until the next push', () => {
    const { stream, socket } = setup();
    const books: BookSnapshot[] = [];
    stream.watchBook('btcusdt', (b) => books.push(b));
    socket().open();
    socket().push(depth([[101, 1], [102, 2]], [[100, 1], [99, 3]]));
    socket().push(depth([[103, 1]], [[98, 1]]));
    expect(books.at(-1)).toMatchObject({ symbol: 'BTCUSDT', asks: [['103', '1']], bids: [['98', '1']], stale: false });
    socket().push({ channel: 'market_btcusdt_depth_step0', ts: 6, tick: { side: 'buys', price: 97.5, volume: 2 } });
    socket().push({ channel: 'market_btcusdt_depth_step0', ts: 7, tick: { side: 'buys', price: 98, volume: 0 } });
    expect(books.at(-1)!.bids).toEqual([['97.5', '2']]);
    const n = books.length;
    const whole = gzipSync(Buffer.from(JSON.stringify(depth([[1, 1]], [[0.5, 1]]))));
    socket().raw(whole.subarray(0, whole.length - 10));
    // Issue 20: it cannot say which channel it was for, and may have been this book's last push.
    expect(books).toHaveLength(n + 1);
    expect(books.at(-1)).toMatchObject({ stale: true, bids: [['97.5', '2']] });
    expect(stream.dropped).toBe(1);
    socket().push(depth([[104, 1]], [[99, 1]], 8));
    expect(books.at(-1)).toMatchObject({ asks: [['104', '1']], stale: false });
  });

  it('drops the empty ts:0 reply to an unserved step and ignores the non-gzip echo of an unknown event', () => {
    const { stream, socket } = setup();
    const books: BookSnapshot[] = [];
    stream.watchBook('btcusdt', (b) => books.push(b));
    socket().open();
    socket().push(depth([[101, 1]], [[100, 1]]));
    socket().push({ event_rep: '', channel: 'market_btcusdt_depth_step0', data: null, tick: { asks: [], buys: [] }, ts: 0, status: 'ok' });
    socket().raw(Buffer.from('{"event":"nope","params":{"channel":"market_btcusdt_ticker"}}'));
    expect(books).toHaveLength(1);
    expect(stream.dropped).toBe(0);
  });

  it('marks books stale when the socket goes stale or drops, until the next snapshot', () => {
    const { stream, socket } = setup();
    const books: BookSnapshot[] = [];
    stream.watchBook('btcusdt', (b) => books.push(b));
    socket().open();
    socket().push(depth([[101, 1]], [[100, 1]]));
    socket().setState('stale');
    expect(books.at(-1)).toMatchObject({ stale: true, asks: [['101', '1']] });
    socket().setState('reconnecting');
    expect(books.at(-1)!.stale).toBe(true);
    socket().open();
    socket().push(depth([[105, 1]], [[100, 1]]));
    expect(books.at(-1)).toMatchObject({ stale: false, asks: [['105', '1']] });
  });

  it('ignores a whole depth push older (by ts) than the one already applied (issue 20)', () => {
    const { stream, socket } = setup();
    const books: BookSnapshot[] = [];
    stream.watchBook('btcusdt', (b) => books.push(b));
    socket().open();
    socket().push(depth([[101, 1]], [[100, 1]], 1_000));
    socket().push(depth([[103, 1]], [[100, 1]], 3_000));
    socket().push(depth([[102, 1]], [[100, 1]], 2_000)); // arrived late
    expect(books.at(-1)).toMatchObject({ asks: [['103', '1']], stale: false });
    expect(stream.lateSnapshots).toBe(1);
    socket().push(depth([[104, 1]], [[100, 1]], 3_000)); // same ts: applied
    expect(books.at(-1)!.asks).toEqual([['104', '1']]);
  });

  it('checks a quiet book against GET /v1/depth, marks it stale and resubscribes on a mismatch (issue 20)', async () => {
    const rest: { bids: BookLevel[]; asks: BookLevel[] } = { asks: [['101', '1']], bids: [['100', '1']] };
    const asked: string[] = [];
    const fetch: FetchDepth = async (native, step) => {
      asked.push(`${native}/${step}`);
      return ok({ exchange: 'cryptocom', symbol: 'BTCUSDT', ...rest, stale: false, time: 0 });
    };
    const logs: string[] = [];
    const { stream, socket, clock } = setup((l) => logs.push(l), undefined, fetch);
    const books: BookSnapshot[] = [];
    stream.watchBook('btcusdt', (b) => books.push(b));
    socket().open();
    socket().push(depth([[101, 1]], [[100, 1]], 1_000));
    socket().sent.length = 0;
    await clock.advanceAsync(1_500);
    expect(asked).toEqual([]);
    await clock.advanceAsync(500);
    expect(asked).toEqual(['btcusdt/0']);
    expect(stream.quietMismatches).toBe(0);
    // The exchange's book moved, and the push that said so was lost.
    rest.asks = [['101', '0.4']];
    await clock.advanceAsync(2_000);
    expect(asked).toHaveLength(2);
    expect(stream.quietMismatches).toBe(1);
    expect(books.at(-1)).toMatchObject({ stale: true });
    expect(socket().frames().map((f) => [f.event, f.params?.channel])).toEqual([
      ['unsub', 'market_btcusdt_depth_step0'],
      ['sub', 'market_btcusdt_depth_step0'],
    ]);
    expect(logs.some((l) => l.includes('differed from GET /v1/depth'))).toBe(true);
    socket().push(depth([[101, 0.4]], [[100, 1]], 9_000));
    expect(books.at(-1)).toMatchObject({ stale: false, asks: [['101', '0.4']] });
  });

  it('a quiet book is checked every 2 s while it stays quiet; a push starts the count over', async () => {
    const asked: number[] = [];
    const { stream, socket, clock } = setup(undefined, undefined, async () => {
      asked.push(clock.now());
      return ok({ exchange: 'cryptocom', symbol: 'BTCUSDT', asks: [['101.0', '1']], bids: [['100', '1.00']], stale: false, time: 0 });
    });
    stream.watchBook('btcusdt', () => {});
    socket().open();
    socket().push(depth([[101, 1]], [[100, 1]], 1_000));
    const t0 = clock.now();
    await clock.advanceAsync(31_000);
    expect(asked.map((t) => t - t0)).toEqual(Array.from({ length: 15 }, (_, i) => 2_000 * (i + 1)));
    expect(stream.quietMismatches).toBe(0);
    socket().push(depth([[101, 1]], [[100, 1]], 2_000));
    asked.length = 0;
    await clock.advanceAsync(2_000);
    expect(asked).toHaveLength(1);
  });

  it('trade pushes are deduplicated by id and come oldest first', () => {
    const { stream, socket } = setup();
    const batches: Trade[][] = [];
    stream.watchTrades('btcusdt', (t) => batches.push(t));
    socket().open();
    const item = (id: number, ts: number) => ({ id, side: 'buy', price: '1', vol: '2', amount: '2', ts, ds: 'x' });
    socket().push({ channel: 'market_btcusdt_trade_ticker', ts: 1, tick: { id: 2, ts: 1, data: [item(2, 20), item(1, 10)] } });
    socket().push({ channel: 'market_btcusdt_trade_ticker', ts: 2, tick: { id: 3, ts: 2, data: [item(3, 30), item(2, 20)] } });
    socket().push({ channel: 'market_btcusdt_trade_ticker', ts: 3, tick: { id: 3, ts: 3, data: [item(3, 30)] } });
    expect(batches.map((b) => b.map((t) => t.id))).toEqual([['1', '2'], ['3']]);
  });

  it('the tape is seeded from REST on open and back-filled after a reconnect, each trade once, oldest first', async () => {
    const trade = (id: number, time: number): Trade => ({ exchange: 'cryptocom', id: String(id), symbol: 'BTC/USDT', price: '1', quantity: '2', side: 'buy', time });
    // What /v1/trades answers at each call (newest first, as V1 does).
    const answers = [[trade(2, 20), trade(1, 10)], [trade(6, 60), trade(5, 50), trade(4, 40), trade(3, 30), trade(2, 20)]];
    const asked: string[] = [];
    const { stream, socket } = setup(undefined, async (native) => {
      asked.push(native);
      return ok(answers.shift() ?? []);
    });
    const batches: Trade[][] = [];
    stream.watchTrades('btcusdt', (t) => batches.push(t));
    socket().open();
    await waitFor(() => batches.length === 1, 'the seed');
    const item = (id: number, ts: number) => ({ id, side: 'buy', price: '1', vol: '2', amount: '2', ts, ds: 'x' });
    socket().push({ channel: 'market_btcusdt_trade_ticker', ts: 3, tick: { id: 3, ts: 3, data: [item(3, 30), item(2, 20)] } });
    // The socket drops; trades 4 and 5 happen meanwhile; 6 arrives live before the REST answer.
    socket().setState('reconnecting');
    socket().open();
    socket().push({ channel: 'market_btcusdt_trade_ticker', ts: 6, tick: { id: 6, ts: 6, data: [item(6, 60)] } });
    await waitFor(() => batches.length === 4, 'the back-fill');
    expect(asked).toEqual(['btcusdt', 'btcusdt']);
    expect(batches.map((b) => b.map((t) => t.id))).toEqual([['1', '2'], ['3'], ['6'], ['4', '5']]);
  });

  it('kline pushes update the current candle once per change; 4h and 1h share the 60min channel', () => {
    const { stream, socket } = setup();
    const hours: Candle[] = [];
    const fours: Candle[] = [];
    stream.watchCandles('btcusdt', '1h', (c) => hours.push(c));
    stream.watchCandles('btcusdt', '4h', (c) => fours.push(c));
    socket().open();
    expect(socket().frames().filter((f) => f.event === 'sub')).toHaveLength(1);
    const k = (id: number, close: number) => ({ channel: 'market_btcusdt_kline_60min', ts: 1, tick: { id, open: 1, high: Math.max(1, close), low: 1, close, vol: 1, amount: 1 } });
    socket().push(k(14400, 2));
    socket().push(k(14400, 2));
    socket().push(k(18000, 3));
    expect(hours.map((c) => [c.time, c.close])).toEqual([[14400, 2], [18000, 3]]);
    expect(fours.map((c) => [c.time, c.close, c.volume])).toEqual([[14400, 2, 1], [14400, 3, 2]]);
  });

  it('tickers route by channel; review answers every market', async () => {
    const { stream, socket, clock } = setup();
    const tickers: Ticker[] = [];
    stream.watchTicker('btcusdt', (t) => tickers.push(t));
    socket().open();
    socket().push({ channel: 'market_btcusdt_ticker', ts: 9, tick: { amount: '1', vol: '2', open: '10', close: '11', high: '12', low: '9', rose: '0.1' } });
    socket().push({ channel: 'market_ethusdt_ticker', ts: 9, tick: { amount: '1', vol: '2', open: '10', close: '11', high: '12', low: '9', rose: '0.1' } });
    expect(tickers.map((t) => [t.symbol, t.last])).toEqual([['BTCUSDT', '11']]);
    const reply = stream.review(1000);
    await clock.advanceAsync(1);
    expect(socket().frames().at(-1)).toEqual({ event: 'req', params: { channel: 'review', cb_id: 'review' } });
    socket().push({ event_rep: 'rep', channel: 'review', ts: 10, data: { btcusdt: { amount: '1', close: '5', high: '6', low: '4', open: '5', rose: '0', vol: '1' } } });
    expect(await reply).toMatchObject({ ok: true, value: [{ symbol: 'BTCUSDT', last: '5' }] });
  });

  it('after close() no subscription opens a socket again', async () => {
    const { stream, sockets } = setup();
    stream.watchTicker('btcusdt', () => {});
    await stream.close();
    stream.watchBook('btcusdt', () => {});
    expect(sockets).toHaveLength(1);
    expect(await stream.review(10)).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
  });

  it('closes the socket after the last subscription lingers out, and opens a new one on next use', async () => {
    const { stream, sockets, socket, clock } = setup();
    const off = stream.watchTicker('btcusdt', () => {});
    socket().open();
    off();
    await clock.advanceAsync(999);
    expect(sockets[0]!.closed).toBe(false);
    await clock.advanceAsync(2);
    expect(sockets[0]!.closed).toBe(true);
    stream.watchTicker('btcusdt', () => {});
    expect(sockets).toHaveLength(2);
  });
});
