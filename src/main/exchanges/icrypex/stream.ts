import type { BookSnapshot, Candle, Resolution, StreamState, StreamStatus, Ticker, Trade } from '../../../shared';
import type { Clock } from '../../net/clock';
import type { Unsubscribe } from '../connector';
import { BookSync, type LevelBook } from './book-sync';
import { WS_RESOLUTION } from './enums';
import { channelDataRequestFrame, channels, parseFrame, subscribeFrame, type Frame } from './stream-protocol';
import { frameText, type SocketFactory, type StreamSocket } from '../kit/socket';
import { DropLog, WireError } from '../kit/wire';

/** Levels per side Icrypex keeps in its book window (§8.4). */
export const BOOK_WINDOW = 50;
/** Wait this long for the snapshot a channel-data-request asks for, then resubscribe. */
const RESYNC_WAIT_MS = 3_000;
const RESYNC_MAX_WAIT_MS = 30_000;
/** Trade ids remembered per pair to drop the replayed `trades` snapshot after a resubscribe. */
const TRADE_MEMORY = 500;
/**
 * Issue 20: a lost last diff before the market goes quiet leaves a wrong book that no later `cs`
 * reveals. So a book that has not changed for this long is checked against a fresh snapshot
 * (channel-data-request, §8.4: a WS request, outside the REST budget), and again every period
 * while it stays quiet: a check that backs off would find an update lost after a long quiet
 * stretch only as late as it had backed off (the chaos suite saw 6 s). docs/exchanges.md "Quiet books".
 */
export const QUIET_VERIFY_MS = 2_000;
/** How often quiet books are looked at (one timer per stream, not one per book). */
const QUIET_TICK_MS = 500;
const BOOK_FRAME = /^(orderbook|obd)\|/;
const FRAME_TYPE = /^[a-z][a-z-]*\|/;
/** Pairs whose book channel name is remembered (bookChannel). */
const MAX_REMEMBERED_PAIRS = 256;
const FRAME_PAIR = /"ps"\s*:\s*"([A-Za-z0-9]{2,20})"/;

type Listener<T> = (value: T) => void;
/** A book watcher that reads the snapshot only when it needs it (ExchangeConnector.watchBookChanges). */
type BookChange = (read: () => BookSnapshot, stale: boolean) => void;

interface Sub {
  channel: string;
  kind: 'book' | 'trades' | 'ticker' | 'candles';
  symbol: string;
  listeners: Set<Listener<never>>;
  book?: BookSync;
  /** Book watchers that pull: told of each update, they build the snapshot when they read it. */
  readers?: Set<BookChange>;
  /** The book as of the last update, once someone has read it; `read` answers it. */
  cut?: BookSnapshot;
  /** Stale flag and time of the last update: what the cut, built later, reports. */
  cutStale?: boolean;
  cutTime?: number;
  read?: () => BookSnapshot;
  resync?: { attempts: number; cancel: () => void };
  /** When the book last changed (snapshot or applied diff) or was last checked. */
  changedAt?: number;
  /** A quiet check in flight: the change set and levels it will be compared with. */
  verify?: { cs: number | undefined; levels: string; at: number };
  seenTrades?: Set<string>;
}

export interface MarketStreamsDeps {
  url: string;
  socket: SocketFactory;
  clock: Clock;
  newBook: () => LevelBook;
  /** Terminal symbol to the exchange's spelling (`BTCUSDT` both ways on Icrypex spot). */
  native: (symbol: string) => string;
  onStatus: () => void;
  log?: (line: string) => void;
  /** Quiet-book check period (ms; default QUIET_VERIFY_MS); 0 turns the checks off. */
  quietVerifyMs?: number;
}

/** Public WebSocket streams of one endpoint (§8): subscriptions, book sync, resync, status. */
export class IcrypexStream {
  private socket: StreamSocket | undefined;
  private readonly subs = new Map<string, Sub>();
  private socketSince = 0;
  private stopped = false;
  /** Frames dropped or distrusted; each kind is logged once per stream (issue 12: no log flood). */
  private readonly drops: DropLog;
  private cancelQuietTick: (() => void) | undefined;
  private mismatches = 0;
  private readonly bookChannels = new Map<string, string>();

  constructor(private readonly deps: MarketStreamsDeps) {
    this.drops = new DropLog('icrypex ws', deps.log);
  }

  /** Frames dropped or distrusted so far. */
  get dropped(): number {
    return this.drops.dropped;
  }

