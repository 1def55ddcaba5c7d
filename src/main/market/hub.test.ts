import { describe, expect, it } from 'vitest';
import type { BookSnapshot, Candle, EventChannel, EventSink, Trade } from '../../shared';
import { FakeClock } from '../../../tests/support/fake-clock';
import { FakeConnector, PullingFakeConnector } from '../../../tests/support/fake-connector';
import { StreamHub } from './hub';

function setup() {
  const clock = new FakeClock(0);
  const events: Array<{ channel: EventChannel; payload: Record<string, unknown>; at: number }> = [];
  const emit: EventSink = (channel, payload) => events.push({ channel, payload: payload as Record<string, unknown>, at: clock.now() });
  const logs: string[] = [];
  const hub = new StreamHub({ emit, clock, log: (l) => logs.push(l) });
  const connector = new FakeConnector();
  const of = (id: string) => events.filter((e) => e.payload.subscriptionId === id);
  return { clock, events, hub, connector, of, logs };
}

const book = (n: number, bid = '100', levels = 3, stale = false): BookSnapshot => ({
  exchange: 'icrypex',
  symbol: 'BTCUSDT',
  bids: Array.from({ length: levels }, (_, i) => [String(Number(bid) - i), String(n)] as [string, string]),
  asks: Array.from({ length: levels }, (_, i) => [String(Number(bid) + 1 + i), String(n)] as [string, string]),
  stale,
  time: n,
});
const trade = (id: number): Trade => ({ exchange: 'icrypex', symbol: 'BTCUSDT', id: String(id), price: '100', quantity: '1', side: 'buy', time: id });
const candle = (time: number, close: number): Candle => ({ time, open: 1, high: close, low: 1, close, volume: 1 });

