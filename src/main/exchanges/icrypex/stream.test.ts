import { describe, expect, it } from 'vitest';
import type { BookSnapshot, Candle, Ticker, Trade } from '../../../shared';
import { OrderBook } from '../../book';
import { FakeClock } from '../../../../tests/support/fake-clock';
import { fakeSocketFactory } from '../../../../tests/support/fake-socket';
import { IcrypexStream } from './stream';

/** An OrderBook that counts the snapshots cut from it (top of 50 levels, the window). */
class CountingBook extends OrderBook {
  static windows = 0;
  override top(depth?: number) {
    if (depth === 50) CountingBook.windows++;
    return super.top(depth);
  }
}

function setup() {
  const clock = new FakeClock();
  const { factory, sockets } = fakeSocketFactory();
  const logs: string[] = [];
  CountingBook.windows = 0;
  const streams = new IcrypexStream({
    url: 'ws://127.0.0.1:1',
    socket: factory,
    clock,
    newBook: () => new CountingBook(),
    native: (s) => s,
    onStatus: () => {},
    log: (l) => logs.push(l),
  });
  const books: BookSnapshot[] = [];
  return { clock, sockets, streams, books, logs, socket: () => sockets[0]! };
}

const SNAP = 'orderbook|{"ps":"BTCUSDT","cs":10,"a":[{"p":"101","q":"1"},{"p":"102","q":"2"}],"b":[{"p":"100","q":"1"},{"p":"99","q":"3"}]}';
const obd = (cs: number, a: string, b: string) => `obd|{"ps":"BTCUSDT","cs":${cs},"a":[${a}],"b":[${b}]}`;

