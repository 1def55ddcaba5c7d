import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BookSnapshot, Trade } from '../../../shared';
import { TAPE_LENGTH, feedFor, latestBook } from './feeds';

type Listener = (event: { subscriptionId: string } & Record<string, unknown>) => void;

/** A stand-in for window.terminal's market namespace: subscribe answers when told to. */
function fakeMarket() {
  const listeners: Record<string, Listener[]> = { book: [], trades: [], ticker: [], candle: [], tickerBoard: [] };
  const pending: Array<(result: unknown) => void> = [];
  let next = 0;
  const market = {
    subscribed: [] as unknown[],
    unsubscribed: [] as string[],
    subscribe: vi.fn((request: unknown) => {
      market.subscribed.push(request);
      return new Promise((resolve) => pending.push(resolve));
    }),
    unsubscribe: vi.fn(async ({ subscriptionId }: { subscriptionId: string }) => {
      market.unsubscribed.push(subscriptionId);
      return { ok: true, value: { removed: true } };
    }),
    onBook: (fn: Listener) => listeners.book!.push(fn),
    onTrades: (fn: Listener) => listeners.trades!.push(fn),
    onTicker: (fn: Listener) => listeners.ticker!.push(fn),
    onCandle: (fn: Listener) => listeners.candle!.push(fn),
    onTickerBoard: (fn: Listener) => listeners.tickerBoard!.push(fn),
    /** Answers the oldest pending subscribe. */
    answer(fail?: { code: string; message: string }) {
      const resolve = pending.shift()!;
      if (fail) resolve({ ok: false, error: { ...fail, retryable: true } });
      else resolve({ ok: true, value: { subscriptionId: `s${++next}` } });
      return `s${next}`;
    },
    emit(kind: string, event: { subscriptionId: string } & Record<string, unknown>) {
      for (const fn of listeners[kind]!) fn(event);
    },
  };
  return market;
}

const book = (bid: string, ask: string, stale = false): BookSnapshot => ({ exchange: 'icrypex', symbol: 'BTCUSDT', bids: [[bid, '1']], asks: [[ask, '1']], stale, time: 1 });
const trade = (id: string): Trade => ({ exchange: 'icrypex', symbol: 'BTCUSDT', id, price: '1', quantity: '1', side: 'buy', time: 1 });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

// The module hooks the event channels once, so every test shares one fake (and its own subscriptions).
const market = fakeMarket();

beforeEach(() => {
  (globalThis as unknown as { window: unknown }).window = { terminal: { market } };
});

afterEach(() => {
  vi.useRealTimers();
});

describe('market feeds', () => {
  it('shares one subscription between panes and routes pushes by subscription id', async () => {
    const feed = feedFor({ stream: 'book', accountId: 'a', symbol: 'BTCUSDT', depth: 50 });
    const same = feedFor({ stream: 'book', accountId: 'a', symbol: 'BTCUSDT', depth: 50 });
    expect(same).toBe(feed);
    const before = market.subscribed.length;
    feed.acquire();
    same.acquire();
    expect(market.subscribed.length - before).toBe(1);
    const id = market.answer();
    await flush();
    market.emit('book', { subscriptionId: id, book: book('100', '101') });
    market.emit('book', { subscriptionId: 'someone-else', book: book('1', '2') });
    expect(feed.snapshot.value?.bids[0]?.[0]).toBe('100');
    expect(latestBook('a', 'BTCUSDT')?.asks[0]?.[0]).toBe('101');

    feed.release();
    expect(market.unsubscribed).not.toContain(id);
    same.release();
    expect(market.unsubscribed).toContain(id);
    expect(latestBook('a', 'BTCUSDT')).toBeUndefined();
  });

  it('drops a subscription that answers after the last pane let go', async () => {
    const feed = feedFor({ stream: 'ticker', accountId: 'a', symbol: 'ETHUSDT' });
    feed.acquire();
    feed.release();
    const id = market.answer();
    await flush();
    expect(market.unsubscribed).toContain(id);
  });

  it('keeps the tape newest first, capped, from batches that come oldest first', async () => {
    const feed = feedFor({ stream: 'trades', accountId: 'a', symbol: 'BTCUSDT' });
    feed.acquire();
    const id = market.answer();
    await flush();
    market.emit('trades', { subscriptionId: id, trades: [trade('1'), trade('2')] });
    market.emit('trades', { subscriptionId: id, trades: [trade('3')] });
    expect(feed.snapshot.value?.map((t) => t.id)).toEqual(['3', '2', '1']);
    market.emit('trades', { subscriptionId: id, trades: Array.from({ length: TAPE_LENGTH + 5 }, (_, i) => trade(`b${i}`)) });
    expect(feed.snapshot.value).toHaveLength(TAPE_LENGTH);
    expect(feed.snapshot.value?.[0]?.id).toBe(`b${TAPE_LENGTH + 4}`);
    feed.release();
  });

  it('remembers when the book was last stale, even after a live push replaced it', async () => {
    const feed = feedFor({ stream: 'book', accountId: 'b', symbol: 'BTCUSDT', depth: 50 });
    feed.acquire();
    const id = market.answer();
    await flush();
    market.emit('book', { subscriptionId: id, book: book('1', '2') });
    expect(feed.snapshot.staleAt).toBeUndefined();
    market.emit('book', { subscriptionId: id, book: book('1', '2', true) });
    market.emit('book', { subscriptionId: id, book: book('1', '2') });
    expect(feed.snapshot.value?.stale).toBe(false);
    expect(feed.snapshot.staleAt).toBeGreaterThan(0);
    feed.release();
  });

  it('shows a failed subscribe and retries it by itself', async () => {
    vi.useFakeTimers();
    const feed = feedFor({ stream: 'candles', accountId: 'a', symbol: 'BTCUSDT', resolution: '1m' });
    const seen: Array<string | undefined> = [];
    feed.listen((s) => seen.push(s.error?.code));
    const before = market.subscribed.length;
    feed.acquire();
    market.answer({ code: 'NETWORK', message: 'down' });
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.snapshot.error?.code).toBe('NETWORK');
    await vi.advanceTimersByTimeAsync(1000);
    expect(market.subscribed.length - before).toBe(2);
    market.answer();
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.snapshot.error).toBeUndefined();
    expect(seen).toEqual(['NETWORK', undefined]);
    feed.release();
  });
});
