import { describe, expect, it } from 'vitest';
import type { Balance, BookSnapshot, Fill } from '../../../shared';
import { FakeClock } from '../../../../tests/support/fake-clock';
import { fakeSocketFactory } from '../../../../tests/support/fake-socket';
import { signingKey } from '../../secrets';
import { CdxUserStream } from './account-stream';
import type { WireOrder } from './map-account';
import { symbolOfNative } from './map-market';
import { signature } from './sign';
import { CdxMarketStream } from './stream';

const push = (subscription: string, channel: string, data: unknown[]) => JSON.stringify({ id: -1, method: 'subscribe', code: 0, result: { instrument_name: 'BTC_USDT', subscription, channel, data } });
const snap = (u: number, bids: string[][], asks: string[][]) => push('book.BTC_USDT.50', 'book', [{ bids, asks, t: u, tt: u, u, cs: 1 }]);
const delta = (u: number, pu: number, bids: string[][], asks: string[][] = []) => push('book.BTC_USDT.50', 'book.update', [{ update: { bids, asks }, t: u, tt: u, u, pu, cs: 1 }]);
const parsed = (frames: string[]) => frames.map((f) => JSON.parse(f) as { id: number; method: string; params?: { channels: string[]; book_subscription_type?: string; book_update_frequency?: number } });

function market() {
  const clock = new FakeClock();
  const { factory, sockets } = fakeSocketFactory();
  const stream = new CdxMarketStream({ url: 'ws://x/market', sockets: factory, clock });
  return { clock, stream, sockets };
}

