import { err, ok, type BookSnapshot, type Candle, type Resolution, type Result, type StreamState, type Ticker, type Trade } from '../../../shared';
import type { Clock } from '../../net/clock';
import { OrderBook } from '../../book';
import { resilientSockets, type SocketFactory, type StreamSocket } from '../kit/socket';
import { DropLog } from '../kit/wire';
import type { Unsubscribe } from '../connector';
import { KLINE_SOURCE, KlineTracker } from './candles';
import { sortTrades } from './map-market';
import { fromNative } from './symbols';
import { QUIET_VERIFY_MS, QuietBooks, type FetchDepth, type QuietBook } from './quiet-books';
import { channels, decodeFrame, depthSubFrame, MAX_FRAME_WIRE_BYTES, parseWsMessage, requestFrame, type WsMessage } from './stream-protocol';

export interface StreamTuning {
  /** No frame (data, server ping, pong) for this long: the stream is stale (ms). */
  heartbeatWindowMs: number;
  /** No frame for this long: reconnect (ms; §6.2 suggests about 30 s, issue 20 wants seconds). */
  deadAfterMs: number;
  /** WebSocket protocol pings (§6.2: "use WS-protocol pings if you need keepalive"); 0 = none. */
  pingIntervalMs: number;
  /** The opening handshake must finish within this (ms). */
  connectTimeoutMs: number;
  /** While a retry waits, probe the host this often and retry at once when it answers (ms; 0 = none). */
  probeEveryMs: number;
  backoff: { initialMs: number; maxMs: number };
  /** Keep an unused socket this long before closing it (ms). */
  lingerMs: number;
  /** Levels per side handed to book listeners (§6.3 subscribes 150). */
  bookDepth: number;
  /** Trade ids remembered per market to drop repeats. */
  tradeMemory: number;
  /** A book with no push for this long is checked against GET /v1/depth (quiet-books.ts); 0 = never. */
  quietVerifyMs: number;
}

/**
 * The server's own pings come only every ~10 s (§6.2), too slow to see a half-open link within a
 * few seconds (issue 20), so we send protocol pings every second: silence for 2.5 s is `stale`, 6 s
 * is dead. docs/exchanges.md "Keepalive and reconnects".
 */
export const DEFAULT_STREAM_TUNING: StreamTuning = {
  heartbeatWindowMs: 2_500,
  deadAfterMs: 6_000,
  pingIntervalMs: 1_000,
  connectTimeoutMs: 5_000,
  probeEveryMs: 500,
  backoff: { initialMs: 500, maxMs: 30_000 },
  lingerMs: 5_000,
  bookDepth: 150,
  tradeMemory: 2_000,
  quietVerifyMs: QUIET_VERIFY_MS,
};

export interface StreamOptions {
  url: string;
  clock: Clock;
  random?: () => number;
  tuning?: Partial<StreamTuning>;
  log?: (line: string) => void;
  /** Connection state changes, for StreamStatus. */
  onState?: (state: StreamState, detail: string | undefined) => void;
  /** Makes the socket; a fake in unit tests and the benchmark. Default: ResilientSocket with the tuning's timing. */
  socket?: SocketFactory;
  /**
   * The market's latest trades over REST (§5.4 `/v1/trades`). V1's trade channel sends no
   * snapshot (§6.5), so a tape is seeded from this on every (re)connect: the trades missed while
   * the socket was down are filled in, and repeats of shown trades are dropped by id.
   */
  recentTrades?: (native: string) => Promise<Result<Trade[]>>;
  /** GET /v1/depth for the quiet-book check (quiet-books.ts); without it quiet books are not checked. */
  fetchDepth?: FetchDepth;
}

type BookSub = QuietBook & {
  kind: 'book';
  book: OrderBook;
  time: number;
  /** `ts` of the last whole push applied: an older one arriving late is ignored (issue 20). */
  snapshotTs: number;
  listeners: Set<(b: BookSnapshot) => void>;
};
type TradeSub = { kind: 'trades'; native: string; seen: Set<string>; listeners: Set<(t: Trade[]) => void> };
type TickerSub = { kind: 'ticker'; native: string; listeners: Set<(t: Ticker) => void> };
type KlineSub = { kind: 'kline'; native: string; byResolution: Map<Resolution, { tracker: KlineTracker; listeners: Set<(c: Candle) => void> }> };
type Sub = BookSub | TradeSub | TickerSub | KlineSub;