  /** Quiet books found different from the exchange's snapshot (and resynchronised) so far. */
  get quietMismatches(): number {
    return this.mismatches;
  }

  watchBook(symbol: string, listener: Listener<BookSnapshot>): Unsubscribe {
    return this.add('book', symbol, channels.book(this.deps.native(symbol)), listener);
  }

  /**
   * Like watchBook, but the 50-level snapshot is built only when `read` is called: a burst of
   * diffs between two hub flushes costs one snapshot, not one per diff (issue 16 point 9).
   */
  watchBookChanges(symbol: string, onChange: BookChange): Unsubscribe {
    return this.add('book', symbol, channels.book(this.deps.native(symbol)), onChange, true);
  }

  watchTrades(symbol: string, listener: Listener<Trade[]>): Unsubscribe {
    return this.add('trades', symbol, channels.trades(this.deps.native(symbol)), listener);
  }

  watchTicker(symbol: string, listener: Listener<Ticker>): Unsubscribe {
    return this.add('ticker', symbol, channels.ticker(this.deps.native(symbol)), listener);
  }

  watchCandles(symbol: string, resolution: Resolution, listener: Listener<Candle>): Unsubscribe {
    const suffix = WS_RESOLUTION[resolution];
    // The hub reports a throw as the subscribe's error; the market service refuses this earlier.
    if (!suffix) throw new Error(`Icrypex has no ${resolution} candles`);
    return this.add('candles', symbol, channels.candles(this.deps.native(symbol), suffix), listener);
  }

  /** The socket's state and one entry per watched book (its own sync state). */
  statuses(): StreamStatus[] {
    if (!this.socket) return [];
    const socketState = this.socket.state;
    const retryAt = socketState === 'reconnecting' ? this.socket.retryAt : undefined;
    const out: StreamStatus[] = [{ key: 'icrypex:public', exchange: 'icrypex', kind: 'public', state: socketState, since: this.socketSince, ...(retryAt !== undefined ? { retryAt } : {}) }];
    for (const sub of this.subs.values()) {
      if (!sub.book) continue;
      out.push({ key: `icrypex:book:${sub.symbol}`, exchange: 'icrypex', kind: 'public', ...this.bookState(sub.book, socketState) });
    }
    return out;
  }

  /** The current book of a watched pair (tests compare it with the exchange's own). */
  book(symbol: string): BookSnapshot | undefined {
    const sub = this.subs.get(channels.book(this.deps.native(symbol)));
    return sub?.book ? this.snapshotOf(sub) : undefined;
  }

  stop(): void {
    this.stopped = true;
    this.cancelQuietTick?.();
    this.cancelQuietTick = undefined;
    for (const sub of this.subs.values()) this.stopResync(sub);
    this.subs.clear();
    this.socket?.close();
    this.socket = undefined;
  }

  private bookState(book: BookSync, socketState: StreamState): { state: StreamState; since: number; detail?: string } {
    const since = book.since;
    if (socketState !== 'connected') return { state: socketState, since: this.socketSince };
    if (book.state === 'live') return { state: 'connected', since };
    if (book.state === 'stale') return { state: 'stale', since, detail: book.reason };
    return { state: 'connecting', since, detail: 'waiting for the snapshot' };
  }

  private add<T>(kind: Sub['kind'], symbol: string, channel: string, listener: Listener<T> | BookChange, pull = false): Unsubscribe {
    if (this.stopped) return () => {};
    let sub = this.subs.get(channel);
    if (!sub) {
      sub = { channel, kind, symbol, listeners: new Set() };
      if (kind === 'book') {
        const owner = sub;
        sub.book = new BookSync(symbol, this.deps.newBook(), () => this.deps.clock.now());
        sub.readers = new Set();
        sub.read = () => (owner.cut ??= this.snapshotOf(owner, owner.cutStale, owner.cutTime));
      }
      if (kind === 'trades') sub.seenTrades = new Set();
      this.subs.set(channel, sub);
      const socket = this.ensureSocket();
      // When not yet open, send() refuses and onOpen sends every subscription.
      if (socket.send(subscribeFrame(channel)) && sub.book) this.resync(sub, false);
      if (sub.book) this.armQuietTick();
      this.deps.onStatus();
    } else if (sub.book && sub.book.state !== 'empty') {
      // A second pane gets the current book at once rather than at the next change.
      const snapshot = this.snapshotOf(sub);
      if (pull) queueMicrotask(() => (listener as BookChange)(() => snapshot, snapshot.stale));
      else queueMicrotask(() => (listener as Listener<T>)(snapshot as T));
    }
    const l = listener as Listener<never>;
    if (pull) sub.readers?.add(listener as BookChange);
    else sub.listeners.add(l);
    const owner = sub;
    return () => {
      if (!(owner.listeners.delete(l) || owner.readers?.delete(listener as BookChange))) return;
      if (owner.listeners.size + (owner.readers?.size ?? 0) > 0) return;
      this.stopResync(owner);
      this.subs.delete(owner.channel);
      this.socket?.send(subscribeFrame(owner.channel, false));
      this.deps.onStatus();
    };
  }