describe('IcrypexStream: order book (§8.4)', () => {
  it('subscribes on open, applies the snapshot, then chained diffs switching on t', () => {
    const t = setup();
    t.streams.watchBook('BTCUSDT', (b) => t.books.push(b));
    t.socket().open();
    expect(t.socket().take()).toEqual(['subscribe|{"c":"orderbook@btcusdt","s":true}']);
    t.socket().receive(SNAP);
    // t=3 carrying the old quantity removes; t=1 inserts; t=2 changes.
    t.socket().receive(obd(11, '{"p":"101","q":"1","t":3},{"p":"101.5","q":"4","t":1}', '{"p":"100","q":"7","t":2}'));
    const last = t.books.at(-1)!;
    expect(last).toMatchObject({ stale: false, asks: [['101.5', '4'], ['102', '2']], bids: [['100', '7'], ['99', '3']] });
  });

  it('on a cs gap marks the book stale, asks for a snapshot, and is whole again after it', () => {
    const t = setup();
    t.streams.watchBook('BTCUSDT', (b) => t.books.push(b));
    t.socket().open();
    t.socket().receive(SNAP);
    t.socket().take();
    t.socket().receive(obd(13, '{"p":"101","q":"9","t":2}', ''));
    expect(t.books.at(-1)!.stale).toBe(true);
    expect(t.books.at(-1)!.asks[0]).toEqual(['101', '1']); // the gapped diff was not applied
    expect(t.socket().take()).toEqual(['channel-data-request|{"c":"orderbook@btcusdt"}']);
    expect(t.streams.statuses().find((s) => s.key === 'icrypex:book:BTCUSDT')?.state).toBe('stale');
    t.socket().receive(obd(14, '{"p":"101","q":"5","t":2}', '')); // still stale: ignored
    t.socket().receive(SNAP.replace('"cs":10', '"cs":20'));
    t.socket().receive(obd(21, '{"p":"101","q":"5","t":2}', ''));
    expect(t.books.at(-1)).toMatchObject({ stale: false, asks: [['101', '5'], ['102', '2']] });
    expect(t.streams.statuses().find((s) => s.key === 'icrypex:book:BTCUSDT')?.state).toBe('connected');
  });

  it('resubscribes when the requested snapshot does not come', async () => {
    const t = setup();
    t.streams.watchBook('BTCUSDT', () => {});
    t.socket().open();
    t.socket().receive(SNAP);
    t.socket().receive(obd(12, '', ''));
    t.socket().take();
    t.clock.advance(3_000);
    expect(t.socket().take()).toEqual(['subscribe|{"c":"orderbook@btcusdt","s":false}', 'subscribe|{"c":"orderbook@btcusdt","s":true}']);
  });

  it('ignores duplicates and diffs before the snapshot; a crossed book triggers a resync', () => {
    const t = setup();
    t.streams.watchBook('BTCUSDT', (b) => t.books.push(b));
    t.socket().open();
    t.socket().receive(obd(9, '{"p":"50","q":"1","t":1}', ''));
    expect(t.books).toHaveLength(0);
    t.socket().receive(SNAP);
    t.socket().receive(obd(10, '{"p":"50","q":"1","t":1}', ''));
    expect(t.books.at(-1)!.asks[0]).toEqual(['101', '1']);
    t.socket().take();
    t.socket().receive(obd(11, '', '{"p":"105","q":"1","t":1}'));
    expect(t.books.at(-1)!.stale).toBe(true);
    expect(t.socket().take()).toEqual(['channel-data-request|{"c":"orderbook@btcusdt"}']);
    // The reason names the two levels that crossed (read only once the book is found crossed).
    expect(t.logs.join('\n')).toContain('crossed book (bid 105 >= ask 101) at change set 11');
  });

  it('on reconnect clears the book, resubscribes every stream, and rebuilds from the new snapshot', () => {
    const t = setup();
    t.streams.watchBook('BTCUSDT', (b) => t.books.push(b));
    t.streams.watchTrades('ETHUSDT', () => {});
    t.socket().open();
    t.socket().receive(SNAP);
    t.socket().drop();
    expect(t.books.at(-1)!.stale).toBe(true);
    t.socket().take();
    t.socket().open();
    expect(t.socket().take().sort()).toEqual(['subscribe|{"c":"orderbook@btcusdt","s":true}', 'subscribe|{"c":"trade@ethusdt","s":true}']);
    expect(t.streams.book('BTCUSDT')).toMatchObject({ bids: [], asks: [], stale: true });
    // After a reconnect rows may come again as inserts; a fresh snapshot starts clean.
    t.socket().receive('orderbook|{"ps":"BTCUSDT","cs":500,"a":[{"p":"110","q":"1"}],"b":[{"p":"90","q":"1"}]}');
    expect(t.books.at(-1)).toMatchObject({ stale: false, asks: [['110', '1']], bids: [['90', '1']] });
  });

  it('drops malformed frames without losing the stream, and a following gap is caught', () => {
    const t = setup();
    t.streams.watchBook('BTCUSDT', (b) => t.books.push(b));
    t.socket().open();
    t.socket().receive(SNAP);
    t.socket().receive('obd|{"ps":"BTCUSDT","cs":11,"a":[{"p":');
    t.socket().receive('\u0000\u0001garbage');
    t.socket().receive(obd(12, '', ''));
    expect(t.books.at(-1)!.stale).toBe(true);
    expect(t.logs.some((l) => l.includes('unreadable frame'))).toBe(true);
  });

  it('an unreadable book frame marks its book stale and asks for a snapshot instead of dropping it silently (issue 20)', () => {
    const t = setup();
    t.streams.watchBook('BTCUSDT', (b) => t.books.push(b));
    t.socket().open();
    t.socket().receive(SNAP);
    t.socket().take();
    t.socket().receive('obd|{"ps":"BTCUSDT","cs":11,"a":[{"p":');
    expect(t.books.at(-1)!.stale).toBe(true);
    expect(t.socket().take()).toEqual(['channel-data-request|{"c":"orderbook@btcusdt"}']);
    expect(t.streams.statuses().find((s) => s.key === 'icrypex:book:BTCUSDT')?.state).toBe('stale');
    t.socket().receive(SNAP.replace('"cs":10', '"cs":11'));
    expect(t.books.at(-1)!.stale).toBe(false);
  });

  it('an unreadable frame of another kind leaves the books alone; one without a readable type distrusts every book', () => {
    const t = setup();
    t.streams.watchBook('BTCUSDT', (b) => t.books.push(b));
    t.socket().open();
    t.socket().receive(SNAP);
    t.socket().take();
    t.socket().receive('ticker@btcusdt|{"ps":');
    expect(t.books.at(-1)!.stale).toBe(false);
    expect(t.socket().take()).toEqual([]);
    t.socket().receive('\u0000\u0001garbage');
    expect(t.books.at(-1)!.stale).toBe(true);
    expect(t.socket().take()).toEqual(['channel-data-request|{"c":"orderbook@btcusdt"}']);
  });

  it('checks a quiet book against a fresh snapshot and replaces it when the last change was lost (issue 20)', () => {
    const t = setup();
    t.streams.watchBook('BTCUSDT', (b) => t.books.push(b));
    t.socket().open();
    t.socket().receive(SNAP);
    t.socket().take();
    t.clock.advance(1_000);
    t.socket().receive(obd(11, '{"p":"101","q":"4","t":2}', ''));
    t.clock.advance(1_900);
    expect(t.socket().take()).toEqual([]); // changed 1.9 s ago: not quiet yet
    t.clock.advance(500);
    expect(t.socket().take()).toEqual(['channel-data-request|{"c":"orderbook@btcusdt"}']);
    // The exchange had one more change (cs 12) that never arrived.
    t.socket().receive(SNAP.replace('"cs":10', '"cs":12').replace('"p":"101","q":"1"', '"p":"101","q":"6"'));
    expect(t.streams.quietMismatches).toBe(1);
    expect(t.books.at(-1)).toMatchObject({ stale: false, asks: [['101', '6'], ['102', '2']] });
    expect(t.logs.some((l) => l.includes('quiet book differed'))).toBe(true);
  });

  it('a quiet book is checked every 2 s while it stays quiet (an update lost after a long quiet is found as fast), and a change starts the count over', () => {
    const t = setup();
    t.streams.watchBook('BTCUSDT', () => {});
    t.socket().open();
    t.socket().receive(SNAP);
    t.socket().take();
    const asks: number[] = [];
    const started = t.clock.now();
    for (let i = 0; i < 60; i++) {
      t.clock.advance(500);
      if (t.socket().take().length) {
        asks.push(t.clock.now() - started);
        t.socket().receive(SNAP);
      }
    }
    expect(t.streams.quietMismatches).toBe(0);
    expect(asks).toEqual(Array.from({ length: 15 }, (_, i) => 2_000 * (i + 1)));
    t.socket().receive(obd(11, '{"p":"101","q":"4","t":2}', ''));
    t.clock.advance(2_000);
    expect(t.socket().take()).toEqual(['channel-data-request|{"c":"orderbook@btcusdt"}']);
  });

  it('unsubscribes only when the last listener leaves', () => {
    const t = setup();
    const a = t.streams.watchBook('BTCUSDT', () => {});
    const b = t.streams.watchBook('BTCUSDT', () => {});
    t.socket().open();
    t.socket().take();
    a();
    expect(t.socket().take()).toEqual([]);
    b();
    expect(t.socket().take()).toEqual(['subscribe|{"c":"orderbook@btcusdt","s":false}']);
  });
});