/**
 * The public market socket of specs/cryptocom-v1.md §6: gzip binary frames in, text JSON out,
 * one `sub` per channel, `{"pong": x}` for every `{"ping": x}` (and never a `{"ping"}` of ours),
 * every subscription sent again after a reconnect. Depth pushes are whole books that replace the
 * local one (incremental frames are applied if they appear); kline pushes update the current
 * candle; trade pushes are deduplicated by id, and tapes are seeded and back-filled from REST on
 * every (re)connect (`recentTrades`). One socket per connector, opened on first use.
 */
export class CryptocomStream {
  readonly tuning: StreamTuning;
  private socket: StreamSocket | undefined;
  private readonly subs = new Map<string, Sub>();
  private readonly reviewWaiters = new Set<(tickers: Ticker[]) => void>();
  private holds = 0;
  private cancelLinger: (() => void) | undefined;
  private closed = false;
  /** Frames dropped because they could not be decompressed or parsed; logged once per kind (issue 12). */
  private readonly drops: DropLog;
  private readonly quiet: QuietBooks | undefined;
  private late = 0;

  constructor(private readonly o: StreamOptions) {
    this.tuning = { ...DEFAULT_STREAM_TUNING, ...o.tuning };
    this.drops = new DropLog('cryptocom ws', o.log);
    if (o.fetchDepth) {
      this.quiet = new QuietBooks({
        clock: o.clock,
        fetch: o.fetchDepth,
        periodMs: this.tuning.quietVerifyMs,
        books: () => [...this.subs.values()].filter((sub): sub is BookSub => sub.kind === 'book'),
        live: () => this.socket?.state === 'connected',
        onMismatch: (b) => this.resubscribeBook(b as BookSub, 'differed from GET /v1/depth'),
        onStillStale: (b) => this.resubscribeBook(b as BookSub, 'no whole push since it went out of sync'),
        ...(o.log ? { log: o.log } : {}),
      });
    }
  }

  /** Quiet books found different from the exchange's REST book (and resubscribed) so far. */
  get quietMismatches(): number {
    return this.quiet?.mismatches ?? 0;
  }

  /** Whole depth pushes ignored because an older `ts` than one already applied (issue 20). */
  get lateSnapshots(): number {
    return this.late;
  }

  /** Frames dropped so far (broken gzip, not JSON, broken fields, numbers out of range). */
  get dropped(): number {
    return this.drops.dropped;
  }

  get state(): StreamState {
    return this.socket?.state ?? 'closed';
  }

  get since(): number | undefined {
    return this.socket?.since;
  }

  get detail(): string | undefined {
    return this.socket?.detail;
  }

  /** While reconnecting: when the next attempt is due (ms). */
  get retryAt(): number | undefined {
    return this.socket?.state === 'reconnecting' ? this.socket.retryAt : undefined;
  }

  /** The full-precision book (`step0`) or a merged one (`step1`, `step2`, §4). */
  watchBook(native: string, listener: (book: BookSnapshot) => void, step = 0): Unsubscribe {
    const channel = channels.depth(native, step);
    let sub = this.subs.get(channel) as BookSub | undefined;
    if (!sub) {
      const book = new OrderBook();
      sub = { kind: 'book', native, step, book, synced: false, time: 0, snapshotTs: 0, seq: 0, changedAt: this.o.clock.now(), top: () => book.top(this.tuning.bookDepth), listeners: new Set() };
      this.add(channel, sub);
      this.quiet?.arm();
    } else if (sub.synced) {
      listener(this.snapshot(sub));
    }
    sub.listeners.add(listener);
    return this.remover(channel, () => sub.listeners.delete(listener), () => sub.listeners.size === 0);
  }

