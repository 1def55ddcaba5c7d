import type { BookSnapshot, StreamState } from '../src/shared';
import { OrderBook } from '../src/main/book';
import { systemClock } from '../src/main/net/clock';
import { IcrypexStream } from '../src/main/exchanges/icrypex/stream';
import type { StreamSocket } from '../src/main/exchanges/kit/socket';
import { recordStream } from './lib/diff-stream';
import { result, summarize } from './stats';

// `npm run bench -- icrypex-ws`: the main-process cost of one Icrypex book diff (specs/icrypex.md
// §8.4): parse, apply, and the 50-level snapshot the hub pushes, side by side in one run for the
// two ways the hub can get it: `per diff` (watchBook: a snapshot built for every diff, as before
// issue 16 point 9) and `at flush` (watchBookChanges: the hub reads the book when it pushes).
// `burst`: 16 diffs per 16 ms hub flush, so the book is read every 16th diff; `quiet`: every diff.
// Timed in CPU time; runs alternate between the two ways; medians are reported (docs/exchanges.md, Icrypex order books).

const DIFFS = 4_000;
const RUNS = 9;

/** A socket that is connected at once and hands frames to the stream directly. */
function directSocket(): StreamSocket & { receive(text: string): void } {
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

function framesOf(depth: number): { snapshot: string; diffs: string[] } {
  const rec = recordStream(depth, DIFFS, 3);
  const level = ([p, q]: [string, string]) => ({ p, q });
  const snapshot = `orderbook|${JSON.stringify({ ps: 'BTCUSDT', cs: 0, a: rec.snapshot.asks.map(level), b: rec.snapshot.bids.map(level) })}`;
  const diffs = rec.diffs.map((d) => `obd|${JSON.stringify({ ps: 'BTCUSDT', cs: d.cs, a: d.a, b: d.b })}`);
  return { snapshot, diffs };
}

type Way = 'per diff' | 'at flush';

/**
 * CPU time of this process in ms: the machine that runs the benches is shared, and wall time
 * would count the time other processes held the core.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function run(frames: { snapshot: string; diffs: string[] }, way: Way, flushEvery: number): number {
  const socket = directSocket();
  const stream = new IcrypexStream({ url: 'ws://127.0.0.1:9/unused', socket: () => socket, clock: systemClock, newBook: () => new OrderBook(), native: (s) => s, onStatus: () => {} });
  // What the hub keeps between two flushes: the latest book, or how to read it.
  let latest: BookSnapshot | undefined;
  let readLatest: (() => BookSnapshot) | undefined;
  let read = 0;
  if (way === 'per diff') stream.watchBook('BTCUSDT', (b) => (latest = b));
  else stream.watchBookChanges('BTCUSDT', (r) => (readLatest = r));
  socket.receive(frames.snapshot);
  const started = cpuMs();
  for (let i = 0; i < frames.diffs.length; i++) {
    socket.receive(frames.diffs[i]!);
    if ((i + 1) % flushEvery === 0) {
      const book = readLatest ? readLatest() : latest!;
      read += book.bids.length + book.asks.length;
    }
  }
  const perDiffUs = ((cpuMs() - started) * 1000) / frames.diffs.length;
  stream.stop();
  if (read === 0) throw new Error('the listener never saw a level');
  return perDiffUs;
}

export async function icrypexWsBenchmark(): Promise<void> {
  const frames = framesOf(200);
  for (const way of ['per diff', 'at flush'] as const) run(frames, way, 1); // warm-up
  console.log(`icrypex diff: ${DIFFS} diffs per run, ${RUNS} runs per way, alternating; µs per diff`);
  console.log('mode    read every   per diff p50   at flush p50   per diff p95   at flush p95');
  for (const [label, flushEvery] of [['burst', 16], ['quiet', 1]] as const) {
    const samples: Record<Way, number[]> = { 'per diff': [], 'at flush': [] };
    for (let i = 0; i < RUNS; i++) {
      const order: Way[] = i % 2 === 0 ? ['per diff', 'at flush'] : ['at flush', 'per diff'];
      for (const way of order) samples[way].push(run(frames, way, flushEvery));
    }
    const eager = summarize(samples['per diff']);
    const lazy = summarize(samples['at flush']);
    const f = (n: number) => n.toFixed(2).padStart(14);
    console.log(`${label.padEnd(7)} ${String(flushEvery).padStart(10)} ${f(eager.p50)} ${f(lazy.p50)} ${f(eager.p95)} ${f(lazy.p95)}`);
    result({ name: 'icrypex-ws', metric: `${label}_diff_p50`, value: Number(lazy.p50.toFixed(2)), unit: 'us', baseline: Number(eager.p50.toFixed(2)), baseline_is: 'snapshot per diff', runs: RUNS, diffs: DIFFS });
  }
}