  private ensureSocket(): StreamSocket {
    if (this.socket) return this.socket;
    const socket = this.deps.socket({ url: this.deps.url, name: 'icrypex public' });
    this.socket = socket;
    this.socketSince = this.deps.clock.now();
    socket.onOpen(() => this.resubscribeAll());
    socket.onMessage((data) => this.onMessage(frameText(data)));
    socket.onState((state) => {
      this.socketSince = this.deps.clock.now();
      for (const sub of this.subs.values()) {
        if (!sub.book) continue;
        // Gone: the chain is broken, the book is rebuilt on the next connect. Merely quiet
        // (`stale`): the same connection's cs chain still proves continuity, so only the flag shows.
        if (state === 'reconnecting' || state === 'closed') sub.book.markStale(`socket ${state}`);
        if (sub.book.state !== 'empty') this.emitBook(sub);
      }
      this.deps.onStatus();
    });
    socket.connect();
    return socket;
  }

  /** §8.6 done right: on every (re)connect clear each book (§8.4) and resubscribe everything. */
  private resubscribeAll(): void {
    for (const sub of this.subs.values()) {
      this.stopResync(sub);
      sub.verify = undefined;
      this.socket?.send(subscribeFrame(sub.channel));
      if (sub.book) {
        // A reader may not have read the last update yet: keep what it would have read.
        if (sub.read && sub.cutTime !== undefined) sub.read();
        sub.book.clear('reconnected, waiting for the snapshot');
        this.resync(sub, false);
      }
    }
    this.deps.onStatus();
  }

  private onMessage(text: string): void {
    // §8.1: no error frames exist. A broken frame is counted (logged once per kind, issue 12),
    // and if it may have been a book frame the book it may have belonged to is resynchronised
    // (issue 20: dropping it silently left a book missing that change).
    let frame: Frame;
    try {
      frame = parseFrame(text);
    } catch (e) {
      // Inline rather than drops.attempt: no closure per frame on the hot path (issue 19).
      if (!(e instanceof WireError)) throw e;
      this.drops.note(e, 'distrusted an unreadable frame');
      return this.onUnreadable(text);
    }
    switch (frame.type) {
      case 'orderbook':
        return this.onSnapshot(frame);
      case 'obd':
        return this.onDiff(frame);
      case 'book-suspect':
        return this.onSuspect(frame);
      case 'ticker':
        for (const t of frame.tickers) {
          const sub = this.subs.get(channels.ticker(t.symbol));
          if (sub) this.emit(sub, { ...t, symbol: sub.symbol, time: this.deps.clock.now() } satisfies Ticker);
        }
        return;
      case 'trades':
        return this.onTrades(frame);
      case 'candle': {
        const sub = this.subs.get(channels.candles(frame.symbol, candleSuffix(frame.resolutionMinutes)));
        if (sub) this.emit(sub, frame.candle);
        return;
      }
      default:
        return; // acks, api-auth (public socket never logs in), web-app channels
    }
  }

  private onSnapshot(frame: Extract<Frame, { type: 'orderbook' }>): void {
    const sub = this.subs.get(channels.book(frame.symbol));
    if (!sub?.book) return;
    const wasStale = sub.book.state === 'stale';
    const verify = sub.verify;
    sub.verify = undefined;
    if (verify && sub.book.state === 'live' && sub.book.changeSet === verify.cs) {
      // The answer to a quiet check, with no change in between: it must equal what we hold.
      const theirs = this.deps.newBook(); // the same ordering and spelling as ours
      theirs.reset(frame.bids, frame.asks);
      const same = frame.cs === verify.cs && levelsKey(theirs.top(BOOK_WINDOW)) === verify.levels;
      if (!same) {
        this.mismatches++;
        this.deps.log?.(`icrypex ws: ${sub.symbol} quiet book differed from the exchange's (change set ${String(verify.cs)} vs ${String(frame.cs)}); replaced by its snapshot`);
      }
    }
    sub.changedAt = this.deps.clock.now();
    sub.book.snapshot(frame.cs, frame.bids, frame.asks);
    this.stopResync(sub);
    if (wasStale) this.deps.log?.(`icrypex ws: ${sub.symbol} book resynchronised at change set ${String(frame.cs)}`);
    this.emitBook(sub);
    this.deps.onStatus();
  }