  watchTrades(native: string, listener: (trades: Trade[]) => void): Unsubscribe {
    const channel = channels.trades(native);
    let sub = this.subs.get(channel) as TradeSub | undefined;
    if (!sub) {
      sub = { kind: 'trades', native, seen: new Set(), listeners: new Set() };
      this.add(channel, sub);
    }
    sub.listeners.add(listener);
    return this.remover(channel, () => sub.listeners.delete(listener), () => sub.listeners.size === 0);
  }

  watchTicker(native: string, listener: (ticker: Ticker) => void): Unsubscribe {
    const channel = channels.ticker(native);
    let sub = this.subs.get(channel) as TickerSub | undefined;
    if (!sub) {
      sub = { kind: 'ticker', native, listeners: new Set() };
      this.add(channel, sub);
    }
    sub.listeners.add(listener);
    return this.remover(channel, () => sub.listeners.delete(listener), () => sub.listeners.size === 0);
  }

  /** Current-candle pushes; 4h is built from the 60min channel (V1 has no 4h, §4). */
  watchCandles(native: string, resolution: Resolution, listener: (candle: Candle) => void): Unsubscribe {
    const source = KLINE_SOURCE[resolution];
    const channel = channels.kline(native, source.suffix);
    let sub = this.subs.get(channel) as KlineSub | undefined;
    if (!sub) {
      sub = { kind: 'kline', native, byResolution: new Map() };
      this.add(channel, sub);
    }
    let entry = sub.byResolution.get(resolution);
    if (!entry) {
      entry = { tracker: new KlineTracker(source.period * 60, source.group), listeners: new Set() };
      sub.byResolution.set(resolution, entry);
    }
    entry.listeners.add(listener);
    const s = sub;
    return this.remover(
      channel,
      () => {
        entry.listeners.delete(listener);
        if (entry.listeners.size === 0) s.byResolution.delete(resolution);
      },
      () => s.byResolution.size === 0,
    );
  }

  /** Every market's 24 h stats in one reply (§6.7 `review`). */
  async review(timeoutMs = 10_000): Promise<Result<Ticker[]>> {
    if (this.closed) return err('NETWORK', 'the Crypto.com market socket is closed');
    this.holds++;
    const socket = this.ensureSocket();
    try {
      return await new Promise<Result<Ticker[]>>((resolve) => {
        let done = false;
        const finish = (r: Result<Ticker[]>) => {
          if (done) return;
          done = true;
          this.reviewWaiters.delete(onReply);
          stopOpen();
          cancelTimer();
          resolve(r);
        };
        const onReply = (tickers: Ticker[]) => finish(ok(tickers));
        const ask = () => void socket.send(requestFrame('req', 'review'));
        this.reviewWaiters.add(onReply);
        const stopOpen = socket.onOpen(ask);
        const cancelTimer = this.o.clock.setTimer(() => finish(err('TIMEOUT', `Crypto.com did not answer the review request within ${timeoutMs} ms`)), timeoutMs);
        if (socket.state === 'connected' || socket.state === 'stale') ask();
      });
    } finally {
      this.holds--;
      this.maybeLinger();
    }
  }

  /** Closes the socket and forgets every subscription. Safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    this.quiet?.stop();
    this.cancelLinger?.();
    this.subs.clear();
    const socket = this.socket;
    this.socket = undefined;
    await socket?.close();
  }

  /** Handles one server frame (exposed for the benchmark and unit tests). */
  handleFrame(data: Buffer | string, isBinary: boolean): void {
    let msg: WsMessage;
    try {
      msg = parseWsMessage(decodeFrame(data, isBinary));
    } catch (e) {
      // §6.1 + faults: a cut gzip stream or garbage cannot say which channel it was for, and it
      // may have been a book's last push (issue 20): every book shows stale until its next whole
      // push (or the quiet-book check resubscribes it, quiet-books.ts).
      this.drops.note(e);
      for (const sub of this.subs.values()) {
        if (sub.kind !== 'book' || !sub.synced) continue;
        sub.synced = false;
        this.emitBook(sub, true);
      }
      return;
    }
    this.dispatch(msg);
  }

