import { type Server } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { onUpgrade } from '../shared/http';
import { createRng } from '../shared/rng';
import { type SimFill, type SimOrder, type SimTrade } from '../matching/types';
import { verifyIcrypexSignature } from './auth';
import { BookFeed } from './book-feed';
import { type Channel, parseChannel } from './channels';
import { type IcrypexContext } from './context';
import { wireWsTicker, wireWsTrade, wireWsUserTrade } from './format';

/** specs/icrypex.md §1: the stream answers on the root path and on `/1` and `/7`. */
export const WS_PATHS: readonly string[] = ['/', '/1', '/7'];

export interface IcrypexWsOptions {
  /** specs/icrypex.md §8.5: silent sockets are dropped after ~60 s (default 60000). */
  idleTimeoutMs?: number;
  /** specs/icrypex.md §8.4: obd diffs are coalesced to one per ~100 ms (default 100). */
  obdIntervalMs?: number;
  /** `tickers` cadence (P measured ~500 ms). */
  tickersIntervalMs?: number;
  /** `ticker@` cadence (~1 s). */
  tickerIntervalMs?: number;
  seed?: number;
}

interface Connection {
  readonly ws: WebSocket;
  /** Lower-cased channel name to parsed channel. */
  readonly subs: Map<string, Channel>;
  accountId: string | undefined;
  lastTraffic: number;
  /** orderbook-short: the top 5 last sent per pair, so a socket only gets real changes. */
  readonly shortSent: Map<string, string>;
}

/**
 * The Icrypex WebSocket of specs/icrypex.md §8: `type|json` frames, api-login, subscribe acks,
 * the public channels, user-trade pushes, channel-data-request, idle close.
 */
export class IcrypexWsServer {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly connections = new Set<Connection>();
  private readonly feeds = new Map<string, BookFeed>();
  /** An obd held back by reorderNextBookUpdates, sent after the next one. */
  private readonly heldDiffs = new Map<string, { conns: Connection[]; body: unknown }>();
  private readonly timers: Array<ReturnType<typeof setInterval>> = [];
  private readonly unsubscribe: Array<() => void> = [];
  private readonly idleTimeoutMs: number;

