import { bookChannel } from '../src/main/exchanges/cryptocom-exchange/stream-protocol';
import { cryptocomFrames, icrypexFrames, WINDOW, type IcrypexRecording } from './lib/book-frames';
import { cdxBookFrames } from './lib/cdx-book-frames';
import { loadCcxtBooks, type CcxtBooks } from './lib/ccxt-book';
import { cdxCcxt, cdxFloor, cdxOurs } from './orderbook-cdx';
import { MICRO_PASSES, cryptocomCcxt, cryptocomFloor, cryptocomOurs, icrypexCcxt, icrypexFloor, icrypexOurs, microCcxt, microOurs, type Levels, type Timed } from './orderbook-paths';
import { result } from './stats';

// `npm run bench -- orderbook`: the book's real path, from wire text to the state the renderer
// receives, for each exchange's real frame shapes (bench/lib/book-frames.ts), side by side in one
// run with ccxt's order book fed the same text through JSON.parse (the anchor) and with the floor,
// JSON.parse and one Map.set per row (the limit). Contenders: orderbook-paths.ts, orderbook-cdx.ts.
// Each round runs every contender once, in a rotating order; rates are in CPU time; the figures
// are the median of the rounds and their spread (min-max). Issue 19's target: Icrypex at 50
// levels >= 2x ccxt and within 2x of the floor (floor/ours <= 2).

const ROUNDS = 7;
const WARMUP = 2;
const ICRYPEX_DIFFS = 40_000;
/** Diffs per hub flush in a burst: the hub pushes every 16 ms (market/hub.ts). */
const FLUSH_EVERY = 16;
const CRYPTOCOM_PUSHES = 2_000;
const CDX_DELTAS = 10_000;

