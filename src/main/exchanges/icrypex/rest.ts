import { err, ok, type AppError, type Balance, type BookSnapshot, type Candle, type Market, type Order, type Resolution, type Result, type Ticker, type Trade } from '../../../shared';
import type { ConnectorOrder } from '../connector';
import type { IcrypexPaths } from './endpoints';
import { REST_RESOLUTION, wireOrderType, wireSide } from './enums';
import { ExchangeRefusal, mapCancelReply, mapOrder, mapPage, mapWallet, type Page } from './map-account';
import { mapExchangeInfo, mapKlines, mapRecentTrades, mapRestBook, mapTickers, mergeCandles } from './map-market';
import { unreadable, type CallResult, type IcrypexCaller, type Query } from './rest-call';
import { obj, type Obj } from '../kit/wire';
import { QUEUE_RULES } from '../kit/limiters';

/** Candles asked per kline request; the server's maximum is not published (§7.5). */
const KLINE_PAGE = 500;
/** Kline requests per candles() call at most (Klines: 120 per 60 s per IP, §5). */
const MAX_KLINE_PAGES = 20;
/** Rows per page on signed lists (§6: default 25, maximum unknown; NJ uses 100). */
export const PAGE_SIZE = 100;
/** Pages per list call at most, so a runaway `hasNextPage` cannot loop forever. */
const MAX_PAGES = 50;

