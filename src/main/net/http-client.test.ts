import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../tests/support/wait';
import { gzipSync } from 'node:zlib';
import { ClockSkewEstimator } from './clock-skew';
import { gzipBomb } from '../../../tests/support/gzip-bomb';
import { HttpClient, transportErr, type HttpOutcome } from './http-client';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const servers: http.Server[] = [];
const clients: HttpClient[] = [];

/** A loopback server whose behaviour each test supplies; records what it received. */
async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { seen, server, url: `http://127.0.0.1:${port}` };
}

function client(baseUrl: string, extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  const logs: string[] = [];
  const c = new HttpClient({ baseUrl, timeoutMs: 2_000, name: 'test', log: (l) => logs.push(l), ...extra });
  clients.push(c);
  return { c, logs };
}

function failure(outcome: HttpOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, got status ${outcome.status}`);
  return outcome;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

describe('HttpClient', () => {
  it('sends method, path, encoded query in order, headers and body, and returns the reply', async () => {
    const { seen, url } = await serve((_req, res) => {
      res.setHeader('X-Thing', 'yes');
      res.end('{"a":1}');
    });
    const { c } = client(`${url}/api/`);
    const outcome = await c.request({
      method: 'POST',
      path: '/v1/orders',
      query: { symbol: 'BTC/USDT', page: 2, skip: undefined, flag: true },
      headers: { 'content-type': 'application/json', 'x-key': 'k' },
      body: '{"side":"BUY"}',
    });
    expect(outcome).toMatchObject({ ok: true, status: 200, text: '{"a":1}' });
    expect(outcome.ok && outcome.headers['x-thing']).toBe('yes');
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/orders?symbol=BTC%2FUSDT&page=2&flag=true', body: '{"side":"BUY"}' });
    expect(seen[0]!.headers['x-key']).toBe('k');
  });

  it('sends a pre-encoded query string exactly as given (signatures cover exact bytes)', async () => {
    const { seen, url } = await serve((_req, res) => res.end('ok'));
    const { c } = client(url);
    await c.request({ method: 'GET', path: '/v1/depth', query: 'symbol=btcusdt&type=step0' });
    expect(seen[0]!.url).toBe('/v1/depth?symbol=btcusdt&type=step0');
  });

  it.each([400, 401, 403, 404, 422, 429, 500, 503])('passes status %i through as a reply with its body', async (status) => {
    const { url } = await serve((_req, res) => {
      res.statusCode = status;
      res.end(status === 429 ? '' : `{"code":"x","message":"status ${status}"}`);
    });
    const { c } = client(url);
    const outcome = await c.request({ method: 'GET', path: '/v1/tickers' });
    expect(outcome).toMatchObject({ ok: true, status, text: status === 429 ? '' : `{"code":"x","message":"status ${status}"}` });
  });

  it('sends a GET once more when the server resets the reused keep-alive socket before replying', async () => {
    let calls = 0;
    const { seen, url } = await serve((req, res) => {
      calls++;
      // The second request arrives on the kept-alive socket of the first: reset it unanswered.
      if (calls === 2) req.socket.destroy();
      else res.end('{}');
    });
    const { c } = client(url);
    expect((await c.request({ method: 'GET', path: '/a' })).ok).toBe(true);
    const again = await c.request({ method: 'GET', path: '/b' });
    expect(again).toMatchObject({ ok: true, status: 200 });
    expect(seen.map((s) => s.url)).toEqual(['/a', '/b', '/b']);
  });

  it('does not send a POST again after the same reset (it may have been executed)', async () => {
    let calls = 0;
    const { seen, url } = await serve((req, res) => {
      calls++;
      if (calls === 2) req.socket.destroy();
      else res.end('{}');
    });
    const { c } = client(url);
    expect((await c.request({ method: 'POST', path: '/a', body: '{}' })).ok).toBe(true);
    expect(await c.request({ method: 'POST', path: '/b', body: '{}' })).toMatchObject({ ok: false, kind: 'network' });
    expect(seen.map((s) => s.url)).toEqual(['/a', '/b']);
  });

  it('times out when the server accepts but never replies, and flags it ambiguous', async () => {
    const { seen, url } = await serve(() => {
      /* hold the request */
    });
    const { c } = client(url);
    const outcome = failure(await c.request({ method: 'POST', path: '/sapi/v1/orders', body: '{}', timeoutMs: 150 }));
    expect(outcome).toMatchObject({ kind: 'timeout', ambiguous: true });
    expect(outcome.message).toBe('test POST /sapi/v1/orders: no reply within 150 ms');
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(140);
    expect(seen).toHaveLength(1); // it really did reach the server
    expect(transportErr(outcome).error).toMatchObject({ code: 'TIMEOUT', retryable: true });
  });

  it('reports a refused connection as network and NOT ambiguous (nothing was sent)', async () => {
    const { url, server } = await serve(() => undefined);
    await new Promise((resolve) => server.close(resolve));
    const { c } = client(url);
    const outcome = failure(await c.request({ method: 'POST', path: '/sapi/v1/orders', body: '{}' }));
    expect(outcome).toMatchObject({ kind: 'network', ambiguous: false, message: 'test POST /sapi/v1/orders: connection refused' });
    expect(transportErr(outcome).error.code).toBe('NETWORK');
  });

  it('reports a connection the server drops after reading the request as network and ambiguous', async () => {
    const { seen, url } = await serve((req) => req.socket.destroy());
    const { c } = client(url);
    const outcome = failure(await c.request({ method: 'POST', path: '/sapi/v1/orders', body: '{"q":"1"}' }));
    expect(outcome).toMatchObject({ kind: 'network', ambiguous: true });
    expect(seen).toHaveLength(1);
  });

  it('reports a reply cut off mid-body as network and ambiguous', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"partial":');
      setImmediate(() => res.socket?.destroy());
    });
    const { c } = client(url);
    const outcome = failure(await c.request({ method: 'GET', path: '/v1/orderbook' }));
    expect(outcome).toMatchObject({ kind: 'network', ambiguous: true, message: 'test GET /v1/orderbook: connection closed in the middle of the reply' });
  });

  it('refuses a reply larger than maxBodyBytes', async () => {
    const { url } = await serve((_req, res) => res.end('x'.repeat(5_000)));
    const { c } = client(url, { maxBodyBytes: 1_000 });
    const outcome = failure(await c.request({ method: 'GET', path: '/v1/tickers' }));
    expect(outcome).toMatchObject({ kind: 'network', ambiguous: true, message: 'test GET /v1/tickers: reply larger than 1000 bytes' });
  });

  it('an abort before sending is not ambiguous; an abort while waiting for the reply is', async () => {
    const { seen, url } = await serve(() => undefined);
    const { c } = client(url);
    const early = new AbortController();
    early.abort();
    expect(failure(await c.request({ method: 'POST', path: '/x', signal: early.signal }))).toMatchObject({ kind: 'aborted', ambiguous: false });
    expect(seen).toHaveLength(0);

    const late = new AbortController();
    const pending = c.request({ method: 'POST', path: '/x', body: '{}', signal: late.signal });
    await waitFor(() => seen.length === 1, 'the first request');
    late.abort();
    expect(failure(await pending)).toMatchObject({ kind: 'aborted', ambiguous: true, message: 'test POST /x: cancelled after sending' });
  });

  it('reuses a kept-alive connection and still flags a failure on it as ambiguous', async () => {
    let n = 0;
    const { url } = await serve((req, res) => {
      n++;
      if (n === 1) res.end('first');
      else req.socket.destroy();
    });
    const { c } = client(url);
    expect(await c.request({ method: 'GET', path: '/a' })).toMatchObject({ ok: true, text: 'first' });
    expect(failure(await c.request({ method: 'POST', path: '/b', body: '{}' }))).toMatchObject({ kind: 'network', ambiguous: true });
  });

  it('decodes a gzip body even though it never asks for one', async () => {
    const { gzipSync } = await import('node:zlib');
    const { seen, url } = await serve((_req, res) => {
      res.setHeader('content-encoding', 'gzip');
      res.end(gzipSync('{"z":true}'));
    });
    const { c } = client(url);
    expect(await c.request({ method: 'GET', path: '/z' })).toMatchObject({ ok: true, text: '{"z":true}' });
    expect(seen[0]!.headers['accept-encoding']).toBeUndefined();
  });

  it('drops a gzip bomb body (1 MiB inflating to 1 GiB) after inflating at most maxBodyBytes, then serves the next reply', async () => {
    const bomb = gzipBomb(1 << 30);
    const { url } = await serve((req, res) => {
      if (req.url === '/ok') return res.end('fine');
      res.setHeader('content-encoding', req.url === '/twice' ? 'gzip, gzip' : 'gzip');
      res.end(req.url === '/twice' ? gzipSync(bomb) : bomb);
    });
    const { c, logs } = client(url, { maxBodyBytes: 2 * 1024 * 1024 });
    for (const path of ['/bomb', '/twice']) {
      expect(failure(await c.request({ method: 'GET', path }))).toMatchObject({ kind: 'network', message: expect.stringMatching(/decompresses to more than 2097152 bytes/) });
    }
    expect(logs.filter((l) => l.includes('decompresses to more than'))).toHaveLength(2);
    expect(await c.request({ method: 'GET', path: '/ok' })).toMatchObject({ ok: true, text: 'fine' });
  });

  it('refuses an unknown content-encoding instead of reading compressed bytes as text, and a Content-Length over the cap before reading', async () => {
    const { url } = await serve((req, res) => {
      if (req.url === '/zstd') {
        res.setHeader('content-encoding', 'zstd');
        return res.end('(\xb5/\xfd binary)');
      }
      res.writeHead(200, { 'content-length': String(64 * 1024 * 1024) });
      res.write('x'); // then hangs: the client must not wait for 64 MiB it will refuse anyway
    });
    const { c } = client(url, { maxBodyBytes: 1024 });
    expect(failure(await c.request({ method: 'GET', path: '/zstd' }))).toMatchObject({ kind: 'network', message: expect.stringMatching(/unsupported content-encoding "zstd"/) });
    expect(failure(await c.request({ method: 'GET', path: '/huge' }))).toMatchObject({ kind: 'network', message: expect.stringMatching(/reply larger than 1024 bytes/) });
  });

  it('estimates clock skew from Date headers to well under a second, and reports median latency', async () => {
    let fakeNow = 1_700_000_000_000;
    const skew = 5_300;
    const { url } = await serve((_req, res) => {
      // The server stamps whole seconds of its own clock (ours + skew).
      res.setHeader('Date', new Date(Math.floor((fakeNow + skew) / 1000) * 1000).toUTCString());
      res.end('ok');
    });
    const { c } = client(url, { clock: { now: () => fakeNow, setTimer: (fn, ms) => { const t = setTimeout(fn, ms); return () => clearTimeout(t); } } });
    expect(c.link()).toEqual({});
    for (const phase of [0, 130, 260, 390, 520, 650, 780, 910]) {
      fakeNow = 1_700_000_010_000 + phase;
      await c.request({ method: 'GET', path: '/t' });
    }
    const link = c.link();
    expect(Math.abs(link.clockSkewMs! - skew)).toBeLessThanOrEqual(70);
    expect(link.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('never puts a secret from query, headers or body into a message or a log line', async () => {
    const secret = `S3CR3T${Math.random().toString(36).slice(2)}`;
    const { url } = await serve((req) => req.socket.destroy());
    const { c, logs } = client(url);
    const outcomes: HttpOutcome[] = [];
    const base = { method: 'POST' as const, query: { api_key: secret, sign: secret }, headers: { 'ICX-API-KEY': secret, 'ICX-SIGN': secret }, body: `secret=${secret}` };
    outcomes.push(await c.request({ ...base, path: `/sapi/v1/orders?sign=${secret}` })); // reset after send
    outcomes.push(await c.request({ ...base, path: '/x', timeoutMs: 1 })); // timeout
    outcomes.push(await c.request({ ...base, path: '/x', headers: { 'ICX-SIGN': `${secret}\n` } })); // Node refuses the header value and quotes it in its own message
    const { url: deadUrl, server } = await serve(() => undefined);
    await new Promise((resolve) => server.close(resolve));
    outcomes.push(await client(deadUrl, { log: (l) => logs.push(l) }).c.request({ ...base, path: '/x' })); // refused
    expect(outcomes.every((o) => !o.ok)).toBe(true);
    expect(logs).toHaveLength(4);
    const everything = JSON.stringify(outcomes) + logs.join('\n');
    expect(everything).not.toContain(secret);
    expect(failure(outcomes[0]!).message).toMatch(/^test POST \/sapi\/v1\/orders: /); // the path, without its query
    expect(failure(outcomes[2]!)).toMatchObject({ kind: 'network', ambiguous: false });
    expect(failure(outcomes[2]!).message).toMatch(/^test POST \/x: request could not be built \(error ERR_/);
  });

  it('refuses a base URL with credentials or a non-HTTP scheme', () => {
    expect(() => new HttpClient({ baseUrl: 'https://u:p@api.example', timeoutMs: 1 })).toThrow(/credentials/);
    expect(() => new HttpClient({ baseUrl: 'ftp://api.example', timeoutMs: 1 })).toThrow(/http or https/);
  });
});

describe('ClockSkewEstimator', () => {
  it('narrows the offset by intersecting sample intervals and restarts when the clock jumps', () => {
    const est = new ClockSkewEstimator();
    expect(est.estimate(0)).toBeUndefined();
    // true offset +2 400 ms; samples taken at different sub-second phases with a 20 ms round trip
    for (let phase = 0; phase < 1000; phase += 50) {
      const sent = 10_000 + phase;
      const received = sent + 20;
      const serverAt = sent + 10 + 2_400;
      est.add(Math.floor(serverAt / 1000) * 1000, sent, received);
    }
    expect(Math.abs(est.estimate(11_000)! - 2_400)).toBeLessThanOrEqual(60);
    // Our clock jumps back 30 s: the old intervals no longer overlap with the new sample.
    est.add(Math.floor((20_000 + 2_400 + 30_000) / 1000) * 1000, 20_000, 20_020);
    expect(Math.abs(est.estimate(20_020)! - 32_400)).toBeLessThanOrEqual(510);
    // Samples expire after ten minutes.
    expect(est.estimate(20_020 + 10 * 60_000 + 1)).toBeUndefined();
  });
});

