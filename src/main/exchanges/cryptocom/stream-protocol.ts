import type { BookLevel, Candle, Ticker, Trade } from '../../../shared';
import { gunzipCapped } from '../../net/inflate';
import { arr, dec, id, jsonDepthExceeds, num, obj, optDec, WIRE_JSON_MAX_DEPTH, WireError } from '../kit/wire';
import { klineObject, parseLevels, sideOf } from './map-market';
import { fromNative } from './symbols';
import { scanDepthFrame } from './stream-depth-fast';

const EXCHANGE = 'cryptocom' as const;

/** WS kline suffixes (specs/cryptocom-v1.md §4). */
export type KlineSuffix = '1min' | '5min' | '15min' | '30min' | '60min' | '1day' | '1week' | '1month';

export type WsMessage =
  | { kind: 'ping'; value: unknown }
  | { kind: 'depth'; native: string; step: number; bids: BookLevel[]; asks: BookLevel[]; time: number }
  | { kind: 'depth-delta'; native: string; step: number; changes: { side: 'bid' | 'ask'; price: string; quantity: string }[]; time: number }
  /** A depth push that cannot be trusted (no sides, a side that is not a list, a number out of range): the book goes stale until the next whole push. */
  | { kind: 'depth-suspect'; native: string; step: number; error: WireError }
  | { kind: 'ticker'; native: string; ticker: Ticker }
  | { kind: 'kline'; native: string; period: string; candle: Candle }
  | { kind: 'kline-history'; native: string; period: string; candles: Candle[]; cbId?: string }
  | { kind: 'trades'; native: string; trades: Trade[]; history: boolean; cbId?: string }
  | { kind: 'review'; tickers: Ticker[]; cbId?: string }
  | { kind: 'ignored'; reason: string };

/**
 * Largest decompressed frame (issue 12: a gzip bomb costs at most this). The biggest real
 * frames, a 150-level depth snapshot or a `review` of every market, are tens of KB.
 */
export const MAX_FRAME_TEXT_BYTES = 4 * 1024 * 1024;
/** Largest compressed frame the socket accepts (ws `maxPayload`; more closes the connection with 1009). */
export const MAX_FRAME_WIRE_BYTES = 1024 * 1024;

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * The JSON text of one server frame. §6.1: server frames are binary gzip streams; a binary frame
 * that is not gzip (the echo of an unknown event, chainup-live fixtures) is read as UTF-8.
 * Throws on a cut or corrupt gzip stream, and DecompressionLimitError past MAX_FRAME_TEXT_BYTES
 * (after inflating no more than that); the caller drops that frame.
 */
export function decodeFrame(data: Buffer | string, isBinary: boolean): string {
  if (!isBinary || typeof data === 'string') return typeof data === 'string' ? data : data.toString('utf8');
  if (data.length >= 2 && data[0] === GZIP_MAGIC_0 && data[1] === GZIP_MAGIC_1) return gunzipCapped(data, MAX_FRAME_TEXT_BYTES, 'a Crypto.com frame').toString('utf8');
  return data.toString('utf8');
}

const DEPTH = /^market_(.+)_depth_step(\d+)$/;
const TRADES = /^market_(.+)_trade_ticker$/;
const TICKER = /^market_(.+)_ticker$/;
const KLINE = /^market_(.+)_kline_([0-9a-z]+)$/;

/** Channel names of §6.4. */
export const channels = {
  depth: (native: string, step = 0) => `market_${native}_depth_step${step}`,
  trades: (native: string) => `market_${native}_trade_ticker`,
  ticker: (native: string) => `market_${native}_ticker`,
  kline: (native: string, period: KlineSuffix) => `market_${native}_kline_${period}`,
};

/** A `sub`/`unsub`/`req` frame (§6.3); unset fields are left out (S12: `"endIdx":""` closed the socket). */
export function requestFrame(event: 'sub' | 'unsub' | 'req', channel: string, extra: Record<string, string | number | undefined> = {}): string {
  const params: Record<string, string | number> = { channel, cb_id: channel };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== '') params[key] = value;
  return JSON.stringify({ event, params });
}

/** The depth subscription as the ChainUP doc and S3 send it (§6.3: the counts have no effect, both spellings sent). */
export function depthSubFrame(native: string, step = 0): string {
  return requestFrame('sub', channels.depth(native, step), { asks: 150, bids: 150 });
}

