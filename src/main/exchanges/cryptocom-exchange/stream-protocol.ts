import type { SocketTiming } from '../kit/socket';
import { arr, num, obj, optStr, parseJson, str, WireError, type Obj } from '../kit/wire';
import { scanBookPush, type BookRead } from './book-scan';
import type { Timeframe } from './map-market';

/**
 * Socket frames of specs/cryptocom-exchange.md §7: plain JSON text both ways, a JSON-RPC-style
 * `{id, method, code, result}` envelope. Pushes carry `result.subscription` (exactly the channel
 * string subscribed) and `result.channel` (the family: `book`, `book.update`, …, §7.3).
 */

/** §7.1/§7.2: the server pings every ~5 s and heartbeats every 30 s; a quiet book still sends an empty delta every ~5 s. */
export const DEFAULT_SOCKET_TIMING: SocketTiming = {
  pingIntervalMs: 10_000,
  staleAfterMs: 40_000,
  deadAfterMs: 70_000,
  connectTimeoutMs: 10_000,
  backoff: { initialMs: 1_000, maxMs: 30_000 },
};

/** §7.5: depth 10 or 50 with deltas (150 is SNAPSHOT only). */
export const BOOK_DEPTH = 50;
/** §7.5: SNAPSHOT_AND_UPDATE at 10 or 100 ms. */
export const BOOK_FREQUENCY_MS = 100;
/** §7.3: up to 100 channels per subscribe frame were accepted. */
export const CHANNELS_PER_FRAME = 100;

export const bookChannel = (native: string) => `book.${native}.${BOOK_DEPTH}`;
export const tickerChannel = (native: string) => `ticker.${native}`;
export const tradeChannel = (native: string) => `trade.${native}`;
export const candleChannel = (tf: Timeframe, native: string) => `candlestick.${tf}.${native}`;
export const USER_CHANNELS = ['user.order', 'user.trade', 'user.balance'] as const;

/** Book channels need their own frame: the type and frequency params apply to every channel of a frame (§7.5). */
export function subscribeFrame(id: number, channels: readonly string[], book: boolean): string {
  const params: Obj = { channels };
  if (book) {
    params.book_subscription_type = 'SNAPSHOT_AND_UPDATE';
    params.book_update_frequency = BOOK_FREQUENCY_MS;
  }
  return JSON.stringify({ id, method: 'subscribe', params });
}

export function unsubscribeFrame(id: number, channels: readonly string[]): string {
  return JSON.stringify({ id, method: 'unsubscribe', params: { channels } });
}

/** §7.2: answer every heartbeat with its own id. */
export function respondHeartbeat(id: number): string {
  return JSON.stringify({ id, method: 'public/respond-heartbeat' });
}

export type Frame =
  | { kind: 'heartbeat'; id: number }
  /** A reply without data: a bare subscribe ack, unsubscribe, public/auth, or an error (code ≠ 0). */
  | { kind: 'reply'; id: number; method: string; code: number; channel?: string; message?: string }
  /** `book`, when set, is the row book-scan.ts read (then `data` is empty): BookSync.applyRead takes it. */
  | { kind: 'push'; id: number; code: number; subscription: string; channel: string; instrument?: string; data: unknown[]; book?: BookRead };

function codeOf(v: unknown, field: string): number {
  if (v === undefined || v === null) return 0;
  const n = num(v, field);
  if (!Number.isInteger(n)) throw new WireError(field, `expected an integer code, got ${n}`);
  return n;
}

/** One text frame (nesting bounded, kit/wire-json). Throws WireError for what is not §7 shaped. */
export function parseFrame(text: string): Frame {
  const f = obj(parseJson(text, 'frame'), 'frame');
  const method = str(f.method ?? '', 'frame.method');
  const id = f.id === undefined || f.id === null ? -1 : num(f.id, 'frame.id');
  if (method === 'public/heartbeat') return { kind: 'heartbeat', id };
  const code = codeOf(f.code, 'frame.code');
  if (f.result !== undefined && f.result !== null && code === 0) {
    const r = obj(f.result, 'frame.result');
    if (r.data !== undefined) {
      const push: Frame = { kind: 'push', id, code, subscription: str(r.subscription, 'frame.result.subscription'), channel: str(r.channel, 'frame.result.channel'), data: arr(r.data, 'frame.result.data') };
      const instrument = optStr(r.instrument_name, 'frame.result.instrument_name');
      if (instrument !== undefined) push.instrument = instrument;
      return push;
    }
  }
  const reply: Frame = { kind: 'reply', id, method, code };
  const channel = optStr(f.channel, 'frame.channel');
  if (channel !== undefined) reply.channel = channel;
  const message = optStr(f.message, 'frame.message');
  if (message !== undefined) reply.message = message.slice(0, 120);
  return reply;
}

/** A market socket frame: a plain book push straight from the text (book-scan.ts), anything else through parseFrame. */
export function parseMarketFrame(text: string): Frame {
  const scanned = scanBookPush(text);
  if (!scanned) return parseFrame(text);
  const push: Frame = { kind: 'push', id: scanned.id, code: 0, subscription: scanned.subscription, channel: scanned.channel, data: [], book: scanned.book };
  if (scanned.instrument !== undefined) push.instrument = scanned.instrument;
  return push;
}