  private dispatch(msg: WsMessage): void {
    switch (msg.kind) {
      case 'ping':
        // §6.2: answer with the same value; the ChainUP demo echoes it unchanged.
        this.socket?.send(JSON.stringify({ pong: msg.value }));
        return;
      case 'depth': {
        const sub = this.subs.get(channels.depth(msg.native, msg.step));
        if (sub?.kind !== 'book') return;
        // §6.6 pushes carry `ts`; two in the wrong order must not leave the older book shown.
        if (msg.time > 0 && msg.time < sub.snapshotTs) {
          this.late++;
          return;
        }
        sub.book.reset(msg.bids, msg.asks);
        sub.synced = true;
        sub.time = msg.time;
        if (msg.time > 0) sub.snapshotTs = msg.time;
        this.quiet?.changed(sub);
        this.emitBook(sub);
        return;
      }
      case 'depth-suspect': {
        // Not an empty book: the levels shown may be out of date, so flag them stale until the
        // next whole push (§6.6: one comes on change and about every 11 s).
        this.drops.note(msg.error, `distrusted a depth push on ${channels.depth(msg.native, msg.step)}`);
        const sub = this.subs.get(channels.depth(msg.native, msg.step));
        if (sub?.kind !== 'book') return;
        sub.synced = false;
        this.emitBook(sub, true);
        return;
      }
      case 'depth-delta': {
        const sub = this.subs.get(channels.depth(msg.native, msg.step));
        if (sub?.kind !== 'book' || !sub.synced) return;
        for (const c of msg.changes) sub.book.set(c.side, c.price, c.quantity);
        sub.time = msg.time || sub.time;
        this.quiet?.changed(sub);
        this.emitBook(sub);
        return;
      }
      case 'ticker': {
        const sub = this.subs.get(channels.ticker(msg.native));
        if (sub?.kind === 'ticker') for (const l of [...sub.listeners]) l(msg.ticker);
        return;
      }
      case 'kline': {
        const sub = this.subs.get(`market_${msg.native}_kline_${msg.period}`);
        if (sub?.kind !== 'kline') return;
        for (const entry of [...sub.byResolution.values()]) {
          const candle = entry.tracker.push(msg.candle);
          if (candle) for (const l of [...entry.listeners]) l(candle);
        }
        return;
      }
      case 'trades': {
        const sub = this.subs.get(channels.trades(msg.native));
        if (sub?.kind === 'trades') this.emitTrades(sub, msg.trades);
        return;
      }
      case 'review':
        for (const w of [...this.reviewWaiters]) w(msg.tickers);
        return;
      case 'kline-history':
      case 'ignored':
        return;
    }
  }

  /** Hands listeners the trades of `incoming` not shown yet, oldest first. */
  private emitTrades(sub: TradeSub, incoming: readonly Trade[]): void {
    const fresh = incoming.filter((t) => {
      if (sub.seen.has(t.id)) return false;
      sub.seen.add(t.id);
      return true;
    });
    trim(sub.seen, this.tuning.tradeMemory);
    if (fresh.length === 0) return;
    const sorted = sortTrades(fresh);
    for (const l of [...sub.listeners]) l(sorted);
  }

