import {
  err,
  ok,
  type BookSnapshot,
  type Candle,
  type ExchangeId,
  type LinkHealth,
  type Market,
  type RateBudget,
  type Resolution,
  type Result,
  type StreamStatus,
  type Ticker,
  type Trade,
} from '../../src/shared';
import type { ExchangeConnector, Unsubscribe } from '../../src/main/exchanges/connector';

type Listener<T> = (value: T) => void;

/**
 * A test double of ExchangeConnector for unit tests of code above the connectors (hub, market
 * and status services, account runtime): canned REST answers, and streams the test drives by
 * hand with push*(). Private calls answer UNSUPPORTED. A test double (tests/support).
 */
export class FakeConnector implements ExchangeConnector {
  marketsResult: Result<Market[]>;
  tickersResult: Result<Ticker[]> = ok([]);
  candlesResult: Result<Candle[]> = ok([]);
  streamList: StreamStatus[] = [];
  budgetList: RateBudget[] = [];
  linkHealth: LinkHealth;
  /** Every REST call made, for assertions. */
  readonly calls: string[] = [];
  private readonly watchers = new Map<string, Set<Listener<never>>>();
  private readonly streamListeners = new Set<(streams: StreamStatus[]) => void>();

  constructor(
    readonly exchange: ExchangeId = 'icrypex',
    readonly accountId: string | undefined = 'acct-1',
    markets: string[] = ['BTCUSDT', 'ETHUSDT'],
  ) {
    this.marketsResult = ok(markets.map((symbol) => fakeMarket(exchange, symbol)));
    this.linkHealth = { exchange, ...(accountId ? { accountId } : {}) };
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async markets() {
    this.calls.push('markets');
    return this.marketsResult;
  }
  async tickers() {
    this.calls.push('tickers');
    return this.tickersResult;
  }
  async orderBook(): Promise<Result<BookSnapshot>> {
    return err('UNSUPPORTED', 'fake');
  }
  async recentTrades(): Promise<Result<Trade[]>> {
    return ok([]);
  }
  async candles(symbol: string, resolution: Resolution, from: number, to: number) {
    this.calls.push(`candles ${symbol} ${resolution} ${from} ${to}`);
    return this.candlesResult;
  }

  watchBook(symbol: string, listener: Listener<BookSnapshot>): Unsubscribe {
    return this.watch(`book|${symbol}`, listener);
  }
  watchTrades(symbol: string, listener: Listener<Trade[]>): Unsubscribe {
    return this.watch(`trades|${symbol}`, listener);
  }
  watchTicker(symbol: string, listener: Listener<Ticker>): Unsubscribe {
    return this.watch(`ticker|${symbol}`, listener);
  }
  watchCandles(symbol: string, resolution: Resolution, listener: Listener<Candle>): Unsubscribe {
    return this.watch(`candles|${symbol}|${resolution}`, listener);
  }

  /** How many listeners watch a stream key (`book|BTCUSDT`, `candles|BTCUSDT|1m`). */
  watching(key: string): number {
    return this.watchers.get(key)?.size ?? 0;
  }

  /** Calls every listener of a stream key with `value`, as an exchange update would. */
  push<T>(key: string, value: T): void {
    for (const listener of this.watchers.get(key) ?? []) (listener as Listener<T>)(value);
  }

  async checkCredentials() {
    return err('UNSUPPORTED', 'fake');
  }
  async placeOrder() {
    return err('UNSUPPORTED', 'fake');
  }
  async cancelOrder() {
    return err('UNSUPPORTED', 'fake');
  }
  async cancelAll() {
    return err('UNSUPPORTED', 'fake');
  }
  async openOrders() {
    return err('UNSUPPORTED', 'fake');
  }
  async orderHistory() {
    return err('UNSUPPORTED', 'fake');
  }
  async fills() {
    return err('UNSUPPORTED', 'fake');
  }
  async balances() {
    return err('UNSUPPORTED', 'fake');
  }
  onOrder(): Unsubscribe {
    return () => {};
  }
  onFill(): Unsubscribe {
    return () => {};
  }
  onBalances(): Unsubscribe {
    return () => {};
  }

  onSubmitResolved(): Unsubscribe {
    return () => {};
  }

  streams(): StreamStatus[] {
    return this.streamList;
  }
  onStreams(listener: (streams: StreamStatus[]) => void): Unsubscribe {
    this.streamListeners.add(listener);
    return () => this.streamListeners.delete(listener);
  }
  /** Replaces the stream states and tells onStreams listeners. */
  setStreams(streams: StreamStatus[]): void {
    this.streamList = streams;
    for (const listener of this.streamListeners) listener(streams);
  }
  get streamListenerCount(): number {
    return this.streamListeners.size;
  }
  rateBudgets(): RateBudget[] {
    return this.budgetList;
  }
  link(): LinkHealth {
    return this.linkHealth;
  }

  private watch<T>(key: string, listener: Listener<T>): Unsubscribe {
    let set = this.watchers.get(key);
    if (!set) this.watchers.set(key, (set = new Set()));
    const entry = listener as Listener<never>;
    set.add(entry);
    return () => set.delete(entry);
  }
}

/**
 * A FakeConnector whose books are pulled, as the Icrypex connector's are
 * (ExchangeConnector.watchBookChanges): a pushed book is announced, and `reads` counts how many
 * times a watcher actually read one.
 */
export class PullingFakeConnector extends FakeConnector {
  reads = 0;

  watchBookChanges(symbol: string, onChange: (read: () => BookSnapshot, stale: boolean) => void): Unsubscribe {
    return this.watchBook(symbol, (book) =>
      onChange(() => {
        this.reads++;
        return book;
      }, book.stale),
    );
  }
}

/** A plausible spot market for tests. */
export function fakeMarket(exchange: ExchangeId, symbol: string): Market {
  return {
    exchange,
    symbol,
    nativeSymbol: exchange === 'cryptocom' ? symbol.toLowerCase() : symbol,
    base: symbol.slice(0, -4),
    quote: symbol.slice(-4),
    pricePrecision: 2,
    quantityPrecision: 6,
    tickSize: '0.01',
    stepSize: '0.000001',
    minNotional: '10',
    orderTypes: ['limit', 'market'],
    status: 'trading',
  };
}
