import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { WebSocket, WebSocketServer } from 'ws';

/**
 * A loopback WebSocket relay in front of a simulator's socket that records what the client
 * sends (text frames only: subscriptions and pongs; the server's frames pass through untouched,
 * binary stays binary). Tests read `clientFrames` to prove what went on the wire.
 */
export class WsTap {
  readonly clientFrames: { at: number; text: string }[] = [];
  /** Values of the server's `{"ping": x}` frames (gzip, §6.2) as they passed. */
  readonly serverPings: unknown[] = [];
  connections = 0;
  private readonly sockets = new Set<WebSocket>();

  private constructor(
    private readonly server: WebSocketServer,
    readonly url: string,
  ) {}

  static async start(upstreamUrl: string): Promise<WsTap> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    const path = new URL(upstreamUrl).pathname;
    const tap = new WsTap(server, `ws://127.0.0.1:${port}${path}`);
    server.on('connection', (client) => {
      tap.connections++;
      tap.sockets.add(client);
      const upstream = new WebSocket(upstreamUrl, { perMessageDeflate: false });
      const pending: { data: Buffer | string; binary: boolean }[] = [];
      upstream.on('open', () => {
        for (const p of pending.splice(0)) upstream.send(p.data, { binary: p.binary });
      });
      upstream.on('message', (data, binary) => {
        const buf = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
        if (binary && buf[0] === 0x1f && buf[1] === 0x8b) {
          try {
            const msg = JSON.parse(gunzipSync(buf).toString('utf8')) as Record<string, unknown>;
            if ('ping' in msg) tap.serverPings.push(msg.ping);
          } catch {
            // a deliberately broken frame (fault injection): pass it on untouched
          }
        }
        if (client.readyState === WebSocket.OPEN) client.send(data as Buffer, { binary });
      });
      client.on('message', (data, binary) => {
        const buf = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
        if (!binary) tap.clientFrames.push({ at: Date.now(), text: buf.toString('utf8') });
        const frame = binary ? buf : buf.toString('utf8');
        if (upstream.readyState === WebSocket.OPEN) upstream.send(frame, { binary });
        else pending.push({ data: frame, binary });
      });
      const end = () => {
        tap.sockets.delete(client);
        client.terminate();
        upstream.terminate();
      };
      client.on('close', end);
      upstream.on('close', end);
      client.on('error', end);
      upstream.on('error', end);
    });
    return tap;
  }

  /** Client frames parsed as JSON (all of ours are JSON text). */
  frames(): Record<string, unknown>[] {
    return this.clientFrames.map((f) => JSON.parse(f.text) as Record<string, unknown>);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
