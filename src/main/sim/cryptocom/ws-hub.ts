import { performance } from 'node:perf_hooks';

import { WebSocket } from 'ws';

import { mergeBook, wireLevels } from './depth';
import { KLINE_PERIODS, type MarketView, type PublicTrade } from './market-view';
import { type CryptocomQuirks } from './quirks';
import {
  type Channel,
  gzipFrame,
  klineTick,
  parseChannel,
  parseClientFrame,
  pingBody,
  pushBody,
  statsTick,
  subAckBody,
  tradeTick,
  truncateGzip,
} from './ws-frames';
import { klineHistory, reviewData, tradeHistory } from './ws-history';

/** The fault flags the hub reads (the shared Faults object fits this shape). */
export interface WsFaultHooks {
  /** True while heartbeats are stopped (`faults.stopHeartbeats()`). */
  readonly heartbeatsStopped: boolean;
  /** Consumes one pending `truncateNextGzipFrame()`. */
  takeTruncateGzip(): boolean;
  /** Consumes the pending dropNextBookUpdate / reorderNextBookUpdates of a symbol. */
  takeBookUpdateFault?(symbol: string): 'drop' | 'hold' | undefined;
}

export interface WsHubOptions {
  view: MarketView;
  quirks: CryptocomQuirks;
  now: () => number;
  faults: WsFaultHooks;
}

/** A depth push held back by reorderNextBookUpdates, per channel, sent after the next one. */
type HeldPushes = Map<string, string>;

interface Session {
  socket: WebSocket;
  subs: Map<string, Channel>;
  idleTimer: NodeJS.Timeout | undefined;
}

interface PushState {
  lastAt: number;
  lastTick: string;
  timer: NodeJS.Timeout | undefined;
}

/**
 * The V1 market-data socket (specs/cryptocom-v1.md §6): subscriptions, pushes, `req`
 * replies, server pings and idle closing, for every connection of one simulator.
 */
