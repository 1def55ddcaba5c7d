import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { CryptocomStream } from '../src/main/exchanges/cryptocom/stream';
import type { StreamSocket } from '../src/main/exchanges/kit/socket';
import { systemClock } from '../src/main/net/clock';
import { gzipBomb } from '../tests/support/gzip-bomb';
import { HttpClient } from '../src/main/net/http-client';

// One scenario of bench/bomb.ts in a fresh process, so its peak RSS is its own. Prints one JSON line.

/** A single-member gzip of `bytes` zeros, compressed as a stream (what an attacker would send). */
async function singleMemberBomb(bytes: number): Promise<Buffer> {
  const gz = zlib.createGzip({ level: 9 });
  const out: Buffer[] = [];
  gz.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => gz.on('end', resolve));
  const zeros = Buffer.alloc(1 << 20);
  for (let i = 0; i < bytes / zeros.length; i++) if (!gz.write(zeros)) await new Promise((r) => gz.once('drain', r));
  gz.end();
  await done;
  return Buffer.concat(out);
}

async function main(): Promise<void> {
  const [scenario, size] = process.argv.slice(2) as [string, string];
  const bomb = size === '1g' ? await singleMemberBomb(1 << 30) : gzipBomb(16 * 2 ** 30);
  // Two views of the worst stall: perf_hooks' histogram, and the largest gap between the runs
  // of a 1 ms interval (which also sees one long synchronous call as one long gap).
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let maxGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 1);
  const rssBefore = process.memoryUsage().rss;
  delay.enable();
  await new Promise((r) => setTimeout(r, 20));
  maxGap = 0;
  const started = performance.now();
  let outcome = '';
  if (scenario === 'ws-before') {
    // The old decodeFrame: gunzipSync with no cap.
    try {
      outcome = `inflated ${zlib.gunzipSync(bomb).toString('utf8').length} chars`;
    } catch (e) {
      outcome = `threw ${(e as Error).name}`;
    }
  } else if (scenario === 'ws-after') {
    const logs: string[] = [];
    const stream = new CryptocomStream({ url: 'ws://127.0.0.1:1/', clock: systemClock, log: (l) => logs.push(l), socket: () => ({}) as StreamSocket });
    stream.handleFrame(bomb, true);
    outcome = `dropped ${stream.dropped}: ${logs[0] ?? ''}`;
  } else if (scenario === 'rest-after') {
    const server = createServer((_req, res) => {
      res.setHeader('content-encoding', 'gzip');
      res.end(bomb);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const client = new HttpClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs: 60_000 });
    const reply = await client.request({ method: 'GET', path: '/bomb' });
    outcome = reply.ok ? `inflated ${reply.text.length}` : reply.message;
    client.close();
    server.close();
  }
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 20));
  delay.disable();
  clearInterval(ticker);
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ scenario, size, compressedBytes: bomb.length, ms, blockedMaxMs: Math.max(delay.max / 1e6, maxGap), histogramMaxMs: delay.max / 1e6, peakRssMiB, rssBeforeMiB: rssBefore / 2 ** 20, outcome: outcome.slice(0, 120) }));
}

void main();