type Run = () => Timed;
interface Case {
  label: string;
  metric: string;
  unit: string;
  /** Units (diffs or pushes) per run. */
  count: number;
  ours: Run;
  ccxt: Run;
  floor?: Run;
  note: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (count: number, ms: number) => count / (ms / 1000);

function agree(a: Levels, b: Levels): boolean {
  const eq = (x: Array<[number, number]>, y: Array<[number, number]>) => x.length === y.length && x.every(([p, q], i) => p === y[i]![0] && q === y[i]![1]);
  return eq(a.bids, b.bids) && eq(a.asks, b.asks);
}

function cases({ OrderBook: Book, CountedOrderBook }: CcxtBooks): Case[] {
  const rec: IcrypexRecording = icrypexFrames(ICRYPEX_DIFFS);
  const perDiff = (rec.rows / rec.diffs.length).toFixed(2);
  const out: Case[] = [
    {
      label: `icrypex obd, ${WINDOW}-level window, read every ${FLUSH_EVERY}th`,
      metric: `icrypex_${WINDOW}_levels_burst`,
      unit: 'diffs/s',
      count: rec.diffs.length,
      ours: () => icrypexOurs(rec, FLUSH_EVERY),
      ccxt: () => icrypexCcxt(rec, FLUSH_EVERY, Book),
      floor: () => icrypexFloor(rec),
      note: `${perDiff} rows per diff`,
    },
    {
      label: `icrypex obd, ${WINDOW}-level window, read every diff`,
      metric: `icrypex_${WINDOW}_levels_quiet`,
      unit: 'diffs/s',
      count: rec.diffs.length,
      ours: () => icrypexOurs(rec, 1),
      ccxt: () => icrypexCcxt(rec, 1, Book),
      floor: () => icrypexFloor(rec),
      note: `${perDiff} rows per diff`,
    },
  ];
  for (const levels of [50, 150]) {
    const frames = cryptocomFrames(CRYPTOCOM_PUSHES, levels);
    out.push({
      label: `cryptocom whole book, ${levels} a side`,
      metric: `cryptocom_${levels}_levels`,
      unit: 'pushes/s',
      count: frames.length,
      ours: () => cryptocomOurs(frames),
      ccxt: () => cryptocomCcxt(frames, Book),
      floor: () => cryptocomFloor(frames),
      note: `${Math.round(frames.reduce((n, f) => n + f.length, 0) / frames.length)} B of text per push (after gunzip)`,
    });
  }
  // Crypto.com Exchange deltas (SNAPSHOT_AND_UPDATE). The product subscribes at depth 50 (§7.5:
  // the exchange serves deltas at 10 or 50); 150 is issue 17's target, the same path on a deeper book.
  for (const depth of [50, 150]) {
    const rec = cdxBookFrames(CDX_DELTAS, depth, bookChannel('BTC_USDT'));
    out.push({
      label: `cryptocom-exchange book.update deltas, ${depth} levels a side`,
      metric: `cryptocom_exchange_${depth}_levels`,
      unit: 'deltas/s',
      count: rec.deltas.length,
      ours: () => cdxOurs(rec),
      ccxt: () => cdxCcxt(rec, CountedOrderBook),
      floor: () => cdxFloor(rec),
      note: `${(rec.rows / rec.deltas.length).toFixed(2)} levels per delta, snapshot to the hub per delta`,
    });
  }
  out.push({
    label: `micro: data structure only, pre-parsed rows (not a product path)`,
    metric: `micro_${WINDOW}_levels_set_remove`,
    unit: 'diffs/s',
    count: rec.diffs.length * MICRO_PASSES,
    ours: () => microOurs(rec),
    ccxt: () => microCcxt(rec, Book),
    note: 'OrderBook.set/remove vs ccxt store',
  });
  return out;
}

function measure(c: Case): void {
  const runs: Array<[keyof Pick<Case, 'ours' | 'ccxt' | 'floor'>, Run]> = [
    ['ours', c.ours],
    ['ccxt', c.ccxt],
  ];
  if (c.floor) runs.push(['floor', c.floor]);
  const rates: Record<string, number[]> = { ours: [], ccxt: [], floor: [] };
  const vsCcxt: number[] = [];
  const floorOver: number[] = [];
  for (let round = -WARMUP; round < ROUNDS; round++) {
    const got: Record<string, Timed> = {};
    // Rotate the order so no contender always runs on a warmer (or more throttled) CPU.
    for (let k = 0; k < runs.length; k++) {
      const [name, run] = runs[(k + Math.max(0, round)) % runs.length]!;
      got[name] = run();
    }
    if (round === -WARMUP && !agree(got.ours!.top!, got.ccxt!.top!)) throw new Error(`orderbook bench: ours and ccxt end with different books in "${c.label}"; the figures would mean nothing`);
    if (round < 0) continue;
    for (const [name] of runs) rates[name]!.push(rate(c.count, got[name]!.ms));
    vsCcxt.push(got.ccxt!.ms / got.ours!.ms);
    if (got.floor) floorOver.push(got.ours!.ms / got.floor.ms);
  }
  const fig = (xs: number[]) => ({ median: Math.round(median(xs)), min: Math.round(Math.min(...xs)), max: Math.round(Math.max(...xs)) });
  const ratio = (xs: number[]) => ({ median: Number(median(xs).toFixed(2)), min: Number(Math.min(...xs).toFixed(2)), max: Number(Math.max(...xs).toFixed(2)) });
  const ours = fig(rates.ours!);
  const ccxt = fig(rates.ccxt!);
  const floor = c.floor ? fig(rates.floor!) : undefined;
  const r = ratio(vsCcxt);
  const f = c.floor ? ratio(floorOver) : undefined;
  const show = (x: { median: number; min: number; max: number }) => `${x.median.toLocaleString('en')} (${x.min.toLocaleString('en')}-${x.max.toLocaleString('en')})`;
  console.log(`\n${c.label} [${c.note}]`);
  console.log(`  ours          ${show(ours)} ${c.unit}`);
  console.log(`  ccxt+JSON     ${show(ccxt)} ${c.unit}   ours/ccxt ${r.median}x (${r.min}-${r.max})`);
  if (floor && f) console.log(`  floor         ${show(floor)} ${c.unit}   ours takes ${f.median}x the floor's time (${f.min}-${f.max})`);
  result({ name: 'orderbook', metric: c.metric, value: ours.median, unit: c.unit, spread: [ours.min, ours.max], ccxt: ccxt.median, ccxtSpread: [ccxt.min, ccxt.max], vsCcxt: r.median, vsCcxtSpread: [r.min, r.max], ...(floor && f ? { floor: floor.median, floorSpread: [floor.min, floor.max], timesFloor: f.median, timesFloorSpread: [f.min, f.max] } : {}), rounds: ROUNDS });
}

export async function orderbookBenchmark(): Promise<void> {
  const books = await loadCcxtBooks();
  console.log(`order book, wire text to the renderer's state: ${ROUNDS} rounds after ${WARMUP} warm-up, CPU time, median (min-max)`);
  // ORDERBOOK_CASES=cryptocom_exchange runs only the cases whose metric contains it.
  const only = process.env.ORDERBOOK_CASES;
  for (const c of cases(books)) if (!only || c.metric.includes(only)) measure(c);
}