  private onDiff(frame: Extract<Frame, { type: 'obd' }>): void {
    const sub = this.subs.get(this.bookChannel(frame.symbol));
    if (!sub?.book) return;
    const outcome = sub.book.diff(frame.cs, frame.bids, frame.asks);
    if (outcome === 'applied') {
      const now = this.deps.clock.now();
      sub.changedAt = now;
      return this.emitBook(sub, now);
    }
    if (outcome === 'gap' || outcome === 'crossed') {
      this.deps.log?.(`icrypex ws: ${sub.symbol} book out of sync (${sub.book.reason}); asking for a snapshot`);
      this.emitBook(sub);
      this.resync(sub);
      this.deps.onStatus();
    }
  }

  /** A book frame with broken levels (no sides, a number out of range): flag the book stale and ask for a snapshot. */
  private onSuspect(frame: Extract<Frame, { type: 'book-suspect' }>): void {
    this.drops.note(frame.error, `distrusted a book frame of ${frame.symbol}`);
    const sub = this.subs.get(channels.book(frame.symbol));
    if (!sub?.book) return;
    sub.book.markStale(`a broken book frame (${frame.error.message.slice(0, 80)})`);
    if (sub.book.state !== 'empty') this.emitBook(sub);
    this.resync(sub);
    this.deps.onStatus();
  }

  /** An unreadable frame: a book frame (or one whose type cannot be read) makes its book, or every book, suspect. */
  private onUnreadable(text: string): void {
    const typed = FRAME_TYPE.test(text);
    if (typed && !BOOK_FRAME.test(text)) return; // a ticker or trade frame: no book depends on it
    const pair = FRAME_PAIR.exec(text)?.[1];
    const books = [...this.subs.values()].filter((sub) => sub.book && sub.book.state !== 'empty' && (!pair || sub.channel === channels.book(pair)));
    for (const sub of books) {
      sub.book!.markStale('an unreadable frame may have carried a change');
      this.emitBook(sub);
      this.resync(sub);
    }
    if (books.length) this.deps.onStatus();
  }

  /** One timer for the stream: checks quiet books (see QUIET_VERIFY_MS). */
  private armQuietTick(): void {
    const period = this.deps.quietVerifyMs ?? QUIET_VERIFY_MS;
    if (period <= 0 || this.cancelQuietTick || this.stopped) return;
    this.cancelQuietTick = this.deps.clock.setTimer(() => {
      this.cancelQuietTick = undefined;
      const books = [...this.subs.values()].filter((sub) => sub.book);
      if (books.length === 0) return;
      if (this.socket?.state === 'connected') for (const sub of books) this.checkQuiet(sub, period);
      this.armQuietTick();
    }, QUIET_TICK_MS);
  }

  private checkQuiet(sub: Sub, period: number): void {
    const book = sub.book!;
    const now = this.deps.clock.now();
    // A check whose answer has not come within a period is given up and asked again.
    if (book.state !== 'live' || sub.resync || (sub.verify && now - sub.verify.at < period)) return;
    if (now - (sub.changedAt ?? now) < period) return;
    sub.verify = { cs: book.changeSet, levels: levelsKey(book.top(BOOK_WINDOW)), at: now };
    sub.changedAt = now; // the next check counts from this one
    this.socket?.send(channelDataRequestFrame(sub.channel));
  }

