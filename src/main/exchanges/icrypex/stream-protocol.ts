import type { BookLevel, Candle, Ticker, Trade } from '../../../shared';
import type { SocketTiming } from '../kit/socket';
import { mapLevels, mapTradeRow, tradeIds } from './map-market';
import { scanObdFrame } from './obd-fast';
import { arr, bool, dec, int, num, obj, optDec, parseJson, str, toSeconds, WireError, type Obj } from '../kit/wire';

/** specs/icrypex.md §8.1: `<type>|<json>`, split on the FIRST `|` (payloads may contain one). */
export function splitFrame(text: string): { type: string; body: string } | undefined {
  const bar = text.indexOf('|');
  if (bar <= 0) return undefined;
  return { type: text.slice(0, bar), body: text.slice(bar + 1) };
}

/**
 * §8.5: the server never pings and drops a silent socket after ~60 s; it answers a protocol ping
 * in ~170 ms. Issue 20 wants a half-open link (nothing arrives, nothing closes) seen within a few
 * seconds, so we ping every second: no frame for 2.5 s (two unanswered pings) is `stale`, 6 s is
 * dead and we reconnect. A handshake slower than 5 s is abandoned. While a retry waits, the host is
 * probed every 0.5 s (net/resilient-socket.ts). docs/exchanges.md "Keepalive and reconnects".
 */
export const DEFAULT_SOCKET_TIMING: SocketTiming = {
  pingIntervalMs: 1_000,
  staleAfterMs: 2_500,
  deadAfterMs: 6_000,
  connectTimeoutMs: 5_000,
  probeEveryMs: 500,
  backoff: { initialMs: 500, maxMs: 30_000 },
};

/** `subscribe|{"c": channel, "s": true|false}` (§8.3). */
export function subscribeFrame(channel: string, on = true): string {
  return `subscribe|${JSON.stringify({ c: channel, s: on })}`;
}

/** Asks for a fresh snapshot on a live socket; the `cs` chain continues from it (§8.4, P). */
export function channelDataRequestFrame(channel: string): string {
  return `channel-data-request|${JSON.stringify({ c: channel })}`;
}

/** Channel names are lower case with `@` before the pair (§8.3; the pair part is case-insensitive). */
export const channels = {
  book: (nativeSymbol: string) => `orderbook@${nativeSymbol.toLowerCase()}`,
  trades: (nativeSymbol: string) => `trade@${nativeSymbol.toLowerCase()}`,
  ticker: (nativeSymbol: string) => `ticker@${nativeSymbol.toLowerCase()}`,
  candles: (nativeSymbol: string, wireRes: string) => `tradingview@${nativeSymbol.toLowerCase()}_${wireRes}`,
};

export interface BookRow {
  price: string;
  quantity: string;
  /** §8.4: 1 = new level, 2 = quantity changed, 3 = removed (q may repeat the old quantity). */
  kind: 1 | 2 | 3;
}

export type Frame =
  | { type: 'subscribe-response'; channel: string; accepted: boolean }
  | { type: 'api-auth'; ok: boolean }
  | { type: 'orderbook'; symbol: string; cs: number | undefined; bids: BookLevel[]; asks: BookLevel[] }
  | { type: 'obd'; symbol: string; cs: number; bids: BookRow[]; asks: BookRow[] }
  /** An `orderbook` or `obd` frame of a known pair that cannot be trusted: the book resyncs (issue 12). */
  | { type: 'book-suspect'; symbol: string; error: WireError }
  | { type: 'ticker'; tickers: Omit<Ticker, 'time'>[] }
  | { type: 'trades'; symbol: string; trades: Trade[]; snapshot: boolean }
  | { type: 'candle'; symbol: string; resolutionMinutes: number; candle: Candle }
  | { type: 'user-trade'; body: Obj }
  | { type: 'ignored'; name: string };

/**
 * Parses one text frame. Throws WireError on a frame of a known type that does not parse;
 * unknown types (web-app channels like `market`, `system`) come back as `ignored`.
 */
export function parseFrame(text: string): Frame {
  // The hot path (issue 19): a plain `obd` diff is read straight from the text, with the same
  // result; anything unusual comes back undefined and takes the checked path below.
  return scanObdFrame(text) ?? parseFrameChecked(text);
}