/**
 * Classifies one decoded frame (§6.2, §6.5-§6.7). Throws WireError on JSON that is not an
 * object or on a push whose fields are broken; frames that are neither a push nor a history
 * reply (acks, echoes) come back as `ignored`.
 */
export function parseWsMessage(text: string): WsMessage {
  // The depth hot path: levels read from the text (stream-depth-fast.ts), the rest parsed
  // normally. It bounds the nesting of what it hands JSON.parse itself (the envelope without the
  // levels), so the whole-text pass below is not paid twice on every depth push.
  if (text.includes('_depth_step')) {
    const fast = scanDepthFrame(text);
    if (fast) {
      const m = DEPTH.exec(fast.channel);
      if (m) return depthMessage(m[1]!, Number(m[2]), fast.bids, fast.asks, fast.ts);
    }
  }
  // Issue 12: nesting is bounded before the general parser sees the text (../kit/wire-json.ts).
  if (jsonDepthExceeds(text)) throw new WireError('frame', `nested deeper than ${WIRE_JSON_MAX_DEPTH} levels`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new WireError('frame', `not JSON: ${text.slice(0, 40)}`);
  }
  const msg = obj(raw, 'frame');
  if ('ping' in msg) return { kind: 'ping', value: msg.ping };
  const channel = typeof msg.channel === 'string' ? msg.channel : undefined;
  const rep = msg.event_rep === 'rep';
  if (!channel) return { kind: 'ignored', reason: typeof msg.event === 'string' ? `echo of event ${msg.event}` : 'no channel' };
  if (rep) return parseReply(msg, channel);
  // §6.5: ack frames (`event_rep: "subed"`) and anything else without a tick are ignored.
  if (msg.tick === undefined || msg.tick === null) return { kind: 'ignored', reason: `no tick on ${channel}` };
  const ts = typeof msg.ts === 'number' ? msg.ts : msg.ts === undefined ? 0 : num(msg.ts, 'ts');
  let m: RegExpExecArray | null;
  if ((m = DEPTH.exec(channel))) {
    try {
      return parseDepthTick(msg.tick, m[1]!, Number(m[2]), ts);
    } catch (e) {
      if (e instanceof WireError) return { kind: 'depth-suspect', native: m[1]!, step: Number(m[2]), error: e };
      throw e;
    }
  }
  if ((m = TRADES.exec(channel))) {
    const tick = obj(msg.tick, 'tick');
    return { kind: 'trades', native: m[1]!, trades: parseWsTrades(tick.data, m[1]!, 'tick.data'), history: false };
  }
  if ((m = TICKER.exec(channel))) return { kind: 'ticker', native: m[1]!, ticker: parseWsTicker(obj(msg.tick, 'tick'), m[1]!, ts, 'tick') };
  if ((m = KLINE.exec(channel))) return { kind: 'kline', native: m[1]!, period: m[2]!, candle: klineObject(obj(msg.tick, 'tick'), 'tick') };
  return { kind: 'ignored', reason: `unknown channel ${channel}` };
}

function parseDepthTick(tickRaw: unknown, native: string, step: number, ts: number): WsMessage {
  // §6.6: incremental frames `{side: asks|buys, price, volume}` (volume 0 deletes) may appear.
  if (Array.isArray(tickRaw) || (typeof tickRaw === 'object' && tickRaw !== null && 'side' in tickRaw)) {
    const rows = Array.isArray(tickRaw) ? tickRaw : [tickRaw];
    const changes = rows.map((r, i) => {
      const row = obj(r, `tick[${i}]`);
      const sideText = String(row.side).toLowerCase();
      const side = sideText === 'asks' || sideText === 'ask' || sideText === 'sell' ? 'ask' : sideText === 'buys' || sideText === 'bids' || sideText === 'bid' || sideText === 'buy' ? 'bid' : undefined;
      if (!side) throw new WireError(`tick[${i}].side`, `expected asks or buys, got ${JSON.stringify(row.side)}`);
      return { side, price: dec(row.price, `tick[${i}].price`), quantity: dec(row.volume ?? row.vol, `tick[${i}].volume`) } as const;
    });
    return { kind: 'depth-delta', native, step, changes, time: ts };
  }
  const tick = obj(tickRaw, 'tick');
  // §6.6: a whole book always carries both `buys` and `asks` (empty lists for an empty side,
  // chainup-live grovex tigrinousdt). Without them it is not an empty book but a broken push
  // (issue 12: `{"tick":{}}` emptied the book): the caller marks the book stale instead.
  const buys = tick.buys ?? tick.bids;
  if (buys === undefined || buys === null || tick.asks === undefined || tick.asks === null) {
    throw new WireError('tick', `a depth push without ${buys === undefined || buys === null ? 'buys' : 'asks'}`);
  }
  return depthMessage(native, step, parseLevels(buys, 'tick.buys'), parseLevels(tick.asks, 'tick.asks'), ts);
}

