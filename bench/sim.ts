import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { startIcrypexSimulator } from '../src/main/sim/icrypex';
import { MatchingEngine } from '../src/main/sim/matching/engine';
import { defaultMarkets } from '../src/main/sim/market/catalog';
import { SyntheticMarket } from '../src/main/sim/market/synthetic';
import { result } from './stats';

const TARGET = Number(process.env.SIM_BENCH_RATE ?? 5000);
const SECONDS = Number(process.env.SIM_BENCH_SECONDS ?? 10);
/** Second phase: ask for far more than the target to see what the simulator can carry with sockets. */
const CAPACITY_RATE = Number(process.env.SIM_BENCH_CAPACITY_RATE ?? 40_000);
const CAPACITY_SECONDS = 5;
const RUNS = Number(process.env.SIM_BENCH_RUNS ?? 3);
const CLIENTS = 4;
const SYMBOLS = ['BTCUSDT', 'ETHUSDT', 'SHIBUSDT'];

type Row = { p: string; q: string; t?: number };
type Side = Map<string, string>;

/** A raw client that rebuilds every pair's 50-level window from orderbook + obd and counts cs gaps. */
class BookClient {
  readonly books = new Map<string, { cs: number; asks: Side; bids: Side }>();
  gaps = 0;
  errors: string[] = [];
  frames = 0;
  trades = 0;
  /** Book frames (orderbook snapshots + obd diffs) and the rows they carried. */
  bookFrames = 0;
  bookRows = 0;
  /** Rows per obd diff frame, for the median (real captures carry 1-2; ../shared/fixtures/icrypex-live). */
  diffRows: number[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.onFrame(data.toString()));
  }

  static async open(url: string): Promise<BookClient> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
    const client = new BookClient(ws);
    for (const symbol of SYMBOLS) {
      ws.send(`subscribe|{"c":"orderbook@${symbol.toLowerCase()}","s":true}`);
      ws.send(`subscribe|{"c":"trade@${symbol.toLowerCase()}","s":true}`);
    }
    ws.send('subscribe|{"c":"tickers","s":true}');
    return client;
  }

  lastCs(symbol: string): number | undefined {
    return this.books.get(symbol)?.cs;
  }

  private onFrame(text: string): void {
    this.frames++;
    const bar = text.indexOf('|');
    const type = text.slice(0, bar);
    if (type === 'trade') this.trades++;
    if (type !== 'orderbook' && type !== 'obd') return;
    const body = JSON.parse(text.slice(bar + 1)) as { ps: string; cs: number; a: Row[]; b: Row[] };
    this.bookFrames++;
    this.bookRows += body.a.length + body.b.length;
    if (type === 'obd') this.diffRows.push(body.a.length + body.b.length);
    if (type === 'orderbook') {
      this.books.set(body.ps, { cs: body.cs, asks: new Map(body.a.map((r) => [r.p, r.q])), bids: new Map(body.b.map((r) => [r.p, r.q])) });
      return;
    }
    const book = this.books.get(body.ps);
    if (!book) return;
    if (body.cs !== book.cs + 1) this.gaps++;
    book.cs = body.cs;
    for (const [side, rows] of [[book.asks, body.a], [book.bids, body.b]] as const) {
      for (const row of rows) {
        if (row.t === 3) {
          if (!side.delete(row.p)) this.errors.push(`${body.ps} t=3 for absent ${row.p}`);
        } else if (row.t === 1) {
          if (side.has(row.p)) this.errors.push(`${body.ps} t=1 for present ${row.p}`);
          side.set(row.p, row.q);
        } else {
          if (!side.has(row.p)) this.errors.push(`${body.ps} t=2 for absent ${row.p}`);
          side.set(row.p, row.q);
        }
      }
    }
  }
}

const sortSide = (side: Side, descending: boolean) => [...side].sort((a, b) => (descending ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0])));

/** Engine alone: how many book changes a second the matching engine + synthetic traders can make. */
function engineCeiling(): number {
  const engine = new MatchingEngine({ seed: 99, markets: defaultMarkets() });
  const market = new SyntheticMarket({ engine, seed: 99, bookChangesPerSecond: TARGET });
  market.bootstrap({ historyMinutes: 60 });
  market.stepChanges(20_000); // warm up
  const start = performance.now();
  const made = market.stepChanges(100_000);
  const rate = made / ((performance.now() - start) / 1000);
  const problems = engine.checkInvariants();
  if (problems.length) throw new Error(`engine invariants broken: ${problems.slice(0, 3).join('; ')}`);
  return rate;
}

/**
 * The full Icrypex simulator at TARGET book changes/s for SECONDS with CLIENTS raw WebSocket
 * clients on every pair's book and trades; then checks the engine (books uncrossed, locks equal
 * reserves, assets conserved) and that every client's rebuilt window equals the engine's.
 */
/** One run's figures (simBenchmark prints the medians of RUNS runs). */
interface Figures {
  ceiling: number;
  achieved: number;
  capacity: number;
  framesPerS: number;
  bookFramesPerS: number;
  rowsPerS: number;
  medianDiffRows: number;
  loopP99Ms: number;
  loopMaxMs: number;
  pass: boolean;
  correct: boolean;
}

