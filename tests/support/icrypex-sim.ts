import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import { icrypexSignature } from '../../src/main/sim/icrypex';
import { type SimAccountConfig } from '../../src/main/sim/types';

/** Reads one file of the Icrypex live captures kept under tests/fixtures/icrypex-live. */
export function fixture(name: string): string {
  return readFileSync(join(__dirname, '..', 'fixtures', 'icrypex-live', name), 'utf8').trim();
}

/** Splits a `type|json` frame on the first bar (specs/icrypex.md §8.1). */
export function splitFrame(frame: string): { type: string; body: unknown } {
  const bar = frame.indexOf('|');
  return { type: frame.slice(0, bar), body: JSON.parse(frame.slice(bar + 1)) as unknown };
}

/** The type skeleton of a JSON value: keys and primitive types, arrays by their first element. */
export function shape(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, shape((value as Record<string, unknown>)[key])]));
  }
  return typeof value;
}

/** The four signed headers of specs/icrypex.md §3. */
export function signedHeaders(account: Pick<SimAccountConfig, 'apiKey' | 'apiSecret'>, ts: number, nonce = '15000'): Record<string, string> {
  return {
    'ICX-API-KEY': account.apiKey,
    'ICX-SIGN': icrypexSignature(account.apiKey, account.apiSecret, String(ts)),
    'ICX-TS': String(ts),
    'ICX-NONCE': nonce,
    'Content-Type': 'application/json',
  };
}

export interface RawReply {
  status: number;
  text: string;
  json: () => unknown;
}

/** One HTTP request through node:http, optionally from another loopback source address (per-IP limits). */
export function rawRequest(url: string, init: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers, localAddress: init.localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, text, json: () => JSON.parse(text) as unknown });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

/** A raw `ws` client that records every frame and can wait for one. */
export class FrameClient {
  readonly frames: string[] = [];
  closeCode: number | undefined;
  private readonly waiters: Array<() => void> = [];
  private readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(data.toString());
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code) => {
        this.closeCode = code;
        for (const wake of this.waiters.splice(0)) wake();
        resolve(code);
      });
    });
  }

  /** Connects and resolves once open. */
  static async connect(url: string): Promise<FrameClient> {
    const ws = new WebSocket(url);
    ws.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new FrameClient(ws);
  }

  send(frame: string): void {
    this.ws.send(frame);
  }

  /** Waits for the first frame from index `from` matching the predicate; returns its index and text. */
  async waitFor(predicate: (frame: string) => boolean, options: { from?: number; timeoutMs?: number } = {}): Promise<{ index: number; frame: string }> {
    const deadline = Date.now() + (options.timeoutMs ?? 5000);
    for (;;) {
      for (let i = options.from ?? 0; i < this.frames.length; i++) if (predicate(this.frames[i]!)) return { index: i, frame: this.frames[i]! };
      if (this.closeCode !== undefined) throw new Error(`socket closed (${this.closeCode}) while waiting`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for a frame; got ${this.frames.length}: ${this.frames.slice(-3).join(' / ').slice(0, 400)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for the frame of a type (from index `from`), parsed. */
  async next(type: string, from = 0, timeoutMs = 5000): Promise<{ index: number; body: Record<string, unknown> }> {
    const found = await this.waitFor((f) => f.startsWith(`${type}|`), { from, timeoutMs });
    return { index: found.index, body: splitFrame(found.frame).body as Record<string, unknown> };
  }

  /** Resolves with the close code. */
  whenClosed(): Promise<number> {
    return this.closed;
  }

  close(): void {
    this.ws.close();
  }
}
