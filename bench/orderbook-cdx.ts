import type { BookSnapshot } from '../src/shared';
import type { Clock } from '../src/main/net/clock';
import { CdxMarketStream } from '../src/main/exchanges/cryptocom-exchange/stream';
import type { CdxRecording } from './lib/cdx-book-frames';
import { ccxtTop, type CcxtCountedBook, type CcxtCountedBookClass, type CcxtCountedSide } from './lib/ccxt-book';
import { cpuMs, directSocket, num, type Timed } from './orderbook-paths';

/**
 * The Crypto.com Exchange contenders of `bench orderbook` (bench/orderbook.ts), on the deltas of
 * bench/lib/cdx-book-frames.ts. As in orderbook-paths.ts, each returns the CPU ms of its timed
 * loop (the snapshot frame is applied before the clock starts) and its best 50 a side.
 *
 * - ours: the product path. Each frame goes into CdxMarketStream as a socket message (session
 *   parseFrame, BookSync with the pu rule, OrderBook) and the watcher gets the 50-level snapshot
 *   the hub forwards, once per delta (the connector has no lazy read: a delta comes every 100 ms).
 * - ccxt: what ccxt's cryptocom class does per frame (pro/cryptocom.js handleOrderBook) without
 *   its safe* accessors: JSON.parse, the pu == nonce check, parseFloat of price and size and an
 *   integer count per level into its CountedOrderBook (storeArray), then `limit()`.
 * - floor: JSON.parse and one Map.set per level: no checks, no order, no copy.
 */

/** A clock whose timers never fire: the session's 1 s subscribe wait is not part of the path. */
const stillClock: Clock = { now: () => 0, setTimer: () => () => undefined };

interface CdxPush {
  result: { channel: string; data: Array<{ u: number; pu?: number; update?: CdxLevels } & CdxLevels> };
}
interface CdxLevels {
  bids: Array<[string, string, string]>;
  asks: Array<[string, string, string]>;
}

/** The native instrument of the recording's subscription (`book.BTC_USDT.50`). */
const nativeOf = (rec: CdxRecording) => rec.subscription.split('.')[1]!;

export function cdxOurs(rec: CdxRecording): Timed {
  const socket = directSocket();
  const logged: string[] = [];
  const stream = new CdxMarketStream({ url: 'ws://127.0.0.1:9/unused', sockets: () => socket, clock: stillClock, log: (line) => logged.push(line) });
  let last: BookSnapshot | undefined;
  let pushes = 0;
  stream.watchBook(nativeOf(rec), 'BTC/USDT', (book) => {
    last = book;
    pushes++;
  });
  socket.receive(rec.snapshot);
  const deltas = rec.deltas;
  const started = cpuMs();
  for (let i = 0; i < deltas.length; i++) socket.receive(deltas[i]!);
  const ms = cpuMs() - started;
  void stream.close();
  if (logged.length > 0 || pushes !== deltas.length + 1 || !last || last.stale) throw new Error(`orderbook bench: the Crypto.com Exchange stream did not apply every delta (${logged[0] ?? `${pushes} pushes`})`);
  return { ms, top: { bids: num(last.bids), asks: num(last.asks) } };
}

function ccxtApply(book: CcxtCountedBook, text: string): void {
  const { result } = JSON.parse(text) as CdxPush;
  const data = result.data[0]!;
  let levels: CdxLevels = data;
  if (result.channel === 'book') book.reset({});
  else {
    if (data.pu !== book.nonce) throw new Error('orderbook bench: ccxt saw a sequence gap');
    levels = data.update!;
  }
  store(book.asks, levels.asks);
  store(book.bids, levels.bids);
  book.nonce = data.u;
}

function store(side: CcxtCountedSide, rows: Array<[string, string, string]>): void {
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    side.storeArray([parseFloat(r[0]), parseFloat(r[1]), parseInt(r[2], 10)]);
  }
}

export function cdxCcxt(rec: CdxRecording, Book: CcxtCountedBookClass): Timed {
  const book = new Book({}, rec.depth);
  ccxtApply(book, rec.snapshot);
  const deltas = rec.deltas;
  let levels = 0;
  const started = cpuMs();
  for (let i = 0; i < deltas.length; i++) {
    ccxtApply(book, deltas[i]!);
    levels += book.limit().bids.length;
  }
  const ms = cpuMs() - started;
  if (levels === 0) throw new Error('orderbook bench: the ccxt book is empty');
  return { ms, top: { bids: ccxtTop(book.bids, 50), asks: ccxtTop(book.asks, 50) } };
}

export function cdxFloor(rec: CdxRecording): Timed {
  const bids = new Map<string, string>();
  const asks = new Map<string, string>();
  const deltas = rec.deltas;
  const started = cpuMs();
  for (let i = 0; i < deltas.length; i++) {
    const { update } = (JSON.parse(deltas[i]!) as CdxPush).result.data[0]!;
    for (let k = 0; k < update!.bids.length; k++) bids.set(update!.bids[k]![0], update!.bids[k]![1]);
    for (let k = 0; k < update!.asks.length; k++) asks.set(update!.asks[k]![0], update!.asks[k]![1]);
  }
  const ms = cpuMs() - started;
  if (bids.size + asks.size === 0) throw new Error('orderbook bench: the floor saw no rows');
  return { ms, top: undefined };
}
