import { performance } from 'node:perf_hooks';
import type { BookSnapshot, StreamState } from '../src/shared';
import { OrderBook } from '../src/main/book';
import { systemClock } from '../src/main/net/clock';
import { IcrypexStream } from '../src/main/exchanges/icrypex/stream';
import type { StreamSocket } from '../src/main/exchanges/kit/socket';
import { recordStream } from './orderbook-stream';
import { result, summarize } from './stats';

// `npm run bench -- icrypex-ws`: the main-process cost of one Icrypex book diff (specs/icrypex.md
// §8.4): parse, apply, and the 50-level snapshot handed to listeners, with a listener that keeps
// the last book and reads it every 16th diff (`burst`: many diffs per 16 ms hub flush) or every
// diff (`quiet`). Issue 16 asked whether building that snapshot per diff instead of at the flush
// matters: this is the measure to judge it by (see docs/exchanges.md, Icrypex order books).

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

function run(frames: { snapshot: string; diffs: string[] }, flushEvery: number): number {
  const socket = directSocket();
  const stream = new IcrypexStream({ url: 'ws://127.0.0.1:9/unused', socket: () => socket, clock: systemClock, newBook: () => new OrderBook(), native: (s) => s, onStatus: () => {} });
  let latest: BookSnapshot | undefined;
  let read = 0;
  stream.watchBook('BTCUSDT', (b) => (latest = b));
  socket.receive(frames.snapshot);
  const started = performance.now();
  for (let i = 0; i < frames.diffs.length; i++) {
    socket.receive(frames.diffs[i]!);
    if ((i + 1) % flushEvery === 0) read += latest!.bids.length + latest!.asks.length;
  }
  const perDiffUs = ((performance.now() - started) * 1000) / frames.diffs.length;
  stream.stop();
  if (read === 0) throw new Error('the listener never saw a level');
  return perDiffUs;
}

export async function icrypexWsBenchmark(): Promise<void> {
  const frames = framesOf(200);
  run(frames, 1); // warm-up
  for (const [label, flushEvery] of [['burst', 16], ['quiet', 1]] as const) {
    const samples = Array.from({ length: RUNS }, () => run(frames, flushEvery));
    const s = summarize(samples);
    console.log(`icrypex diff (${label}: the book read every ${flushEvery} diff(s)): p50 ${s.p50.toFixed(2)} µs, p95 ${s.p95.toFixed(2)} µs`);
    result({ name: 'icrypex-ws', metric: `${label}_diff_p50`, value: Number(s.p50.toFixed(2)), unit: 'us', runs: RUNS, diffs: DIFFS });
  }
}
