import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { BookSnapshot } from '../src/shared';
import { systemClock } from '../src/main/net/clock';
import { CryptocomStream } from '../src/main/exchanges/cryptocom/stream';
import { parseFrame } from '../src/main/exchanges/icrypex/stream-protocol';
import { createHandle } from '../src/main/ipc/handle';
import { FakeExchange } from '../tests/support/fake-exchange';
import { startHarness } from '../tests/support/engine-harness';
import { MemorySecretStore } from '../tests/support/memory-secret-store';
import { idleSocket } from './cryptocom-ws';
import { result, summarize } from './stats';

// `npm run bench -- hostile-numbers` (issue 12): how long the terminal spends on the hostile
// inputs of the issue. Before the bounded reader a 110-byte Crypto.com depth push with a price
// of "1e100000000" froze main for 12.5 s and "1e150000000" ran it out of heap; a preview with
// 100k-digit price and quantity blocked the event loop for 19 s. Each figure here is the time
// from the frame or payload arriving to its refusal (a dropped frame, a VALIDATION answer).

const RUNS = 2_000;

const CDC = ['1e150000000', '1e100000000'].map((price) => ({
  price,
  text: `{"channel":"market_btcusdt_depth_step0","ts":1790134142000,"tick":{"asks":[["${price}","1"]],"buys":[["1","1"]]}}`,
}));
const ICX = ['1e150000000', '1e100000000'].map((price) => ({
  price,
  text: `orderbook|{"ps":"BTCUSDT","cs":1,"a":[{"p":"${price}","q":"1"}],"b":[{"p":"1","q":"1"}]}`,
}));

function timeUs(run: () => void): number[] {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    run();
    samples.push((performance.now() - t) * 1000);
  }
  return samples;
}

function report(name: string, samples: number[], extra: Record<string, unknown>): void {
  const s = summarize(samples);
  console.log(`${name.padEnd(44)} p50 ${s.p50.toFixed(1).padStart(7)} µs   p99 ${s.p99.toFixed(1).padStart(7)} µs   max ${s.max.toFixed(1).padStart(8)} µs`);
  result({ name: 'hostile-numbers', metric: name, value: Number(s.p50.toFixed(2)), unit: 'us', p99: Number(s.p99.toFixed(2)), max: Number(s.max.toFixed(2)), n: s.n, ...extra });
}

export async function hostileNumbersBenchmark(): Promise<void> {
  // Crypto.com: the whole path of a binary frame (gunzip, parse, refuse, flag the book stale).
  const logs: string[] = [];
  const stream = new CryptocomStream({ url: 'ws://127.0.0.1:9/unused', clock: systemClock, socket: idleSocket, log: (l) => logs.push(l) });
  let last: BookSnapshot | undefined;
  stream.watchBook('btcusdt', (book) => (last = book));
  for (const frame of CDC) {
    const gz = gzipSync(Buffer.from(frame.text));
    const samples = timeUs(() => stream.handleFrame(gz, true));
    report(`cryptocom depth push ${frame.price}`, samples, { bytes: Buffer.byteLength(frame.text) });
  }
  if (stream.dropped !== RUNS * CDC.length) throw new Error(`expected every hostile frame refused, ${stream.dropped} were`);
  if (last && !last.stale) throw new Error('the book was not flagged stale');
  console.log(`  log lines for ${stream.dropped} refused frames: ${logs.length}`);

  // Icrypex: parsing the frame (the market stream then flags the book and asks for a snapshot).
  for (const frame of ICX) {
    const samples = timeUs(() => {
      if (parseFrame(frame.text).type !== 'book-suspect') throw new Error('the hostile frame was not refused');
    });
    report(`icrypex orderbook frame ${frame.price}`, samples, { bytes: Buffer.byteLength(frame.text) });
  }

  // orders:preview with 100k-digit price and quantity, through the real handle() and engine.
  const icx = new FakeExchange('icrypex');
  icx.addAccount('bench-key-aaaa', 'bench-secret-aaaa');
  const h = await startHarness({ secretStore: new MemorySecretStore(), connectorFactories: { icrypex: icx.factory } });
  try {
    const account = await h.value('accounts:add', { exchange: 'icrypex', label: 'Bench', apiKey: 'bench-key-aaaa', apiSecret: 'bench-secret-aaaa' });
    const handle = createHandle({ handlers: h.engine.handlers, isTrustedSender: () => true });
    const digits = '9'.repeat(100_000);
    const payload = { accountId: account.id, symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: digits, quantity: digits };
    const samples: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      const answer = await handle('orders:preview', { id: 1, frameUrl: 'bench://', isTopFrame: true }, payload);
      samples.push((performance.now() - t) * 1000);
      if (answer.ok || answer.error.code !== 'VALIDATION') throw new Error(`the 100k-digit preview was not refused: ${JSON.stringify(answer).slice(0, 200)}`);
    }
    report('orders:preview with 100k-digit price and quantity', samples, { digits: digits.length });
  } finally {
    await h.close();
  }
}