async function runOnce(run: number): Promise<Figures> {
  const ceiling = engineCeiling();
  const sim = await startIcrypexSimulator({ seed: 7, accounts: [], bookChangesPerSecond: TARGET, synthetic: false, historyMinutes: 24 * 60 });
  const clients = await Promise.all(Array.from({ length: CLIENTS }, () => BookClient.open(sim.wsUrl)));
  // Sampled every 1 ms (the finest), recorded in ns: a stall shorter than 10 ms shows too.
  const lag = monitorEventLoopDelay({ resolution: 1 });
  const startChanges = sim.market.bookChanges;
  const wire = () => clients.reduce((sum, c) => ({ frames: sum.frames + c.frames, bookFrames: sum.bookFrames + c.bookFrames, rows: sum.rows + c.bookRows, diffs: sum.diffs + c.diffRows.length }), { frames: 0, bookFrames: 0, rows: 0, diffs: 0 });
  const wireStart = wire();
  const diffsStart = clients.map((c) => c.diffRows.length);
  lag.enable();
  const started = performance.now();
  sim.market.start();
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  const elapsed = (performance.now() - started) / 1000;
  lag.disable();
  const wireEnd = wire();
  const sustainedDiffRows = clients.flatMap((c, i) => c.diffRows.slice(diffsStart[i]));
  const changes = sim.market.bookChanges - startChanges;
  const achieved = changes / elapsed;
  const forgiven = sim.market.forgivenChanges;

  const capacityStart = sim.market.bookChanges;
  const capacityStarted = performance.now();
  sim.market.setRate(CAPACITY_RATE);
  await new Promise((resolve) => setTimeout(resolve, CAPACITY_SECONDS * 1000));
  sim.market.stop();
  const capacity = (sim.market.bookChanges - capacityStart) / ((performance.now() - capacityStarted) / 1000);

  // Let the last diffs reach every client, then compare with the engine.
  sim.flushBooks();
  const deadline = Date.now() + 5000;
  const targetCs = (symbol: string) => clients[0]!.lastCs(symbol);
  const settled = () => SYMBOLS.every((symbol) => clients.every((client) => client.lastCs(symbol) === targetCs(symbol)));
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      sim.flushBooks();
      if (settled() || Date.now() > deadline) {
        clearInterval(poll);
        resolve();
      }
    }, 50);
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const mismatches: string[] = [];
  for (const client of clients) {
    for (const symbol of SYMBOLS) {
      const local = client.books.get(symbol);
      const engine = sim.engine.book(symbol, 50);
      if (!local) mismatches.push(`${symbol}: no snapshot`);
      else if (JSON.stringify(sortSide(local.asks, false)) !== JSON.stringify(engine.asks) || JSON.stringify(sortSide(local.bids, true)) !== JSON.stringify(engine.bids)) {
        mismatches.push(`${symbol}: client window differs from the engine`);
      }
    }
  }
  const invariants = sim.engine.checkInvariants();
  const gaps = clients.reduce((sum, c) => sum + c.gaps, 0);
  const rowErrors = clients.flatMap((c) => c.errors);
  const frames = clients.reduce((sum, c) => sum + c.frames, 0);
  const tradeFrames = clients.reduce((sum, c) => sum + c.trades, 0);
  await Promise.all(clients.map((c) => new Promise<void>((resolve) => {
    c.ws.once('close', () => resolve());
    c.ws.close();
  })));
  await sim.stop();

  // Per client: every client gets the same frames, so this is what one connection carries.
  const perClient = (n: number) => n / CLIENTS / elapsed;
  const framesPerS = perClient(wireEnd.frames - wireStart.frames);
  const bookFramesPerS = perClient(wireEnd.bookFrames - wireStart.bookFrames);
  const rowsPerS = perClient(wireEnd.rows - wireStart.rows);
  const sortedDiffRows = [...sustainedDiffRows].sort((a, b) => a - b);
  const medianDiffRows = sortedDiffRows.length ? sortedDiffRows[Math.floor(sortedDiffRows.length / 2)]! : 0;
  const ms = (ns: number) => (ns / 1e6).toFixed(2);

  const correct = invariants.length === 0 && mismatches.length === 0 && gaps === 0 && rowErrors.length === 0;
  const pass = correct && capacity >= TARGET && achieved >= TARGET * 0.98;
  console.log(`Run ${run}/${RUNS}: Icrypex simulator, target ${TARGET} book changes/s for ${SECONDS} s, ${CLIENTS} WS clients on ${SYMBOLS.length} books + trades + tickers`);
  console.log(`  engine + synthetic traders alone    ${ceiling.toFixed(0).padStart(10)} changes/s (ceiling)`);
  console.log(`  sustained with sockets              ${achieved.toFixed(0).padStart(10)} changes/s (${changes} in ${elapsed.toFixed(2)} s, ${(achieved / TARGET * 100).toFixed(1)} % of target)`);
  console.log(`  capacity with sockets (asked ${CAPACITY_RATE}) ${capacity.toFixed(0).padStart(9)} changes/s over ${CAPACITY_SECONDS} s`);
  console.log(`  skipped by overload                  ${forgiven} changes`);
  console.log(`  wire per client (sustained phase)   ${framesPerS.toFixed(0).padStart(10)} frames/s, ${bookFramesPerS.toFixed(0)} book frames/s carrying ${rowsPerS.toFixed(0)} rows/s (median ${medianDiffRows} rows per obd diff; real captures: 1-2)`);
  console.log(`  event loop delay p50 / p99 / max    ${ms(lag.percentile(50))} / ${ms(lag.percentile(99))} / ${ms(lag.max)} ms (sampled every 1 ms)`);
  console.log(`  frames to clients (both phases)     ${frames} (${tradeFrames} trade frames)`);
  console.log(`  correctness (after both phases): invariants ${invariants.length ? invariants.slice(0, 3).join('; ') : 'ok'}, client windows ${mismatches.length ? mismatches.join('; ') : 'equal to engine'}, cs gaps ${gaps}, row errors ${rowErrors.length}`);
  console.log(`  verdict: ${pass ? 'PASS' : 'FAIL'} (correct, capacity >= ${TARGET}, sustained >= 98 % of ${TARGET})`);
  return { ceiling, achieved, capacity, framesPerS, bookFramesPerS, rowsPerS, medianDiffRows, loopP99Ms: lag.percentile(99) / 1e6, loopMaxMs: lag.max / 1e6, pass, correct };
}

