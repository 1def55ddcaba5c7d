import { gzipSync } from 'node:zlib';

import Big from 'big.js';

import { decimal, toJson } from './json';
import { type Candle, type KLINE_PERIODS, type PublicTrade, type Stats24h } from './market-view';
import { formatServerDate } from './params';
import { type CryptocomQuirks } from './quirks';

/**
 * The V1 market-data WebSocket protocol (specs/cryptocom-v1.md §6): channel names, client
 * requests, and the server frames, which are gzip streams in binary frames (§6.1).
 */

export type KlineSuffix = (typeof KLINE_PERIODS)[number]['ws'];

/** A parsed channel name (§6.4). */
export type Channel =
  | { kind: 'ticker'; symbol: string }
  | { kind: 'kline'; symbol: string; period: KlineSuffix }
  | { kind: 'trade'; symbol: string }
  | { kind: 'depth'; symbol: string; step: 0 | 1 | 2 }
  | { kind: 'review' };

const CHANNEL = /^market_([a-z0-9]+)_(ticker|trade_ticker|kline_(1min|5min|15min|30min|60min|1day|1week|1month)|depth_step([012]))$/;

/** Parses a channel name; `undefined` for anything §6.4 does not list (answered with silence, §6.8). */
export function parseChannel(name: string): Channel | undefined {
  if (name === 'review') return { kind: 'review' };
  const m = CHANNEL.exec(name);
  if (!m) return undefined;
  const symbol = m[1] as string;
  if (m[2] === 'ticker') return { kind: 'ticker', symbol };
  if (m[2] === 'trade_ticker') return { kind: 'trade', symbol };
  if (m[3] !== undefined) return { kind: 'kline', symbol, period: m[3] as KlineSuffix };
  return { kind: 'depth', symbol, step: Number(m[4]) as 0 | 1 | 2 };
}

/** A client request frame (§6.3). */
export interface ClientRequest {
  event: string;
  params: Record<string, unknown>;
}

/**
 * Classifies a client text frame: a request, a pong/ping, or malformed JSON.
 * `raw` is kept because an unknown event is echoed back verbatim (§6.8).
 */
export type ClientFrame =
  | { kind: 'request'; request: ClientRequest; raw: string }
  | { kind: 'pong'; value: unknown }
  | { kind: 'ping'; value: unknown }
  | { kind: 'malformed'; raw: string };

/** Parses one client text frame. */
export function parseClientFrame(raw: string): ClientFrame {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { kind: 'malformed', raw };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'malformed', raw };
  const obj = value as Record<string, unknown>;
  if ('pong' in obj) return { kind: 'pong', value: obj.pong };
  if ('ping' in obj) return { kind: 'ping', value: obj.ping };
  if (typeof obj.event !== 'string') return { kind: 'malformed', raw };
  const params = typeof obj.params === 'object' && obj.params !== null && !Array.isArray(obj.params) ? (obj.params as Record<string, unknown>) : {};
  return { kind: 'request', request: { event: obj.event, params }, raw };
}

/** Compresses a server frame body (§6.1: every server frame is a gzip stream, pings included). */
export function gzipFrame(body: string): Buffer {
  return gzipSync(Buffer.from(body, 'utf8'));
}

/** A gzip stream cut in the middle: the `truncateNextGzipFrame` fault. */
export function truncateGzip(frame: Buffer): Buffer {
  return frame.subarray(0, Math.max(2, Math.floor(frame.length / 2)));
}

type WsQuirks = Pick<CryptocomQuirks, 'wsEnvelopeExtras' | 'wsTickDecimals' | 'wsTradeSideCase' | 'serverUtcOffsetHours' | 'wsPingUnit'>;

/** `{"ping":<ms>}` (§6.2), or seconds when switched like the ChainUP siblings. */
export function pingBody(nowMs: number, q: Pick<CryptocomQuirks, 'wsPingUnit'>): string {
  return toJson({ ping: q.wsPingUnit === 'ms' ? nowMs : Math.floor(nowMs / 1000) });
}