export class CryptocomWsHub {
  private readonly sessions = new Set<Session>();
  private readonly heldPushes: HeldPushes = new Map();
  private readonly push = new Map<string, PushState>();
  private readonly pendingTrades = new Map<string, PublicTrade[]>();
  private pingTimer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly opts: WsHubOptions) {
    this.restartTimers();
  }

  /** Number of open sessions. */
  get connections(): number {
    return this.sessions.size;
  }

  /** (Re)reads the ping and refresh intervals from the quirks. */
  restartTimers(): void {
    clearInterval(this.pingTimer);
    clearInterval(this.refreshTimer);
    if (this.closed) return;
    const q = this.opts.quirks;
    // §6.2: a ping every 10 s with an ms value.
    if (q.wsPingIntervalMs > 0) this.pingTimer = setInterval(() => this.sendPings(), q.wsPingIntervalMs);
    // §6.6: unchanged books are sent again about every 11 s.
    if (q.wsDepthRefreshMs > 0) this.refreshTimer = setInterval(() => this.refreshDepth(), Math.max(10, Math.min(1000, q.wsDepthRefreshMs / 4)));
  }

  /** Takes over a freshly upgraded socket. */
  attach(socket: WebSocket): void {
    const session: Session = { socket, subs: new Map(), idleTimer: undefined };
    this.sessions.add(session);
    this.armIdle(session);
    socket.on('message', (data, isBinary) => {
      try {
        this.onMessage(session, data, isBinary);
      } catch {
        // Whatever a client sends, the hub keeps serving (issue 12); the frame is dropped.
      }
    });
    socket.on('close', () => this.forget(session));
    socket.on('error', () => this.forget(session));
  }

  /** New trades on a market: trade_ticker, ticker and kline pushes (coalesced per event-loop turn). */
  onTrades(symbol: string, trades: readonly PublicTrade[]): void {
    const pending = this.pendingTrades.get(symbol);
    if (pending) {
      pending.push(...trades);
      return;
    }
    this.pendingTrades.set(symbol, [...trades]);
    setImmediate(() => this.flushTrades(symbol));
  }

  /** The book of a market changed: schedule depth pushes (§6.6, throttled per channel). */
  onBookChange(symbol: string): void {
    for (const name of this.subscribedChannels((c) => c.kind === 'depth' && c.symbol === symbol)) {
      this.schedule(name, this.opts.quirks.wsDepthThrottleMs, () => this.pushDepth(name));
    }
  }

  /** Fault: close every socket abruptly, without a close frame. */
  dropConnections(): void {
    for (const s of [...this.sessions]) s.socket.terminate();
  }

  /** Fault: sends every open socket a frame that gunzips to broken JSON, now. */
  sendMalformedFrame(): void {
    const garbage = gzipFrame('{"channel":"market_');
    for (const s of this.sessions) this.sendRaw(s, garbage);
  }

  /** Fault: sends every open socket this text as a gzip binary frame (§6.1), now. */
  sendFrame(text: string): void {
    const frame = gzipFrame(text);
    for (const s of this.sessions) this.sendRaw(s, frame);
  }

  /** Stops timers and closes every socket. */
  close(): void {
    this.closed = true;
    clearInterval(this.pingTimer);
    clearInterval(this.refreshTimer);
    for (const p of this.push.values()) clearTimeout(p.timer);
    for (const s of [...this.sessions]) s.socket.terminate();
    this.sessions.clear();
  }

  private onMessage(session: Session, data: WebSocket.RawData, isBinary: boolean): void {
    const q = this.opts.quirks;
    const raw = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    const frame = isBinary ? { kind: 'malformed' as const, raw } : parseClientFrame(raw);
    switch (frame.kind) {
      case 'pong':
        return;
      case 'ping':
        // §6.2: on S12 a client ping closed the socket; switchable.
        if (q.wsClientPingCloses) session.socket.terminate();
        return;
      case 'malformed':
        // §6.8: some malformed requests closed the socket (1006) on S12.
        if (q.wsMalformedRequest === 'close') session.socket.terminate();
        return;
      case 'request':
        break;
    }
    const { event, params } = frame.request;
    const channelName = typeof params.channel === 'string' ? params.channel : '';
    const channel = parseChannel(channelName);
    if (event !== 'sub' && event !== 'unsub' && event !== 'req') {
      // §6.8: an unknown event is echoed back, in a binary frame that is not gzip.
      this.sendRaw(session, Buffer.from(frame.raw, 'utf8'));
      return;
    }
    // §6.8: unknown channels and symbols get silence.
    if (!channel || (channel.kind !== 'review' && !this.opts.view.market(channel.symbol))) return;
    if (event === 'sub') this.subscribe(session, channelName, channel, params);
    else if (event === 'unsub') this.unsubscribe(session, channelName);
    else this.request(session, channelName, channel, params);
  }

  private subscribe(session: Session, name: string, channel: Channel, params: Record<string, unknown>): void {
    if (channel.kind === 'review') return;
    session.subs.set(name, channel);
    clearTimeout(session.idleTimer);
    session.idleTimer = undefined;
    const now = this.opts.now();
    // §6.5: crypto.com probably sent no ack; the ChainUP doc's ack is switchable.
    if (this.opts.quirks.wsSubAck) this.send(session, subAckBody(name, channel, params, now));
    const first = this.tickFor(channel);
    if (first !== undefined) this.send(session, pushBody(name, first, now, this.opts.quirks));
  }

  private unsubscribe(session: Session, name: string): void {
    session.subs.delete(name);
    this.armIdle(session);
  }

  private request(session: Session, name: string, channel: Channel, params: Record<string, unknown>): void {
    const ctx = { view: this.opts.view, quirks: this.opts.quirks, now: this.opts.now() };
    let body: string | 'close' | undefined;
    if (channel.kind === 'kline') body = klineHistory(name, channel.symbol, channel.period, params, ctx);
    else if (channel.kind === 'trade') body = tradeHistory(name, channel.symbol, params, ctx);
    else if (channel.kind === 'review') body = reviewData(name, params, ctx);
    if (body === 'close') session.socket.terminate();
    else if (body !== undefined) this.send(session, body);
  }

  /** The first push after a sub: depth snapshot, ticker, or the current candle (§6.6). */
  private tickFor(channel: Channel): unknown {
    const { view, quirks, now } = this.opts;
    switch (channel.kind) {
      case 'depth': {
        const m = view.market(channel.symbol);
        if (!m) return undefined;
        const book = mergeBook(view.book(channel.symbol, quirks.wsDepthLevels * 4), channel.step, m.pricePrecision);
        return { asks: wireLevels(book.asks, 'number', quirks.wsDepthLevels), buys: wireLevels(book.bids, 'number', quirks.wsDepthLevels) };
      }
      case 'ticker':
        return statsTick(view.stats(channel.symbol), quirks);
      case 'kline': {
        const seconds = (KLINE_PERIODS.find((p) => p.ws === channel.period)?.minutes ?? 1) * 60;
        const t = now();
        const bucket = Math.floor(t / 1000 / seconds) * seconds * 1000;
        const c = view.candles(channel.symbol, seconds, bucket, t)[0];
        return c ? klineTick(c, quirks) : undefined;
      }
      default:
        return undefined;
    }
  }

  private flushTrades(symbol: string): void {
    const trades = this.pendingTrades.get(symbol) ?? [];
    this.pendingTrades.delete(symbol);
    if (this.closed || trades.length === 0) return;
    const q = this.opts.quirks;
    const now = this.opts.now();
    const tradeName = `market_${symbol}_trade_ticker`;
    if (this.hasSubscribers(tradeName)) this.broadcast(tradeName, pushBody(tradeName, tradeTick(trades, q), now, q));
    for (const name of this.subscribedChannels((c) => (c.kind === 'ticker' || c.kind === 'kline') && c.symbol === symbol)) {
      this.schedule(name, q.wsTickThrottleMs, () => this.pushTick(name));
    }
  }

  private pushTick(name: string): void {
    const channel = parseChannel(name);
    const tick = channel ? this.tickFor(channel) : undefined;
    if (tick !== undefined) this.broadcast(name, pushBody(name, tick, this.opts.now(), this.opts.quirks));
  }

  private pushDepth(name: string, force = false): void {
    const channel = parseChannel(name);
    if (!channel) return;
    const tick = this.tickFor(channel);
    const state = this.stateOf(name);
    const text = JSON.stringify(tick);
    // §6.6: pushed on change; the periodic refresh sends an unchanged book too.
    if (!force && text === state.lastTick) return;
    state.lastTick = text;
    const body = pushBody(name, tick, this.opts.now(), this.opts.quirks);
    const fault = channel.kind === 'depth' ? this.opts.faults.takeBookUpdateFault?.(channel.symbol) : undefined;
    if (fault === 'drop') return;
    if (fault === 'hold') {
      this.heldPushes.set(name, body);
      return;
    }
    this.broadcast(name, body);
    const held = this.heldPushes.get(name);
    this.heldPushes.delete(name);
    if (held !== undefined) this.broadcast(name, held);
  }

  private refreshDepth(): void {
    const due = performance.now() - this.opts.quirks.wsDepthRefreshMs;
    for (const name of this.subscribedChannels((c) => c.kind === 'depth')) {
      if (this.stateOf(name).lastAt <= due) this.pushDepth(name, true);
    }
  }

  /** Runs `fn` now, or once the channel's throttle gap has passed (one pending run at most). */
  private schedule(name: string, gapMs: number, fn: () => void): void {
    const state = this.stateOf(name);
    if (state.timer) return;
    const wait = state.lastAt + gapMs - performance.now();
    const run = () => {
      state.timer = undefined;
      if (this.closed || !this.hasSubscribers(name)) return;
      fn();
    };
    // Always deferred: one engine call can change several levels, and a snapshot must see them all.
    state.timer = setTimeout(run, Math.max(0, wait));
  }

  private sendPings(): void {
    if (this.opts.faults.heartbeatsStopped || this.sessions.size === 0) return;
    const frame = gzipFrame(pingBody(this.opts.now(), this.opts.quirks));
    for (const s of this.sessions) this.sendGzip(s, frame);
  }

  private broadcast(name: string, body: string): void {
    this.stateOf(name).lastAt = performance.now();
    const frame = gzipFrame(body);
    for (const s of this.sessions) if (s.subs.has(name)) this.sendGzip(s, frame);
  }

  private send(session: Session, body: string): void {
    this.sendGzip(session, gzipFrame(body));
  }

  private sendGzip(session: Session, frame: Buffer): void {
    if (session.socket.readyState !== WebSocket.OPEN) return;
    // Fault: the next binary frame (to whichever socket gets it first) is a cut gzip stream.
    this.sendRaw(session, this.opts.faults.takeTruncateGzip() ? truncateGzip(frame) : frame);
  }

  private sendRaw(session: Session, bytes: Buffer): void {
    if (session.socket.readyState === WebSocket.OPEN) session.socket.send(bytes, { binary: true });
  }

  private armIdle(session: Session): void {
    clearTimeout(session.idleTimer);
    session.idleTimer = undefined;
    const ms = this.opts.quirks.wsIdleCloseMs;
    // §6.2: a socket with no subscription is closed after about 60 s.
    if (ms > 0 && session.subs.size === 0) session.idleTimer = setTimeout(() => session.socket.close(1000, 'idle'), ms);
  }

  private forget(session: Session): void {
    clearTimeout(session.idleTimer);
    this.sessions.delete(session);
  }

  private stateOf(name: string): PushState {
    let s = this.push.get(name);
    if (!s) {
      s = { lastAt: -Infinity, lastTick: '', timer: undefined };
      this.push.set(name, s);
    }
    return s;
  }

  private hasSubscribers(name: string): boolean {
    for (const s of this.sessions) if (s.subs.has(name)) return true;
    return false;
  }

  private subscribedChannels(pred: (c: Channel) => boolean): Set<string> {
    const out = new Set<string>();
    for (const s of this.sessions) for (const [name, c] of s.subs) if (pred(c)) out.add(name);
    return out;
  }
}
