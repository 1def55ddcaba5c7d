import type {
  AppError,
  Balance,
  BookSnapshot,
  Candle,
  Endpoints,
  ExchangeId,
  Fill,
  LinkHealth,
  Market,
  Order,
  RateBudget,
  Resolution,
  Result,
  StreamStatus,
  Ticker,
  Trade,
} from '../../shared';
import type { SigningKey } from '../secrets/signing-key';

export type Unsubscribe = () => void;

/*
 * Who does what (issue 16). Each line is true in code; change both together.
 *
 * - Validation: the trading service (src/main/trading/service.ts with order-rules.ts) checks an
 *   order against the pair's rules and refuses, naming the field, a price off the tick or a
 *   quantity off the step (it never rounds a number the trader did not see), applies the risk
 *   guards and values market orders at the mid. A connector TRUSTS the ConnectorOrder it gets:
 *   it maps it to the wire and never validates or rounds it again.
 * - The market list: each connector owns the one cache of its exchange's markets
 *   (kit/market-list.ts, one lifetime, MARKETS_TTL_MS). The market service (symbol checks) and
 *   the trading service (pair rules) ask `markets()` each time and keep no copy.
 * - The mid in main: trading/market-cache.ts `midPrice` (book, else ticker); no connector computes one.
 * - De-duplicating submits, by hazard:
 *   - a key held down or Enter pressed twice: the renderer's submit (renderer/src/state/submit.ts)
 *     ignores a submit while one is in flight and keeps one client id per ticket edition;
 *   - the same request arriving twice (a retried IPC call, two windows): the trading service's
 *     SubmitLedger (trading/submit-ledger.ts) answers every later submit of a client id with the
 *     first one's answer, without calling the connector;
 *   - an ambiguous send (timeout, dropped connection, 5xx, unreadable reply): the connector
 *     never sends again, reconciles by client id / the exchange's own records and reports the
 *     truth through onSubmitResolved; a placeOrder with a client id it already knows answers
 *     that order (icrypex/account.ts, cryptocom/submit.ts).
 * - Moving an order: the trading service (trading/move-order.ts) checks the new price, then
 *   calls `amendOrder` where a connector has it, else cancels and places; a connector's amend
 *   never falls back by itself (it answers UNSUPPORTED and leaves the order as it was).
 * - Rate limits, signing, sending: kit/rest.ts (one pipeline) with the exchange's limits table
 *   (limits.ts) and host limiters shared per exchange host (kit/limiters.ts).
 */

// Symbols: every method takes and returns the terminal's own form (`Market.symbol`, e.g.
// `BTCUSDT`); each connector maps to and from the exchange's spelling (`Market.nativeSymbol`).

/**
 * What a connector signs with: the API key and the secret as a KeyObject, read from the keychain
 * once by the account runtime (secrets/signing-key.ts); never the secret as a string.
 */
export type Credentials = SigningKey;

export interface ConnectorOptions {
  /** Undefined for a public-only connector (market data without an account). */
  accountId?: string;
  /** Overrides of the exchange's default hosts (demo accounts point at the simulators). */
  endpoints?: Endpoints;
  /** Returns the secret when it is needed to sign; never stored on the connector. */
  credentials?: () => Promise<Credentials>;
  now?: () => number;
  log?: (line: string) => void;
}

/**
 * A new order after the trading service has checked it against the pair's rules (price on the
 * tick, quantity on the step: src/main/trading). Connectors map it to the wire as it is.
 */
export interface ConnectorOrder {
  symbol: string;
  side: 'buy' | 'sell';
  type: 'limit' | 'market' | 'stop-limit' | 'stop-market';
  price?: string;
  triggerPrice?: string;
  quantity?: string;
  /** Quote amount for market/stop-market buys by total. */
  total?: string;
  /** The terminal's idempotency key; sent to exchanges that support a client id. */
  clientId: string;
}

export interface HistoryQuery {
  symbol?: string;
  /** Unix ms. */
  from?: number;
  to?: number;
}

/**
 * A move of an open limit order to a new price with the exchange's own amend. The trading
 * service has checked and rounded the price like a new order's (trading/move-order.ts).
 */
export interface AmendRequest {
  symbol: string;
  orderId: string;
  price: string;
  /** The order's whole quantity, filled part included (what an amend takes: unchanged on a move). */
  quantity: string;
}

/** What the caller of placeOrder is told while the order is on its way. */
export interface PlaceHooks {
  /**
   * The order waits for the rate budget and is expected to leave in `waitMs`: told once,
   * so the trader sees "queued: sends in 1.2 s" (issue 20 #5; the rule: kit/limiters.ts QUEUE_RULES).
   */
  onQueued?: (waitMs: number) => void;
}

/**
 * How a submit that placeOrder answered ORDER_STATE_UNKNOWN ended, once the connector knows:
 * the order it became, or that the exchange never created it and how that was established.
 */