describe('Crypto.com Exchange market socket (§7.1-§7.3, §7.5)', () => {
  it('waits 1 s after open, then subscribes the book with SNAPSHOT_AND_UPDATE in a frame of its own', () => {
    const { clock, stream, sockets } = market();
    stream.watchBook('BTC_USDT', 'BTCUSDT', () => undefined);
    stream.watchTicker('BTC_USDT', 'BTCUSDT', () => undefined);
    const s = sockets[0]!;
    s.open();
    clock.advance(999);
    expect(s.take()).toEqual([]);
    clock.advance(1);
    const frames = parsed(s.take());
    expect(frames.map((f) => [f.method, f.params?.channels, f.params?.book_subscription_type, f.params?.book_update_frequency])).toEqual([
      ['subscribe', ['book.BTC_USDT.50'], 'SNAPSHOT_AND_UPDATE', 100],
      ['subscribe', ['ticker.BTC_USDT'], undefined, undefined],
    ]);
  });

  it('answers every heartbeat with public/respond-heartbeat and the same id', () => {
    const { stream, sockets } = market();
    stream.watchTicker('BTC_USDT', 'BTCUSDT', () => undefined);
    sockets[0]!.open();
    sockets[0]!.receive('{"id":1790114291578,"method":"public/heartbeat","code":0}');
    expect(sockets[0]!.take()).toEqual(['{"id":1790114291578,"method":"public/respond-heartbeat"}']);
  });

  it('applies deltas whose pu is the previous u; a gap marks the book stale and subscribes again for a snapshot', () => {
    const { clock, stream, sockets } = market();
    const books: BookSnapshot[] = [];
    stream.watchBook('BTC_USDT', 'BTCUSDT', (b) => books.push(b));
    const s = sockets[0]!;
    s.open();
    clock.advance(1000);
    s.take();
    s.receive(snap(100, [['10.0', '1', '1'], ['9.5', '2', '1']], [['10.5', '3', '1']]));
    s.receive(delta(130, 100, [['10.0', '0', '0'], ['9.9', '4', '1']]));
    // The quiet-book heartbeat delta: empty, u == pu, still obeys the rule.
    s.receive(delta(130, 130, []));
    expect(books.at(-1)).toMatchObject({ bids: [['9.9', '4'], ['9.5', '2']], asks: [['10.5', '3']], stale: false });
    s.receive(delta(200, 150, [['9.8', '1', '1']]));
    expect(books.at(-1)).toMatchObject({ stale: true, bids: [['9.9', '4'], ['9.5', '2']] });
    expect(parsed(s.take()).map((f) => [f.method, f.params?.channels])).toEqual([
      ['unsubscribe', ['book.BTC_USDT.50']],
      ['subscribe', ['book.BTC_USDT.50']],
    ]);
    // A delta before the fresh snapshot is a gap too; the snapshot brings the book back.
    s.receive(delta(210, 200, [['1', '1', '1']]));
    expect(books.at(-1)!.stale).toBe(true);
    s.take();
    s.receive(snap(300, [['9.7', '1', '1']], []));
    expect(books.at(-1)).toMatchObject({ bids: [['9.7', '1']], stale: false });
  });

  it('reconnect: books go stale on the drop, and everything is subscribed again 1 s after the new open', () => {
    const { clock, stream, sockets } = market();
    const books: BookSnapshot[] = [];
    stream.watchBook('BTC_USDT', 'BTCUSDT', (b) => books.push(b));
    stream.watchTrades('BTC_USDT', 'BTCUSDT', () => undefined);
    const s = sockets[0]!;
    s.open();
    clock.advance(1000);
    s.receive(snap(1, [['1', '1', '1']], []));
    s.take();
    s.drop();
    expect(books.at(-1)!.stale).toBe(true);
    s.open();
    clock.advance(1000);
    expect(parsed(s.take()).flatMap((f) => f.params?.channels ?? [])).toEqual(['book.BTC_USDT.50', 'trade.BTC_USDT']);
  });

  it('ticker, trade (uppercase side) and candlestick pushes reach their listeners', () => {
    const { clock, stream, sockets } = market();
    const seen: unknown[] = [];
    stream.watchTicker('BTC_USDT', 'BTCUSDT', (t) => seen.push(['ticker', t.last, t.bid]));
    stream.watchTrades('BTC_USDT', 'BTCUSDT', (t) => seen.push(['trades', t.map((x) => `${x.side} ${x.price}`)]));
    stream.watchCandles('BTC_USDT', '1m', (c) => seen.push(['candle', c.time, c.close]));
    const s = sockets[0]!;
    s.open();
    clock.advance(1000);
    s.receive(push('ticker.BTC_USDT', 'ticker', [{ i: 'BTC_USDT', h: '2', l: '1', a: '1.5', v: '9', c: '0.01', b: '1.4', k: '1.6', bs: '1', ks: '1', t: 5 }]));
    s.receive(push('trade.BTC_USDT', 'trade', [{ d: '1786916827322664687', t: 1786916827322, p: '62935.27', q: '0.00432', s: 'BUY', i: 'BTC_USDT', m: '4611686018688356954' }]));
    s.receive(push('candlestick.1m.BTC_USDT', 'candlestick', [{ o: '1', h: '2', l: '1', c: '1.5', v: '3', t: 60_000, ut: 61_000 }]));
    expect(seen).toEqual([['ticker', '1.5', '1.4'], ['trades', ['buy 62935.27']], ['candle', 60, 1.5]]);
  });

  it('keeps to 400 channels on one socket: the 401st watch is refused and said in the status', () => {
    const { stream } = market();
    for (let i = 0; i < 400; i++) stream.watchTicker(`C${i}_USDT`, `C${i}USDT`, () => undefined);
    stream.watchTicker('LAST_USDT', 'LASTUSDT', () => undefined);
    expect(stream.channels).toBe(400);
    expect(stream.detail).toMatch(/400-channel cap .* ticker\.LAST_USDT not subscribed/);
  });

  it('a watcher that joins or leaves during a push changes who gets the next push, not this one', () => {
    const { clock, stream, sockets } = market();
    const s = sockets[0]!;
    const seen: string[] = [];
    let joined = false;
    stream.watchBook('BTC_USDT', 'BTCUSDT', (b) => {
      seen.push(`b ${b.bids[0]?.[1]}`);
      if (joined) return;
      joined = true;
      stream.watchBook('BTC_USDT', 'BTCUSDT', (c) => seen.push(`c ${c.bids[0]?.[1]}`));
    });
    let stopA = (): void => undefined;
    stopA = stream.watchBook('BTC_USDT', 'BTCUSDT', (a) => {
      seen.push(`a ${a.bids[0]?.[1]}`);
      stopA();
    });
    s.open();
    clock.advance(1000);
    s.receive(snap(100, [['10.0', '1', '1']], []));
    s.receive(delta(101, 100, [['10.0', '2', '1']]));
    expect(seen).toEqual(['b 1', 'a 1', 'b 2', 'c 2']);
  });

  it('unsubscribes a channel when its last listener leaves', () => {
    const { clock, stream, sockets } = market();
    const a = stream.watchTicker('BTC_USDT', 'BTCUSDT', () => undefined);
    const b = stream.watchTicker('BTC_USDT', 'BTCUSDT', () => undefined);
    sockets[0]!.open();
    clock.advance(1000);
    sockets[0]!.take();
    a();
    expect(sockets[0]!.take()).toEqual([]);
    b();
    expect(parsed(sockets[0]!.take()).map((f) => [f.method, f.params?.channels])).toEqual([['unsubscribe', ['ticker.BTC_USDT']]]);
  });
});

