import {
  err,
  ok,
  type Balance,
  type BookSnapshot,
  type Candle,
  type Fill,
  type LinkHealth,
  type Market,
  type Order,
  type RateBudget,
  type Resolution,
  type Result,
  type StreamStatus,
  type Ticker,
  type Trade,
} from '../../../shared';
import { systemClock, type Clock } from '../../net/clock';
import { background } from '../../net/background';
import { HttpClient } from '../../net/http-client';
import { RateLimiter } from '../../net/rate-limiter';
import { connectorLimiters, type ConnectorLimiters } from '../kit/limiters';
import { MarketList } from '../kit/market-list';
import { linkHealth } from '../kit/rest';
import { resilientSockets, type SocketFactory, type SocketTiming } from '../kit/socket';
import type { ConnectorOptions, ConnectorOrder, ExchangeConnector, HistoryQuery, PlaceHooks, SubmitResolution, Unsubscribe } from '../connector';
import { IcrypexAccount, ORDER_NONCE_MS } from './account';
import { IcrypexRest } from './rest';
import type { LevelBook } from './book-sync';
import { DEFAULT_PATHS, resolveEndpoints, type IcrypexPaths } from './endpoints';
import { accountRules, ipRules } from './limits';
import { DEFAULT_SOCKET_TIMING } from './stream-protocol';
import { IcrypexStream } from './stream';
import { IcrypexAccountStream } from './account-stream';
import { IcrypexCaller } from './rest-call';

/** Test and tuning knobs on top of the shared connector options. */
export interface IcrypexConnectorOptions extends ConnectorOptions {
  /** Path variants (§9); defaults follow the spec's evidence. */
  paths?: Partial<IcrypexPaths>;
  clock?: Clock;
  /** The per-IP limiter (see `icrypexIpLimiter`); by default one shared per REST host (kit/limiters.ts). */
  ipLimiter?: RateLimiter;
  socketFactory?: SocketFactory;
  /** WebSocket keepalive and backoff (default: stream-protocol.ts DEFAULT_SOCKET_TIMING). */
  socketTiming?: SocketTiming;
  newBook?: () => LevelBook;
  /** REST reads (default 10 s). */
  requestTimeoutMs?: number;
  /** Place calls: past this the outcome is ambiguous and reconciled (default 10 s). */
  orderTimeoutMs?: number;
  /** Signature window of place calls (§3 ICX-NONCE, default 10 s): an order not executed by then never will be. */
  orderNonceMs?: number;
  /** Rows per page on signed lists (default 100). */
  pageSize?: number;
  /** The §5 rejection period after a 429 (default 60 s); tests shorten it. */
  rejectionMs?: number;
  /** Open orders and wallet refresh while the private socket is healthy / not (default 60 s / 5 s). */
  pollMs?: { healthy: number; degraded: number };
}

export interface ConnectorParts {
  newBook: () => LevelBook;
}

/** A per-IP limiter with the §5 rules, for tests that want their own (or a shorter rejection). */
export function icrypexIpLimiter(options: { rejectionMs?: number; clock?: Clock } = {}): RateLimiter {
  return new RateLimiter({ exchange: 'icrypex', rules: ipRules({ rejectionMs: options.rejectionMs }), clock: options.clock });
}

/**
 * The Icrypex connector (specs/icrypex.md): signed REST, public and private WebSocket streams
 * with verified books, rate limits per IP and account, and safe order submission.
 */
export class IcrypexConnector implements ExchangeConnector {
  readonly exchange = 'icrypex' as const;
  readonly accountId: string | undefined;
  private readonly clock: Clock;
  private readonly http: HttpClient;
  private readonly limiters: ConnectorLimiters;
  private readonly api: IcrypexRest;
  private readonly market: IcrypexStream;
  private readonly account: IcrypexAccount | undefined;
  private readonly privateStream: IcrypexAccountStream | undefined;
  private readonly statusListeners = new Set<(s: StreamStatus[]) => void>();
  private readonly marketList: MarketList;
  private statusQueued = false;
  private pollCancel: (() => void) | undefined;
  private started = false;
  private stopped = false;