export type SubmitResolution =
  /** `matchedBy`: the order was recognised by its fields, not by client id (Crypto.com V1): how, in the trader's words. */
  | { clientId: string; order: Order; matchedBy?: string }
  | { clientId: string; notPlaced: { reason: string; certain: boolean } };

/**
 * One exchange account (or the public side of an exchange) in the shared model. Every method
 * answers a Result; an ambiguous failure of placeOrder (timeout, dropped connection after the
 * request left) is reconciled by the connector and answers `ORDER_STATE_UNKNOWN` only while
 * the truth cannot be established, then reports the truth through onSubmitResolved. It never
 * places an order twice.
 */
export interface ExchangeConnector {
  readonly exchange: ExchangeId;
  readonly accountId: string | undefined;
  /**
   * orderHistory and fills need a symbol (Crypto.com V1 §5.13, §5.14): a read over all symbols
   * is fanned out per market by the trading service, which says the list may be partial.
   */
  readonly historyNeedsSymbol?: boolean;

  start(): Promise<void>;
  /** Closes sockets and timers; safe to call twice. */
  stop(): Promise<void>;

  // Public REST
  /**
   * The exchange's markets, from the connector's one cache of them (kit/market-list.ts: reused for
   * MARKETS_TTL_MS; `refresh` loads anew, for a symbol the list does not know yet).
   */
  markets(options?: { refresh?: boolean }): Promise<Result<Market[]>>;
  tickers(): Promise<Result<Ticker[]>>;
  orderBook(symbol: string, depth?: number): Promise<Result<BookSnapshot>>;
  recentTrades(symbol: string): Promise<Result<Trade[]>>;
  /** Oldest first; `from`/`to` in Unix seconds. Pages as the exchange requires. */
  candles(symbol: string, resolution: Resolution, from: number, to: number): Promise<Result<Candle[]>>;

  // Streams: each call adds one listener and returns the function that removes exactly it.
  // Listeners are called for every exchange update; the hub above coalesces for the renderer.
  watchBook(symbol: string, listener: (book: BookSnapshot) => void): Unsubscribe;
  /**
   * Optional, for exchanges that change a book many times between two pushes to the renderer
   * (Icrypex: one `obd` diff per change, specs/icrypex.md §8.4). `onChange` runs on every
   * update with whether the book is now stale; `read` cuts the snapshot of the book as of that
   * update, built only when called (the hub calls it at its 16 ms flush, issue 16 point 9).
   * `read` is the same function for every update of one stream and answers the latest state.
   */
  watchBookChanges?(symbol: string, onChange: (read: () => BookSnapshot, stale: boolean) => void): Unsubscribe;
  watchTrades(symbol: string, listener: (trades: Trade[]) => void): Unsubscribe;
  watchTicker(symbol: string, listener: (ticker: Ticker) => void): Unsubscribe;
  watchCandles(symbol: string, resolution: Resolution, listener: (candle: Candle) => void): Unsubscribe;

  // Private (need credentials)
  /** A signed call that proves the key works (used before an account is saved). */
  checkCredentials(): Promise<Result<{ latencyMs: number }>>;
  placeOrder(order: ConnectorOrder, hooks?: PlaceHooks): Promise<Result<Order>>;
  cancelOrder(symbol: string, orderId: string): Promise<Result<Order>>;
  /**
   * Only where the exchange amends an order in place (same order id): the order as it now is.
   * `UNSUPPORTED` means the exchange will not amend this order and left it as it was, so the
   * trading service cancels and places anew instead; any other failure may have changed it,
   * and the service reads the open orders before it says what happened.
   */
  amendOrder?(request: AmendRequest): Promise<Result<Order>>;
  cancelAll(symbol?: string): Promise<Result<{ canceled: number }>>;
  openOrders(symbol?: string): Promise<Result<Order[]>>;
  orderHistory(query: HistoryQuery): Promise<Result<Order[]>>;
  fills(query: HistoryQuery): Promise<Result<Fill[]>>;
  balances(): Promise<Result<Balance[]>>;
  /** Own order changes (user-trade pushes, polling, reconciliation). */
  onOrder(listener: (order: Order) => void): Unsubscribe;
  onFill(listener: (fill: Fill) => void): Unsubscribe;
  onBalances(listener: (balances: Balance[]) => void): Unsubscribe;
  /** The end of every submit placeOrder answered ORDER_STATE_UNKNOWN, exactly once each. */
  onSubmitResolved(listener: (resolution: SubmitResolution) => void): Unsubscribe;

  // Health for the status bar
  streams(): StreamStatus[];
  onStreams(listener: (streams: StreamStatus[]) => void): Unsubscribe;
  rateBudgets(): RateBudget[];
  link(): LinkHealth;
}

export type ConnectorFactory = (options: ConnectorOptions) => ExchangeConnector;

/** Maps a failure into the shared error shape; connectors keep the exchange's own message. */
export type ConnectorError = AppError;