function depthMessage(native: string, step: number, bids: BookLevel[], asks: BookLevel[], ts: number): WsMessage {
  // chainup-live ws-depth-step9-empty: an unserved step answers once with empty sides and ts 0.
  if (ts === 0 && bids.length === 0 && asks.length === 0) return { kind: 'ignored', reason: `empty ts:0 reply on step ${step} (unserved)` };
  return { kind: 'depth', native, step, bids, asks, time: ts };
}

/** A 24 h ticker push (§6.6) or a `review` entry (§6.7): close is the last price; no bid/ask. */
export function parseWsTicker(tick: Record<string, unknown>, native: string, time: number, path: string): Ticker {
  const close = dec(tick.close, `${path}.close`);
  const rose = optDec(tick.rose, `${path}.rose`);
  let ratio = rose === undefined ? NaN : Number(rose);
  if (!Number.isFinite(ratio)) {
    const open = optDec(tick.open, `${path}.open`);
    ratio = open !== undefined && Number(open) !== 0 ? Number(close) / Number(open) - 1 : 0;
  }
  return {
    exchange: EXCHANGE,
    symbol: fromNative(native),
    last: close,
    high: dec(tick.high, `${path}.high`),
    low: dec(tick.low, `${path}.low`),
    changeRatio: ratio,
    volume: dec(tick.vol, `${path}.vol`),
    time,
  };
}

/**
 * Trade items (§6.6): `{id, side, price, vol, amount, ts, ds}`. Some deployments send no `id`
 * (chainup-live bitrue-futures); those get a key from time, price, size and side so that a
 * re-sent push is still recognised.
 */
export function parseWsTrades(value: unknown, native: string, path: string): Trade[] {
  const rows = value === null || value === undefined ? [] : arr(value, path);
  return rows.map((raw, i) => {
    const row = obj(raw, `${path}[${i}]`);
    const price = dec(row.price, `${path}[${i}].price`);
    const quantity = dec(row.vol, `${path}[${i}].vol`);
    const side = sideOf(row.side, `${path}[${i}].side`);
    const time = num(row.ts, `${path}[${i}].ts`);
    const tradeId = row.id === undefined || row.id === null ? `${time}-${price}-${quantity}-${side}` : id(row.id, `${path}[${i}].id`);
    return { exchange: EXCHANGE, symbol: fromNative(native), id: tradeId, price, quantity, side, time };
  });
}

function parseReply(msg: Record<string, unknown>, channel: string): WsMessage {
  const cbId = typeof msg.cb_id === 'string' ? msg.cb_id : undefined;
  const extra = cbId === undefined ? {} : { cbId };
  const time = typeof msg.ts === 'number' ? msg.ts : Date.now();
  if (channel === 'review') {
    const data = obj(msg.data, 'data');
    const tickers = Object.entries(data).map(([native, row]) => parseWsTicker(obj(row, `data.${native}`), native.toLowerCase(), time, `data.${native}`));
    return { kind: 'review', tickers, ...extra };
  }
  let m: RegExpExecArray | null;
  if ((m = TRADES.exec(channel))) return { kind: 'trades', native: m[1]!, trades: parseWsTrades(msg.data, m[1]!, 'data'), history: true, ...extra };
  if ((m = KLINE.exec(channel))) {
    const rows = msg.data === null || msg.data === undefined ? [] : arr(msg.data, 'data');
    const candles = rows.map((r, i) => klineObject(obj(r, `data[${i}]`), `data[${i}]`)).sort((a, b) => a.time - b.time);
    return { kind: 'kline-history', native: m[1]!, period: m[2]!, candles, ...extra };
  }
  return { kind: 'ignored', reason: `reply on ${channel}` };
}