describe('IcrypexStream: books read when needed (watchBookChanges, issue 16 point 9)', () => {
  it('announces every diff but cuts the 50-level snapshot only when read, as of the last update', () => {
    const t = setup();
    const changes: Array<{ read: () => BookSnapshot; stale: boolean; at: number }> = [];
    t.streams.watchBookChanges('BTCUSDT', (read, stale) => changes.push({ read, stale, at: t.clock.now() }));
    t.socket().open();
    t.socket().receive(SNAP);
    for (let cs = 11; cs <= 30; cs++) {
      t.clock.advance(1);
      t.socket().receive(obd(cs, `{"p":"101","q":"${cs}","t":2}`, ''));
    }
    expect(changes).toHaveLength(21);
    expect(changes.every((c) => !c.stale)).toBe(true);
    expect(CountingBook.windows).toBe(0);
    t.clock.advance(5);
    const book = changes.at(-1)!.read();
    expect(book).toMatchObject({ stale: false, asks: [['101', '30'], ['102', '2']], bids: [['100', '1'], ['99', '3']], time: changes.at(-1)!.at });
    expect(changes.at(-1)!.read()).toBe(book); // read twice, cut once
    expect(CountingBook.windows).toBe(1);
  });

  it('says when the book goes stale, and a reconnect does not change what the last update reads', () => {
    const t = setup();
    const changes: Array<{ read: () => BookSnapshot; stale: boolean }> = [];
    t.streams.watchBookChanges('BTCUSDT', (read, stale) => changes.push({ read, stale }));
    t.socket().open();
    t.socket().receive(SNAP);
    t.socket().receive(obd(13, '{"p":"101","q":"9","t":2}', '')); // a gap
    expect(changes.at(-1)!.stale).toBe(true);
    t.socket().receive(SNAP.replace('"cs":10', '"cs":20'));
    expect(changes.at(-1)!.stale).toBe(false);
    const read = changes.at(-1)!.read;
    t.socket().drop();
    t.socket().open(); // clears the book, waits for a snapshot
    expect(read().stale).toBe(true);
    expect(read().asks[0]).toEqual(['101', '1']);
  });

  it('a second watcher that reads gets the current book at once', async () => {
    const t = setup();
    t.streams.watchBook('BTCUSDT', () => {});
    t.socket().open();
    t.socket().receive(SNAP);
    const changes: BookSnapshot[] = [];
    t.streams.watchBookChanges('BTCUSDT', (read) => changes.push(read()));
    await Promise.resolve();
    expect(changes.map((b) => b.bids[0])).toEqual([['100', '1']]);
  });
});

