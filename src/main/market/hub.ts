import type { BookSnapshot, Candle, EventSink, MarketStreamRequest, Resolution, Ticker, Trade } from '../../shared';
import type { ExchangeConnector, Unsubscribe } from '../exchanges/connector';
import { systemClock, type Clock } from '../net/clock';
import { watchTickerBoard } from './ticker-board';

/**
 * StreamHub: the one place market streams fan out to panes.
 *
 * Ref-counting: identical requests (same connector, stream, symbol and resolution) share one
 * exchange stream however many panes watch it; the stream stops when the last one leaves.
 * Book subscriptions of different depths share the stream too and each get their own cut.
 *
 * Coalescing (architecture.md "at most once per animation frame"): exchange updates are
 * collected per stream and pushed at most once per `intervalMs` (16 ms) per subscription:
 * book and ticker as the latest state, trades as every trade since the last push (oldest
 * first), candles as the latest state of each candle that changed (so when a bucket rolls over
 * inside one interval the closed candle's final state is pushed too: then two pushes).
 * A new subscriber to a running stream gets its current state (the book, ticker, candle, or
 * the recent trades) in the stream's next push; pushes run on a timer, so never before the
 * reply that tells the renderer its subscription id.
 * Each stream has its own timer, so a slow or stale stream affects only its subscribers.
 */

export interface StreamHubOptions {
  emit: EventSink;
  clock?: Clock;
  /** Smallest gap between two pushes of one stream. Default 16 ms. */
  intervalMs?: number;
  /** Trades kept per trades stream for late subscribers. Default 100. */
  recentTrades?: number;
  log?: (line: string) => void;
}

interface Subscription {
  readonly id: string;
  readonly entry: Entry;
  /** Book depth this subscriber asked for. */
  readonly depth: number;
  /** Not yet sent anything: gets the current state at the next flush. */
  fresh: boolean;
}

interface Entry {
  readonly key: string;
  readonly connector: ExchangeConnector;
  readonly stream: MarketStreamRequest['stream'];
  readonly subs: Set<Subscription>;
  stop: Unsubscribe;
  closed: boolean;
  book?: BookSnapshot;
  /**
   * A connector with watchBookChanges: how to read the book as of its last update, kept
   * instead of `book` until someone needs the snapshot, so it is built at the flush rather
   * than per exchange update (issue 16 point 9).
   */
  readBook?: () => BookSnapshot;
  /**
   * The last stale book since the last push, kept while the stream has since come back in
   * sync: a gap and its resync can land inside one interval, and coalescing them to the
   * latest state would hide the resync from the trader (ui.md: a resync shows STALE).
   */
  missedStale?: BookSnapshot;
  ticker?: Ticker;
  /** A `tickers` stream: every market's latest ticker, and the symbols changed since the last push. */
  board?: Map<string, Ticker>;
  boardChanged?: Set<string>;
  /** Candles changed since the last push, by bucket time. */
  candles: Map<number, Candle>;
  lastCandle?: Candle;
  trades: Trade[];
  recent: Trade[];
  dirty: boolean;
  lastPushAt: number;
  cancelTimer?: () => void;
}