describe('StreamHub', () => {
  it('shares one exchange stream between identical subscriptions and stops it when the last one leaves', () => {
    const { hub, connector } = setup();
    const a = hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'BTCUSDT', depth: 50 });
    const b = hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'BTCUSDT', depth: 10 });
    expect(a).not.toBe(b);
    expect(connector.watching('book|BTCUSDT')).toBe(1);
    expect(hub.counts()).toEqual({ streams: 1, subscriptions: 2 });
    expect(hub.unsubscribe(a)).toBe(true);
    expect(connector.watching('book|BTCUSDT')).toBe(1);
    expect(hub.unsubscribe(b)).toBe(true);
    expect(connector.watching('book|BTCUSDT')).toBe(0);
    expect(hub.counts()).toEqual({ streams: 0, subscriptions: 0 });
    expect(hub.unsubscribe(b)).toBe(false);
  });

  it('lends its live book for mid prices only while the stream is open and in sync', () => {
    const { hub, connector } = setup();
    expect(hub.liveBook(connector, 'BTCUSDT')).toBeUndefined();
    const id = hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'BTCUSDT', depth: 10 });
    connector.push('book|BTCUSDT', book(1, '100'));
    expect(hub.liveBook(connector, 'BTCUSDT')?.bids[0]).toEqual(['100', '1']);
    expect(hub.liveBook(connector, 'ETHUSDT')).toBeUndefined();
    connector.push('book|BTCUSDT', book(2, '100', 3, true));
    expect(hub.liveBook(connector, 'BTCUSDT')).toBeUndefined();
    connector.push('book|BTCUSDT', book(3, '101'));
    expect(hub.liveBook(connector, 'BTCUSDT')?.bids[0]).toEqual(['101', '3']);
    hub.unsubscribe(id);
    expect(hub.liveBook(connector, 'BTCUSDT')).toBeUndefined();
  });

  it('keeps separate streams per symbol, stream kind, resolution and connector', () => {
    const { hub, connector } = setup();
    const other = new FakeConnector('icrypex', 'acct-2');
    hub.subscribe(connector, { stream: 'trades', accountId: 'x', symbol: 'BTCUSDT' });
    hub.subscribe(connector, { stream: 'trades', accountId: 'x', symbol: 'ETHUSDT' });
    hub.subscribe(connector, { stream: 'ticker', accountId: 'x', symbol: 'BTCUSDT' });
    hub.subscribe(connector, { stream: 'candles', accountId: 'x', symbol: 'BTCUSDT', resolution: '1m' });
    hub.subscribe(connector, { stream: 'candles', accountId: 'x', symbol: 'BTCUSDT', resolution: '1h' });
    hub.subscribe(other, { stream: 'trades', accountId: 'y', symbol: 'BTCUSDT' });
    expect(hub.counts().streams).toBe(6);
    expect(connector.watching('candles|BTCUSDT|1h')).toBe(1);
    expect(other.watching('trades|BTCUSDT')).toBe(1);
  });

  it('pushes a book at most once per 16 ms, always the latest state, and the first update after a quiet spell at once', async () => {
    const { hub, connector, clock, of } = setup();
    const id = hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'BTCUSDT', depth: 50 });
    connector.push('book|BTCUSDT', book(1));
    clock.advance(0);
    expect(of(id).map((e) => e.at)).toEqual([0]);
    // A burst: 100 updates, one per 0.5 ms.
    for (let n = 2; n <= 101; n++) {
      clock.advance(0.5);
      connector.push('book|BTCUSDT', book(n));
    }
    clock.advance(100);
    const pushes = of(id);
    for (let i = 1; i < pushes.length; i++) expect(pushes[i]!.at - pushes[i - 1]!.at).toBeGreaterThanOrEqual(16);
    expect(pushes.length).toBeLessThanOrEqual(5); // 50 ms of burst: 0, 16, 32, 48, then the tail
    expect((pushes.at(-1)!.payload.book as BookSnapshot).time).toBe(101);
    expect(pushes.every((e) => e.channel === 'market:book')).toBe(true);
    // Nothing new, nothing pushed.
    clock.advance(1_000);
    expect(of(id)).toHaveLength(pushes.length);
  });

  it('pushes every trade since the last push, oldest first, and loses none', () => {
    const { hub, connector, clock, of } = setup();
    const id = hub.subscribe(connector, { stream: 'trades', accountId: 'x', symbol: 'BTCUSDT' });
    let next = 1;
    for (let t = 0; t < 200; t += 3) {
      connector.push('trades|BTCUSDT', [trade(next++), trade(next++)]);
      clock.advance(3);
    }
    clock.advance(50);
    const batches = of(id).map((e) => (e.payload.trades as Trade[]).map((tr) => Number(tr.id)));
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(203 / 16) + 1);
    expect(batches.flat()).toEqual(Array.from({ length: next - 1 }, (_, i) => i + 1));
  });

  it('cuts the shared book to each subscriber’s depth and passes the stale flag through', () => {
    const { hub, connector, clock, of } = setup();
    const deep = hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'BTCUSDT', depth: 50 });
    const shallow = hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'BTCUSDT', depth: 2 });
    connector.push('book|BTCUSDT', book(7, '100', 20, true));
    clock.advance(0);
    const d = of(deep)[0]!.payload.book as BookSnapshot;
    const s = of(shallow)[0]!.payload.book as BookSnapshot;
    expect([d.bids.length, d.asks.length]).toEqual([20, 20]);
    expect(s.bids).toEqual([['100', '7'], ['99', '7']]);
    expect(s.asks).toEqual([['101', '7'], ['102', '7']]);
    expect([d.stale, s.stale]).toEqual([true, true]);
  });

  it('never coalesces a resync away: a book that went stale and back inside one interval is pushed stale, then in sync', () => {
    const { hub, connector, clock, of } = setup();
    const id = hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'BTCUSDT', depth: 50 });
    connector.push('book|BTCUSDT', book(1));
    clock.advance(0);
    // A change-set gap (stale) and the snapshot that repairs it, 3 ms apart: one 16 ms window.
    clock.advance(2);
    connector.push('book|BTCUSDT', book(2, '100', 3, true));
    clock.advance(3);
    connector.push('book|BTCUSDT', book(3, '101'));
    clock.advance(100);
    const states = of(id).map((e) => [(e.payload.book as BookSnapshot).time, (e.payload.book as BookSnapshot).stale]);
    expect(states).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    // Once shown, the stale book is not pushed again.
    connector.push('book|BTCUSDT', book(4, '101'));
    clock.advance(100);
    expect(of(id).map((e) => (e.payload.book as BookSnapshot).stale)).toEqual([false, true, false, false]);
    // A stale state pushed in its own interval is not repeated when the stream recovers later.
    connector.push('book|BTCUSDT', book(5, '101', 3, true));
    clock.advance(100);
    connector.push('book|BTCUSDT', book(6, '101'));
    clock.advance(100);
    expect(of(id).map((e) => (e.payload.book as BookSnapshot).stale)).toEqual([false, true, false, false, true, false]);
  });

  it('gives a late subscriber the current state at the next push, never inside subscribe()', () => {
    const { hub, connector, clock, of, events } = setup();
    hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'BTCUSDT', depth: 50 });
    hub.subscribe(connector, { stream: 'trades', accountId: 'x', symbol: 'BTCUSDT' });
    connector.push('book|BTCUSDT', book(3));
    connector.push('trades|BTCUSDT', [trade(1), trade(2)]);
    clock.advance(1_000);
    const before = events.length;
    const lateBook = hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'BTCUSDT', depth: 50 });
    const lateTrades = hub.subscribe(connector, { stream: 'trades', accountId: 'x', symbol: 'BTCUSDT' });
    expect(events).toHaveLength(before);
    clock.advance(16);
    expect(of(lateBook).map((e) => (e.payload.book as BookSnapshot).time)).toEqual([3]);
    expect(of(lateTrades).map((e) => (e.payload.trades as Trade[]).map((t) => t.id))).toEqual([['1', '2']]);
    expect(events).toHaveLength(before + 2); // the earlier subscribers got nothing new
  });

  it('pushes the latest ticker, and each changed candle so a bucket rollover keeps the closed candle’s final state', () => {
    const { hub, connector, clock, of } = setup();
    const t = hub.subscribe(connector, { stream: 'ticker', accountId: 'x', symbol: 'BTCUSDT' });
    const c = hub.subscribe(connector, { stream: 'candles', accountId: 'x', symbol: 'BTCUSDT', resolution: '1m' });
    connector.push('candles|BTCUSDT|1m', candle(60, 1));
    clock.advance(0);
    connector.push('candles|BTCUSDT|1m', candle(60, 2));
    connector.push('candles|BTCUSDT|1m', candle(60, 3)); // final state of the 60 s candle
    connector.push('candles|BTCUSDT|1m', candle(120, 4)); // the next bucket opens
    connector.push('candles|BTCUSDT|1m', candle(120, 5));
    for (const last of ['1', '2', '3']) {
      connector.push('ticker|BTCUSDT', { exchange: 'icrypex', symbol: 'BTCUSDT', last, high: '3', low: '1', changeRatio: 0, volume: '1', time: 1 });
    }
    clock.advance(16);
    expect(of(c).map((e) => [(e.payload.candle as Candle).time, (e.payload.candle as Candle).close])).toEqual([
      [60, 1],
      [60, 3],
      [120, 5],
    ]);
    expect(of(t).map((e) => (e.payload.ticker as { last: string }).last)).toEqual(['3']);
  });

  it('keeps streams independent: a busy stream does not delay another stream’s push', () => {
    const { hub, connector, clock, of } = setup();
    const busy = hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'BTCUSDT', depth: 50 });
    const quiet = hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'ETHUSDT', depth: 50 });
    connector.push('book|BTCUSDT', book(1));
    clock.advance(0);
    connector.push('book|BTCUSDT', book(2)); // waits for its interval
    clock.advance(1);
    connector.push('book|ETHUSDT', book(9));
    clock.advance(0);
    expect(of(quiet).map((e) => e.at)).toEqual([1]);
    expect(of(busy).map((e) => e.at)).toEqual([0]);
    clock.advance(15);
    expect(of(busy).map((e) => e.at)).toEqual([0, 16]);
  });

  it('ignores updates that arrive after the last subscriber left, and ends a connector’s subscriptions on request', () => {
    const { hub, connector, clock, events } = setup();
    const other = new FakeConnector('cryptocom', 'acct-2');
    const id = hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'BTCUSDT', depth: 50 });
    hub.subscribe(other, { stream: 'book', accountId: 'y', symbol: 'BTCUSDT', depth: 50 });
    connector.push('book|BTCUSDT', book(1));
    hub.unsubscribe(id);
    clock.advance(100);
    expect(events).toHaveLength(0);
    hub.unsubscribeAll(other);
    expect(other.watching('book|BTCUSDT')).toBe(0);
    expect(hub.counts()).toEqual({ streams: 0, subscriptions: 0 });
  });

  it('logs a failing push and still serves the other subscribers', () => {
    const clock = new FakeClock(0);
    const got: string[] = [];
    let calls = 0;
    const logs: string[] = [];
    const hub = new StreamHub({
      clock,
      log: (l) => logs.push(l),
      emit: (_channel, payload) => {
        if (calls++ === 0) throw new Error('window gone');
        got.push((payload as { subscriptionId: string }).subscriptionId);
      },
    });
    const connector = new FakeConnector();
    const a = hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'BTCUSDT', depth: 50 });
    const b = hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'BTCUSDT', depth: 50 });
    connector.push('book|BTCUSDT', book(1));
    clock.advance(0);
    expect(got).toEqual([b]);
    expect(logs).toEqual([`hub: push to ${a} failed: window gone`]);
  });
});

