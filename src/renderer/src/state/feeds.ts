import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react';
import type { AppError, BookSnapshot, Candle, RequestOf, Ticker, Trade } from '../../../shared';
import { mergeTape } from '../lib/tape';
import { cancelFrame, onNextFrame } from './frame';

/**
 * Market streams shared across panes: the book pane, the ticket (mid for the price band) and
 * the chart's last price all read one feed per (account, stream, symbol). The engine's hub
 * ref-counts too; sharing here keeps one push per frame crossing the bridge, not one per pane.
 */

/** `tickers`: every market's latest ticker by symbol (the watchlist), merged from the pushes of what changed. */
type FeedValue = { book: BookSnapshot; trades: Trade[]; ticker: Ticker; candles: Candle; tickers: ReadonlyMap<string, Ticker> };
export type StreamKind = keyof FeedValue;
export type StreamRequest = RequestOf<'market:subscribe'>;
export type StreamRequestOf<K extends StreamKind> = Extract<StreamRequest, { stream: K }>;

export interface FeedSnapshot<K extends StreamKind> {
  value?: FeedValue[K];
  error?: AppError;
  /** performance.now() of the last push, to spot a silent stream. */
  lastPushAt?: number;
  /** Increments on every push (the tape and chart use it to see new data). */
  seq: number;
  /** performance.now() of the last push that said the book was out of sync (kept across pushes). */
  staleAt?: number;
  /** The engine accepted the subscription (a quiet tape or chart is still live). */
  subscribed?: boolean;
}

/** How many trades the tape keeps. */
export const TAPE_LENGTH = 100;
const RETRY_MS = [1000, 2000, 5000, 10000];

export class Feed<K extends StreamKind> {
  snapshot: FeedSnapshot<K> = { seq: 0 };
  private refs = 0;
  private subscriptionId: string | undefined;
  private readonly listeners = new Set<(snapshot: FeedSnapshot<K>) => void>();
  private retry: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private generation = 0;

  constructor(
    readonly key: string,
    readonly request: StreamRequestOf<K>,
  ) {}

