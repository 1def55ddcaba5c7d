import type { BookSnapshot, StreamState } from '../src/shared';
import { OrderBook } from '../src/main/book';
import { systemClock } from '../src/main/net/clock';
import { IcrypexStream } from '../src/main/exchanges/icrypex/stream';
import { CryptocomStream } from '../src/main/exchanges/cryptocom/stream';
import type { StreamSocket } from '../src/main/exchanges/kit/socket';
import { idleSocket } from './cryptocom-ws';
import type { IcrypexRecording } from './lib/book-frames';
import { ccxtTop, type CcxtBookClass } from './lib/ccxt-book';

/**
 * The contenders of `bench orderbook` (bench/orderbook.ts). Each takes the same wire text and
 * returns the CPU ms of its timed loop (setup and the first snapshot are outside the clock) and
 * the book it ends with, best 50 a side, so the runner can check that they agree.
 *
 * - ours: the product path. Icrypex: the text goes into IcrypexStream as a socket message
 *   (parseFrame, BookSync, OrderBook) and a reader stands in for the hub, reading the 50-level
 *   snapshot at each flush (every `flushEvery` diffs; the hub flushes every 16 ms, issue 16
 *   point 9). Crypto.com: CryptocomStream.handleFrame, whose listener gets the snapshot per push.
 * - ccxt: JSON.parse of the same text, parseFloat per price and size (as ccxt's exchange classes
 *   do), ccxt's OrderBook, and `limit()` where ours reads (ccxt hands out the live book, no copy).
 * - floor: JSON.parse of the same text and one Map.set per row: no checks, no order, no copy.
 */

/**
 * The micro case replays its diffs this many times, so a round is long enough to time. A replay
 * inserts levels already there and removes ones already gone, the same for both books.
 */
export const MICRO_PASSES = 10;

/** The diffs MICRO_PASSES times over, built outside the clock. */
const replayed = <T>(diffs: T[]): T[] => Array.from({ length: MICRO_PASSES }, () => diffs).flat();

export type Levels = { bids: Array<[number, number]>; asks: Array<[number, number]> };
export interface Timed {
  ms: number;
  top: Levels | undefined;
}

/** CPU time of this process (ms): the bench machine is shared, and wall time would count other processes. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export const num = (levels: ReadonlyArray<readonly [string, string]>): Array<[number, number]> => levels.map(([p, q]) => [Number(p), Number(q)]);

/** A socket that is connected at once and hands frames to the stream directly. */
export function directSocket(): StreamSocket & { receive(text: string): void } {
  const messages: Array<(data: string | Buffer, isBinary: boolean) => void> = [];
  const opens: Array<() => void> = [];
  return {
    state: 'connected' as StreamState,
    onOpen: (fn) => (opens.push(fn), () => {}),
    onMessage: (fn) => (messages.push(fn), () => {}),
    onState: () => () => {},
    send: () => true,
    reconnect: () => {},
    connect: () => opens.forEach((fn) => fn()),
    close: () => {},
    receive: (text) => messages.forEach((fn) => fn(text, false)),
  };
}

export function icrypexOurs(rec: IcrypexRecording, flushEvery: number): Timed {
  const socket = directSocket();
  const stream = new IcrypexStream({ url: 'ws://127.0.0.1:9/unused', socket: () => socket, clock: systemClock, newBook: () => new OrderBook(), native: (s) => s, onStatus: () => {}, quietVerifyMs: 0 });
  let read: (() => BookSnapshot) | undefined;
  let last: BookSnapshot | undefined;
  stream.watchBookChanges('BTCUSDT', (r) => (read = r));
  socket.receive(rec.snapshot);
  const diffs = rec.diffs;
  const started = cpuMs();
  for (let i = 0; i < diffs.length; i++) {
    socket.receive(diffs[i]!);
    if ((i + 1) % flushEvery === 0 && read) {
      last = read();
      read = undefined;
    }
  }
  const ms = cpuMs() - started;
  last = read ? read() : last;
  stream.stop();
  if (stream.dropped > 0 || !last || last.stale) throw new Error('orderbook bench: the Icrypex stream dropped frames or went stale');
  return { ms, top: { bids: num(last.bids), asks: num(last.asks) } };
}

interface WireRow {
  q: string;
  p: string;
  t: number;
}
interface WireDiff {
  a: WireRow[];
  b: WireRow[];
}

export function icrypexCcxt(rec: IcrypexRecording, flushEvery: number, Book: CcxtBookClass): Timed {
  const snap = JSON.parse(rec.snapshot.slice(rec.snapshot.indexOf('|') + 1)) as { a: WireRow[]; b: WireRow[] };
  const book = new Book({});
  book.reset({ bids: snap.b.map((r) => [parseFloat(r.p), parseFloat(r.q)]), asks: snap.a.map((r) => [parseFloat(r.p), parseFloat(r.q)]) });
  const diffs = rec.diffs;
  let levels = 0;
  const started = cpuMs();
  for (let i = 0; i < diffs.length; i++) {
    const text = diffs[i]!;
    const d = JSON.parse(text.slice(text.indexOf('|') + 1)) as WireDiff;
    for (let k = 0; k < d.b.length; k++) {
      const r = d.b[k]!;
      book.bids.store(parseFloat(r.p), r.t === 3 ? 0 : parseFloat(r.q));
    }
    for (let k = 0; k < d.a.length; k++) {
      const r = d.a[k]!;
      book.asks.store(parseFloat(r.p), r.t === 3 ? 0 : parseFloat(r.q));
    }
    if ((i + 1) % flushEvery === 0) levels += book.limit().bids.length;
  }
  const ms = cpuMs() - started;
  if (levels === 0 && diffs.length >= flushEvery) throw new Error('orderbook bench: the ccxt book is empty');
  return { ms, top: { bids: ccxtTop(book.bids, 50), asks: ccxtTop(book.asks, 50) } };
}

