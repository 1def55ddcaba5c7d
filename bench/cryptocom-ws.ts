import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { BookSnapshot } from '../src/shared';
import { systemClock } from '../src/main/net/clock';
import { CryptocomStream } from '../src/main/exchanges/cryptocom/stream';
import type { StreamSocket } from '../src/main/exchanges/kit/socket';
import { result, summarize } from './stats';

// `npm run bench -- cryptocom-ws`: how many Crypto.com V1 depth snapshots (150 levels a side,
// gzip inside binary frames, specs/cryptocom-v1.md §6.1/§6.6) one core can decompress, parse
// and apply to the book (including building the snapshot handed to listeners). Target ≥ 2,000/s.

const LEVELS = 150;
const FRAMES = 400;
const RUNS = 7;
const RUN_MS = 1_000;

/** Deterministic frames shaped like the chainup-live grovex snapshot, with moving prices. */
function makeFrames(extraTickKey = false): Buffer[] {
  let seed = 42;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const frames: Buffer[] = [];
  let mid = 86_700;
  let ts = 1_790_134_142_000;
  for (let i = 0; i < FRAMES; i++) {
    mid = Math.round((mid + (rand() - 0.5) * 20) * 100) / 100;
    const asks: [number, number][] = [];
    const buys: [number, number][] = [];
    for (let k = 0; k < LEVELS; k++) {
      asks.push([Math.round((mid + 0.5 + k * 0.37) * 100) / 100, Math.round(rand() * 2e5) / 1e5]);
      buys.push([Math.round((mid - 0.5 - k * 0.37) * 100) / 100, Math.round(rand() * 2e5) / 1e5]);
    }
    ts += 100;
    // `time` in the tick (REST's shape) is outside the fast path's plain shape: the general parser runs.
    const tick = extraTickKey ? { asks, buys, time: null } : { asks, buys };
    const text = JSON.stringify({ event_rep: '', channel: 'market_btcusdt_depth_step0', data: null, tick, ts, status: 'ok' });
    frames.push(gzipSync(Buffer.from(text)));
  }
  return frames;
}

/** A socket that never connects: frames are handed to the stream directly. */
export function idleSocket(): StreamSocket {
  return {
    onOpen: () => () => true,
    onMessage: () => () => true,
    onState: () => () => true,
    send: () => false,
    connect: () => {},
    close: async () => {},
    state: 'connected',
    since: 0,
    detail: undefined,
  } as unknown as StreamSocket;
}

/** Snapshots per second over RUNS runs, and per-frame µs. */
async function measure(frames: Buffer[]): Promise<{ rates: number[]; perFrameUs: number[]; applied: number }> {
  const stream = new CryptocomStream({ url: 'ws://127.0.0.1:9/unused', clock: systemClock, socket: idleSocket });
  let applied = 0;
  let last: BookSnapshot | undefined;
  stream.watchBook('btcusdt', (book) => {
    applied++;
    last = book;
  });
  // Warm-up so the JIT has settled.
  for (let i = 0; i < 2_000; i++) stream.handleFrame(frames[i % FRAMES]!, true);
  const rates: number[] = [];
  const perFrameUs: number[] = [];
  let i = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < RUN_MS) {
      const t = performance.now();
      stream.handleFrame(frames[i++ % FRAMES]!, true);
      perFrameUs.push((performance.now() - t) * 1000);
      n++;
    }
    rates.push(n / ((performance.now() - start) / 1000));
  }
  await stream.close();
  if (stream.dropped > 0) throw new Error(`${stream.dropped} frames were dropped`);
  if (!last || last.bids.length !== LEVELS || last.asks.length !== LEVELS) throw new Error('book was not applied');
  return { rates, perFrameUs, applied };
}

export async function cryptocomWsBenchmark(): Promise<void> {
  const frames = makeFrames();
  const avgBytes = Math.round(frames.reduce((n, f) => n + f.length, 0) / frames.length);
  const general = await measure(makeFrames(true));
  const fast = await measure(frames);
  const g = summarize(general.rates);
  const r = summarize(fast.rates);
  const us = summarize(fast.perFrameUs);
  console.log(`frames: ${FRAMES} distinct, ${LEVELS} levels a side, ${avgBytes} B gzip each; applied ${fast.applied}`);
  console.log(`general parser (JSON.parse, floats printed back):  median ${g.p50.toFixed(0)}/s`);
  console.log(`connector path (levels read from the text):        median ${r.p50.toFixed(0)}/s, min ${Math.min(...fast.rates).toFixed(0)}, max ${r.max.toFixed(0)} (${(r.p50 / g.p50).toFixed(1)}x the general parser)`);
  console.log(`per frame: p50 ${us.p50.toFixed(1)} µs, p99 ${us.p99.toFixed(1)} µs; target 2000/s -> ratio ${(r.p50 / 2000).toFixed(1)}x`);
  result({
    name: 'cryptocom-ws',
    metric: 'depth snapshots decompressed, parsed and applied per second (150 levels a side, gzip, one core)',
    value: Math.round(r.p50),
    unit: 'snapshots/s',
    target: 2000,
    ratioToTarget: Number((r.p50 / 2000).toFixed(2)),
    generalParserValue: Math.round(g.p50),
    p50FrameUs: Number(us.p50.toFixed(1)),
    p99FrameUs: Number(us.p99.toFixed(1)),
    gzipBytes: avgBytes,
    runs: RUNS,
  });
}