  constructor(
    private readonly options: IcrypexConnectorOptions,
    parts: ConnectorParts,
  ) {
    this.accountId = options.accountId;
    const now = options.now;
    this.clock = options.clock ?? (now ? { now, setTimer: systemClock.setTimer } : systemClock);
    const log = options.log;
    const endpoints = resolveEndpoints(options.endpoints);
    const paths: IcrypexPaths = { ...DEFAULT_PATHS, ...options.paths };
    this.http = new HttpClient({ baseUrl: endpoints.rest, timeoutMs: options.requestTimeoutMs ?? 10_000, name: 'icrypex', clock: this.clock, log });
    this.limiters = connectorLimiters({
      exchange: 'icrypex',
      restUrl: endpoints.rest,
      hostRules: ipRules(),
      accountRules: accountRules({ rejectionMs: options.rejectionMs }),
      accountId: options.accountId,
      host: options.ipLimiter,
      clock: options.clock,
    });
    const credentials = options.credentials;
    const rest = new IcrypexCaller({
      http: this.http,
      limiter: this.limiters.account ?? this.limiters.host,
      credentials: credentials ? async () => credentials() : undefined,
      now: () => this.clock.now(),
      log,
    });
    this.api = new IcrypexRest(rest, paths, options.accountId ?? '', () => this.clock.now(), options.pageSize);
    this.marketList = new MarketList(() => this.api.markets(), () => this.clock.now());
    const socketFactory = options.socketFactory ?? resilientSockets({ clock: this.clock, timing: options.socketTiming ?? DEFAULT_SOCKET_TIMING, log });
    const notify = () => this.queueStatus();
    this.market = new IcrypexStream({
      url: endpoints.ws,
      socket: socketFactory,
      clock: this.clock,
      newBook: options.newBook ?? parts.newBook,
      native: (symbol) => this.marketList.native(symbol),
      onStatus: notify,
      log,
    });
    if (options.accountId && credentials) {
      const account = new IcrypexAccount({
        accountId: options.accountId,
        api: this.api,
        clock: this.clock,
        markets: () => this.marketList.bySymbol(),
        orderTimeoutMs: options.orderTimeoutMs ?? 10_000,
        orderNonceMs: options.orderNonceMs ?? ORDER_NONCE_MS,
        log,
      });
      this.account = account;
      this.privateStream = new IcrypexAccountStream({
        url: endpoints.ws,
        accountId: options.accountId,
        socket: socketFactory,
        clock: this.clock,
        credentials: async () => credentials(),
        skewMs: () => this.http.link().clockSkewMs ?? 0,
        onUserTrade: (body) => account.onUserTrade(body),
        onReady: () => background(`icrypex ${options.accountId}: reconcile after login`, () => account.reconcile(), log),
        onStatus: notify,
        log,
      });
    }
  }

