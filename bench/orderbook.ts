import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { OrderBook } from '../src/main/book';
import { recordStream, type RecordedStream } from './orderbook-stream';
import { result } from './stats';

// `npm run bench -- orderbook`: one recorded stream of Icrypex-style diffs applied to our book
// and to ccxt's (node_modules/ccxt/js/src/base/ws/OrderBook.js, a dev dependency used only
// here), at 50, 1,000 and 5,000 levels per side. Each book gets the rows the way its users
// feed it: ours the decimal strings as sent, ccxt parsed floats (as its exchange classes do),
// with t=3 as a zero size. Timed: applying the diffs only (snapshot loading and stream
// generation are outside the clock). Runs alternate between the two books; medians are reported.

const DEPTHS = [50, 1_000, 5_000];
const DIFFS = 20_000;
const WARMUP = 3;
const RUNS = 9;

interface CcxtSide {
  store(price: number, size: number): void;
  length: number;
  [i: number]: [number, number];
}
interface CcxtBook {
  bids: CcxtSide;
  asks: CcxtSide;
  reset(snapshot: { bids: Array<[number, number]>; asks: Array<[number, number]> }): void;
}
type CcxtBookClass = new (snapshot?: object, depth?: number) => CcxtBook;

async function loadCcxt(): Promise<CcxtBookClass> {
  // ccxt's package exports only its entry point; load the one module by path.
  const file = resolve('node_modules/ccxt/js/src/base/ws/OrderBook.js');
  const mod = (await import(pathToFileURL(file).href)) as { OrderBook: CcxtBookClass };
  return mod.OrderBook;
}

function ours(stream: RecordedStream): () => OrderBook {
  const book = new OrderBook();
  return () => {
    book.reset(stream.snapshot.bids, stream.snapshot.asks);
    return book;
  };
}

function applyOurs(book: OrderBook, stream: RecordedStream): void {
  const diffs = stream.diffs;
  for (let d = 0; d < diffs.length; d++) {
    const { a, b } = diffs[d]!;
    for (let i = 0; i < b.length; i++) {
      const r = b[i]!;
      if (r.t === 3) book.remove('bid', r.p);
      else book.set('bid', r.p, r.q);
    }
    for (let i = 0; i < a.length; i++) {
      const r = a[i]!;
      if (r.t === 3) book.remove('ask', r.p);
      else book.set('ask', r.p, r.q);
    }
  }
}

function applyCcxt(book: CcxtBook, stream: RecordedStream): void {
  const diffs = stream.diffs;
  for (let d = 0; d < diffs.length; d++) {
    const { a, b } = diffs[d]!;
    for (let i = 0; i < b.length; i++) {
      const r = b[i]!;
      book.bids.store(parseFloat(r.p), r.t === 3 ? 0 : parseFloat(r.q));
    }
    for (let i = 0; i < a.length; i++) {
      const r = a[i]!;
      book.asks.store(parseFloat(r.p), r.t === 3 ? 0 : parseFloat(r.q));
    }
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
}

/** Both books must end in the same state, or the comparison means nothing. */
function sameTop(a: OrderBook, b: CcxtBook, n: number): boolean {
  const top = a.top(n);
  const rows = (side: CcxtSide) => Array.from({ length: Math.min(n, side.length) }, (_, i) => side[i]!);
  const eq = (x: Array<[string, string]>, y: Array<[number, number]>) =>
    x.length === y.length && x.every(([p, q], i) => Number(p) === y[i]![0] && Number(q) === y[i]![1]);
  return eq(top.bids, rows(b.bids)) && eq(top.asks, rows(b.asks));
}

/** Applies the same recorded diff stream to our OrderBook and to ccxt's at three depths. */
export async function orderbookBenchmark(): Promise<void> {
  const CcxtOrderBook = await loadCcxt();
  const figures: Array<{ depth: number; ours: number; ccxt: number; rows: number }> = [];
  console.log(`order book: ${DIFFS} recorded Icrypex-style diffs per depth; median of ${RUNS} runs after ${WARMUP} warm-up runs`);
  console.log('levels/side    rows   ours diffs/s   ccxt diffs/s   ratio');
  for (const depth of DEPTHS) {
    const stream = recordStream(depth, DIFFS);
    const freshOurs = ours(stream);
    const snapshotNum = {
      bids: stream.snapshot.bids.map(([p, q]): [number, number] => [parseFloat(p), parseFloat(q)]),
      asks: stream.snapshot.asks.map(([p, q]): [number, number] => [parseFloat(p), parseFloat(q)]),
    };
    const ccxtBook = new CcxtOrderBook({});
    const freshCcxt = () => {
      ccxtBook.reset({ bids: snapshotNum.bids.map((r) => [r[0], r[1]]), asks: snapshotNum.asks.map((r) => [r[0], r[1]]) });
      return ccxtBook;
    };
    const timeOurs = () => {
      const book = freshOurs();
      const t0 = performance.now();
      applyOurs(book, stream);
      return performance.now() - t0;
    };
    const timeCcxt = () => {
      const book = freshCcxt();
      const t0 = performance.now();
      applyCcxt(book, stream);
      return performance.now() - t0;
    };
    for (let i = 0; i < WARMUP; i++) {
      timeOurs();
      timeCcxt();
    }
    if (!sameTop(freshOursApplied(freshOurs, stream), freshCcxtApplied(freshCcxt, stream), depth)) {
      throw new Error(`orderbook bench: the two books disagree at ${depth} levels; the figures would be meaningless`);
    }
    const oursMs: number[] = [];
    const ccxtMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate the order so neither book always runs on a warmer (or more throttled) CPU.
      if (i % 2 === 0) {
        oursMs.push(timeOurs());
        ccxtMs.push(timeCcxt());
      } else {
        ccxtMs.push(timeCcxt());
        oursMs.push(timeOurs());
      }
    }
    const o = DIFFS / (median(oursMs) / 1000);
    const c = DIFFS / (median(ccxtMs) / 1000);
    figures.push({ depth, ours: o, ccxt: c, rows: stream.rows });
    console.log(
      `${String(depth).padStart(11)} ${String(stream.rows).padStart(7)} ${Math.round(o).toLocaleString('en').padStart(14)} ${Math.round(c).toLocaleString('en').padStart(14)} ${(o / c).toFixed(2).padStart(7)}x`,
    );
  }
  for (const f of figures) {
    result({ name: 'orderbook', metric: `apply_${f.depth}_levels`, value: Math.round(f.ours), unit: 'diffs/s', baseline: Math.round(f.ccxt), ratio: Number((f.ours / f.ccxt).toFixed(3)) });
  }
}

function freshOursApplied(fresh: () => OrderBook, stream: RecordedStream): OrderBook {
  const book = fresh();
  applyOurs(book, stream);
  return book;
}

function freshCcxtApplied(fresh: () => CcxtBook, stream: RecordedStream): CcxtBook {
  const book = fresh();
  applyCcxt(book, stream);
  return book;
}
