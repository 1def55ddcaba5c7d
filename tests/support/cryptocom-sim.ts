import { gunzipSync } from 'node:zlib';

import { WebSocket } from 'ws';

import { type CryptocomSimulator } from '../../src/main/sim/cryptocom';
import { signV1 } from '../../src/main/sim/cryptocom/sign';

/** Raw HTTP and raw ws helpers for the Crypto.com V1 simulator tests (no connector involved). */

export interface RawReply {
  status: number;
  contentType: string;
  detail: string | null;
  text: string;
  /** Parsed body when it is JSON, else undefined. */
  json: unknown;
}

async function toReply(res: Response): Promise<RawReply> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', detail: res.headers.get('x-sim-detail'), text, json };
}

/** GET a public path with a query string. */
export async function get(sim: CryptocomSimulator, path: string, query: Record<string, string> = {}): Promise<RawReply> {
  const qs = new URLSearchParams(query).toString();
  return toReply(await fetch(`${sim.restUrl}${path}${qs ? `?${qs}` : ''}`));
}

/** POST a raw form body. */
export async function postForm(sim: CryptocomSimulator, path: string, body: string, signal?: AbortSignal): Promise<RawReply> {
  const init: RequestInit = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body };
  if (signal) init.signal = signal;
  return toReply(await fetch(`${sim.restUrl}${path}`, init));
}

export interface Credentials {
  apiKey: string;
  apiSecret: string;
}

/** The form body of a correctly signed call (§2): params + api_key + time, then sign. */
export function signedBody(params: Record<string, string>, creds: Credentials, time: number): string {
  const all: Record<string, string> = { ...params, api_key: creds.apiKey, time: String(time) };
  const sign = signV1(all, creds.apiSecret);
  return new URLSearchParams({ ...all, sign }).toString();
}

/** POST a correctly signed call. */
export async function signedPost(sim: CryptocomSimulator, path: string, params: Record<string, string>, creds: Credentials, time: number, signal?: AbortSignal): Promise<RawReply> {
  return postForm(sim, path, signedBody(params, creds, time), signal);
}

/** Fills the books through the engine: `levels` bids and asks around `mid` on a maker account, plus one trade. */
export function seedBook(sim: CryptocomSimulator, symbol: string, mid: string, step: string, qty: string, levels = 5): void {
  const engine = sim.engine;
  if (!engine.hasAccount('maker')) engine.addAccount('maker', { BTC: '1000', ETH: '100000', CRO: '1000000000', USDT: '100000000' });
  const m = Number(mid);
  const s = Number(step);
  const decimals = (step.split('.')[1] ?? '').length;
  for (let i = 1; i <= levels; i++) {
    const bid = (m - i * s).toFixed(decimals);
    const ask = (m + i * s).toFixed(decimals);
    expectOk(engine.place({ accountId: 'maker', symbol, side: 'buy', type: 'limit', price: bid, quantity: qty }));
    expectOk(engine.place({ accountId: 'maker', symbol, side: 'sell', type: 'limit', price: ask, quantity: qty }));
  }
}

function expectOk(r: { ok: boolean }): void {
  if (!r.ok) throw new Error(`seed order rejected: ${JSON.stringify(r)}`);
}

/** One frame from the server: gunzipped JSON, or the raw text of a frame that was not gzip. */
export interface WsFrame {
  binary: boolean;
  gzip: boolean;
  raw: Buffer;
  /** Parsed JSON of the gunzipped (or raw) payload, undefined when it does not parse. */
  json: Record<string, unknown> | undefined;
  /** Set when gunzip failed on a gzip-looking frame. */
  gunzipError?: string;
}

/** A raw ws client that records every frame and lets tests wait for one. */
export class RawWs {
  readonly frames: WsFrame[] = [];
  closed: { code: number; reason: string } | undefined;
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      const raw = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
      const gzip = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
      const frame: WsFrame = { binary: isBinary, gzip, raw, json: undefined };
      let text: string | undefined;
      try {
        text = gzip ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      } catch (e) {
        frame.gunzipError = (e as Error).message;
      }
      if (text !== undefined) {
        try {
          frame.json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          frame.json = undefined;
        }
      }
      this.frames.push(frame);
      this.wake();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  /** Connects and resolves once open. */
  static async open(url: string): Promise<RawWs> {
    const socket = new WebSocket(url);
    const client = new RawWs(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  /** Sends a client text frame (§6.1: uncompressed JSON text). */
  send(value: unknown): void {
    this.socket.send(typeof value === 'string' ? value : JSON.stringify(value));
  }

  sub(channel: string, extra: Record<string, unknown> = {}): void {
    this.send({ event: 'sub', params: { channel, cb_id: 't', ...extra } });
  }

  /** Waits for the first frame (from index `from`) matching pred. */
  async next(pred: (f: WsFrame) => boolean, timeoutMs = 5000, from = 0): Promise<WsFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.slice(from).find(pred);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching frame within ${timeoutMs} ms; got ${this.frames.length} frames`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Waits until the socket is closed. */
  async waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('socket still open');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.closed;
  }

  close(): void {
    this.socket.terminate();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

/** Frames on a channel (pushes, not acks or reps). */
export const onChannel = (channel: string) => (f: WsFrame) => f.json?.channel === channel && f.json.tick !== undefined && f.json.event_rep !== 'rep' && f.json.event_rep !== 'subed';
