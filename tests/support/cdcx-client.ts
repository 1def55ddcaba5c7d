import { createHmac } from 'node:crypto';
import WebSocket from 'ws';
import { waitFor } from './wait';

/**
 * A bare client of the Crypto.com Exchange API v1 written from specs/cryptocom-exchange.md
 * alone (no simulator code): §2.1 signing, §1.2 request bodies, plain `fetch` and `ws`.
 */

/** §2.1 serialisation of params: sorted keys, arrays concatenated, null as "null". */
export function paramString(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return value.map(paramString).join('');
  if (typeof value === 'object') {
    return Object.keys(value as object)
      .sort()
      .map((k) => k + paramString((value as Record<string, unknown>)[k]))
      .join('');
  }
  return String(value);
}

/** §2.1: hex HMAC-SHA256 of `method + id + api_key + paramString + nonce`. */
export function sign(method: string, id: number | string, apiKey: string, params: Record<string, unknown> | undefined, nonce: number | string, secret: string): string {
  const payload = method + String(id) + apiKey + (params && Object.keys(params).length ? paramString(params) : '') + String(nonce);
  return createHmac('sha256', secret).update(payload).digest('hex');
}

export interface Creds {
  readonly apiKey: string;
  readonly apiSecret: string;
}

export interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly text: string;
}

let nextId = 1;

/** POSTs a signed private call; `nonce` defaults to the given clock. */
export async function privateCall(root: string, creds: Creds, method: string, params: Record<string, unknown>, nonce: number, id: number = nextId++): Promise<Reply> {
  const sig = sign(method, id, creds.apiKey, params, nonce, creds.apiSecret);
  return postRaw(root, method, JSON.stringify({ id, method, api_key: creds.apiKey, params, nonce, sig }));
}

export async function postRaw(root: string, method: string, body: string): Promise<Reply> {
  const response = await fetch(`${root}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  return { status: response.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export async function publicCall(root: string, method: string, query: Record<string, string | number> = {}): Promise<Reply> {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  const response = await fetch(`${root}/${method}${qs ? `?${qs}` : ''}`);
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Record<string, unknown> };
}

/** A raw socket that records every text frame and its close. */
export class Sock {
  readonly frames: Array<Record<string, unknown>> = [];
  closeCode: number | undefined;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.frames.push(JSON.parse(data.toString()) as Record<string, unknown>));
    ws.on('close', (code) => {
      this.closeCode = code;
    });
  }

  static async open(url: string): Promise<Sock> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Sock(ws);
  }

  send(body: unknown): void {
    this.ws.send(typeof body === 'string' ? body : JSON.stringify(body));
  }

  /** Waits for the first frame (from index `from`) that matches. */
  async next(match: (f: Record<string, unknown>) => boolean, what: string, from = 0, timeoutMs = 5000): Promise<Record<string, unknown>> {
    return waitFor(() => this.frames.slice(from).find(match), what, timeoutMs);
  }

  close(): void {
    this.ws.terminate();
  }
}

/** `result` of a frame as an object (pushes and replies). */
export const resultOf = (f: Record<string, unknown>): Record<string, unknown> => (f.result ?? {}) as Record<string, unknown>;