/** A push `{"channel","ts","tick"}`, with the siblings' extra keys when switched on (§6.6). */
export function pushBody(channel: string, tick: unknown, nowMs: number, q: Pick<WsQuirks, 'wsEnvelopeExtras'>): string {
  if (!q.wsEnvelopeExtras) return toJson({ channel, ts: nowMs, tick });
  return toJson({ event_rep: '', channel, data: null, tick, ts: nowMs, status: 'ok' });
}

/** The optional `subed` ack (§6.5): ticker adds `lower_frame`, depth echoes asks/bids. */
export function subAckBody(channelName: string, channel: Channel, params: Record<string, unknown>, nowMs: number): string {
  const ack: Record<string, unknown> = { event_rep: 'subed', channel: channelName };
  if (params.cb_id !== undefined) ack.cb_id = params.cb_id;
  if (channel.kind === 'ticker') ack.lower_frame = '0';
  if (channel.kind === 'depth') {
    if (params.asks !== undefined) ack.asks = params.asks;
    if (params.bids !== undefined) ack.bids = params.bids;
  }
  ack.ts = nowMs;
  ack.status = 'ok';
  return toJson(ack);
}

/** A `req` reply (§6.7) with `data` and any extra keys (`since`, `top`). */
export function repBody(channelName: string, params: Record<string, unknown>, data: unknown, extra: Record<string, unknown>, nowMs: number, q: Pick<WsQuirks, 'wsEnvelopeExtras'>): string {
  const rep: Record<string, unknown> = { event_rep: 'rep', channel: channelName };
  if (params.cb_id !== undefined) rep.cb_id = params.cb_id;
  Object.assign(rep, extra);
  rep.data = data;
  if (q.wsEnvelopeExtras) rep.tick = null;
  rep.ts = nowMs;
  rep.status = 'ok';
  return toJson(rep);
}

/** The 24 h stats object of the ticker push and of `review` (§6.6, §6.7: exactly 7 keys). */
export function statsTick(s: Stats24h, q: Pick<WsQuirks, 'wsTickDecimals'>): Record<string, unknown> {
  const d = (v: string) => decimal(v, q.wsTickDecimals);
  return { amount: d(s.amount), close: d(s.close), high: d(s.high), low: d(s.low), open: d(s.open), rose: d(s.rose), vol: d(s.vol) };
}

/** A kline tick or history item (§6.6: id in seconds, open/high/low/close/vol/amount). */
export function klineTick(c: Candle, q: Pick<WsQuirks, 'wsTickDecimals'>): Record<string, unknown> {
  const d = (v: string) => decimal(v, q.wsTickDecimals);
  return { id: c.start, amount: d(c.amount), vol: d(c.vol), open: d(c.open), close: d(c.close), high: d(c.high), low: d(c.low) };
}

/** A trade item (§6.6: exactly amount, ds, id, price, side, ts, vol). */
export function tradeItem(t: PublicTrade, q: WsQuirks): Record<string, unknown> {
  const d = (v: string) => decimal(v, q.wsTickDecimals);
  const amount = mulPlain(t.price, t.qty);
  return {
    amount: d(amount),
    ds: formatServerDate(t.time, q.serverUtcOffsetHours),
    id: t.id,
    price: d(t.price),
    side: q.wsTradeSideCase === 'lower' ? t.side : t.side.toUpperCase(),
    ts: t.time,
    vol: d(t.qty),
  };
}

/** The trade_ticker tick (§6.6): the doc's max `id`, then `data` and `ts` in the live captures' order. */
export function tradeTick(trades: readonly PublicTrade[], q: WsQuirks): Record<string, unknown> {
  const maxId = trades.reduce((m, t) => Math.max(m, t.id), 0);
  const ts = trades.reduce((m, t) => Math.max(m, t.time), 0);
  return { id: maxId, data: trades.map((t) => tradeItem(t, q)), ts };
}

function mulPlain(a: string, b: string): string {
  return new Big(a).times(b).toFixed();
}