  /** Seeds (first connect) or back-fills (reconnect) a tape from REST; see `recentTrades`. */
  private backfill(channel: string, sub: TradeSub): void {
    const read = this.o.recentTrades;
    if (!read) return;
    void read(sub.native).then(
      (r) => {
        // Unsubscribed (or replaced) meanwhile: nobody to tell.
        if (this.subs.get(channel) !== sub) return;
        if (r.ok) this.emitTrades(sub, r.value);
        else this.o.log?.(`cryptocom ws: trade back-fill of ${sub.native} failed (${r.error.code}): ${r.error.message}`);
      },
      (e: unknown) => this.o.log?.(`cryptocom ws: trade back-fill of ${sub.native} failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  /** The book cannot be trusted: show it stale and ask for a fresh whole push (one follows every sub, §6.6). */
  private resubscribeBook(sub: BookSub, why: string): void {
    const channel = channels.depth(sub.native, sub.step);
    if (this.subs.get(channel) !== sub) return;
    this.o.log?.(`cryptocom ws: ${channel} ${why}; resubscribing`);
    sub.synced = false;
    this.emitBook(sub, true);
    this.socket?.send(requestFrame('unsub', channel));
    this.socket?.send(this.subFrame(channel, sub));
  }

  private snapshot(sub: BookSub, stale = false): BookSnapshot {
    const top = sub.book.top(this.tuning.bookDepth);
    return { exchange: 'cryptocom', symbol: fromNative(sub.native), bids: top.bids, asks: top.asks, stale: stale || !sub.synced, time: sub.time || this.o.clock.now() };
  }

  private emitBook(sub: BookSub, stale = false): void {
    if (sub.listeners.size === 0) return;
    const snap = this.snapshot(sub, stale);
    for (const l of [...sub.listeners]) l(snap);
  }

  private add(channel: string, sub: Sub): void {
    // After close() nothing opens a socket again (a late pane gets a silent stream).
    if (this.closed) return;
    this.subs.set(channel, sub);
    const socket = this.ensureSocket();
    if (socket.state === 'connected' || socket.state === 'stale') {
      socket.send(this.subFrame(channel, sub));
      if (sub.kind === 'trades') this.backfill(channel, sub);
    }
  }

  private subFrame(channel: string, sub: Sub): string {
    if (sub.kind === 'book') {
      const step = Number(/step(\d+)$/.exec(channel)?.[1] ?? 0);
      return depthSubFrame(sub.native, step);
    }
    return requestFrame('sub', channel);
  }

  private remover(channel: string, remove: () => void, empty: () => boolean): Unsubscribe {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      remove();
      if (!empty() || this.subs.get(channel) === undefined) return;
      this.subs.delete(channel);
      this.socket?.send(requestFrame('unsub', channel));
      this.maybeLinger();
    };
  }

  private ensureSocket(): StreamSocket {
    this.cancelLinger?.();
    this.cancelLinger = undefined;
    if (this.socket) return this.socket;
    const t = this.tuning;
    const make =
      this.o.socket ??
      resilientSockets({
        clock: this.o.clock,
        timing: {
          pingIntervalMs: t.pingIntervalMs,
          staleAfterMs: t.heartbeatWindowMs,
          deadAfterMs: t.deadAfterMs,
          connectTimeoutMs: t.connectTimeoutMs,
          probeEveryMs: t.probeEveryMs,
          backoff: t.backoff,
        },
        ...(this.o.random ? { random: this.o.random } : {}),
        ...(this.o.log ? { log: this.o.log } : {}),
      });
    const socket = make({ url: this.o.url, name: 'cryptocom public', maxPayload: MAX_FRAME_WIRE_BYTES });
    socket.onMessage((data, isBinary) => this.handleFrame(data, isBinary));
    socket.onOpen(() => {
      // Resubscribe everything on every (re)connect; books stay stale until their next snapshot.
      for (const [channel, sub] of this.subs) {
        socket.send(this.subFrame(channel, sub));
        if (sub.kind === 'trades') this.backfill(channel, sub);
      }
    });
    socket.onState((state, detail) => {
      if (state !== 'connected') {
        for (const sub of this.subs.values()) {
          if (sub.kind !== 'book') continue;
          if (state !== 'stale') sub.synced = false;
          this.emitBook(sub, true);
        }
      }
      this.o.onState?.(state, detail);
    });
    this.socket = socket;
    socket.connect();
    return socket;
  }

  private maybeLinger(): void {
    if (this.subs.size > 0 || this.holds > 0 || !this.socket || this.cancelLinger) return;
    this.cancelLinger = this.o.clock.setTimer(() => {
      this.cancelLinger = undefined;
      if (this.subs.size > 0 || this.holds > 0) return;
      const socket = this.socket;
      this.socket = undefined;
      void socket?.close();
    }, this.tuning.lingerMs);
  }
}

function trim(set: Set<string>, max: number): void {
  if (set.size <= max) return;
  let drop = set.size - max;
  for (const id of set) {
    if (drop-- <= 0) break;
    set.delete(id);
  }
}
