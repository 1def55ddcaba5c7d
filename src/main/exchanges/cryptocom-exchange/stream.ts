import type { BookSnapshot, Candle, StreamState, Ticker, Trade } from '../../../shared';
import type { Clock } from '../../net/clock';
import type { Unsubscribe } from '../connector';
import type { SocketFactory, StreamSocket } from '../kit/socket';
import { obj } from '../kit/wire';
import { BookSync } from './book-sync';
import { MAX_CHANNELS_PER_SOCKET } from './limits';
import { parseCandle, parseTicker, parseTrades, type Timeframe } from './map-market';
import { CdxSession } from './session';
import { bookChannel, candleChannel, CHANNELS_PER_FRAME, parseMarketFrame, subscribeFrame, tickerChannel, tradeChannel, unsubscribeFrame, type Frame } from './stream-protocol';

type Push = Extract<Frame, { kind: 'push' }>;

interface Listener {
  push: (push: Push) => void;
  /** The socket dropped: books say they are stale. */
  stale?: () => void;
}

interface Sub {
  channel: string;
  book?: BookSync;
  /** Replaced, never changed, on a watch or unwatch: a push walks the array it started with. */
  listeners: readonly Listener[];
}

export interface MarketStreamOptions {
  url: string;
  sockets: SocketFactory;
  clock: Clock;
  onState?: () => void;
  log?: (line: string) => void;
}

/**
 * The market socket (specs/cryptocom-exchange.md §7.3, §7.5): books with SNAPSHOT_AND_UPDATE kept
 * in sync by the `pu` rule (book-sync.ts; a gap unsubscribes and subscribes again for a fresh
 * snapshot), tickers, trades and candles. One subscription per channel however many listeners;
 * everything wanted is subscribed again after each reconnect (1 s after open, session.ts). At
 * most 400 channels (§3): a watch past that is refused with a log line and a status detail.
 */
export class CdxMarketStream {
  private readonly socket: StreamSocket;
  private readonly session: CdxSession;
  private readonly subs = new Map<string, Sub>();
  private connected = false;
  private capNote: string | undefined;

  constructor(private readonly o: MarketStreamOptions) {
    this.socket = o.sockets({ url: o.url, name: 'cryptocom-exchange market' });
    this.session = new CdxSession({ socket: this.socket, clock: o.clock, name: 'cryptocom-exchange market', ...(o.log ? { log: o.log } : {}), onReady: () => this.subscribeAll(), onFrame: (f) => this.onFrame(f), parse: parseMarketFrame });
    this.socket.onState((state) => {
      if (state !== 'connected' && state !== 'stale') this.staleBooks();
      o.onState?.();
    });
  }

  get state(): StreamState {
    return this.socket.state;
  }
  get since(): number | undefined {
    return this.socket.since;
  }
  get detail(): string | undefined {
    return this.capNote ?? this.socket.detail;
  }
  get retryAt(): number | undefined {
    return this.socket.retryAt;
  }
  /** Channels subscribed or wanted (tests, status). */
  get channels(): number {
    return this.subs.size;
  }

  watchBook(native: string, symbol: string, listener: (book: BookSnapshot) => void): Unsubscribe {
    const channel = bookChannel(native);
    return this.watch(
      channel,
      () => new BookSync(symbol),
      (push, sub) => {
        const step = this.readBook(sub, push);
        if (step === 'gap') this.resubscribe(channel);
        listener(sub.book!.snapshot(step === 'gap'));
      },
      (sub) => listener(sub.book!.snapshot(true)),
    );
  }

  watchTicker(native: string, symbol: string, listener: (ticker: Ticker) => void): Unsubscribe {
    return this.watch(tickerChannel(native), undefined, (push) => {
      const t = this.session.drops.attempt(() => parseTicker(obj(push.data[0], 'data[0]'), symbol, 'data[0]', this.o.clock.now()));
      if (t) listener(t);
    });
  }

  watchTrades(native: string, symbol: string, listener: (trades: Trade[]) => void): Unsubscribe {
    return this.watch(tradeChannel(native), undefined, (push) => {
      const trades = this.session.drops.attempt(() => parseTrades(push.data, symbol, 'data'));
      if (trades && trades.length > 0) listener(trades);
    });
  }