  async start(): Promise<void> {
    if (this.started || this.stopped) return;
    this.started = true;
    if (this.account && this.privateStream) {
      this.privateStream.start();
      this.schedulePoll();
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.pollCancel?.();
    this.account?.stop();
    this.privateStream?.stop();
    this.market.stop();
    this.limiters.close();
    this.http.close();
    this.statusListeners.clear();
  }

  /** Periodic reconciliation: a backstop for missed pushes, faster while the private socket is down. */
  private schedulePoll(): void {
    const poll = this.options.pollMs ?? { healthy: 60_000, degraded: 5_000 };
    const wait = this.privateStream?.healthy ? poll.healthy : poll.degraded;
    this.pollCancel = this.clock.setTimer(() => {
      if (this.stopped) return;
      // The next poll is scheduled however this one ends (a rejected reconcile once ended the process).
      background(
        `icrypex ${this.accountId}: reconcile poll`,
        () => this.account?.reconcile().finally(() => {
          if (!this.stopped) this.schedulePoll();
        }),
        this.options.log,
      );
    }, wait);
  }

  // ---- public REST ----

  markets(options?: { refresh?: boolean }): Promise<Result<Market[]>> {
    return this.marketList.markets(options);
  }

  private native(symbol: string): string {
    return this.marketList.native(symbol);
  }

  tickers(): Promise<Result<Ticker[]>> {
    return this.api.tickers();
  }

  orderBook(symbol: string, depth?: number): Promise<Result<BookSnapshot>> {
    return this.api.orderBook(symbol, this.native(symbol), depth);
  }

  recentTrades(symbol: string): Promise<Result<Trade[]>> {
    return this.api.recentTrades(symbol, this.native(symbol));
  }

  candles(symbol: string, resolution: Resolution, from: number, to: number): Promise<Result<Candle[]>> {
    return this.api.candles(symbol, this.native(symbol), resolution, from, to);
  }

  // ---- streams ----

  watchBook(symbol: string, listener: (book: BookSnapshot) => void): Unsubscribe {
    return this.market.watchBook(symbol, listener);
  }

  watchBookChanges(symbol: string, onChange: (read: () => BookSnapshot, stale: boolean) => void): Unsubscribe {
    return this.market.watchBookChanges(symbol, onChange);
  }

  watchTrades(symbol: string, listener: (trades: Trade[]) => void): Unsubscribe {
    return this.market.watchTrades(symbol, listener);
  }

  watchTicker(symbol: string, listener: (ticker: Ticker) => void): Unsubscribe {
    return this.market.watchTicker(symbol, listener);
  }

  watchCandles(symbol: string, resolution: Resolution, listener: (candle: Candle) => void): Unsubscribe {
    return this.market.watchCandles(symbol, resolution, listener);
  }

  /** The connector's current view of a watched book (for tests and diagnostics). */
  currentBook(symbol: string): BookSnapshot | undefined {
    return this.market.book(symbol);
  }

  // ---- private ----

  private needAccount(): Result<IcrypexAccount> {
    if (this.stopped) return err('UNSUPPORTED', 'this Icrypex connection is closed');
    return this.account ? ok(this.account) : err('AUTH_INVALID_KEY', 'this Icrypex connection has no API key: add an account with a key first');
  }

  async checkCredentials(): Promise<Result<{ latencyMs: number }>> {
    if (!this.options.credentials) return err('AUTH_INVALID_KEY', 'no API key given', { field: 'apiKey' });
    const started = this.clock.now();
    const r = await this.api.wallet();
    if (!r.ok) return r;
    return ok({ latencyMs: this.http.link().latencyMs ?? this.clock.now() - started });
  }

  async placeOrder(order: ConnectorOrder, hooks?: PlaceHooks): Promise<Result<Order>> {
    const a = this.needAccount();
    if (!a.ok) return a;
    return a.value.placeOrder(order, hooks);
  }

  async cancelOrder(symbol: string, orderId: string): Promise<Result<Order>> {
    const a = this.needAccount();
    return a.ok ? a.value.cancelOrder(symbol, orderId) : a;
  }

  async cancelAll(symbol?: string): Promise<Result<{ canceled: number }>> {
    const a = this.needAccount();
    return a.ok ? a.value.cancelAll(symbol) : a;
  }

  async openOrders(symbol?: string): Promise<Result<Order[]>> {
    const a = this.needAccount();
    return a.ok ? a.value.openOrders(symbol) : a;
  }

  async orderHistory(query: HistoryQuery): Promise<Result<Order[]>> {
    const a = this.needAccount();
    return a.ok ? a.value.orderHistory(query) : a;
  }

  async fills(query: HistoryQuery): Promise<Result<Fill[]>> {
    const a = this.needAccount();
    return a.ok ? a.value.fills(query) : a;
  }

  async balances(): Promise<Result<Balance[]>> {
    const a = this.needAccount();
    return a.ok ? a.value.balances() : a;
  }

  onOrder(listener: (order: Order) => void): Unsubscribe {
    return this.account?.onOrder(listener) ?? (() => {});
  }

  onFill(listener: (fill: Fill) => void): Unsubscribe {
    return this.account?.onFill(listener) ?? (() => {});
  }

  onBalances(listener: (balances: Balance[]) => void): Unsubscribe {
    return this.account?.onBalances(listener) ?? (() => {});
  }

  onSubmitResolved(listener: (resolution: SubmitResolution) => void): Unsubscribe {
    return this.account?.onSubmitResolved(listener) ?? (() => {});
  }

  // ---- health ----

  streams(): StreamStatus[] {
    const out = this.market.statuses().map((s) => (this.accountId ? { ...s, accountId: this.accountId } : s));
    const priv = this.privateStream?.status();
    if (priv) out.push(priv);
    return out;
  }

  onStreams(listener: (streams: StreamStatus[]) => void): Unsubscribe {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  }

  private queueStatus(): void {
    if (this.statusQueued || this.stopped) return;
    this.statusQueued = true;
    queueMicrotask(() => {
      this.statusQueued = false;
      if (this.stopped) return;
      const s = this.streams();
      for (const l of [...this.statusListeners]) l(s);
    });
  }

  rateBudgets(): RateBudget[] {
    return this.limiters.budgets();
  }

  link(): LinkHealth {
    return linkHealth('icrypex', this.accountId, this.http);
  }
}