export async function simBenchmark(): Promise<void> {
  const runs: Figures[] = [];
  for (let i = 1; i <= RUNS; i++) runs.push(await runOnce(i));
  const stat = (pick: (f: Figures) => number, digits = 0) => {
    const xs = runs.map(pick).sort((a, b) => a - b);
    const round = (x: number) => Number(x.toFixed(digits));
    return { value: round(xs[Math.floor(xs.length / 2)]!), spread: [round(xs[0]!), round(xs.at(-1)!)] };
  };
  const pass = runs.every((f) => f.pass);
  const correct = runs.every((f) => f.correct);
  console.log(`Medians of ${RUNS} runs [min, max]:`);
  const rows: Array<[string, ReturnType<typeof stat>, string]> = [
    ['engine + synthetic traders alone', stat((f) => f.ceiling), 'changes/s'],
    ['sustained with sockets', stat((f) => f.achieved), 'changes/s'],
    ['capacity with sockets', stat((f) => f.capacity), 'changes/s'],
    ['wire frames per client', stat((f) => f.framesPerS), 'frames/s'],
    ['wire book rows per client', stat((f) => f.rowsPerS), 'rows/s'],
    ['rows per obd diff (median)', stat((f) => f.medianDiffRows), 'rows'],
    ['event loop delay p99', stat((f) => f.loopP99Ms, 2), 'ms'],
  ];
  for (const [label, s, unit] of rows) console.log(`  ${label.padEnd(34)} ${String(s.value).padStart(10)} ${unit} [${s.spread.join(', ')}]`);
  console.log(`  verdict: ${pass ? 'PASS' : 'FAIL'} in every run (correct, capacity >= ${TARGET}, sustained >= 98 % of ${TARGET})`);
  if (!pass) process.exitCode = 1;
  const common = { runs: RUNS, clients: CLIENTS, seconds: SECONDS };
  result({ name: 'sim', metric: 'engine_book_changes_per_s', value: stat((f) => f.ceiling).value, unit: 'changes/s', spread: stat((f) => f.ceiling).spread, runs: RUNS });
  result({ name: 'sim', metric: 'capacity_book_changes_per_s', value: stat((f) => f.capacity).value, unit: 'changes/s', spread: stat((f) => f.capacity).spread, asked: CAPACITY_RATE, ...common });
  result({
    name: 'sim', metric: 'book_changes_per_s', value: stat((f) => f.achieved).value, unit: 'changes/s', spread: stat((f) => f.achieved).spread,
    target: TARGET, ratio: stat((f) => f.achieved / TARGET, 3).value, correct, pass, ...common,
    loop_delay_p99_ms: stat((f) => f.loopP99Ms, 2).value, loop_delay_max_ms: stat((f) => f.loopMaxMs, 2).value,
  });
  result({ name: 'sim', metric: 'wire_frames_per_s', value: stat((f) => f.framesPerS).value, unit: 'frames/s', spread: stat((f) => f.framesPerS).spread, per: 'client', bookFrames: stat((f) => f.bookFramesPerS).value, target: TARGET, ...common });
  result({ name: 'sim', metric: 'wire_rows_per_s', value: stat((f) => f.rowsPerS).value, unit: 'rows/s', spread: stat((f) => f.rowsPerS).spread, per: 'client', medianRowsPerDiff: stat((f) => f.medianDiffRows).value, target: TARGET, ...common });
}
