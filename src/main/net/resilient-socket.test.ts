import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { FakeClock } from '../../../tests/support/fake-clock';
import { waitFor } from '../../../tests/support/wait';
import { ResilientSocket, tcpProbe, type ResilientSocketOptions } from './resilient-socket';


const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

interface ServerOptions {
  autoPong?: boolean;
  /** Answer the upgrade with 503 while this returns false. */
  accept?: () => boolean;
  onConnection?: (ws: WebSocket, n: number) => void;
}

async function wsServer(options: ServerOptions = {}) {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    autoPong: options.autoPong ?? true,
    verifyClient: (_info, done) => (options.accept?.() ?? true ? done(true) : done(false, 503)),
  });
  await once(wss, 'listening');
  const conns: WebSocket[] = [];
  const received: string[][] = [];
  const pings: number[] = [];
  const closes: number[] = [];
  wss.on('connection', (ws) => {
    const n = conns.push(ws) - 1;
    received[n] = [];
    pings[n] = 0;
    ws.on('message', (d: Buffer) => received[n]!.push(d.toString('utf8')));
    ws.on('ping', () => pings[n]!++);
    ws.on('close', (code) => closes.push(code));
    options.onConnection?.(ws, n);
  });
  cleanups.push(
    () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(resolve);
      }),
  );
  const { port } = wss.address() as AddressInfo;
  return { wss, conns, received, pings, closes, url: `ws://127.0.0.1:${port}` };
}

function socket(url: string, extra: Partial<ResilientSocketOptions> = {}) {
  const clock = (extra.clock as FakeClock | undefined) ?? new FakeClock();
  const logs: string[] = [];
  const s = new ResilientSocket({
    url,
    name: 'test',
    pingIntervalMs: 0,
    staleAfterMs: 2_500,
    backoff: { initialMs: 100, maxMs: 1_000, resetAfterMs: 10_000 },
    random: () => 0,
    clock,
    log: (l) => logs.push(l),
    ...extra,
  });
  const states: string[] = [];
  s.onState((state) => states.push(state));
  const messages: Array<[string | Buffer, boolean]> = [];
  s.onMessage((data, isBinary) => messages.push([data, isBinary]));
  let opens = 0;
  s.onOpen(() => {
    opens++;
  });
  cleanups.push(() => s.close());
  return { s, clock, logs, states, messages, opens: () => opens };
}

/** The delay of the retry the socket has scheduled. */
function retryDelay(clock: FakeClock): number {
  const at = clock.nextAt();
  if (at === undefined) throw new Error('no retry scheduled');
  return at - clock.now();
}

