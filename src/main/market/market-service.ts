import {
  canonicalSymbol,
  err,
  exchangeEntry,
  exchangeName,
  RESOLUTION_SECONDS,
  ok,
  type Candle,
  type EventSink,
  type Market,
  type MarketStreamRequest,
  type ParsedRequestOf,
  type Resolution,
  type Result,
  type Ticker,
} from '../../shared';
import type { ExchangeConnector } from '../exchanges/connector';
import type { MarketSource } from './market-sources';
import type { Handlers } from '../ipc/handle';
import { systemClock, type Clock } from '../net/clock';
import { StreamHub } from './hub';

/**
 * The contract's market:* channels: markets, tickers and chart history from the exchange's
 * market-data connector (market-sources.ts: keyed by exchange, shared by its accounts), and
 * streams through the StreamHub. Symbols from the renderer are matched
 * against the exchange's markets (any case, with or without `/`, `-`, `_`), so a typo is a clear
 * VALIDATION error on `symbol` instead of a stream that stays silent forever.
 */

export interface MarketServiceOptions {
  /** The market-data connector of an account's exchange or of an exchange (NOT_FOUND or similar when there is no such account). */
  connectorFor: (source: MarketSource) => Result<ExchangeConnector>;
  emit: EventSink;
  clock?: Clock;
  log?: (line: string) => void;
  /** Push interval of the hub. Default 16 ms. */
  intervalMs?: number;
}


/** Candles fetched when the request gives no `from`: enough to fill a chart. */
export const DEFAULT_CANDLES = 300;
/** The most candles one request may ask for (connectors page through REST for them). */
export const MAX_CANDLES = 5_000;

/**
 * Distinct market streams one renderer may hold (issue 12: 2,000 subscriptions gave 16.8k
 * pushes/s). The renderer shares one feed per (account, stream, symbol, depth or resolution),
 * so a pane needs at most four (book, trades, ticker, candles); a dense two-account layout of a
 * dozen panes stays under 50. 64 leaves room for that and bounds one renderer's pushes to
 * 64 × 60/s at the hub's 16 ms coalescing.
 */
export const MAX_STREAMS_PER_RENDERER = 64;

/** One renderer's subscription to one stream; repeated identical subscribes share it. */
interface Held {
  readonly id: string;
  readonly key: string;
  readonly owner: number;
  refs: number;
}

/** What makes two subscribe requests the same stream for a renderer (after symbol resolution). */
function streamKey(request: MarketStreamRequest): string {
  const extra = request.stream === 'book' ? String(request.depth) : request.stream === 'candles' ? request.resolution : '';
  return JSON.stringify([request.accountId ?? '', request.exchange ?? '', request.stream, request.stream === 'tickers' ? '*' : request.symbol, extra]);
}

type MarketChannels = 'market:list' | 'market:tickers' | 'market:candles' | 'market:subscribe' | 'market:unsubscribe';

/** Implements the market:* handlers; see the file comment. */
export class MarketService {
  readonly hub: StreamHub;
  private readonly clock: Clock;
  /** Per renderer (sender id): its subscriptions by request key. */
  private readonly held = new Map<number, Map<string, Held>>();
  private readonly heldById = new Map<string, Held>();

  constructor(private readonly options: MarketServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.hub = new StreamHub({ emit: options.emit, clock: this.clock, intervalMs: options.intervalMs, log: options.log });
  }

  /** Markets of the exchange (and refreshes the list used for symbol checks). */
  async list(source: MarketSource): Promise<Result<Market[]>> {
    const connector = this.options.connectorFor(source);
    if (!connector.ok) return connector;
    const markets = await connector.value.markets();
    return markets;
  }

  async tickers(source: MarketSource): Promise<Result<Ticker[]>> {
    const connector = this.options.connectorFor(source);
    if (!connector.ok) return connector;
    return connector.value.tickers();
  }

  /** Chart history, oldest first; `from`/`to` in Unix seconds with chart-filling defaults. */
  async candles(request: ParsedRequestOf<'market:candles'>): Promise<Result<Candle[]>> {
    const connector = this.options.connectorFor(request);
    if (!connector.ok) return connector;
    const offered = offersResolution(connector.value, request.resolution);
    if (!offered.ok) return offered;
    const step = RESOLUTION_SECONDS[request.resolution];
    const to = request.to ?? Math.floor(this.clock.now() / 1000);
    const from = request.from ?? to - DEFAULT_CANDLES * step;
    if (from >= to) return err('VALIDATION', `from (${from}) must be before to (${to})`, { field: 'from' });
    const count = Math.ceil((to - from) / step);
    if (count > MAX_CANDLES) {
      return err('VALIDATION', `that range holds ${count} ${request.resolution} candles; ask for at most ${MAX_CANDLES} at a time`, { field: 'from' });
    }
    const symbol = await this.resolveSymbol(connector.value, request.symbol);
    if (!symbol.ok) return symbol;
    return connector.value.candles(symbol.value, request.resolution, from, to);
  }