describe('StreamHub tickers (watchlist)', () => {
  const ticker = (symbol: string, last: string) => ({ exchange: 'icrypex' as const, symbol, last, high: last, low: last, changeRatio: 0.01, volume: '5', time: 1 });

  it('sends the REST snapshot of every market first, then only the tickers that changed', async () => {
    const { hub, connector, of, clock } = setup();
    connector.tickersResult = { ok: true, value: [ticker('BTCUSDT', '100'), ticker('ETHUSDT', '10')] };
    const id = hub.subscribe(connector, { stream: 'tickers', accountId: 'x' });
    await clock.advanceAsync(0);
    // One live ticker stream per market, through the connector's own watchTicker.
    expect(connector.watching('ticker|BTCUSDT')).toBe(1);
    expect(connector.watching('ticker|ETHUSDT')).toBe(1);
    await clock.advanceAsync(16);
    expect(of(id).map((e) => (e.payload.tickers as { symbol: string }[]).map((t) => t.symbol))).toEqual([['BTCUSDT', 'ETHUSDT']]);
    connector.push('ticker|ETHUSDT', ticker('ETHUSDT', '11'));
    await clock.advanceAsync(16);
    expect(of(id).at(-1)?.payload.tickers).toEqual([ticker('ETHUSDT', '11')]);
    // A second window gets the whole board, with the live value.
    const late = hub.subscribe(connector, { stream: 'tickers', accountId: 'x' });
    await clock.advanceAsync(16);
    expect((of(late)[0]?.payload.tickers as { last: string }[]).map((t) => t.last)).toEqual(['100', '11']);
    hub.unsubscribe(id);
    hub.unsubscribe(late);
    expect(connector.watching('ticker|BTCUSDT')).toBe(0);
  });
});

