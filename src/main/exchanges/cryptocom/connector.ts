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
  type StreamState,
  type StreamStatus,
  type Ticker,
  type Trade,
  type AppError,
} from '../../../shared';
import { systemClock, type Clock } from '../../net/clock';
import { HttpClient } from '../../net/http-client';
import { connectorLimiters, type ConnectorLimiters } from '../kit/limiters';
import { MarketList } from '../kit/market-list';
import { linkHealth } from '../kit/rest';
import type { ConnectorOptions, ConnectorOrder, ExchangeConnector, HistoryQuery, PlaceHooks, SubmitResolution, Unsubscribe } from '../connector';
import { groupCandles, KLINE_SOURCE } from './candles';
import { CRYPTOCOM_REST_URL, CRYPTOCOM_WS_URL } from './endpoints';
import { isPositive } from '../kit/amounts';
import { ACCOUNT_RULES, MARKET_RULES } from './limits';
import { OrderPoller, type PollerTuning } from './poller';
import { CryptocomRest, type RestTuning } from './rest';
import { CryptocomStream, type StreamTuning } from './stream';
import { DEFAULT_SUBMIT_TUNING, MATCHED_BY, SafeSubmitter, type SubmitTuning } from './submit';

/** Cancel failures that mean the request never reached Crypto.com (nothing to look up). */
const CANCEL_NOT_SENT: ReadonlySet<AppError['code']> = new Set(['RATE_LIMITED', 'KEYCHAIN_UNAVAILABLE', 'NOT_FOUND', 'AUTH_INVALID_KEY', 'VALIDATION']);
const CANCEL_LOOK_INTERVAL_MS = 1_000;
import { toNative } from './symbols';


/** Knobs for tests and demo mode; production uses the defaults. */
export interface CryptocomTuning {
  rest: Partial<RestTuning>;
  stream: Partial<StreamTuning>;
  poller: Partial<PollerTuning>;
  submit: Partial<SubmitTuning>;
}

export interface CryptocomOptions extends ConnectorOptions {
  clock?: Clock;
  random?: () => number;
  tuning?: Partial<CryptocomTuning>;
}

/** The Crypto.com Exchange V1 connector: REST (§5), the market socket (§6), polling for own orders. */
export class CryptocomConnector implements ExchangeConnector {
  readonly exchange = 'cryptocom' as const;
  /** §5.13 and §5.14 list one market per call: the trading service fans "all symbols" out per market. */
  readonly historyNeedsSymbol = true;
  readonly accountId: string | undefined;
  private readonly clock: Clock;
  private readonly http: HttpClient;
  private readonly limiters: ConnectorLimiters;
  readonly rest: CryptocomRest;
  readonly stream: CryptocomStream;
  private readonly poller: OrderPoller;
  private readonly submitter: SafeSubmitter;
  private readonly orderListeners = new Set<(o: Order) => void>();
  private readonly fillListeners = new Set<(f: Fill) => void>();
  private readonly balanceListeners = new Set<(b: Balance[]) => void>();
  private readonly resolutionListeners = new Set<(r: SubmitResolution) => void>();
  private readonly streamListeners = new Set<(s: StreamStatus[]) => void>();
  private readonly marketList: MarketList;
  private pollState: { state: StreamState; since: number; detail?: string };
  private started = false;
  private stopped = false;
  private readonly cancelLookMs: number;

