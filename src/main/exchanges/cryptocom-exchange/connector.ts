import { err, ok, RESOLUTION_SECONDS, type Balance, type BookSnapshot, type Candle, type Fill, type LinkHealth, type Market, type Order, type RateBudget, type Resolution, type Result, type StreamStatus, type Ticker, type Trade } from '../../../shared';
import { systemClock, type Clock } from '../../net/clock';
import { HttpClient } from '../../net/http-client';
import type { AmendRequest, ConnectorOptions, ConnectorOrder, ExchangeConnector, HistoryQuery, SubmitResolution, Unsubscribe } from '../connector';
import { connectorLimiters, type ConnectorLimiters } from '../kit/limiters';
import { MarketList } from '../kit/market-list';
import { linkHealth } from '../kit/rest';
import { resilientSockets, type SocketFactory } from '../kit/socket';
import { CdxOrders } from './account';
import { CdxUserStream } from './account-stream';
import { CDX, CDX_NAME, CDX_REST_URL, socketUrls } from './endpoints';
import { ACCOUNT_RULES, HOST_RULES } from './limits';
import { symbolOfNative, TIMEFRAME_OF } from './map-market';
import { CdxRest, type HttpLike, type RestTuning } from './rest';
import { CdxMarketStream } from './stream';
import { DEFAULT_SOCKET_TIMING } from './stream-protocol';
import { CdxSubmitter, type SubmitTuning } from './submit';

export interface CdxOptions extends ConnectorOptions {
  clock?: Clock;
  random?: () => number;
  /** Tests: a fake transport and fake sockets instead of the network. */
  http?: HttpLike;
  sockets?: SocketFactory;
  tuning?: { rest?: Partial<RestTuning>; submit?: Partial<SubmitTuning> };
}

/**
 * The Crypto.com Exchange API v1 connector (specs/cryptocom-exchange.md), spot only: REST (§5),
 * the market socket and, with a key, the user socket for own orders, fills and balances (§7).
 */
export class CdxConnector implements ExchangeConnector {
  readonly exchange = CDX;
  readonly accountId: string | undefined;
  private readonly clock: Clock;
  private readonly http: HttpLike & { close?: () => void };
  private readonly limiters: ConnectorLimiters;
  readonly rest: CdxRest;
  private readonly marketList: MarketList;
  private readonly market: CdxMarketStream;
  private readonly user: CdxUserStream | undefined;
  private readonly submitter: CdxSubmitter;
  private readonly orders: CdxOrders;
  private readonly listeners = { order: new Set<(o: Order) => void>(), fill: new Set<(f: Fill) => void>(), balances: new Set<(b: Balance[]) => void>(), resolved: new Set<(r: SubmitResolution) => void>(), streams: new Set<(s: StreamStatus[]) => void>() };
  private stopped = false;