describe('StreamHub with a connector whose books are read when pushed (watchBookChanges, issue 16 point 9)', () => {
  function pulling() {
    const t = setup();
    return { ...t, connector: new PullingFakeConnector() };
  }

  it('reads the book once per push, however many updates came in between, and pushes the latest', () => {
    const { hub, connector, clock, of } = pulling();
    const id = hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'BTCUSDT', depth: 50 });
    connector.push('book|BTCUSDT', book(1));
    clock.advance(0);
    // A burst: 100 updates, one per 0.5 ms.
    for (let n = 2; n <= 101; n++) {
      clock.advance(0.5);
      connector.push('book|BTCUSDT', book(n));
    }
    clock.advance(100);
    const pushes = of(id);
    expect(pushes.length).toBeLessThanOrEqual(5);
    expect(connector.reads).toBe(pushes.length);
    expect((pushes.at(-1)!.payload.book as BookSnapshot).time).toBe(101);
  });

  it('still pushes a stale state that was repaired inside one interval', () => {
    const { hub, connector, clock, of } = pulling();
    const id = hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'BTCUSDT', depth: 50 });
    connector.push('book|BTCUSDT', book(1));
    clock.advance(0);
    clock.advance(2);
    connector.push('book|BTCUSDT', book(2, '100', 3, true));
    clock.advance(3);
    connector.push('book|BTCUSDT', book(3, '101'));
    clock.advance(100);
    expect(of(id).map((e) => [(e.payload.book as BookSnapshot).time, (e.payload.book as BookSnapshot).stale])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
  });

  it('lends the latest in-sync book for mid prices between pushes, reading it once', () => {
    const { hub, connector, clock } = pulling();
    hub.subscribe(connector, { stream: 'book', accountId: 'x', symbol: 'BTCUSDT', depth: 10 });
    connector.push('book|BTCUSDT', book(1, '100'));
    connector.push('book|BTCUSDT', book(2, '101'));
    expect(hub.liveBook(connector, 'BTCUSDT')?.bids[0]).toEqual(['101', '2']);
    clock.advance(0);
    expect(connector.reads).toBe(1);
    connector.push('book|BTCUSDT', book(3, '101', 3, true));
    expect(hub.liveBook(connector, 'BTCUSDT')).toBeUndefined();
  });
});