describe('Crypto.com Exchange user socket (§7.4, §7.5)', () => {
  const key = signingKey({ apiKey: 'demoKey123', apiSecret: 'demoSecret456' });

  function user() {
    const clock = new FakeClock(1_700_000_000_000);
    const { factory, sockets } = fakeSocketFactory();
    const got = { orders: [] as WireOrder[], fills: [] as Fill[], balances: [] as Balance[][] };
    const stream = new CdxUserStream({
      url: 'ws://x/user',
      sockets: factory,
      clock,
      credentials: async () => key,
      accountId: 'a1',
      symbolOf: symbolOfNative,
      onOrder: (o) => got.orders.push(o),
      onFill: (f) => got.fills.push(f),
      onBalances: (b) => got.balances.push(b),
      authRetryMs: 30_000,
    });
    stream.start();
    return { clock, stream, sockets, got };
  }
  const flush = () => new Promise((r) => setImmediate(r));

  it('logs in 1 s after open with a signed public/auth, then subscribes the user channels; again after a reconnect', async () => {
    const { clock, stream, sockets } = user();
    const s = sockets[0]!;
    for (let round = 0; round < 2; round++) {
      s.open();
      clock.advance(1000);
      await flush();
      const [auth] = parsed(s.take()) as unknown as { id: number; method: string; api_key: string; sig: string; nonce: number }[];
      expect(auth).toMatchObject({ method: 'public/auth', api_key: 'demoKey123', nonce: clock.now() });
      expect(auth!.sig).toBe(signature(key, 'public/auth', auth!.id, undefined, auth!.nonce));
      expect(stream.state).toBe('connecting');
      s.receive(JSON.stringify({ id: auth!.id, method: 'public/auth', code: 0 }));
      expect(stream.state).toBe('connected');
      expect(parsed(s.take()).map((f) => [f.method, f.params?.channels])).toEqual([['subscribe', ['user.order', 'user.trade', 'user.balance']]]);
      s.drop();
    }
  });

  it('a refused login is shown and tried again later, not in a loop', async () => {
    const { clock, stream, sockets } = user();
    const s = sockets[0]!;
    s.open();
    clock.advance(1000);
    await flush();
    const [auth] = parsed(s.take());
    s.receive(JSON.stringify({ id: auth!.id, method: 'public/auth', code: 40101, message: 'UNAUTHORIZED' }));
    expect(stream.detail).toMatch(/refused the API key \(UNAUTHORIZED, code 40101\)/);
    expect(s.state).toBe('connected');
    // Open but refused: own orders are not streamed, so the stream is stale, not "connecting".
    expect(stream.state).toBe('stale');
    clock.advance(30_000);
    expect(s.state).toBe('reconnecting');
    // A login that works clears it.
    s.open();
    clock.advance(1000);
    await flush();
    const [again] = parsed(s.take());
    s.receive(JSON.stringify({ id: again!.id, method: 'public/auth', code: 0 }));
    expect(stream.state).toBe('connected');
    expect(stream.detail).toBeUndefined();
  });

  it('maps user.order, user.trade and user.balance pushes', async () => {
    const { clock, sockets, got } = user();
    const s = sockets[0]!;
    s.open();
    clock.advance(1000);
    await flush();
    const order = { order_id: '1', client_oid: 'kt1', order_type: 'LIMIT', side: 'BUY', status: 'ACTIVE', quantity: '1', limit_price: '2', cumulative_quantity: '0', instrument_name: 'BTC_USDT', create_time: 1, update_time: 2, transaction_time: 2 };
    s.receive(JSON.stringify({ id: -1, method: 'subscribe', code: 0, result: { subscription: 'user.order', channel: 'user.order', data: [order] } }));
    s.receive(JSON.stringify({ id: -1, method: 'subscribe', code: 0, result: { subscription: 'user.trade', channel: 'user.trade', data: [{ side: 'BUY', instrument_name: 'BTC_USDT', fees: '-0.001', trade_id: 't1', order_id: '1', traded_price: '2', traded_quantity: '0.5', fee_instrument_name: 'BTC', create_time: 3 }] } }));
    s.receive(JSON.stringify({ id: -1, method: 'subscribe', code: 0, result: { subscription: 'user.balance', channel: 'user.balance', data: [{ instrument_name: 'USD', position_balances: [{ instrument_name: 'BTC', quantity: '1.5', reserved_qty: '0.5' }] }] } }));
    expect(got.orders.map((o) => [o.order.id, o.order.status, o.order.clientId])).toEqual([['1', 'open', 'kt1']]);
    expect(got.fills.map((f) => [f.id, f.fee, f.feeAsset])).toEqual([['t1', '0.001', 'BTC']]);
    expect(got.balances).toEqual([[{ accountId: 'a1', asset: 'BTC', free: '1', locked: '0.5', total: '1.5' }]]);
  });
});