  /**
   * Starts (or shares) a stream for renderer `owner`; pushes arrive on the market:* events with
   * the answered id. The same request from the same renderer answers the same id (ref-counted:
   * it ends at its last unsubscribe); a new stream past MAX_STREAMS_PER_RENDERER is refused.
   */
  async subscribe(request: MarketStreamRequest, owner = 0): Promise<Result<{ subscriptionId: string }>> {
    const connector = this.options.connectorFor(request);
    if (!connector.ok) return connector;
    if (request.stream === 'candles') {
      const offered = offersResolution(connector.value, request.resolution);
      if (!offered.ok) return offered;
    }
    let resolved: MarketStreamRequest = request;
    if (request.stream !== 'tickers') {
      const symbol = await this.resolveSymbol(connector.value, request.symbol);
      if (!symbol.ok) return symbol;
      resolved = { ...request, symbol: symbol.value };
    }
    // From here on nothing awaits, so two identical subscribes in flight cannot both open a stream.
    const key = streamKey(resolved);
    let mine = this.held.get(owner);
    const shared = mine?.get(key);
    if (shared) {
      shared.refs++;
      return ok({ subscriptionId: shared.id });
    }
    if ((mine?.size ?? 0) >= MAX_STREAMS_PER_RENDERER) {
      return err('RATE_LIMITED', `This window already watches ${MAX_STREAMS_PER_RENDERER} market streams, the most one window may; close a pane to watch ${resolved.stream === 'tickers' ? 'the watchlist' : resolved.symbol}.`, { retryable: false });
    }
    let id: string;
    try {
      id = this.hub.subscribe(connector.value, resolved);
    } catch (error) {
      return err('INTERNAL', `could not start the ${request.stream} stream: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!mine) this.held.set(owner, (mine = new Map()));
    const entry: Held = { id, key, owner, refs: 1 };
    mine.set(key, entry);
    this.heldById.set(id, entry);
    return ok({ subscriptionId: id });
  }

  /** Drops one reference of `owner` to a subscription; the stream ends with the last. Another renderer's id is not touched. */
  unsubscribe(subscriptionId: string, owner = 0): Result<{ removed: boolean }> {
    const entry = this.heldById.get(subscriptionId);
    if (!entry || entry.owner !== owner) return ok({ removed: false });
    if (--entry.refs > 0) return ok({ removed: true });
    this.forget(entry);
    return ok({ removed: this.hub.unsubscribe(subscriptionId) });
  }

  /** Ends every subscription of a renderer that went away (closed, reloaded, disconnected). */
  releaseRenderer(owner: number): void {
    const mine = this.held.get(owner);
    if (!mine) return;
    for (const entry of [...mine.values()]) {
      this.forget(entry);
      this.hub.unsubscribe(entry.id);
    }
  }

  /** The latest in-sync book a pane is watching on the market-data connector of `source` (the trading service's mid). */
  liveBook(source: MarketSource, symbol: string): ReturnType<StreamHub['liveBook']> {
    const connector = this.options.connectorFor(source);
    return connector.ok ? this.hub.liveBook(connector.value, symbol) : undefined;
  }

  /** Ends every stream (engine shutdown). */
  stop(): void {
    this.held.clear();
    this.heldById.clear();
    this.hub.unsubscribeAll();
  }

  private forget(entry: Held): void {
    this.heldById.delete(entry.id);
    const mine = this.held.get(entry.owner);
    mine?.delete(entry.key);
    if (mine?.size === 0) this.held.delete(entry.owner);
  }

  /**
   * The connector's spelling of a symbol the user typed. When the markets cannot be loaded
   * (network), the symbol is passed on upper-cased rather than blocking market data.
   */
  private async resolveSymbol(connector: ExchangeConnector, input: string): Promise<Result<string>> {
    // The connector owns the one cache of its list (exchanges/kit/market-list.ts), so this asks it every time.
    const markets = await connector.markets();
    if (!markets.ok) {
      this.options.log?.(`market: markets unavailable (${markets.error.code}); using "${input}" unchecked`);
      return ok(input.toUpperCase());
    }
    const found = this.match(markets.value, input);
    if (found) return ok(found);
    return err('VALIDATION', `"${input}" is not a market on ${connector.exchange}`, { field: 'symbol' });
  }

  private match(markets: Market[], input: string): string | undefined {
    const exact = markets.find((m) => m.symbol === input);
    if (exact) return exact.symbol;
    const wanted = canonicalSymbol(input);
    return markets.find((m) => canonicalSymbol(m.symbol) === wanted || canonicalSymbol(m.nativeSymbol) === wanted)?.symbol;
  }
}

/** A VALIDATION error on `resolution` when the exchange has no candles of that length (catalog `resolutions`). */
function offersResolution(connector: ExchangeConnector, resolution: Resolution): Result<true> {
  if (exchangeEntry(connector.exchange).resolutions.includes(resolution)) return ok(true);
  return err('VALIDATION', `${exchangeName(connector.exchange)} has no ${resolution} candles`, { field: 'resolution' });
}

/** The market:* slice of the engine's handlers. */
export function marketHandlers(service: MarketService): Pick<Handlers, MarketChannels> {
  return {
    'market:list': (request) => service.list(request),
    'market:tickers': (request) => service.tickers(request),
    'market:candles': (request) => service.candles(request),
    'market:subscribe': (request, sender) => service.subscribe(request, sender?.id ?? 0),
    'market:unsubscribe': (request, sender) => service.unsubscribe(request.subscriptionId, sender?.id ?? 0),
  };
}