let idCounter = 0;
const nextId = (): string => `sub-${(++idCounter).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

const MAX_PENDING_TRADES = 2_000;

/** Shares exchange streams between panes and coalesces what they push; see the file comment. */
export class StreamHub {
  private readonly emit: EventSink;
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly recentLimit: number;
  private readonly log: (line: string) => void;
  private readonly entries = new Map<ExchangeConnector, Map<string, Entry>>();
  private readonly subs = new Map<string, Subscription>();

  constructor(options: StreamHubOptions) {
    this.emit = options.emit;
    this.clock = options.clock ?? systemClock;
    this.intervalMs = options.intervalMs ?? 16;
    this.recentLimit = options.recentTrades ?? 100;
    this.log = options.log ?? (() => {});
  }

  /**
   * Adds a subscription (starting the exchange stream if it is the first) and answers its id.
   * `request.symbol` must already be the connector's symbol. Throws what the connector throws.
   */
  subscribe(connector: ExchangeConnector, request: MarketStreamRequest): string {
    const resolution: Resolution | undefined = request.stream === 'candles' ? request.resolution : undefined;
    const key = `${request.stream}|${request.stream === 'tickers' ? '*' : request.symbol}|${resolution ?? ''}`;
    let entry = this.entries.get(connector)?.get(key);
    if (!entry) {
      entry = this.open(connector, request, key);
      let byKey = this.entries.get(connector);
      if (!byKey) this.entries.set(connector, (byKey = new Map()));
      byKey.set(key, entry);
    }
    const sub: Subscription = { id: nextId(), entry, depth: request.stream === 'book' ? request.depth : 0, fresh: true };
    entry.subs.add(sub);
    this.subs.set(sub.id, sub);
    if (this.hasState(entry)) this.schedule(entry, this.intervalMs);
    return sub.id;
  }

  /** Removes a subscription; stops the exchange stream when it was the last. Answers whether it existed. */
  unsubscribe(id: string): boolean {
    const sub = this.subs.get(id);
    if (!sub) return false;
    this.subs.delete(id);
    const entry = sub.entry;
    entry.subs.delete(sub);
    if (entry.subs.size === 0) this.close(entry);
    return true;
  }

  /** Ends every subscription on `connector` (its account was removed), or all of them. */
  unsubscribeAll(connector?: ExchangeConnector): void {
    for (const sub of [...this.subs.values()]) if (!connector || sub.entry.connector === connector) this.unsubscribe(sub.id);
  }

  /**
   * The latest whole book of an open, in-sync book stream for `symbol` on `connector`, so the
   * trading service can read the mid without a REST call (and without spending rate budget).
   */
  liveBook(connector: ExchangeConnector, symbol: string): BookSnapshot | undefined {
    const entry = this.entries.get(connector)?.get(`book|${symbol}|`);
    const book = entry && this.bookOf(entry);
    return book && !book.stale ? book : undefined;
  }

  /** How many exchange streams are open and how many subscriptions share them. */
  counts(): { streams: number; subscriptions: number } {
    let streams = 0;
    for (const byKey of this.entries.values()) streams += byKey.size;
    return { streams, subscriptions: this.subs.size };
  }

  private open(connector: ExchangeConnector, request: MarketStreamRequest, key: string): Entry {
    const entry: Entry = {
      key,
      connector,
      stream: request.stream,
      subs: new Set(),
      stop: () => {},
      closed: false,
      candles: new Map(),
      trades: [],
      recent: [],
      dirty: false,
      lastPushAt: -Infinity,
    };
    const touch = (): void => {
      entry.dirty = true;
      this.schedule(entry, Math.max(0, entry.lastPushAt + this.intervalMs - this.clock.now()));
    };
    if (request.stream === 'tickers') {
      const board = (entry.board = new Map());
      const changed = (entry.boardChanged = new Set());
      entry.stop = watchTickerBoard(
        connector,
        (tickers) => {
          if (entry.closed) return;
          for (const ticker of tickers) {
            board.set(ticker.symbol, ticker);
            changed.add(ticker.symbol);
          }
          touch();
        },
        this.log,
      );
      return entry;
    }
    const { symbol } = request;
    switch (request.stream) {
      case 'book': {
        const onBook = (book: BookSnapshot): void => {
          if (book.stale) entry.missedStale = book;
          entry.book = book;
          entry.readBook = undefined;
        };
        entry.stop = connector.watchBookChanges
          ? connector.watchBookChanges(symbol, (read, stale) => {
              if (entry.closed) return;
              // A stale state is read at once: it may have to be pushed on its own (missedStale).
              if (stale) onBook(read());
              else entry.readBook = read;
              touch();
            })
          : connector.watchBook(symbol, (book) => {
              if (entry.closed) return;
              onBook(book);
              touch();
            });
        break;
      }
      case 'ticker':
        entry.stop = connector.watchTicker(symbol, (ticker) => {
          if (entry.closed) return;
          entry.ticker = ticker;
          touch();
        });
        break;
      case 'trades':
        entry.stop = connector.watchTrades(symbol, (trades) => {
          if (entry.closed || trades.length === 0) return;
          entry.trades.push(...trades);
          if (entry.trades.length > MAX_PENDING_TRADES) entry.trades.splice(0, entry.trades.length - MAX_PENDING_TRADES);
          entry.recent.push(...trades);
          if (entry.recent.length > this.recentLimit) entry.recent.splice(0, entry.recent.length - this.recentLimit);
          touch();
        });
        break;
      case 'candles':
        entry.stop = connector.watchCandles(symbol, request.resolution, (candle) => {
          if (entry.closed) return;
          entry.candles.set(candle.time, candle);
          entry.lastCandle = candle;
          touch();
        });
        break;
    }
    return entry;
  }

  private close(entry: Entry): void {
    entry.closed = true;
    entry.cancelTimer?.();
    entry.cancelTimer = undefined;
    const byKey = this.entries.get(entry.connector);
    byKey?.delete(entry.key);
    if (byKey?.size === 0) this.entries.delete(entry.connector);
    try {
      entry.stop();
    } catch (error) {
      this.log(`hub: stopping ${entry.key} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The entry's latest book, building the snapshot if the connector left it to be read. */
  private bookOf(entry: Entry): BookSnapshot | undefined {
    if (entry.readBook) {
      entry.book = entry.readBook();
      entry.readBook = undefined;
    }
    return entry.book;
  }

  private hasState(entry: Entry): boolean {
    return entry.book !== undefined || entry.readBook !== undefined || entry.ticker !== undefined || entry.lastCandle !== undefined || entry.recent.length > 0 || (entry.board?.size ?? 0) > 0;
  }

  private schedule(entry: Entry, delay: number): void {
    if (entry.cancelTimer || entry.closed) return;
    entry.cancelTimer = this.clock.setTimer(() => {
      entry.cancelTimer = undefined;
      this.flush(entry);
    }, delay);
  }

  private flush(entry: Entry): void {
    if (entry.closed) return;
    entry.lastPushAt = this.clock.now();
    const dirty = entry.dirty;
    entry.dirty = false;
    const changedCandles = [...entry.candles.values()].sort((a, b) => a.time - b.time);
    entry.candles.clear();
    const trades = entry.trades;
    entry.trades = [];
    const boardChanged = entry.boardChanged ? [...entry.boardChanged].map((symbol) => entry.board!.get(symbol)!) : [];
    entry.boardChanged?.clear();
    const cuts = new Map<number, BookSnapshot>();
    const book = this.bookOf(entry);
    // Only a stale state the subscribers have not seen is worth a push of its own.
    const missedStale = book && !book.stale ? entry.missedStale : undefined;
    entry.missedStale = undefined;
    const staleCuts = new Map<number, BookSnapshot>();
    for (const sub of entry.subs) {
      if (!dirty && !sub.fresh) continue;
      const fresh = sub.fresh;
      sub.fresh = false;
      try {
        if (missedStale && dirty && !fresh) this.pushBook(sub, missedStale, staleCuts);
        this.push(entry, sub, fresh, { changedCandles, trades, cuts, boardChanged });
      } catch (error) {
        this.log(`hub: push to ${sub.id} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Pushes a book cut to the subscriber's depth (cuts are shared between equal depths). */
  private pushBook(sub: Subscription, book: BookSnapshot, cuts: Map<number, BookSnapshot>): void {
    let cut = cuts.get(sub.depth);
    if (!cut) {
      cut =
        book.bids.length > sub.depth || book.asks.length > sub.depth
          ? { ...book, bids: book.bids.slice(0, sub.depth), asks: book.asks.slice(0, sub.depth) }
          : book;
      cuts.set(sub.depth, cut);
    }
    this.emit('market:book', { subscriptionId: sub.id, book: cut });
  }

  private push(
    entry: Entry,
    sub: Subscription,
    fresh: boolean,
    batch: { changedCandles: Candle[]; trades: Trade[]; cuts: Map<number, BookSnapshot>; boardChanged: Ticker[] },
  ): void {
    const subscriptionId = sub.id;
    switch (entry.stream) {
      case 'book':
        if (entry.book) this.pushBook(sub, entry.book, batch.cuts); // read by flush()
        return;
      case 'ticker':
        if (entry.ticker) this.emit('market:ticker', { subscriptionId, ticker: entry.ticker });
        return;
      case 'trades': {
        // A new subscriber gets the recent history (which already holds this batch).
        const trades = fresh ? [...entry.recent] : batch.trades;
        if (trades.length) this.emit('market:trades', { subscriptionId, trades });
        return;
      }
      case 'tickers': {
        // A new subscriber gets the whole board; the others what changed.
        const tickers = fresh ? [...(entry.board?.values() ?? [])] : batch.boardChanged;
        if (tickers.length) this.emit('market:ticker-board', { subscriptionId, tickers });
        return;
      }
      case 'candles': {
        const candles = fresh ? (entry.lastCandle ? [entry.lastCandle] : []) : batch.changedCandles;
        for (const candle of candles) this.emit('market:candle', { subscriptionId, candle });
        return;
      }
    }
  }
}