export function icrypexFloor(rec: IcrypexRecording): Timed {
  const bids = new Map<string, string>();
  const asks = new Map<string, string>();
  const diffs = rec.diffs;
  const started = cpuMs();
  for (let i = 0; i < diffs.length; i++) {
    const text = diffs[i]!;
    const d = JSON.parse(text.slice(text.indexOf('|') + 1)) as WireDiff;
    for (let k = 0; k < d.b.length; k++) bids.set(d.b[k]!.p, d.b[k]!.q);
    for (let k = 0; k < d.a.length; k++) asks.set(d.a[k]!.p, d.a[k]!.q);
  }
  const ms = cpuMs() - started;
  if (bids.size + asks.size === 0) throw new Error('orderbook bench: the floor saw no rows');
  return { ms, top: undefined };
}

/** Data-structure micro case, not a product path: OrderBook.set/remove on rows parsed outside the clock. */
export function microOurs(rec: IcrypexRecording): Timed {
  const snap = JSON.parse(rec.snapshot.slice(rec.snapshot.indexOf('|') + 1)) as { a: WireRow[]; b: WireRow[] };
  const book = new OrderBook();
  book.reset(
    snap.b.map((r) => [r.p, r.q]),
    snap.a.map((r) => [r.p, r.q]),
  );
  const all = replayed(rec.diffs.map((text) => JSON.parse(text.slice(text.indexOf('|') + 1)) as WireDiff));
  const started = cpuMs();
  for (const d of all) {
    for (const r of d.b) {
      if (r.t === 3) book.remove('bid', r.p);
      else book.set('bid', r.p, r.q);
    }
    for (const r of d.a) {
      if (r.t === 3) book.remove('ask', r.p);
      else book.set('ask', r.p, r.q);
    }
  }
  const ms = cpuMs() - started;
  const top = book.top(50);
  return { ms, top: { bids: num(top.bids), asks: num(top.asks) } };
}

export function microCcxt(rec: IcrypexRecording, Book: CcxtBookClass): Timed {
  const snap = JSON.parse(rec.snapshot.slice(rec.snapshot.indexOf('|') + 1)) as { a: WireRow[]; b: WireRow[] };
  const book = new Book({});
  book.reset({ bids: snap.b.map((r) => [parseFloat(r.p), parseFloat(r.q)]), asks: snap.a.map((r) => [parseFloat(r.p), parseFloat(r.q)]) });
  const rows = (side: WireRow[]) => side.map((r) => [parseFloat(r.p), r.t === 3 ? 0 : parseFloat(r.q)] as const);
  const all = replayed(rec.diffs.map((text) => JSON.parse(text.slice(text.indexOf('|') + 1)) as WireDiff).map((d) => ({ b: rows(d.b), a: rows(d.a) })));
  const started = cpuMs();
  for (const d of all) {
    for (const [p, q] of d.b) book.bids.store(p, q);
    for (const [p, q] of d.a) book.asks.store(p, q);
  }
  const ms = cpuMs() - started;
  return { ms, top: { bids: ccxtTop(book.bids, 50), asks: ccxtTop(book.asks, 50) } };
}

export function cryptocomOurs(frames: readonly string[]): Timed {
  const stream = new CryptocomStream({ url: 'ws://127.0.0.1:9/unused', clock: systemClock, socket: idleSocket });
  let last: BookSnapshot | undefined;
  stream.watchBook('btcusdt', (book) => (last = book));
  const started = cpuMs();
  for (let i = 0; i < frames.length; i++) stream.handleFrame(frames[i]!, false);
  const ms = cpuMs() - started;
  void stream.close();
  if (stream.dropped > 0 || !last) throw new Error('orderbook bench: the Crypto.com stream dropped frames');
  return { ms, top: { bids: num(last.bids.slice(0, 50)), asks: num(last.asks.slice(0, 50)) } };
}

interface DepthPush {
  tick: { asks: Array<[number, number]>; buys: Array<[number, number]> };
}

export function cryptocomCcxt(frames: readonly string[], Book: CcxtBookClass): Timed {
  const book = new Book({});
  const started = cpuMs();
  for (let i = 0; i < frames.length; i++) {
    const { tick } = JSON.parse(frames[i]!) as DepthPush;
    book.reset({ bids: tick.buys, asks: tick.asks }).limit();
  }
  const ms = cpuMs() - started;
  return { ms, top: { bids: ccxtTop(book.bids, 50), asks: ccxtTop(book.asks, 50) } };
}

export function cryptocomFloor(frames: readonly string[]): Timed {
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  const started = cpuMs();
  for (let i = 0; i < frames.length; i++) {
    const { tick } = JSON.parse(frames[i]!) as DepthPush;
    bids.clear();
    asks.clear();
    for (let k = 0; k < tick.buys.length; k++) bids.set(tick.buys[k]![0], tick.buys[k]![1]);
    for (let k = 0; k < tick.asks.length; k++) asks.set(tick.asks[k]![0], tick.asks[k]![1]);
  }
  const ms = cpuMs() - started;
  if (bids.size === 0) throw new Error('orderbook bench: the floor saw no rows');
  return { ms, top: undefined };
}