  watchCandles(native: string, timeframe: Timeframe, listener: (candle: Candle) => void): Unsubscribe {
    return this.watch(candleChannel(timeframe, native), undefined, (push) => {
      const candles = this.session.drops.attempt(() => push.data.map((row, i) => parseCandle(row, `data[${i}]`)).sort((a, b) => a.time - b.time));
      for (const c of candles ?? []) listener(c);
    });
  }

  async close(): Promise<void> {
    this.session.close();
    this.subs.clear();
    await this.socket.close();
  }

  private watch(channel: string, makeBook: (() => BookSync) | undefined, onPush: (push: Push, sub: Sub) => void, onStale?: (sub: Sub) => void): Unsubscribe {
    let sub = this.subs.get(channel);
    if (!sub) {
      if (this.subs.size >= MAX_CHANNELS_PER_SOCKET) {
        this.capNote = `${MAX_CHANNELS_PER_SOCKET}-channel cap of the market socket reached: ${channel} not subscribed`;
        this.o.log?.(`cryptocom-exchange: ${this.capNote}`);
        this.o.onState?.();
        return () => undefined;
      }
      sub = { channel, listeners: [], ...(makeBook ? { book: makeBook() } : {}) };
      this.subs.set(channel, sub);
      this.ensureConnected();
      if (this.session.ready) this.session.send(subscribeFrame(this.session.nextId(), [channel], sub.book !== undefined));
    }
    const own = sub;
    const fn: Listener = { push: (push) => onPush(push, own), ...(onStale ? { stale: () => onStale(own) } : {}) };
    own.listeners = [...own.listeners, fn];
    let done = false;
    return () => {
      if (done) return;
      done = true;
      own.listeners = own.listeners.filter((l) => l !== fn);
      if (own.listeners.length > 0 || this.subs.get(channel) !== own) return;
      this.subs.delete(channel);
      this.capNote = undefined;
      this.session.send(unsubscribeFrame(this.session.nextId(), [channel]));
    };
  }

  private ensureConnected(): void {
    if (this.connected) return;
    this.connected = true;
    this.socket.connect();
  }

  /** Every wanted channel, books in frames of their own (their params apply to the whole frame), ≤100 per frame. */
  private subscribeAll(): void {
    const all = [...this.subs.values()];
    for (const book of [true, false]) {
      const channels = all.filter((s) => (s.book !== undefined) === book).map((s) => s.channel);
      for (let i = 0; i < channels.length; i += CHANNELS_PER_FRAME) this.session.send(subscribeFrame(this.session.nextId(), channels.slice(i, i + CHANNELS_PER_FRAME), book));
    }
  }

  /** §7.5 rule 3: drop the book and subscribe again for a fresh snapshot. */
  private resubscribe(channel: string): void {
    this.o.log?.(`cryptocom-exchange: ${channel} sequence gap (pu ≠ previous u): subscribing again for a fresh snapshot`);
    this.session.send(unsubscribeFrame(this.session.nextId(), [channel]));
    this.session.send(subscribeFrame(this.session.nextId(), [channel], true));
  }

  private readBook(sub: Sub, push: Push) {
    const book = sub.book!;
    const step = this.session.drops.attempt(() => (push.book ? book.applyRead(push.channel, push.book) : book.apply(push.channel, push.data)), 'resynced a book after an unreadable frame');
    if (step === undefined) {
      sub.book!.unsync();
      return 'gap' as const;
    }
    return step;
  }

  private onFrame(frame: Frame): void {
    if (frame.kind === 'push') {
      const sub = this.subs.get(frame.subscription);
      if (!sub) return;
      const listeners = sub.listeners;
      for (let i = 0; i < listeners.length; i++) listeners[i]!.push(frame);
      return;
    }
    if (frame.kind === 'reply' && frame.code !== 0) {
      // §7.3 errors: 40003 (unknown symbol, bad depth…) or 40107 past the channel cap.
      this.o.log?.(`cryptocom-exchange: ${frame.method} ${frame.channel ?? ''} refused: ${frame.message ?? ''} (code ${frame.code})`);
    }
  }

  private staleBooks(): void {
    for (const sub of this.subs.values()) {
      if (!sub.book || !sub.book.synced) continue;
      sub.book.unsync();
      for (const l of sub.listeners) l.stale?.();
    }
  }
}