describe('IcrypexStream: trades, tickers, candles (§8.4)', () => {
  it('drops the replayed trades snapshot after a resubscribe but passes live trades', () => {
    const t = setup();
    const got: Trade[][] = [];
    t.streams.watchTrades('BTCUSDT', (x) => got.push(x));
    t.socket().open();
    const snapshot = 'trades|{"ps":"BTCUSDT","ts":[{"d":1700000000,"p":"1","q":"1","s":0},{"d":1700000001,"p":"2","q":"1","s":1}]}';
    t.socket().receive(snapshot);
    t.socket().receive('trade|{"ps":"BTCUSDT","d":1700000002,"q":"0.5","p":"3","s":0,"m":0}');
    t.socket().receive(snapshot);
    expect(got.map((b) => b.map((x) => x.price))).toEqual([['1', '2'], ['3']]);
    // A new trade identical to one already shown (same second, price, size, side) is still new.
    t.socket().receive('trade|{"ps":"BTCUSDT","d":1700000002,"q":"0.5","p":"3","s":0,"m":0}');
    expect(got).toHaveLength(3);
    const ids = got.flat().map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('routes ticker and candle frames to their listeners', () => {
    const t = setup();
    const tickers: Ticker[] = [];
    const candles: Candle[] = [];
    t.streams.watchTicker('BTCUSDT', (x) => tickers.push(x));
    t.streams.watchCandles('BTCUSDT', '1d', (x) => candles.push(x));
    t.socket().open();
    expect(t.socket().take()).toContain('subscribe|{"c":"tradingview@btcusdt_1d","s":true}');
    t.socket().receive('ticker|{"ps":"BTCUSDT","p":"5","a":"6","b":"4","h":"7","l":"3","g":"5","cp":"10","cq":"1","v":"9"}');
    t.socket().receive('candle|{"ps":"BTCUSDT","e":"btcusdt_1d","d":1700006400,"r":1440,"o":"1","c":"2","h":"3","l":"1","v":"4"}');
    t.socket().receive('candle|{"ps":"BTCUSDT","e":"btcusdt_5","d":1700006400,"r":5,"o":"1","c":"2","h":"3","l":"1","v":"4"}');
    expect(tickers).toMatchObject([{ symbol: 'BTCUSDT', last: '5', changeRatio: 0.1 }]);
    expect(candles).toEqual([{ time: 1700006400, open: 1, close: 2, high: 3, low: 1, volume: 4 }]);
  });
});