  listen(listener: (snapshot: FeedSnapshot<K>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies one push from main. */
  push(payload: FeedValue[K] | Trade[] | Ticker[]): void {
    let value: FeedValue[K];
    const request = this.request as StreamRequest;
    if (request.stream === 'tickers') {
      const board = new Map((this.snapshot.value as ReadonlyMap<string, Ticker> | undefined) ?? []);
      for (const ticker of payload as Ticker[]) board.set(ticker.symbol, ticker);
      value = board as unknown as FeedValue[K];
    } else if (request.stream === 'trades') {
      // Trades arrive oldest first, as the batch since the last push; the tape shows newest first.
      value = mergeTape((this.snapshot.value as Trade[] | undefined) ?? [], payload as Trade[], TAPE_LENGTH) as FeedValue[K];
    } else {
      value = payload as FeedValue[K];
    }
    const now = performance.now();
    const staleAt = request.stream === 'book' && (payload as BookSnapshot).stale ? now : this.snapshot.staleAt;
    this.snapshot = { value, lastPushAt: now, seq: this.snapshot.seq + 1, staleAt, subscribed: true };
    this.emit();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener(this.snapshot);
  }

  acquire(): void {
    // A feed released and picked up again (same component, new effect) registers again.
    if (!feeds.has(this.key)) feeds.set(this.key, this as unknown as Feed<StreamKind>);
    if (this.refs++ === 0) this.open();
  }

  release(): void {
    if (--this.refs > 0) return;
    this.generation++;
    clearTimeout(this.retry);
    const id = this.subscriptionId;
    this.subscriptionId = undefined;
    if (id) {
      bySubscription.delete(id);
      void window.terminal.market.unsubscribe({ subscriptionId: id });
    }
    if (feeds.get(this.key) === (this as unknown as Feed<StreamKind>)) feeds.delete(this.key);
  }

  private open(): void {
    const generation = ++this.generation;
    ensureRouting();
    void window.terminal.market.subscribe(this.request).then((result) => {
      if (generation !== this.generation) {
        // Released (or reopened) while the subscribe was in flight: drop this one.
        if (result.ok) void window.terminal.market.unsubscribe({ subscriptionId: result.value.subscriptionId });
        return;
      }
      if (result.ok) {
        this.attempt = 0;
        this.subscriptionId = result.value.subscriptionId;
        bySubscription.set(result.value.subscriptionId, this as unknown as Feed<StreamKind>);
        if (this.snapshot.error || !this.snapshot.subscribed) {
          this.snapshot = { ...this.snapshot, error: undefined, subscribed: true };
          this.emit();
        }
        return;
      }
      this.snapshot = { ...this.snapshot, error: result.error, subscribed: false };
      this.emit();
      const wait = RETRY_MS[Math.min(this.attempt++, RETRY_MS.length - 1)]!;
      this.retry = setTimeout(() => {
        if (generation === this.generation && this.refs > 0) this.open();
      }, wait);
    });
  }
}

const feeds = new Map<string, Feed<StreamKind>>();
const bySubscription = new Map<string, Feed<StreamKind>>();
let routed = false;

function ensureRouting(): void {
  if (routed) return;
  routed = true;
  const market = window.terminal.market;
  market.onBook((e) => bySubscription.get(e.subscriptionId)?.push(e.book));
  market.onTrades((e) => bySubscription.get(e.subscriptionId)?.push(e.trades));
  market.onTicker((e) => bySubscription.get(e.subscriptionId)?.push(e.ticker));
  market.onCandle((e) => bySubscription.get(e.subscriptionId)?.push(e.candle));
  market.onTickerBoard((e) => bySubscription.get(e.subscriptionId)?.push(e.tickers));
}

export function feedKey(request: StreamRequest): string {
  const extra = request.stream === 'candles' ? request.resolution : request.stream === 'book' ? String(request.depth ?? 50) : '';
  return `${request.stream}|${request.accountId ?? `exchange:${request.exchange ?? ''}`}|${request.stream === 'tickers' ? '*' : request.symbol}|${extra}`;
}

/** The shared feed for a request (created on first use; subscribe with `acquire`). */
export function feedFor<K extends StreamKind>(request: StreamRequestOf<K>): Feed<K> {
  const key = feedKey(request);
  const existing = feeds.get(key) as Feed<K> | undefined;
  if (existing) return existing;
  const feed = new Feed<K>(key, request);
  feeds.set(key, feed as unknown as Feed<StreamKind>);
  return feed;
}

/** The latest book of an account's symbol if some pane is watching it (for the mid). */
export function latestBook(accountId: string, symbol: string): BookSnapshot | undefined {
  let latest: FeedSnapshot<'book'> | undefined;
  for (const feed of feeds.values()) {
    const request = feed.request as StreamRequest;
    if (request.stream !== 'book' || request.accountId !== accountId || request.symbol !== symbol) continue;
    const snapshot = feed.snapshot as FeedSnapshot<'book'>;
    if (snapshot.value && (latest?.lastPushAt ?? -1) < (snapshot.lastPushAt ?? 0)) latest = snapshot;
  }
  return latest?.value;
}

const EMPTY: FeedSnapshot<never> = { seq: 0 };

/**
 * Watches a stream while the component is mounted and returns its latest snapshot; the
 * component re-renders at most once per animation frame however fast pushes come.
 */
export function useFeed<K extends StreamKind>(request: StreamRequestOf<K> | undefined): FeedSnapshot<K> {
  return useFeeds([request])[0]!;
}

/**
 * `useFeed` for a list of streams whose length may vary (the watchlist: one tickers stream per
 * exchange in use): one snapshot per request, in order, a new array only when one of them changed.
 */
export function useFeeds<K extends StreamKind>(requests: ReadonlyArray<StreamRequestOf<K> | undefined>): ReadonlyArray<FeedSnapshot<K>> {
  const key = requests.map((request) => (request ? feedKey(request) : '')).join('\n');
  // The requests are identified by their keys: new objects with the same keys are the same streams.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const list = useMemo(() => requests.map((request) => (request ? feedFor(request) : undefined)), [key]);
  const subscribe = useCallback(
    (notify: () => void) => {
      const frameKey = {};
      const stops = list.map((feed) => {
        if (!feed) return () => {};
        feed.acquire();
        const stop = feed.listen(() => onNextFrame(frameKey, notify));
        return () => {
          stop();
          feed.release();
        };
      });
      return () => {
        cancelFrame(frameKey);
        for (const stop of stops) stop();
      };
    },
    [list],
  );
  const last = useRef<ReadonlyArray<FeedSnapshot<K>>>([]);
  const getSnapshot = useCallback(() => {
    const now = list.map((feed) => (feed ? feed.snapshot : (EMPTY as FeedSnapshot<K>)));
    if (now.length !== last.current.length || now.some((snapshot, i) => snapshot !== last.current[i])) last.current = now;
    return last.current;
  }, [list]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