  constructor(
    private readonly ctx: IcrypexContext,
    server: Server,
    options: IcrypexWsOptions = {},
  ) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    const rng = createRng(options.seed ?? 1).fork('icrypex-cs');
    for (const market of ctx.engine.listMarkets()) this.feeds.set(market.symbol, new BookFeed(ctx.engine, market.symbol, rng.int(100_000, 999_999)));
    onUpgrade(server, WS_PATHS, (request, socket, head) => this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws)), () => ctx.faults.socketsRefused);
    this.unsubscribe.push(
      ctx.engine.on('level', (symbol) => {
        const feed = this.feeds.get(symbol);
        if (feed) feed.dirty = true;
      }),
      ctx.engine.on('trade', (trade) => this.onTrade(trade)),
      ctx.engine.on('order', (order, fill) => {
        if (fill) this.onUserFill(order, fill);
      }),
    );
    const every = (ms: number, fn: () => void) => {
      const timer = setInterval(fn, ms);
      timer.unref?.();
      this.timers.push(timer);
    };
    every(options.obdIntervalMs ?? 100, () => this.flushBooks());
    every(options.tickersIntervalMs ?? 500, () => this.pushTickers());
    every(options.tickerIntervalMs ?? 1000, () => this.pushTicker());
    every(Math.max(10, Math.min(1000, Math.floor(this.idleTimeoutMs / 4))), () => this.sweepIdle());
    ctx.faults.attach({
      dropConnections: () => {
        for (const conn of this.connections) conn.ws.terminate();
      },
      sendMalformedFrame: () => {
        for (const conn of this.connections) this.sendRaw(conn, 'obd|{"ps":"BTCUSDT","cs":');
      },
      sendFrame: (text) => {
        for (const conn of this.connections) this.sendRaw(conn, text);
      },
    });
  }

  /** Protocol pings received from clients so far (§8.5; tests wait for them instead of sleeping). */
  pings = 0;

  /** Number of open sockets. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Computes and sends pending book diffs now (tests call this instead of waiting 100 ms). */
  flushBooks(): void {
    if (this.ctx.faults.heartbeatsStopped) return;
    for (const feed of this.feeds.values()) {
      if (!feed.dirty) continue;
      const full = this.subscribers('orderbook', feed.symbol);
      if (full.length === 0) feed.idle();
      else {
        const diff = feed.diff(this.ctx.quirks.obdRemovalQuantity, () => this.ctx.faults.takeSkipChangeSet(feed.symbol));
        if (diff) this.sendDiff(full, feed.symbol, { ps: feed.symbol, cs: diff.cs, a: diff.a, b: diff.b });
      }
      feed.dirty = false;
      const short = this.subscribers('orderbook-short', feed.symbol);
      if (short.length > 0) {
        const body = feed.shortNow();
        const key = JSON.stringify(body);
        for (const conn of short) {
          if (conn.shortSent.get(feed.symbol) === key) continue;
          conn.shortSent.set(feed.symbol, key);
          this.send(conn, 'orderbook', this.shortFrame(feed, body));
        }
      }
    }
  }

  /** Sends one obd, unless a book-update fault loses it or holds it until after the next one. */
  private sendDiff(conns: Connection[], symbol: string, body: unknown): void {
    const fault = this.ctx.faults.takeBookUpdateFault(symbol);
    if (fault === 'drop') return;
    if (fault === 'hold') {
      this.heldDiffs.set(symbol, { conns, body });
      return;
    }
    for (const conn of conns) this.send(conn, 'obd', body);
    const held = this.heldDiffs.get(symbol);
    this.heldDiffs.delete(symbol);
    if (held) for (const conn of held.conns) this.send(conn, 'obd', held.body);
  }

  /** Sends `tickers` to its subscribers now. */
  pushTickers(): void {
    if (this.ctx.faults.heartbeatsStopped) return;
    const subs = [...this.connections].filter((conn) => [...conn.subs.values()].some((c) => c.kind === 'tickers'));
    if (subs.length === 0) return;
    const t = this.ctx.engine.listMarkets().map((market) => wireWsTicker(this.ctx.engine, market, this.ctx.quirks));
    for (const conn of subs) this.send(conn, 'tickers', { t });
  }

  /** Sends `ticker@` frames to their subscribers now. */
  pushTicker(): void {
    if (this.ctx.faults.heartbeatsStopped) return;
    for (const market of this.ctx.engine.listMarkets()) {
      const subs = this.subscribers('ticker', market.symbol);
      if (subs.length === 0) continue;
      const body = wireWsTicker(this.ctx.engine, market, this.ctx.quirks);
      for (const conn of subs) this.send(conn, 'ticker', body);
    }
  }

  /** Closes every socket and stops the timers. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    for (const off of this.unsubscribe) off();
    for (const conn of this.connections) conn.ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  // ---- connections -----------------------------------------------------------------------

  private accept(ws: WebSocket): void {
    const conn: Connection = { ws, subs: new Map(), accountId: undefined, lastTraffic: Date.now(), shortSent: new Map() };
    this.connections.add(conn);
    ws.on('message', (data, isBinary) => {
      conn.lastTraffic = Date.now();
      if (isBinary) return;
      try {
        this.onFrame(conn, data.toString());
      } catch {
        // §8.1: garbage is ignored and the socket stays open; a frame must never throw out of here (issue 12).
      }
    });
    ws.on('ping', () => {
      this.pings++;
      conn.lastTraffic = Date.now();
    });
    ws.on('close', () => this.connections.delete(conn));
    ws.on('error', () => this.connections.delete(conn));
  }

  /** specs/icrypex.md §8.1: split on the first `|`; garbage is ignored and the socket stays open. */
  private onFrame(conn: Connection, text: string): void {
    const bar = text.indexOf('|');
    if (bar < 0) return;
    const type = text.slice(0, bar);
    let body: unknown;
    try {
      body = JSON.parse(text.slice(bar + 1));
    } catch {
      return;
    }
    if (typeof body !== 'object' || body === null) return;
    const fields = body as Record<string, unknown>;
    switch (type) {
      case 'subscribe':
        if (typeof fields.c === 'string') this.onSubscribe(conn, fields.c, fields.s !== false);
        return;
      case 'api-login':
        this.onLogin(conn, fields);
        return;
      case 'channel-data-request':
        if (typeof fields.c === 'string') this.onDataRequest(conn, fields.c);
        return;
      default:
        return;
    }
  }

  /** specs/icrypex.md §8.2: api-login signed like REST; answer api-auth {v}. */
  private onLogin(conn: Connection, fields: Record<string, unknown>): void {
    const asText = (value: unknown) => (typeof value === 'number' || typeof value === 'string' ? String(value) : undefined);
    const result = verifyIcrypexSignature(
      { apiKey: asText(fields.pk), sign: asText(fields.s), ts: asText(fields.ts), nonce: asText(fields.n) },
      (key) => this.ctx.credentials.get(key),
      { now: this.ctx.now(), strictNonce: this.ctx.quirks.strictNonce },
    );
    const ok = result.ok && !this.ctx.faults.takeRejectSignature();
    if (ok) conn.accountId = result.apiKey;
    this.send(conn, 'api-auth', { v: ok });
  }

  /** specs/icrypex.md §8.3: ack, duplicate ack false, unknown channels ack true then silent. */
  private onSubscribe(conn: Connection, name: string, on: boolean): void {
    const key = name.toLowerCase();
    if (!on) {
      const channel = conn.subs.get(key);
      if (channel?.kind === 'orderbook-short') conn.shortSent.delete(channel.symbol);
      conn.subs.delete(key);
      this.send(conn, 'subscribe-response', { c: name, s: this.ctx.quirks.unsubscribeAck });
      return;
    }
    if (conn.subs.has(key)) {
      this.send(conn, 'subscribe-response', { c: name, s: false });
      return;
    }
    const channel = parseChannel(name, this.ctx.engine);
    conn.subs.set(key, channel);
    this.send(conn, 'subscribe-response', { c: name, s: true });
    this.sendInitial(conn, channel);
  }

  /** specs/icrypex.md §8.4: a fresh snapshot on a live socket; the cs chain carries on. */
  private onDataRequest(conn: Connection, name: string): void {
    const channel = conn.subs.get(name.toLowerCase());
    if (channel && (channel.kind === 'orderbook' || channel.kind === 'orderbook-short')) this.sendInitial(conn, channel);
  }

  private sendInitial(conn: Connection, channel: Channel): void {
    switch (channel.kind) {
      case 'orderbook': {
        const feed = this.feeds.get(channel.symbol)!;
        this.send(conn, 'orderbook', { ps: channel.symbol, ...feed.snapshot() });
        return;
      }
      case 'orderbook-short': {
        const feed = this.feeds.get(channel.symbol)!;
        const body = feed.shortNow();
        conn.shortSent.set(channel.symbol, JSON.stringify(body));
        this.send(conn, 'orderbook', this.shortFrame(feed, body));
        return;
      }
      case 'trade': {
        const ts = this.ctx.engine.recentTrades(channel.symbol, 50).map((trade) => wireWsTrade(trade, this.ctx.quirks));
        this.send(conn, 'trades', { ps: channel.symbol, ts });
        return;
      }
      case 'tradingview': {
        const candle = this.candleFrame(channel, this.ctx.now());
        if (candle) this.send(conn, 'candle', candle);
        return;
      }
      default:
        return;
    }
  }

  private shortFrame(feed: BookFeed, body: { a: unknown[]; b: unknown[] }): Record<string, unknown> {
    return this.ctx.quirks.shortBookCs ? { ps: feed.symbol, cs: feed.cs, ...body } : { ps: feed.symbol, ...body };
  }

  private candleFrame(channel: Extract<Channel, { kind: 'tradingview' }>, timeMs: number): Record<string, unknown> | undefined {
    const resolution = channel.minutes * 60;
    const start = Math.floor(timeMs / 1000 / resolution) * resolution;
    const [candle] = this.ctx.engine.candles(channel.symbol, resolution, start, start);
    if (!candle) return undefined;
    return { ps: channel.symbol, e: channel.event, d: candle.time, r: channel.minutes, o: candle.open, c: candle.close, h: candle.high, l: candle.low, v: candle.volume };
  }

  private onTrade(trade: SimTrade): void {
    if (this.ctx.faults.heartbeatsStopped || this.connections.size === 0) return;
    const body = wireWsTrade(trade, this.ctx.quirks);
    for (const conn of this.subscribers('trade', trade.symbol)) this.send(conn, 'trade', body);
    // specs/icrypex.md §8.4: the current candle is re-sent on every trade in it.
    for (const conn of this.connections) {
      for (const channel of conn.subs.values()) {
        if (channel.kind !== 'tradingview' || channel.symbol !== trade.symbol) continue;
        const candle = this.candleFrame(channel, trade.time);
        if (candle) this.send(conn, 'candle', candle);
      }
    }
  }

  /** specs/icrypex.md §8.4: user-trade goes to every authenticated socket of the account. */
  private onUserFill(order: SimOrder, fill: SimFill): void {
    if (this.ctx.faults.heartbeatsStopped) return;
    let body: Record<string, unknown> | undefined;
    for (const conn of this.connections) {
      if (conn.accountId !== order.accountId) continue;
      body ??= wireWsUserTrade(order, fill, this.ctx.quirks);
      this.send(conn, 'user-trade', body);
    }
  }

  private subscribers(kind: Channel['kind'], symbol: string): Connection[] {
    const out: Connection[] = [];
    for (const conn of this.connections) {
      for (const channel of conn.subs.values()) {
        if (channel.kind === kind && 'symbol' in channel && channel.symbol === symbol) {
          out.push(conn);
          break;
        }
      }
    }
    return out;
  }

  /** specs/icrypex.md §8.5: no traffic either way for the timeout: drop without a close frame. */
  private sweepIdle(): void {
    const now = Date.now();
    for (const conn of this.connections) {
      if (now - conn.lastTraffic > this.idleTimeoutMs) conn.ws.terminate();
    }
  }

  private send(conn: Connection, type: string, body: unknown): void {
    this.sendRaw(conn, `${type}|${JSON.stringify(body)}`);
  }

  private sendRaw(conn: Connection, frame: string): void {
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    conn.lastTraffic = Date.now();
    conn.ws.send(frame);
  }
}