describe('ResilientSocket', () => {
  it('connects, reports connecting then connected, calls onOpen, and delivers text and binary frames', async () => {
    const server = await wsServer({
      onConnection: (ws) => {
        ws.send('tickers|{"t":[]}');
        ws.send(Buffer.from([0x1f, 0x8b, 0x08]), { binary: true });
      },
    });
    const { s, states, messages, opens } = socket(server.url);
    expect(s.state).toBe('closed');
    s.connect();
    await waitFor(() => messages.length === 2, 'two frames');
    expect(states).toEqual(['connecting', 'connected']);
    expect(opens()).toBe(1);
    expect(messages[0]).toEqual(['tickers|{"t":[]}', false]);
    expect(Buffer.isBuffer(messages[1]![0])).toBe(true);
    expect([...(messages[1]![0] as Buffer)]).toEqual([0x1f, 0x8b, 0x08]);
    expect(messages[1]![1]).toBe(true);
  });

  it('refuses a frame over maxPayload (default 4 MiB): never delivered, the connection is dropped and comes back', async () => {
    const server = await wsServer({
      onConnection: (ws, n) => {
        if (n === 0) ws.send(Buffer.alloc(5 * 1024 * 1024, 0x20));
        ws.send('after');
      },
    });
    const { s, clock, messages, logs } = socket(server.url);
    s.connect();
    await waitFor(() => s.state === 'reconnecting', 'the oversized frame to close the connection');
    expect(logs.some((l) => l.includes('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'))).toBe(true);
    await clock.advanceAsync(0);
    await waitFor(() => messages.some(([d]) => d === 'after'), 'a frame on the new connection');
    expect(messages.every(([d]) => d.length < 1024)).toBe(true);
  });

  it('sends frames while connected and answers false while not', async () => {
    const server = await wsServer();
    const { s } = socket(server.url);
    expect(s.send('early')).toBe(false);
    s.connect();
    await waitFor(() => s.state === 'connected');
    expect(s.send('subscribe|{"c":"tickers","s":true}')).toBe(true);
    await waitFor(() => server.received[0]?.length === 1);
    expect(server.received[0]).toEqual(['subscribe|{"c":"tickers","s":true}']);
  });

  it('reconnects after the server drops the connection abruptly and calls onOpen again, so the owner resubscribes', async () => {
    const server = await wsServer({
      onConnection: (ws, n) => {
        if (n === 0) ws.once('message', () => ws.terminate()); // drop right after the subscribe, no close frame
      },
    });
    const { s, clock, states, opens } = socket(server.url);
    s.onOpen(() => {
      s.send('subscribe|{"c":"orderbook@btcusdt","s":true}');
    });
    s.connect();
    await waitFor(() => states.includes('reconnecting'), 'the drop');
    expect(s.detail).toMatch(/^connection closed \(1006\); retry 1 in 0 ms$/);
    await clock.advanceAsync(0);
    await waitFor(() => server.received[1]?.length === 1, 'the resubscribe on the new connection');
    expect(server.received[1]).toEqual(['subscribe|{"c":"orderbook@btcusdt","s":true}']);
    expect(opens()).toBe(2);
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  });

  it('backs off exponentially with full jitter and a cap while the server refuses, then connects', async () => {
    let accepting = false;
    const server = await wsServer({ accept: () => accepting });
    const { s, clock, states, logs } = socket(server.url, { random: () => 0.5 });
    s.connect();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      await waitFor(() => s.state === 'reconnecting' && s.detail!.includes(`retry ${attempt} `), `retry ${attempt}`);
      delays.push(retryDelay(clock));
      await clock.advanceAsync(retryDelay(clock));
    }
    // half (the jitter) of min(1000, 100 * 2^n)
    expect(delays).toEqual([50, 100, 200, 400, 500, 500]);
    expect(logs.some((l) => l.includes('503'))).toBe(true);
    accepting = true;
    await waitFor(() => s.detail!.includes('retry 7 '), 'retry 7');
    await clock.advanceAsync(retryDelay(clock));
    await waitFor(() => s.state === 'connected', 'connected');
    expect(states.filter((st) => st === 'connected')).toHaveLength(1);
  });

  it('keeps backing off for a server that accepts and drops at once, and resets after a long-lived connection', async () => {
    let dropping = true;
    const server = await wsServer({ onConnection: (ws) => dropping && ws.terminate() });
    const { s, clock, opens } = socket(server.url, { random: () => 0.5 });
    s.connect();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      await waitFor(() => s.state === 'reconnecting' && s.detail!.includes(`retry ${attempt} `), `retry ${attempt}`);
      delays.push(retryDelay(clock));
      if (attempt === 4) dropping = false;
      await clock.advanceAsync(retryDelay(clock));
    }
    expect(delays).toEqual([50, 100, 200, 400]);
    await waitFor(() => s.state === 'connected');
    const opensBefore = opens();
    // Stay up past resetAfterMs (frames keep it from going stale), then drop: back to the first delay.
    for (let t = 0; t < 12_000; t += 2_000) {
      server.conns.at(-1)!.send('tick');
      await waitFor(() => s.lastFrameAt === clock.now(), 'the tick');
      await clock.advanceAsync(2_000);
    }
    server.conns.at(-1)!.terminate();
    await waitFor(() => s.state === 'reconnecting');
    expect(s.detail).toMatch(/retry 1 in 50 ms/);
    expect(opensBefore).toBeGreaterThanOrEqual(1);
  });

  it('on a flapping link starts every retry from the first step once a connection has delivered a frame (issue 20)', async () => {
    // Each connection says hello, then the link drops 1 s later: the backoff must not grow.
    const server = await wsServer({ onConnection: (ws) => ws.send('hello') });
    const { s, clock } = socket(server.url, { random: () => 0.5, staleAfterMs: 5_000 });
    s.connect();
    const delays: number[] = [];
    for (let n = 0; n < 5; n++) {
      await waitFor(() => s.state === 'connected' && server.conns.length === n + 1 && s.lastFrameAt === clock.now(), `connection ${n + 1}`);
      await clock.advanceAsync(1_000);
      server.conns[n]!.terminate();
      await waitFor(() => s.state === 'reconnecting', `drop ${n + 1}`);
      delays.push(retryDelay(clock));
      await clock.advanceAsync(retryDelay(clock));
    }
    expect(delays).toEqual([50, 50, 50, 50, 50]);
    expect(s.retryAt).toBeUndefined();
  });

  it('probes an unreachable host while a long retry waits and reconnects as soon as it answers', async () => {
    // A port with nothing behind it: every attempt is refused, and the backoff grows to its cap.
    const free = net.createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const port = (free.address() as AddressInfo).port;
    await new Promise<void>((resolve) => free.close(() => resolve()));
    let settled = 0;
    const probe = async (url: string) => {
      const up = await tcpProbe(url);
      settled++;
      return up;
    };
    const { s, clock, logs } = socket(`ws://127.0.0.1:${port}`, { random: () => 0.99, backoff: { initialMs: 30_000, maxMs: 30_000 }, probeEveryMs: 500, probe });
    s.connect();
    await waitFor(() => s.state === 'reconnecting', 'the first refusal');
    const due = s.retryAt!;
    expect(due - clock.now()).toBeGreaterThan(29_000);
    // Probes while the host is still down change nothing.
    for (let i = 1; i <= 3; i++) {
      await clock.advanceAsync(500);
      await waitFor(() => settled === i, `refused probe ${i}`);
    }
    expect(s.state).toBe('reconnecting');
    // The host comes back: the next probe answers and the socket connects long before the retry was due.
    const back = new WebSocketServer({ host: '127.0.0.1', port });
    await once(back, 'listening');
    cleanups.push(() => new Promise((resolve) => {
      for (const c of back.clients) c.terminate();
      back.close(resolve);
    }));
    await clock.advanceAsync(500);
    await waitFor(() => s.state === 'connected', 'the early reconnect');
    expect(clock.now()).toBeLessThan(due);
    expect(logs.some((l) => l.includes('the host answers again'))).toBe(true);
  });

  it('sends protocol pings on its interval and counts pongs as life, so a quiet live link never goes stale', async () => {
    const server = await wsServer();
    const { s, clock, states } = socket(server.url, { pingIntervalMs: 1_000, staleAfterMs: 2_500 });
    s.connect();
    await waitFor(() => s.state === 'connected');
    await clock.advanceAsync(999);
    expect(server.pings[0]).toBe(0);
    for (let i = 1; i <= 10; i++) {
      await clock.advanceAsync(i === 1 ? 1 : 1_000);
      await waitFor(() => server.pings[0] === i && s.lastFrameAt === clock.now(), `pong ${i}`);
    }
    expect(states).toEqual(['connecting', 'connected']);
  });

  it('goes stale after staleAfterMs of silence, recovers on the next frame, and reconnects after deadAfterMs', async () => {
    const server = await wsServer({ autoPong: false });
    const { s, clock, states, opens } = socket(server.url, { staleAfterMs: 2_500, deadAfterMs: 6_000 });
    s.connect();
    await waitFor(() => s.state === 'connected');
    await clock.advanceAsync(2_499);
    expect(s.state).toBe('connected');
    await clock.advanceAsync(1);
    expect(s.state).toBe('stale');
    expect(s.detail).toBe('no frame for 2500 ms');
    server.conns[0]!.send('obd|{}');
    await waitFor(() => s.state === 'connected', 'recovery');
    await clock.advanceAsync(5_999);
    expect(s.state).toBe('stale');
    await clock.advanceAsync(1);
    expect(s.state).toBe('reconnecting');
    expect(s.detail).toMatch(/^no frame for 6000 ms; retry 1/);
    await clock.advanceAsync(0);
    await waitFor(() => s.state === 'connected' && opens() === 2, 'the reconnect');
    expect(states).toEqual(['connecting', 'connected', 'stale', 'connected', 'stale', 'reconnecting', 'connected']);
  });

  it('gives up a handshake that does not finish within connectTimeoutMs and retries', async () => {
    const held: net.Socket[] = [];
    const tcp = net.createServer((sock) => held.push(sock)); // accepts, never answers the upgrade
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => {
      for (const h of held) h.destroy();
      tcp.close(resolve);
    }));
    const { s, clock } = socket(`ws://127.0.0.1:${(tcp.address() as AddressInfo).port}`, { connectTimeoutMs: 3_000 });
    s.connect();
    await waitFor(() => held.length === 1, 'the TCP connection');
    await clock.advanceAsync(2_999);
    expect(s.state).toBe('connecting');
    await clock.advanceAsync(1);
    expect(s.state).toBe('reconnecting');
    expect(s.detail).toMatch(/^handshake timed out; retry 1/);
    await clock.advanceAsync(0);
    await waitFor(() => held.length === 2, 'the second attempt');
  });

  it('close() stops everything: the server sees a clean close, no timers remain, no reconnect follows', async () => {
    const server = await wsServer();
    const { s, clock, states } = socket(server.url, { pingIntervalMs: 1_000 });
    s.connect();
    await waitFor(() => s.state === 'connected');
    await s.close();
    await waitFor(() => server.closes.length === 1, 'the server to see the close');
    expect(server.closes).toEqual([1000]);
    expect(s.state).toBe('closed');
    expect(clock.pending).toBe(0);
    await clock.advanceAsync(60_000);
    expect(server.conns).toHaveLength(1);
    expect(states.at(-1)).toBe('closed');
    await s.close(); // twice is fine
    s.connect(); // and a closed socket stays closed
    expect(s.state).toBe('closed');
  });

  it('close() while waiting to reconnect cancels the retry', async () => {
    const server = await wsServer({ onConnection: (ws) => ws.terminate() });
    const { s, clock } = socket(server.url, { random: () => 0.9 });
    s.connect();
    await waitFor(() => s.state === 'reconnecting');
    await s.close();
    expect(clock.pending).toBe(0);
    await clock.advanceAsync(10_000);
    expect(server.conns).toHaveLength(1);
  });

  it('reconnect(reason) drops the connection on the owner’s request and comes back', async () => {
    const server = await wsServer();
    const { s, clock, opens, logs } = socket(server.url);
    s.connect();
    await waitFor(() => s.state === 'connected');
    s.reconnect('login rejected');
    expect(s.state).toBe('reconnecting');
    await clock.advanceAsync(0);
    await waitFor(() => opens() === 2 && s.state === 'connected');
    expect(server.conns).toHaveLength(2);
    expect(logs).toContain('ws test: reconnecting: login rejected');
  });

  it('a listener that throws is logged and does not break the connection or other listeners', async () => {
    const server = await wsServer({ onConnection: (ws) => ws.send('x') });
    const { s, logs, messages } = socket(server.url);
    s.onMessage(() => {
      throw new Error('bad frame handler');
    });
    s.onOpen(async () => {
      throw new Error('login failed');
    });
    s.connect();
    await waitFor(() => messages.length === 1 && logs.length === 2);
    expect(logs.sort()).toEqual(['ws test: onMessage listener failed: bad frame handler', 'ws test: onOpen listener failed: login failed']);
    expect(s.state).toBe('connected');
  });

  it('refuses a non-WebSocket URL', () => {
    expect(() => new ResilientSocket({ url: 'http://x', name: 'n', pingIntervalMs: 0, staleAfterMs: 1, backoff: { initialMs: 1, maxMs: 1 } })).toThrow(/ws:\/\//);
  });
});