  /**
   * §8.4: ask for a fresh snapshot on the live socket; if none comes, resubscribe, waiting
   * longer each time. The book stays flagged stale until a snapshot lands. With `ask` false
   * (just subscribed) it only starts the watch, in case the snapshot never comes.
   */
  private resync(sub: Sub, ask = true): void {
    if (sub.resync) return;
    const attempt = (n: number): void => {
      if (this.subs.get(sub.channel) !== sub) return;
      if (n === 0 && ask) this.socket?.send(channelDataRequestFrame(sub.channel));
      else if (n > 0) {
        // §8.3: a repeated subscribe of a live channel is ignored, so leave it first.
        this.socket?.send(subscribeFrame(sub.channel, false));
        this.socket?.send(subscribeFrame(sub.channel, true));
        this.deps.log?.(`icrypex ws: ${sub.symbol} book: no snapshot yet, resubscribing (attempt ${n})`);
      }
      const wait = Math.min(RESYNC_MAX_WAIT_MS, RESYNC_WAIT_MS * 2 ** n);
      const cancel = this.deps.clock.setTimer(() => {
        const open = this.socket?.state === 'connected' || this.socket?.state === 'stale';
        // Not open: onOpen clears the book and starts over, so this watch can end.
        if (sub.book?.state !== 'live' && open) attempt(n + 1);
        else sub.resync = undefined;
      }, wait);
      sub.resync = { attempts: n, cancel };
    };
    attempt(0);
  }

  private stopResync(sub: Sub): void {
    sub.resync?.cancel();
    sub.resync = undefined;
  }

  private onTrades(frame: Extract<Frame, { type: 'trades' }>): void {
    const sub = this.subs.get(channels.trades(frame.symbol));
    if (!sub?.seenTrades) return;
    const seen = sub.seenTrades;
    // The snapshot after a (re)subscribe repeats trades already shown; live trades always pass,
    // numbered past identical earlier ones (same second, price, size, side) as the snapshot numbers them.
    const fresh = frame.snapshot ? frame.trades.filter((t) => !seen.has(t.id)) : frame.trades.map((t) => withFreshId(t, seen));
    for (const t of fresh) seen.add(t.id);
    if (seen.size > TRADE_MEMORY) {
      const drop = seen.size - TRADE_MEMORY;
      let i = 0;
      for (const id of seen) {
        if (i++ >= drop) break;
        seen.delete(id);
      }
    }
    if (fresh.length) this.emit(sub, fresh.map((t) => ({ ...t, symbol: sub.symbol })));
  }

  /**
   * `orderbook@<pair>` for a frame's pair, remembered: one string and one lower-casing per diff
   * showed in the profile (issue 19). Bounded, as the pairs come from the wire.
   */
  private bookChannel(pair: string): string {
    let channel = this.bookChannels.get(pair);
    if (channel === undefined) {
      channel = channels.book(pair);
      if (this.bookChannels.size < MAX_REMEMBERED_PAIRS) this.bookChannels.set(pair, channel);
    }
    return channel;
  }

  /** Tells the book's watchers of an update; the snapshot is built only if one of them reads it. */
  private emitBook(sub: Sub, now = this.deps.clock.now()): void {
    sub.cut = undefined;
    sub.cutStale = this.isStale(sub.book!);
    sub.cutTime = now;
    if (sub.listeners.size > 0) this.emit(sub, sub.read!());
    for (const onChange of sub.readers!) {
      try {
        onChange(sub.read!, sub.cutStale);
      } catch (e) {
        this.deps.log?.(`icrypex ws: a book listener threw: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  private isStale(book: BookSync): boolean {
    return book.state !== 'live' || this.socket?.state !== 'connected';
  }

  private snapshotOf(sub: Sub, stale = this.isStale(sub.book!), time = this.deps.clock.now()): BookSnapshot {
    const { bids, asks } = sub.book!.top(BOOK_WINDOW);
    return { exchange: 'icrypex', symbol: sub.symbol, bids, asks, stale, time };
  }

  private emit<T>(sub: Sub, value: T): void {
    for (const l of [...sub.listeners]) {
      try {
        (l as Listener<T>)(value);
      } catch (e) {
        this.deps.log?.(`icrypex ws: a ${sub.kind} listener threw: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}

/** `r` of a candle frame (minutes; §8.4) to the channel suffix. */
function candleSuffix(minutes: number): string {
  if (minutes === 1440) return '1d';
  if (minutes === 10080) return '1w';
  return String(minutes);
}

function levelsKey(levels: { bids: readonly (readonly [string, string])[]; asks: readonly (readonly [string, string])[] }): string {
  return JSON.stringify([levels.bids, levels.asks]);
}

function withFreshId(trade: Trade, seen: ReadonlySet<string>): Trade {
  if (!seen.has(trade.id)) return trade;
  let n = 1;
  while (seen.has(`${trade.id}#${n}`)) n++;
  return { ...trade, id: `${trade.id}#${n}` };
}