  constructor(private readonly options: CryptocomOptions) {
    this.accountId = options.accountId;
    this.clock = options.clock ?? (options.now ? { ...systemClock, now: options.now } : systemClock);
    const tuning = options.tuning ?? {};
    this.cancelLookMs = tuning.submit?.cancelLookMs ?? DEFAULT_SUBMIT_TUNING.cancelLookMs;
    const restUrl = options.endpoints?.rest ?? CRYPTOCOM_REST_URL;
    const log = options.log;
    this.http = new HttpClient({ baseUrl: restUrl, timeoutMs: 10_000, name: 'cryptocom', clock: this.clock, ...(log ? { log } : {}) });
    // The market rules are counted per IP (§3): one limiter per host, unless a test drives its own clock.
    this.limiters = connectorLimiters({
      exchange: 'cryptocom',
      restUrl,
      hostRules: MARKET_RULES,
      accountRules: ACCOUNT_RULES,
      accountId: options.credentials ? (options.accountId ?? '') : undefined,
      clock: options.clock,
    });
    const accountId = options.accountId ?? '';
    this.rest = new CryptocomRest({
      http: this.http,
      marketLimiter: this.limiters.host,
      ...(this.limiters.account ? { accountLimiter: this.limiters.account } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      accountId,
      clock: this.clock,
      ...(tuning.rest ? { tuning: tuning.rest } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...(log ? { log } : {}),
    });
    this.marketList = new MarketList(() => this.rest.symbols(), () => this.clock.now());
    this.stream = new CryptocomStream({
      url: options.endpoints?.ws ?? CRYPTOCOM_WS_URL,
      clock: this.clock,
      ...(options.random ? { random: options.random } : {}),
      ...(tuning.stream ? { tuning: tuning.stream } : {}),
      ...(log ? { log } : {}),
      onState: () => this.emitStreams(),
      recentTrades: (native) => this.rest.trades(native),
      // Quiet books are checked against REST depth through the market-data limiter (issue 20).
      fetchDepth: (native, step) => this.rest.depth(native, step === 1 || step === 2 ? step : 0),
    });
    this.pollState = { state: 'closed', since: this.clock.now(), detail: 'not needed' };
    this.poller = new OrderPoller({
      rest: this.rest,
      clock: this.clock,
      markets: async () => {
        const r = await this.markets();
        return r.ok ? r.value : [];
      },
      onOrder: (o) => this.emitOrder(o),
      onFill: (f) => this.fillListeners.forEach((l) => l(f)),
      onBalances: (b) => this.balanceListeners.forEach((l) => l(b)),
      onState: (state, detail) => {
        if (state === this.pollState.state && detail === this.pollState.detail) return;
        this.pollState = { state, since: this.clock.now(), ...(detail ? { detail } : {}) };
        this.emitStreams();
      },
      ...(tuning.poller ? { tuning: tuning.poller } : {}),
      ...(log ? { log } : {}),
    });
    this.submitter = new SafeSubmitter({
      accountId,
      rest: this.rest,
      clock: this.clock,
      skewMs: () => this.http.link().clockSkewMs ?? 0,
      knownOrderIds: () => this.poller.knownOrderIds(),
      onResolved: (o) => {
        this.poller.track(o);
        // The resolution first: the engine's outcome then says the order was matched, which a
        // plain order push carrying the client id would otherwise have settled as confirmed.
        for (const l of [...this.resolutionListeners]) l({ clientId: o.clientId!, order: o, matchedBy: MATCHED_BY });
        this.emitOrder(o);
      },
      onNotPlaced: (clientId, reason) => {
        for (const l of [...this.resolutionListeners]) l({ clientId, notPlaced: { reason, certain: false } });
      },
      ...(tuning.submit ? { tuning: tuning.submit } : {}),
      ...(log ? { log } : {}),
    });
  }

  async start(): Promise<void> {
    if (this.stopped) return;
    this.started = true;
    this.updatePolling();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.poller.stop();
    this.submitter.stop();
    this.limiters.close();
    await this.stream.close();
    this.http.close();
  }

  // ---- public REST

  markets(options?: { refresh?: boolean }): Promise<Result<Market[]>> {
    return this.marketList.markets(options);
  }

  /** REST /v1/ticker; when it fails the socket's `review` answers instead (S3 used it for all tickers, §6.7). */
  async tickers(): Promise<Result<Ticker[]>> {
    const r = await this.rest.tickers();
    if (r.ok || r.error.code === 'AUTH_INVALID_KEY') return r;
    const viaSocket = await this.stream.review();
    return viaSocket.ok ? viaSocket : r;
  }

  async orderBook(symbol: string, depth = 150): Promise<Result<BookSnapshot>> {
    const known = await this.knownMarket(symbol);
    if (!known.ok) return known;
    const r = await this.rest.depth(known.value.nativeSymbol, 0);
    if (!r.ok) return r;
    return ok({ ...r.value, bids: r.value.bids.slice(0, depth), asks: r.value.asks.slice(0, depth) });
  }

  async recentTrades(symbol: string): Promise<Result<Trade[]>> {
    const known = await this.knownMarket(symbol);
    if (!known.ok) return known;
    return this.rest.trades(known.value.nativeSymbol);
  }

  /** §5.3 has no from/to: the newest page is fetched and cut to [from, to] (seconds). */
  async candles(symbol: string, resolution: Resolution, from: number, to: number): Promise<Result<Candle[]>> {
    const known = await this.knownMarket(symbol);
    if (!known.ok) return known;
    const source = KLINE_SOURCE[resolution];
    const r = await this.rest.klines(known.value.nativeSymbol, source.period);
    if (!r.ok) return r;
    const grouped = groupCandles(r.value, source.period * 60, source.group);
    return ok(grouped.filter((c) => c.time >= from && c.time <= to));
  }

  // ---- streams

  watchBook(symbol: string, listener: (book: BookSnapshot) => void): Unsubscribe {
    return this.stream.watchBook(toNative(symbol), listener);
  }

  watchTrades(symbol: string, listener: (trades: Trade[]) => void): Unsubscribe {
    return this.stream.watchTrades(toNative(symbol), listener);
  }

  watchTicker(symbol: string, listener: (ticker: Ticker) => void): Unsubscribe {
    return this.stream.watchTicker(toNative(symbol), listener);
  }

  watchCandles(symbol: string, resolution: Resolution, listener: (candle: Candle) => void): Unsubscribe {
    return this.stream.watchCandles(toNative(symbol), resolution, listener);
  }

  // ---- private

  async checkCredentials(): Promise<Result<{ latencyMs: number }>> {
    const started = this.clock.now();
    const r = await this.rest.account();
    if (!r.ok) return r;
    return ok({ latencyMs: this.http.link().latencyMs ?? this.clock.now() - started });
  }

  async placeOrder(order: ConnectorOrder, hooks?: PlaceHooks): Promise<Result<Order>> {
    if (!this.limiters.account) return err('AUTH_INVALID_KEY', 'this Crypto.com connection has no API key', { retryable: false });
    const r = await this.submitter.place(order, hooks?.onQueued);
    if (r.ok) this.poller.track(r.value);
    else if (r.error.code === 'ORDER_STATE_UNKNOWN') this.poller.kick();
    return r;
  }

  async cancelOrder(symbol: string, orderId: string): Promise<Result<Order>> {
    const native = toNative(symbol);
    const cancel = await this.rest.cancelOrder(native, orderId);
    if (!cancel.ok) return this.cancelFailed(native, orderId, cancel.error);
    // §5.10: asynchronous; showOrder says 5 (pending cancel) or 4. The poller follows it to 4.
    const shown = await this.rest.showOrder(native, orderId);
    if (!shown.ok) {
      const known = this.poller.known(orderId);
      if (known) {
        const pending: Order = { ...known, status: 'pending-cancel', updatedAt: this.clock.now() };
        this.poller.track(pending);
        return ok(pending);
      }
      return err('ORDER_STATE_UNKNOWN', `Crypto.com accepted the cancel of ${orderId}, but its state could not be read (${shown.error.message}); it will update when polled`);
    }
    this.poller.track(shown.value.order);
    this.emitOrder(shown.value.order);
    return ok(shown.value.order);
  }

  /**
   * A cancel answered with an error, or not answered, may still have gone through (issue 20 #4:
   * 6 of 12 "failed" cancels had cancelled the order). Before saying it failed, the order is
   * looked up: cancelled or being cancelled is the answer; an order still open after an unclear
   * reply is looked at again for `cancelLookMs`, as the cancel may still be on its way (§5.10 is
   * asynchronous). Errors that mean nothing was sent are answered at once.
   */
  private async cancelFailed(native: string, orderId: string, error: AppError): Promise<Result<Order>> {
    if (CANCEL_NOT_SENT.has(error.code)) return { ok: false, error };
    const lookUntil = this.clock.now() + this.cancelLookMs;
    for (;;) {
      const shown = await this.rest.showOrder(native, orderId);
      if (!shown.ok) {
        const known = this.poller.known(orderId);
        if (known) this.poller.track(known);
        return err('ORDER_STATE_UNKNOWN', `the cancel of ${orderId} was not confirmed (${error.message}), and the order could not be read (${shown.error.message}); it will update when polled`);
      }
      const order = shown.value.order;
      this.poller.track(order);
      this.emitOrder(order);
      if (order.status === 'canceled' || order.status === 'pending-cancel') return ok(order);
      const stillOpen = order.status === 'open' || order.status === 'partially-filled' || order.status === 'pending';
      if (!stillOpen) return err('EXCHANGE_REJECTED', `order ${orderId} is already ${order.status}: nothing to cancel`, { field: 'orderId' });
      if (this.clock.now() >= lookUntil) return err(error.code, `${error.message}; the order is still open on Crypto.com`, { retryable: error.retryable });
      await new Promise<void>((resolve) => this.clock.setTimer(resolve, CANCEL_LOOK_INTERVAL_MS));
    }
  }

  async cancelAll(symbol?: string): Promise<Result<{ canceled: number }>> {
    const natives = symbol ? ok([toNative(symbol)]) : await this.marketsWithLockedCoins();
    if (!natives.ok) return natives;
    let canceled = 0;
    for (const native of natives.value) {
      const open = await this.rest.openOrders(native);
      if (!open.ok) return open;
      if (open.value.length === 0) continue;
      const r = await this.rest.cancelAllOrders(native);
      if (!r.ok) return r;
      canceled += open.value.length;
      for (const w of open.value) this.poller.track({ ...w.order, status: 'pending-cancel' });
    }
    return ok({ canceled });
  }

  /**
   * §5.12 needs a symbol. Without one, the markets asked are those whose coins have a locked
   * balance (an open order locks its coin), which keeps the call count small.
   */
  async openOrders(symbol?: string): Promise<Result<Order[]>> {
    const natives = symbol ? ok([toNative(symbol)]) : await this.marketsWithLockedCoins();
    if (!natives.ok) return natives;
    const out: Order[] = [];
    for (const native of natives.value) {
      const r = await this.rest.openOrders(native);
      if (!r.ok) return r;
      out.push(...r.value.map((w) => w.order));
    }
    return ok(out.sort((a, b) => b.createdAt - a.createdAt));
  }

  /** §5.13 lists one market per call; dates go unsent (their time zone is unknown) and from/to are applied here. */
  async orderHistory(query: HistoryQuery): Promise<Result<Order[]>> {
    if (!query.symbol) return err('VALIDATION', 'Crypto.com V1 lists orders one market at a time: choose a symbol', { field: 'symbol' });
    const native = toNative(query.symbol);
    const out: Order[] = [];
    for (let page = 1; page <= 10; page++) {
      const r = await this.rest.allOrders(native, { page });
      if (!r.ok) return r;
      out.push(...r.value.orders.map((w) => w.order));
      if (r.value.orders.length < this.rest.tuning.pageSize || out.length >= r.value.count) break;
    }
    return ok(inWindow(out, (o) => o.createdAt, query).sort((a, b) => b.createdAt - a.createdAt));
  }

  /** §5.14, newest first (`sort=1`), one market per call like orderHistory. */
  async fills(query: HistoryQuery): Promise<Result<Fill[]>> {
    if (!query.symbol) return err('VALIDATION', 'Crypto.com V1 lists trades one market at a time: choose a symbol', { field: 'symbol' });
    const native = toNative(query.symbol);
    const out: Fill[] = [];
    for (let page = 1; page <= 10; page++) {
      const r = await this.rest.myTrades(native, { page, sort: 1 });
      if (!r.ok) return r;
      out.push(...r.value.fills);
      const oldest = r.value.fills.at(-1)?.time;
      if (r.value.fills.length < this.rest.tuning.pageSize || out.length >= r.value.count) break;
      if (query.from !== undefined && oldest !== undefined && oldest < query.from) break;
    }
    return ok(inWindow(out, (f) => f.time, query).sort((a, b) => b.time - a.time));
  }

  balances(): Promise<Result<Balance[]>> {
    return this.rest.account();
  }

  onOrder(listener: (order: Order) => void): Unsubscribe {
    return this.listen(this.orderListeners, listener);
  }

  onFill(listener: (fill: Fill) => void): Unsubscribe {
    return this.listen(this.fillListeners, listener);
  }

  onBalances(listener: (balances: Balance[]) => void): Unsubscribe {
    return this.listen(this.balanceListeners, listener);
  }

  onSubmitResolved(listener: (resolution: SubmitResolution) => void): Unsubscribe {
    return this.listen(this.resolutionListeners, listener);
  }

  // ---- health

  streams(): StreamStatus[] {
    const owner = this.accountId ?? 'public';
    const out: StreamStatus[] = [];
    const ws: StreamStatus = { key: `cryptocom:${owner}:ws`, exchange: 'cryptocom', kind: 'public', state: this.stream.state, since: this.stream.since ?? this.clock.now() };
    if (this.stream.detail) ws.detail = this.stream.detail;
    if (this.stream.retryAt !== undefined) ws.retryAt = this.stream.retryAt;
    out.push(ws);
    if (this.limiters.account) {
      const poll: StreamStatus = { key: `cryptocom:${owner}:poll`, exchange: 'cryptocom', kind: 'poll', state: this.pollState.state, since: this.pollState.since };
      if (this.pollState.detail) poll.detail = this.pollState.detail;
      out.push(poll);
    }
    if (this.accountId !== undefined) for (const s of out) s.accountId = this.accountId;
    return out;
  }

  onStreams(listener: (streams: StreamStatus[]) => void): Unsubscribe {
    this.streamListeners.add(listener);
    return () => this.streamListeners.delete(listener);
  }

  rateBudgets(): RateBudget[] {
    return this.limiters.budgets();
  }

  link(): LinkHealth {
    return linkHealth('cryptocom', this.accountId, this.http);
  }

  /** Submits still being reconciled (tests, status). */
  unresolvedSubmits(): number {
    return this.submitter.unresolved();
  }

  /** The poller's current interval (ms), or undefined while it is stopped. */
  pollIntervalMs(): number | undefined {
    return this.poller.active ? this.poller.intervalMs() : undefined;
  }

  private listen<T>(set: Set<T>, listener: T): Unsubscribe {
    set.add(listener);
    this.updatePolling();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      set.delete(listener);
      this.updatePolling();
    };
  }

  /** Polling runs only while started, with a key, and someone listens (issue: "stops when nothing needs it"). */
  private updatePolling(): void {
    const wanted = this.started && !this.stopped && !!this.limiters.account && this.orderListeners.size + this.fillListeners.size + this.balanceListeners.size > 0;
    if (wanted) this.poller.start();
    else this.poller.stop();
  }

  private emitOrder(order: Order): void {
    for (const l of [...this.orderListeners]) l(order);
  }

  private emitStreams(): void {
    if (this.streamListeners.size === 0) return;
    const s = this.streams();
    for (const l of [...this.streamListeners]) l(s);
  }

  private async knownMarket(symbol: string): Promise<Result<Market>> {
    const native = toNative(symbol);
    const markets = await this.markets();
    if (!markets.ok) return markets;
    const m = markets.value.find((x) => x.nativeSymbol === native);
    return m ? ok(m) : err('NOT_FOUND', `Crypto.com has no market ${symbol}`, { field: 'symbol' });
  }

  private async marketsWithLockedCoins(): Promise<Result<string[]>> {
    const [balances, markets] = await Promise.all([this.rest.account(), this.markets()]);
    if (!balances.ok) return balances;
    if (!markets.ok) return markets;
    const locked = new Set(balances.value.filter((b) => isPositive(b.locked)).map((b) => b.asset));
    return ok(markets.value.filter((m) => locked.has(m.base) || locked.has(m.quote)).map((m) => m.nativeSymbol));
  }
}

function inWindow<T>(rows: T[], time: (row: T) => number, q: HistoryQuery): T[] {
  return rows.filter((r) => (q.from === undefined || time(r) >= q.from) && (q.to === undefined || time(r) <= q.to));
}