/** The REST endpoints of specs/icrypex.md §7, mapped to the shared model. */
export class IcrypexRest {
  constructor(
    private readonly rest: IcrypexCaller,
    private readonly paths: IcrypexPaths,
    private readonly accountId: string,
    private readonly now: () => number,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  markets(): Promise<Result<Market[]>> {
    return this.rest.read({ what: 'the market list', method: 'GET', paths: this.paths.exchangeInfo, rule: 'exchange-info' }, mapExchangeInfo);
  }

  tickers(): Promise<Result<Ticker[]>> {
    return this.rest.read({ what: 'the tickers', method: 'GET', paths: this.paths.tickers, rule: 'ticker' }, (b) => mapTickers(b, this.now()));
  }

  orderBook(symbol: string, nativeSymbol: string, depth?: number): Promise<Result<BookSnapshot>> {
    return this.rest.read(
      { what: `the order book of ${symbol}`, method: 'GET', paths: this.paths.orderBook, rule: 'orderbook', query: { symbol: nativeSymbol } },
      (b) => mapRestBook(b, symbol, this.now(), depth),
    );
  }

  recentTrades(symbol: string, nativeSymbol: string): Promise<Result<Trade[]>> {
    return this.rest.read(
      { what: `the last trades of ${symbol}`, method: 'GET', paths: this.paths.lastTrades, rule: 'last-trades', query: { symbol: nativeSymbol } },
      (b) => mapRecentTrades(b, symbol),
    );
  }

  /** §7.5, paged by time: windows of KLINE_PAGE candles from `from` to `to` (Unix seconds). */
  async candles(symbol: string, nativeSymbol: string, resolution: Resolution, from: number, to: number): Promise<Result<Candle[]>> {
    if (!(to > from)) return err('VALIDATION', `candles of ${symbol}: "to" (${to}) must be after "from" (${from})`, { field: 'to' });
    const res = REST_RESOLUTION[resolution];
    if (!res) return err('VALIDATION', `Icrypex has no ${resolution} candles`, { field: 'resolution' });
    const span = res.wireSeconds * KLINE_PAGE;
    // Keep the most recent history when the range needs more pages than allowed.
    const start = Math.max(from, to - span * MAX_KLINE_PAGES);
    const byTime = new Map<number, Candle>();
    for (let a = start; a < to; a += span) {
      const b = Math.min(to, a + span);
      const page = await this.rest.read(
        {
          what: `the ${resolution} candles of ${symbol}`,
          method: 'GET',
          paths: this.paths.klines,
          rule: 'klines',
          query: { symbol: nativeSymbol, resolution: res.wire, from: a, to: b },
        },
        mapKlines,
      );
      if (!page.ok) return page;
      for (const c of page.value) if (c.time >= from && c.time <= to) byTime.set(c.time, c);
    }
    const sorted = [...byTime.values()].sort((x, y) => x.time - y.time);
    return ok(res.seconds === res.wireSeconds ? sorted : mergeCandles(sorted, res.seconds));
  }

  /** §7.7 body: UPPER enums (§9 #9), decimal strings, market BUY by `total` (§9 #20). */
  /**
   * `nonceMs` bounds how long the exchange may still execute the request (§3): past it the
   * signature is stale, which is what lets an ambiguous submit be declared not placed.
   */
  placeOrder(order: ConnectorOrder, timeoutMs: number, nonceMs: number, onQueued?: (waitMs: number) => void): Promise<CallResult> {
    const body: Record<string, string> = {
      symbol: order.symbol,
      type: wireOrderType(order.type),
      side: wireSide(order.side),
      clientId: order.clientId,
    };
    if (order.price !== undefined) body.price = order.price;
    if (order.triggerPrice !== undefined) body.triggerPrice = order.triggerPrice;
    if (order.quantity !== undefined) body.quantity = order.quantity;
    if (order.total !== undefined) body.total = order.total;
    return this.rest.call({
      what: `the ${order.side} ${order.type} order on ${order.symbol}`,
      method: 'POST',
      paths: this.paths.orders,
      rule: 'order-insert',
      body,
      signed: true,
      timeoutMs,
      nonceMs,
      // A queued order that waited long is no longer what the trader asked for (kit/limiters.ts).
      maxQueueMs: QUEUE_RULES.icrypex.placeMs,
      ...(onQueued ? { onQueued } : {}),
      retryOn429: false,
    });
  }

  /** §7.8: `DELETE /sapi/v1/orders?orderId=` (default) or `/sapi/v1/orders/{orderId}`. */
  async cancel(orderId: string): Promise<Result<{ id: string }>> {
    const base = this.paths.orders[0]!;
    const byPath = this.paths.cancel === 'path';
    const r = await this.rest.call({
      what: `cancelling order ${orderId}`,
      method: 'DELETE',
      paths: [byPath ? `${base}/${encodeURIComponent(orderId)}` : base],
      query: byPath ? undefined : { orderId },
      rule: 'order-cancel',
      signed: true,
      maxQueueMs: QUEUE_RULES.icrypex.cancelMs,
    });
    if (!r.ok) return { ok: false, error: r.error };
    try {
      // Some servers answer 200/204 with no body (§4 lists 204 for deletes).
      return ok(r.body === undefined ? { id: orderId } : mapCancelReply(r.body));
    } catch (e) {
      return refusalOrUnreadable(e, `cancelling order ${orderId}`);
    }
  }

  /** §7.9, every page. */
  openOrders(): Promise<Result<Order[]>> {
    return this.pages(`the open orders`, this.paths.orders, 'open-orders', {}, (raw, at) => mapOrder(raw, at, this.accountId));
  }

  /** §7.10: `from`/`to` in Unix seconds, every page. */
  orderHistory(query: { symbol?: string; from: number; to: number }): Promise<Result<Order[]>> {
    return this.pages(
      'the order history',
      this.paths.orderHistory,
      'order-history',
      { from: Math.floor(query.from / 1000), to: Math.ceil(query.to / 1000), symbol: query.symbol },
      (raw, at) => mapOrder(raw, at, this.accountId),
    );
  }

  /** §7.11 raw rows (the fee asset needs the market list, so mapping happens in the connector). */
  myTrades(query: { symbol?: string; from: number; to: number; clientId?: string }): Promise<Result<Obj[]>> {
    return this.pages(
      'the account trades',
      this.paths.myTrades,
      'account-trades',
      { from: Math.floor(query.from / 1000), to: Math.ceil(query.to / 1000), symbol: query.symbol, clientId: query.clientId },
      (raw, at) => obj(raw, at),
    );
  }

  wallet(): Promise<Result<Balance[]>> {
    return this.rest.read({ what: 'the wallet', method: 'GET', paths: this.paths.wallet, rule: 'wallet', signed: true }, (b) => mapWallet(b, this.accountId));
  }

  private async pages<T>(what: string, paths: readonly string[], rule: 'open-orders' | 'order-history' | 'account-trades', query: Query, item: (raw: unknown, at: string) => T): Promise<Result<T[]>> {
    const all: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const r = await this.rest.read<Page<T>>(
        { what: page === 1 ? what : `${what} (page ${page})`, method: 'GET', paths, rule, signed: true, query: { ...query, page, limit: this.pageSize } },
        (b) => mapPage(b, item, what.replace(/^the /, '')),
      );
      if (!r.ok) return r;
      all.push(...r.value.items);
      if (!r.value.hasNext || r.value.items.length === 0) return ok(all);
    }
    return err('EXCHANGE_UNAVAILABLE', `${what}: more than ${MAX_PAGES} pages of ${this.pageSize}; narrow the time range`);
  }
}

/** Maps an `ok: false` reply to EXCHANGE_REJECTED with the exchange's words. */
export function refusalOrUnreadable(e: unknown, what: string): { ok: false; error: AppError } {
  if (e instanceof ExchangeRefusal) {
    const code = e.code && e.code !== e.message ? ` [${e.code}]` : '';
    return err('EXCHANGE_REJECTED', `Icrypex refused ${what}: ${e.message}${code}`);
  }
  return unreadable(e, what);
}