/** parseFrame without the `obd` fast path: every field checked, with a named error (obd-fast.test.ts compares the two). */
export function parseFrameChecked(text: string): Frame {
  const split = splitFrame(text);
  if (!split) throw new WireError('frame', 'no "type|" prefix');
  const { type, body } = split;
  switch (type) {
    case 'subscribe-response': {
      const b = obj(parseJson(body, type), type);
      return { type, channel: str(b.c ?? '', `${type}.c`), accepted: b.s === undefined ? true : bool(b.s, `${type}.s`) };
    }
    case 'api-auth': {
      const b = obj(parseJson(body, type), type);
      return { type, ok: b.v === undefined ? false : bool(b.v, 'api-auth.v') };
    }
    case 'orderbook': {
      const b = obj(parseJson(body, type), type);
      const symbol = str(b.ps, 'orderbook.ps').toUpperCase();
      return suspectOnError(symbol, () => {
        // §8.4: a snapshot carries `a` and `b`; one with neither is not an empty book but a
        // broken frame (issue 12), so the book resyncs instead of being emptied.
        if ((b.a === undefined || b.a === null) && (b.b === undefined || b.b === null)) throw new WireError('orderbook', 'a snapshot without bids (b) and asks (a)');
        return {
          type,
          symbol,
          // §8.4: `cs` on orderbook-short snapshots is unverified, so it may be absent.
          cs: b.cs === undefined ? undefined : int(b.cs, 'orderbook.cs'),
          bids: mapLevels(b.b ?? [], 'orderbook.b'),
          asks: mapLevels(b.a ?? [], 'orderbook.a'),
        };
      });
    }
    case 'obd': {
      const b = obj(parseJson(body, type), type);
      const symbol = str(b.ps, 'obd.ps').toUpperCase();
      return suspectOnError(symbol, () => ({
        type,
        symbol,
        cs: int(b.cs, 'obd.cs'),
        bids: mapRows(b.b ?? [], 'obd.b'),
        asks: mapRows(b.a ?? [], 'obd.a'),
      }));
    }
    case 'ticker':
      return { type: 'ticker', tickers: [mapWsTicker(obj(parseJson(body, type), type), type)] };
    case 'tickers': {
      const b = obj(parseJson(body, type), type);
      return { type: 'ticker', tickers: arr(b.t, 'tickers.t').map((t, i) => mapWsTicker(obj(t, `tickers.t[${i}]`), `tickers.t[${i}]`)) };
    }
    case 'trades': {
      const b = obj(parseJson(body, type), type);
      const symbol = str(b.ps, 'trades.ps').toUpperCase();
      const rows = arr(b.ts ?? [], 'trades.ts').map((t, i) => {
        const row = obj(t, `trades.ts[${i}]`);
        return mapTradeRow(row, `trades.ts[${i}]`, row.ps === undefined ? symbol : str(row.ps, `trades.ts[${i}].ps`).toUpperCase());
      });
      rows.sort((x, y) => x.time - y.time);
      return { type, symbol, trades: tradeIds(rows), snapshot: true };
    }
    case 'trade': {
      const b = obj(parseJson(body, type), type);
      const symbol = str(b.ps, 'trade.ps').toUpperCase();
      return { type: 'trades', symbol, trades: tradeIds([mapTradeRow(b, 'trade', symbol)]), snapshot: false };
    }
    case 'candle': {
      const b = obj(parseJson(body, type), type);
      return {
        type,
        symbol: str(b.ps, 'candle.ps').toUpperCase(),
        resolutionMinutes: num(b.r, 'candle.r'),
        candle: {
          time: toSeconds(int(b.d, 'candle.d')),
          open: num(b.o, 'candle.o'),
          high: num(b.h, 'candle.h'),
          low: num(b.l, 'candle.l'),
          close: num(b.c, 'candle.c'),
          volume: num(b.v, 'candle.v'),
        },
      };
    }
    case 'user-trade':
      return { type, body: obj(parseJson(body, type), type) };
    default:
      return { type: 'ignored', name: type };
  }
}

/** A book frame whose pair is known but whose levels are broken becomes `book-suspect` for that pair. */
function suspectOnError(symbol: string, read: () => Frame): Frame {
  try {
    return read();
  } catch (e) {
    if (e instanceof WireError) return { type: 'book-suspect', symbol, error: e };
    throw e;
  }
}

function mapRows(v: unknown, field: string): BookRow[] {
  return arr(v, field).map((raw, i) => {
    const r = obj(raw, `${field}[${i}]`);
    const kind = int(r.t, `${field}[${i}].t`);
    if (kind !== 1 && kind !== 2 && kind !== 3) throw new WireError(`${field}[${i}].t`, `unknown row kind ${kind}`);
    return { price: dec(r.p, `${field}[${i}].p`), quantity: dec(r.q ?? '0', `${field}[${i}].q`), kind };
  });
}

/** WS ticker keys of §8.4: ps, p, a, b, h, l, g, cp (percent), cq, v; bs/qs undocumented extras. */
function mapWsTicker(t: Obj, at: string): Omit<Ticker, 'time'> {
  return {
    exchange: 'icrypex',
    symbol: str(t.ps, `${at}.ps`).toUpperCase(),
    last: dec(t.p, `${at}.p`),
    bid: optDec(t.b, `${at}.b`),
    ask: optDec(t.a, `${at}.a`),
    high: dec(t.h, `${at}.h`),
    low: dec(t.l, `${at}.l`),
    changeRatio: t.cp === undefined ? 0 : num(t.cp, `${at}.cp`) / 100,
    volume: dec(t.v, `${at}.v`),
  };
}