  constructor(options: CdxOptions) {
    this.accountId = options.accountId;
    this.clock = options.clock ?? (options.now ? { ...systemClock, now: options.now } : systemClock);
    const restUrl = options.endpoints?.rest ?? CDX_REST_URL;
    const log = options.log;
    this.http = options.http ?? new HttpClient({ baseUrl: restUrl, timeoutMs: 10_000, name: 'cryptocom-exchange', clock: this.clock, ...(log ? { log } : {}) });
    this.limiters = connectorLimiters({ exchange: CDX, restUrl, hostRules: HOST_RULES, accountRules: ACCOUNT_RULES, accountId: options.credentials ? (options.accountId ?? '') : undefined, clock: options.clock });
    const accountId = options.accountId ?? '';
    this.rest = new CdxRest({
      http: this.http,
      hostLimiter: this.limiters.host,
      ...(this.limiters.account ? { accountLimiter: this.limiters.account } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      accountId,
      clock: this.clock,
      ...(options.tuning?.rest ? { tuning: options.tuning.rest } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...(log ? { log } : {}),
    });
    this.marketList = new MarketList(() => this.rest.instruments(), () => this.clock.now());
    const sockets = options.sockets ?? resilientSockets({ clock: this.clock, timing: DEFAULT_SOCKET_TIMING, ...(log ? { log } : {}), ...(options.random ? { random: options.random } : {}) });
    const urls = socketUrls(options.endpoints?.ws);
    this.market = new CdxMarketStream({ url: urls.market, sockets, clock: this.clock, onState: () => this.emitStreams(), ...(log ? { log } : {}) });
    this.submitter = new CdxSubmitter({
      accountId,
      rest: this.rest,
      clock: this.clock,
      symbolOf: (n) => this.symbolOf(n),
      onPlaced: (o, wasUnknown) => {
        if (wasUnknown) for (const l of [...this.listeners.resolved]) l({ clientId: o.clientId!, order: o });
        this.emitOrder(o);
      },
      onRejected: (o) => this.emitOrder(o),
      onNotPlaced: (clientId, reason, certain) => {
        for (const l of [...this.listeners.resolved]) l({ clientId, notPlaced: { reason, certain } });
      },
      ...(options.tuning?.submit ? { tuning: options.tuning.submit } : {}),
      ...(log ? { log } : {}),
    });
    this.orders = new CdxOrders({ rest: this.rest, symbolOf: (n) => this.symbolOf(n), emit: (o) => this.emitOrder(o) });
    const credentials = options.credentials;
    this.user = credentials
      ? new CdxUserStream({
          url: urls.user,
          sockets,
          clock: this.clock,
          credentials,
          accountId,
          symbolOf: (n) => this.symbolOf(n),
          onOrder: (w) => {
            this.submitter.observe(w.order);
            this.emitOrder(w.order);
          },
          onFill: (f) => this.listeners.fill.forEach((l) => l(f)),
          onBalances: (b) => this.listeners.balances.forEach((l) => l(b)),
          onState: () => this.emitStreams(),
          ...(log ? { log } : {}),
        })
      : undefined;
  }

  async start(): Promise<void> {
    if (this.stopped) return;
    this.user?.start();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.submitter.stop();
    this.limiters.close();
    await Promise.all([this.market.close(), this.user?.close()]);
    this.http.close?.();
  }

  // ---- public REST

  markets(options?: { refresh?: boolean }): Promise<Result<Market[]>> {
    return this.marketList.markets(options);
  }

  async tickers(): Promise<Result<Ticker[]>> {
    await this.marketList.markets();
    return this.rest.tickers((n) => this.symbolOf(n));
  }

  async orderBook(symbol: string, depth = 150): Promise<Result<BookSnapshot>> {
    const m = await this.known(symbol);
    return m.ok ? this.rest.book(m.value.nativeSymbol, symbol, Math.min(150, Math.max(1, depth))) : m;
  }

  async recentTrades(symbol: string): Promise<Result<Trade[]>> {
    const m = await this.known(symbol);
    return m.ok ? this.rest.trades(m.value.nativeSymbol, symbol) : m;
  }

  /** §5.3: the `count` candles ending at `to` (capped at 300), cut to [from, to] (seconds). */
  async candles(symbol: string, resolution: Resolution, from: number, to: number): Promise<Result<Candle[]>> {
    const m = await this.known(symbol);
    if (!m.ok) return m;
    const count = Math.ceil((to - from) / RESOLUTION_SECONDS[resolution]) + 1;
    const r = await this.rest.candles(m.value.nativeSymbol, TIMEFRAME_OF[resolution], { count, endTs: to * 1000 });
    return r.ok ? ok(r.value.filter((c) => c.time >= from && c.time <= to)) : r;
  }

  // ---- streams (the terminal's symbol maps to the exchange's through the loaded market list)

  watchBook(symbol: string, listener: (book: BookSnapshot) => void): Unsubscribe {
    return this.market.watchBook(this.marketList.native(symbol), symbol, listener);
  }
  watchTrades(symbol: string, listener: (trades: Trade[]) => void): Unsubscribe {
    return this.market.watchTrades(this.marketList.native(symbol), symbol, listener);
  }
  watchTicker(symbol: string, listener: (ticker: Ticker) => void): Unsubscribe {
    return this.market.watchTicker(this.marketList.native(symbol), symbol, listener);
  }
  watchCandles(symbol: string, resolution: Resolution, listener: (candle: Candle) => void): Unsubscribe {
    return this.market.watchCandles(this.marketList.native(symbol), TIMEFRAME_OF[resolution], listener);
  }

  // ---- private

  async checkCredentials(): Promise<Result<{ latencyMs: number }>> {
    const started = this.clock.now();
    const r = await this.rest.balances();
    return r.ok ? ok({ latencyMs: this.http.link().latencyMs ?? this.clock.now() - started }) : r;
  }

  async placeOrder(order: ConnectorOrder): Promise<Result<Order>> {
    if (!this.limiters.account) return err('AUTH_INVALID_KEY', `this ${CDX_NAME} connection has no API key`, { retryable: false });
    const m = await this.known(order.symbol);
    return m.ok ? this.submitter.place(order, m.value.nativeSymbol) : m;
  }

  cancelOrder(symbol: string, orderId: string): Promise<Result<Order>> {
    return this.orders.cancel(symbol, orderId);
  }

  /** Moves an order with private/amend-order (§5.9); UNSUPPORTED when the exchange will not (account.ts). */
  amendOrder(request: AmendRequest): Promise<Result<Order>> {
    return this.orders.amend(request);
  }

  async cancelAll(symbol?: string): Promise<Result<{ canceled: number }>> {
    const open = await this.openOrders(symbol);
    if (!open.ok) return open;
    const native = symbol === undefined ? undefined : this.marketList.native(symbol);
    const r = await this.rest.cancelAll(native);
    return r.ok ? ok({ canceled: open.value.length }) : r;
  }

  async openOrders(symbol?: string): Promise<Result<Order[]>> {
    await this.marketList.markets();
    const r = await this.rest.openOrders((n) => this.symbolOf(n), symbol === undefined ? undefined : this.marketList.native(symbol));
    return r.ok ? ok(r.value.map((w) => w.order).sort((a, b) => b.createdAt - a.createdAt)) : r;
  }

  async orderHistory(q: HistoryQuery): Promise<Result<Order[]>> {
    await this.marketList.markets();
    const r = await this.rest.orderHistory((n) => this.symbolOf(n), this.historyQuery(q));
    return r.ok ? ok(r.value.map((w) => w.order).sort((a, b) => b.createdAt - a.createdAt)) : r;
  }

  async fills(q: HistoryQuery): Promise<Result<Fill[]>> {
    await this.marketList.markets();
    const r = await this.rest.myTrades((n) => this.symbolOf(n), this.historyQuery(q));
    return r.ok ? ok(r.value.sort((a, b) => b.time - a.time)) : r;
  }

  balances(): Promise<Result<Balance[]>> {
    return this.rest.balances();
  }

  onOrder(listener: (order: Order) => void): Unsubscribe {
    return this.listen(this.listeners.order, listener);
  }
  onFill(listener: (fill: Fill) => void): Unsubscribe {
    return this.listen(this.listeners.fill, listener);
  }
  onBalances(listener: (balances: Balance[]) => void): Unsubscribe {
    return this.listen(this.listeners.balances, listener);
  }
  onSubmitResolved(listener: (resolution: SubmitResolution) => void): Unsubscribe {
    return this.listen(this.listeners.resolved, listener);
  }

  // ---- health

  streams(): StreamStatus[] {
    const owner = this.accountId ?? 'public';
    const status = (key: string, kind: 'public' | 'private', s: { state: StreamStatus['state']; since: number | undefined; detail: string | undefined; retryAt: number | undefined }): StreamStatus => {
      const out: StreamStatus = { key, exchange: CDX, kind, state: s.state, since: s.since ?? this.clock.now() };
      if (s.detail) out.detail = s.detail;
      if (s.retryAt !== undefined) out.retryAt = s.retryAt;
      if (this.accountId !== undefined) out.accountId = this.accountId;
      return out;
    };
    const out = [status(`${CDX}:${owner}:market`, 'public', this.market)];
    if (this.user) out.push(status(`${CDX}:${owner}:user`, 'private', this.user));
    return out;
  }

  onStreams(listener: (streams: StreamStatus[]) => void): Unsubscribe {
    return this.listen(this.listeners.streams, listener);
  }

  rateBudgets(): RateBudget[] {
    return this.limiters.budgets();
  }

  link(): LinkHealth {
    return linkHealth(CDX, this.accountId, this.http);
  }

  /** Submits still being looked up by client id (tests, status). */
  unresolvedSubmits(): number {
    return this.submitter.unresolved();
  }

  private historyQuery(q: HistoryQuery) {
    return { ...(q.symbol ? { native: this.marketList.native(q.symbol) } : {}), ...(q.from !== undefined ? { startTime: q.from } : {}), ...(q.to !== undefined ? { endTime: q.to + 1 } : {}) };
  }

  /** The terminal symbol of an instrument: from the market list, else by its spot spelling. */
  private symbolOf(native: string): string | undefined {
    return symbolOfNative(native);
  }

  private async known(symbol: string): Promise<Result<Market>> {
    const r = await this.marketList.bySymbol();
    if (!r.ok) return r;
    const m = r.value.get(symbol);
    return m ? ok(m) : err('NOT_FOUND', `${CDX_NAME} has no spot market ${symbol}`, { field: 'symbol' });
  }

  private listen<T>(set: Set<T>, listener: T): Unsubscribe {
    set.add(listener);
    return () => void set.delete(listener);
  }

  private emitOrder(order: Order): void {
    for (const l of [...this.listeners.order]) l(order);
  }

  private emitStreams(): void {
    if (this.listeners.streams.size === 0) return;
    const s = this.streams();
    for (const l of [...this.listeners.streams]) l(s);
  }
}
