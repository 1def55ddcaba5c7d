import { D, type Decimal, divFloor, divRound, ZERO } from '../shared/decimal';
import { type Now, systemNow } from '../shared/clock';
import { Emitter } from '../shared/emitter';
import { createRng } from '../shared/rng';
import { type CandleHistory } from './candles';
import { Ledger } from './ledger';
import { MarketState, type OrderState } from './market-state';
import { type Level } from './order-book';
import { snapshotOrder } from './snapshot';
import {
  type BookSnapshot, type CancelResult, type EngineEvents, type FillFilter, type OrderFilter, type PlaceRequest,
  type PlaceResult, type SimBalance, type SimCandle, type SimFill, type SimMarket, type SimOrder, type SimStats24h,
  type SimTrade,
} from './types';
import { isRejection, reject, validatePlace } from './validate';

export interface MatchingEngineOptions {
  /** Seeds the id counters (and anything else random), so runs are reproducible. */
  seed?: number;
  markets: readonly SimMarket[];
  /** Wall clock in Unix ms (default Date.now). */
  now?: Now;
  /** Decimals fees are rounded to (half up). Default 8. */
  feeDecimals?: number;
  /** Trades kept per market for `recentTrades`. Default 1000. */
  tapeSize?: number;
}

export interface AddAccountOptions {
  /** Keep closed orders and fills for history queries (default true; synthetic traders use false). */
  keepHistory?: boolean;
}

/** The account that collects every fee (counted by conservation checks). */
export const FEE_ACCOUNT = '__fees__';

/**
 * The simulators' one matching engine: price-time priority limit books, market orders (a buy
 * may be sized by quote amount), stop-limit and stop-market orders, partial fills, maker and
 * taker fees, balances with locked amounts, a public tape and candles built from trades.
 * Everything is synchronous and deterministic for a seed and a clock. Listeners must not
 * call mutating methods from inside an event.
 */
export class MatchingEngine extends Emitter<EngineEvents> {
  private readonly markets = new Map<string, MarketState>();
  private readonly ledger = new Ledger();
  private readonly orders = new Map<number, OrderState>();
  private readonly accountOrders = new Map<string, OrderState[]>();
  private readonly accountFills = new Map<string, SimFill[]>();
  private readonly keepHistory = new Map<string, boolean>();
  private readonly issued = new Map<string, Decimal>();
  private readonly now: Now;
  private readonly feeDecimals: number;
  private readonly tapeSize: number;
  private nextOrderId: number;
  private nextTradeId: number;
  private busy = false;
  private triggerQueue = new Set<MarketState>();
  private fillsOfCall: SimFill[] | undefined;

  constructor(options: MatchingEngineOptions) {
    super();
    this.now = options.now ?? systemNow;
    this.feeDecimals = options.feeDecimals ?? 8;
    this.tapeSize = options.tapeSize ?? 1000;
    const rng = createRng(options.seed ?? 1);
    this.nextOrderId = 1_000_000 + rng.int(0, 8_999_999);
    this.nextTradeId = 10_000_000 + rng.int(0, 89_999_999);
    for (const def of options.markets) this.markets.set(def.symbol.toUpperCase(), new MarketState(def));
    this.ledger.open(FEE_ACCOUNT);
    this.keepHistory.set(FEE_ACCOUNT, false);
  }

  /** The markets, in the order given. */
  listMarkets(): SimMarket[] {
    return [...this.markets.values()].map((market) => market.def);
  }

  /** One market's rules, or undefined (symbol is case-insensitive). */
  market(symbol: string): SimMarket | undefined {
    return this.markets.get(symbol.toUpperCase())?.def;
  }

  /** Puts a market in cancel-only mode (place answers market_disabled) or back to running. */
  setMarketStatus(symbol: string, status: 'running' | 'cancel-only'): void {
    const market = this.requireMarket(symbol);
    market.cancelOnly = status === 'cancel-only';
  }

  /** 'running' or 'cancel-only'. */
  marketStatus(symbol: string): 'running' | 'cancel-only' {
    return this.requireMarket(symbol).cancelOnly ? 'cancel-only' : 'running';
  }

  /** Creates an account with starting balances (decimal strings); adds to an existing one. */
  addAccount(accountId: string, balances: Readonly<Record<string, string>> = {}, options: AddAccountOptions = {}): void {
    if (accountId === FEE_ACCOUNT) throw new Error(`${FEE_ACCOUNT} is reserved`);
    this.ledger.open(accountId);
    if (!this.keepHistory.has(accountId)) this.keepHistory.set(accountId, options.keepHistory ?? true);
    for (const [asset, amount] of Object.entries(balances)) this.deposit(accountId, asset, amount);
  }

  /** True when the account exists. */
  hasAccount(accountId: string): boolean {
    return this.ledger.has(accountId);
  }

  /** Credits free balance (a deposit); the amount counts as issued for conservation checks. */
  deposit(accountId: string, asset: string, amount: string): void {
    const value = D(amount);
    if (value.lt(0)) throw new RangeError(`deposit of ${asset} must not be negative`);
    this.ledger.credit(accountId, asset, value);
    this.issued.set(asset, (this.issued.get(asset) ?? ZERO).plus(value));
  }

  /** Free and locked per asset, sorted by asset. */
  balances(accountId: string): SimBalance[] {
    return this.ledger.balances(accountId);
  }

  /** Places an order; fills what crosses, rests the rest (limit) or cancels it (market). */
  place(request: PlaceRequest): PlaceResult {
    this.assertNotBusy();
    if (!this.ledger.has(request.accountId)) return reject('unknown_account', `unknown account ${JSON.stringify(request.accountId)}`, 'accountId');
    const valid = validatePlace(request, this.markets.get(String(request.symbol).toUpperCase()));
    if (isRejection(valid)) return valid;
    const { market, side, type } = valid;
    const { base, quote } = market.def;

    // What to lock: the quote a buy can spend, or the base a sell gives.
    let reserve: Decimal;
    if (side === 'sell') reserve = valid.quantity!;
    else if (valid.quoteAmount) reserve = valid.quoteAmount;
    else if (valid.price) reserve = valid.price.times(valid.quantity!);
    else reserve = this.ledger.free(request.accountId, quote); // market buy by quantity: spend up to all free quote
    const reserveAsset = side === 'sell' ? base : quote;
    const free = this.ledger.free(request.accountId, reserveAsset);
    if (reserve.gt(free) || reserve.eq(0)) {
      const field = side === 'sell' ? 'quantity' : valid.quoteAmount ? 'quoteAmount' : valid.price ? 'quantity' : 'quoteAmount';
      return reject('insufficient_balance', `insufficient ${reserveAsset}: need ${reserve.toString()}, free ${free.toString()}`, field);
    }

    this.enter();
    try {
      const now = this.now();
      const isStop = type === 'stop-limit' || type === 'stop-market';
      const last = market.lastPrice();
      const order: OrderState = {
        id: this.nextOrderId++,
        accountId: request.accountId,
        market,
        side,
        type,
        price: valid.price ?? ZERO,
        hasPrice: valid.price !== undefined,
        quantity: valid.quantity ?? null,
        quoteAmount: valid.quoteAmount ?? null,
        triggerPrice: valid.triggerPrice ?? null,
        clientId: valid.clientId,
        status: 'new',
        triggered: !isStop,
        triggerUp: valid.triggerPrice ? (last ? valid.triggerPrice.gte(last) : side === 'buy') : true,
        filled: ZERO,
        filledQuote: ZERO,
        fee: ZERO,
        fillCount: 0,
        createdAt: now,
        updatedAt: now,
        remaining: valid.quantity ?? ZERO,
        reserved: reserve,
        reserveAsset,
        keepHistory: this.keepHistory.get(request.accountId) ?? true,
      };
      this.ledger.lock(order.accountId, reserveAsset, reserve);
      this.orders.set(order.id, order);
      let list = this.accountOrders.get(order.accountId);
      if (!list) this.accountOrders.set(order.accountId, (list = []));
      list.push(order);
      const fills: SimFill[] = [];
      this.fillsOfCall = fills;
      this.emitOrder(order, undefined);
      if (isStop) {
        market.stops.push(order);
        this.triggerQueue.add(market);
      } else {
        this.execute(order);
      }
      this.runTriggers();
      return { ok: true, order: snapshotOrder(order), fills: fills.filter((fill) => fill.orderId === order.id) };
    } finally {
      this.fillsOfCall = undefined;
      this.leave();
    }
  }

  /**
   * Cancels an open order. With `{ pending: true }` the order leaves the book at once but shows
   * `pending-cancel` until finalizePendingCancels (Crypto.com's status 5 before 4).
   */
  cancel(accountId: string, orderId: number, options: { pending?: boolean } = {}): CancelResult {
    this.assertNotBusy();
    const order = this.orders.get(orderId);
    if (!order || order.accountId !== accountId) return reject('order_not_found', `order ${orderId} not found`, 'orderId');
    if (order.status !== 'new' && order.status !== 'partial') return reject('order_not_open', `order ${orderId} is ${order.status}`, 'orderId');
    this.enter();
    try {
      this.removeResting(order);
      this.close(order, options.pending ? 'pending-cancel' : 'canceled');
      return { ok: true, order: snapshotOrder(order) };
    } finally {
      this.leave();
    }
  }

  /** Cancels every open order of the account (in one market when given); returns them. */
  cancelAll(accountId: string, symbol?: string, options: { pending?: boolean } = {}): SimOrder[] {
    const out: SimOrder[] = [];
    for (const order of this.openOrderStates(accountId, symbol)) {
      const result = this.cancel(accountId, order.id, options);
      if (result.ok) out.push(result.order);
    }
    return out;
  }

  /** Turns pending-cancel orders (of one account, or all) into canceled; returns them. */
  finalizePendingCancels(accountId?: string): SimOrder[] {
    const out: SimOrder[] = [];
    const lists = accountId ? [this.accountOrders.get(accountId) ?? []] : [...this.accountOrders.values()];
    for (const list of lists) {
      for (const order of list) {
        if (order.status !== 'pending-cancel') continue;
        order.status = 'canceled';
        order.updatedAt = this.now();
        this.emitOrder(order, undefined);
        out.push(snapshotOrder(order));
      }
    }
    return out;
  }

  /** One order of the account, or undefined. */
  order(accountId: string, orderId: number): SimOrder | undefined {
    const order = this.orders.get(orderId);
    return order && order.accountId === accountId ? snapshotOrder(order) : undefined;
  }

  /** Open orders (new, partial, and stops waiting for their trigger), oldest first. */
  openOrders(accountId: string, symbol?: string): SimOrder[] {
    return this.openOrderStates(accountId, symbol).map(snapshotOrder);
  }

  /** Every order of the account matching the filter, oldest first. */
  ordersOf(accountId: string, filter: OrderFilter = {}): SimOrder[] {
    const symbol = filter.symbol?.toUpperCase();
    return (this.accountOrders.get(accountId) ?? [])
      .filter((order) =>
        (!symbol || order.market.def.symbol === symbol) &&
        (!filter.side || order.side === filter.side) &&
        (!filter.types || filter.types.includes(order.type)) &&
        (!filter.statuses || filter.statuses.includes(order.status)) &&
        (filter.from === undefined || order.createdAt >= filter.from) &&
        (filter.to === undefined || order.createdAt <= filter.to) &&
        (filter.clientId === undefined || order.clientId === filter.clientId))
      .map(snapshotOrder);
  }

  /** The account's fills matching the filter, oldest first. */
  fills(accountId: string, filter: FillFilter = {}): SimFill[] {
    const symbol = filter.symbol?.toUpperCase();
    return (this.accountFills.get(accountId) ?? []).filter((fill) =>
      (!symbol || fill.symbol === symbol) &&
      (!filter.side || fill.side === filter.side) &&
      (filter.orderId === undefined || fill.orderId === filter.orderId) &&
      (filter.from === undefined || fill.time >= filter.from) &&
      (filter.to === undefined || fill.time <= filter.to));
  }

  /** Aggregated book levels, best first (depth = levels per side). Unknown symbol: empty. */
  book(symbol: string, depth = Infinity): BookSnapshot {
    const market = this.markets.get(symbol.toUpperCase());
    if (!market) return { bids: [], asks: [] };
    return { bids: market.book.bids.snapshot(depth), asks: market.book.asks.snapshot(depth) };
  }

  /** Aggregated levels with their order counts, best first (specs/cryptocom-exchange.md §5.2 `[price, qty, n]`). */
  bookWithCounts(symbol: string, depth = Infinity): { bids: Array<[string, string, number]>; asks: Array<[string, string, number]> } {
    const market = this.markets.get(symbol.toUpperCase());
    if (!market) return { bids: [], asks: [] };
    return { bids: market.book.bids.snapshotWithCounts(depth), asks: market.book.asks.snapshotWithCounts(depth) };
  }

  /** Number of price levels per side. */
  depth(symbol: string): { bids: number; asks: number } {
    const market = this.requireMarket(symbol);
    return { bids: market.book.bids.levels.length, asks: market.book.asks.levels.length };
  }

  /** Best bid and ask prices (null when a side is empty). */
  top(symbol: string): { bid: string | null; ask: string | null } {
    const market = this.requireMarket(symbol);
    return { bid: market.book.bids.best()?.key ?? null, ask: market.book.asks.best()?.key ?? null };
  }

  /** Last trade price (or last seeded close), null when none. */
  lastPrice(symbol: string): string | null {
    return this.requireMarket(symbol).lastPrice()?.toString() ?? null;
  }

  /** Most recent public trades, newest first. */
  recentTrades(symbol: string, limit = 50): SimTrade[] {
    const market = this.markets.get(symbol.toUpperCase());
    if (!market) return [];
    return market.tape.slice(-limit).reverse();
  }

  /** Candles at `resolutionSeconds` (a whole number of minutes) with start in [fromSec, toSec]. */
  candles(symbol: string, resolutionSeconds: number, fromSec: number, toSec: number): SimCandle[] {
    const market = this.markets.get(symbol.toUpperCase());
    if (!market) return [];
    return market.candles.range(resolutionSeconds, fromSec, toSec);
  }

  /** Puts generated candle history before the live candles (market/history.ts). */
  setCandleHistory(symbol: string, history: CandleHistory): void {
    this.requireMarket(symbol).candles.setHistory(history);
  }

  /** Adds 1-minute history candles before the first live trade (charts need a past). */
  seedCandles(symbol: string, candles: readonly SimCandle[]): void {
    this.requireMarket(symbol).candles.seed(candles);
  }

  /** Rolling 24 h statistics for tickers. */
  stats24h(symbol: string): SimStats24h {
    const market = this.requireMarket(symbol);
    const window = market.candles.window(Math.floor(this.now() / 1000) - 86_400);
    const last = market.lastPrice();
    const open = window?.open;
    const change = last && open ? last.minus(open) : ZERO;
    const changePercent = open && !open.eq(0) ? divRound(change.times(100), open, 2) : ZERO;
    const average = window && !window.volume.eq(0) ? divRound(window.quoteVolume, window.volume, market.def.pricePrecision) : undefined;
    return {
      symbol: market.def.symbol,
      last: last?.toString() ?? null,
      open: open?.toString() ?? null,
      high: window?.high.toString() ?? null,
      low: window?.low.toString() ?? null,
      volume: window?.volume.toString() ?? '0',
      quoteVolume: window?.quoteVolume.toString() ?? '0',
      average: average?.toString() ?? null,
      change: change.toString(),
      changePercent: changePercent.toString(),
      bestBid: market.book.bids.best()?.key ?? null,
      bestAsk: market.book.asks.best()?.key ?? null,
    };
  }

  /**
   * Checks every invariant: books uncrossed and consistent, each account's locked amounts equal
   * the reserves of its open orders, no negative balance, and free + locked over all accounts
   * (fees included) equal to what was deposited. Returns the violations (empty = correct).
   */
  checkInvariants(): string[] {
    const problems: string[] = [];
    for (const market of this.markets.values()) {
      const issue = market.book.checkInvariants();
      if (issue) problems.push(`${market.def.symbol}: ${issue}`);
    }
    const expectedLocked = new Map<string, Map<string, Decimal>>();
    for (const order of this.orders.values()) {
      if (order.status !== 'new' && order.status !== 'partial') continue;
      let byAsset = expectedLocked.get(order.accountId);
      if (!byAsset) expectedLocked.set(order.accountId, (byAsset = new Map()));
      byAsset.set(order.reserveAsset, (byAsset.get(order.reserveAsset) ?? ZERO).plus(order.reserved));
    }
    for (const [accountId, locked] of this.ledger.lockedByAccount()) {
      const expected = expectedLocked.get(accountId) ?? new Map<string, Decimal>();
      for (const asset of new Set([...locked.keys(), ...expected.keys()])) {
        const have = locked.get(asset) ?? ZERO;
        const want = expected.get(asset) ?? ZERO;
        if (!have.eq(want)) problems.push(`${accountId}: ${asset} locked ${have.toString()} but open orders reserve ${want.toString()}`);
      }
      for (const balance of this.ledger.balances(accountId)) {
        if (D(balance.free).lt(0) || D(balance.locked).lt(0)) problems.push(`${accountId}: negative ${balance.asset}`);
      }
    }
    const totals = this.ledger.totals();
    for (const asset of new Set([...totals.keys(), ...this.issued.keys()])) {
      const have = totals.get(asset) ?? ZERO;
      const want = this.issued.get(asset) ?? ZERO;
      if (!have.eq(want)) problems.push(`${asset}: accounts hold ${have.toString()} but ${want.toString()} was deposited`);
    }
    return problems;
  }

  // ---- matching -------------------------------------------------------------------------

  private execute(order: OrderState): void {
    const market = order.market;
    const opposite = order.side === 'buy' ? market.book.asks : market.book.bids;
    const isLimit = order.hasPrice;
    const budgeted = order.side === 'buy' && !isLimit; // market buys spend from `reserved`
    let budgetExhausted = false;
    // The taker's update for a fill is announced once we know whether it was the last one.
    let lastFill: SimFill | undefined;
    for (;;) {
      if (order.quantity && order.remaining.lte(0)) break;
      const level = opposite.best();
      if (!level) break;
      if (isLimit && (order.side === 'buy' ? level.price.gt(order.price) : level.price.lt(order.price))) break;
      const maker = level.orders[0] as OrderState;
      let quantity = maker.remaining;
      if (order.quantity && order.remaining.lt(quantity)) quantity = order.remaining;
      if (budgeted) {
        const affordable = divFloor(order.reserved, level.price.times(market.step)).times(market.step);
        if (affordable.lt(quantity)) quantity = affordable;
        if (quantity.lte(0)) {
          budgetExhausted = true;
          break;
        }
      }
      if (lastFill) this.emitOrder(order, lastFill);
      lastFill = this.trade(order, maker, level, quantity);
    }
    if (isLimit) {
      if (order.remaining.gt(0)) {
        const level = market.book.sideFor(order.side).add(order);
        this.emitLevel(market, level);
        if (lastFill) this.emitOrder(order, lastFill);
      } else {
        this.close(order, 'filled', lastFill);
      }
      return;
    }
    // Market orders never rest: what is left is released.
    const done = order.quantity ? order.remaining.lte(0) : budgetExhausted && order.filled.gt(0);
    this.close(order, done ? 'filled' : 'canceled', lastFill);
  }

  /** One match at the maker's price; returns the taker's fill (its order event is the caller's job). */
  private trade(taker: OrderState, maker: OrderState, level: Level, quantity: Decimal): SimFill {
    const market = taker.market;
    const { base, quote } = market.def;
    const price = maker.price;
    const value = price.times(quantity);
    const now = this.now();
    const buyer = taker.side === 'buy' ? taker : maker;
    const seller = taker.side === 'buy' ? maker : taker;

    // Buyer pays quote from its reserve; a limit buy filled below its limit gets the difference back.
    this.ledger.spendLocked(buyer.accountId, quote, value);
    if (buyer.hasPrice) {
      const reservedPart = buyer.price.times(quantity);
      this.ledger.unlock(buyer.accountId, quote, reservedPart.minus(value));
      buyer.reserved = buyer.reserved.minus(reservedPart);
    } else {
      buyer.reserved = buyer.reserved.minus(value);
    }
    this.ledger.spendLocked(seller.accountId, base, quantity);
    seller.reserved = seller.reserved.minus(quantity);

    const buyerFee = quantity.times(buyer === taker ? market.takerFee : market.makerFee).round(this.feeDecimals);
    const sellerFee = value.times(seller === taker ? market.takerFee : market.makerFee).round(this.feeDecimals);
    this.ledger.credit(buyer.accountId, base, quantity.minus(buyerFee));
    this.ledger.credit(seller.accountId, quote, value.minus(sellerFee));
    this.ledger.credit(FEE_ACCOUNT, base, buyerFee);
    this.ledger.credit(FEE_ACCOUNT, quote, sellerFee);

    const opposite = taker.side === 'buy' ? market.book.asks : market.book.bids;
    opposite.reduce(level, maker, quantity);
    if (taker.quantity) taker.remaining = taker.remaining.minus(quantity);
    for (const order of [maker, taker]) {
      order.filled = order.filled.plus(quantity);
      order.filledQuote = order.filledQuote.plus(value);
      order.fee = order.fee.plus(order === buyer ? buyerFee : sellerFee);
      order.fillCount++;
      order.updatedAt = now;
      order.status = 'partial';
    }

    const trade: SimTrade = {
      id: this.nextTradeId++,
      symbol: market.def.symbol,
      price: price.toString(),
      quantity: quantity.toString(),
      quoteQuantity: value.toString(),
      takerSide: taker.side,
      time: now,
      buyOrderId: buyer.id,
      sellOrderId: seller.id,
      makerOrderId: maker.id,
      takerOrderId: taker.id,
    };
    market.last = price;
    market.pushTrade(trade, this.tapeSize);
    market.candles.addTrade(now, price, quantity);
    this.triggerQueue.add(market);

    this.emitLevel(market, level);
    const makerFill = this.recordFill(maker, trade, maker === buyer ? buyerFee : sellerFee, 'maker');
    const takerFill = this.recordFill(taker, trade, taker === buyer ? buyerFee : sellerFee, 'taker');
    this.emit('trade', trade);
    if (maker.remaining.lte(0)) this.close(maker, 'filled', makerFill);
    else this.emitOrder(maker, makerFill);
    return takerFill;
  }

  private recordFill(order: OrderState, trade: SimTrade, fee: Decimal, liquidity: 'maker' | 'taker'): SimFill {
    const market = order.market;
    const fill: SimFill = {
      tradeId: trade.id,
      orderId: order.id,
      accountId: order.accountId,
      symbol: market.def.symbol,
      side: order.side,
      price: trade.price,
      quantity: trade.quantity,
      quoteQuantity: trade.quoteQuantity,
      fee: fee.toString(),
      feeAsset: order.side === 'buy' ? market.def.base : market.def.quote,
      liquidity,
      time: trade.time,
    };
    if (order.keepHistory) {
      let list = this.accountFills.get(order.accountId);
      if (!list) this.accountFills.set(order.accountId, (list = []));
      list.push(fill);
    }
    this.fillsOfCall?.push(fill);
    return fill;
  }

  /** Ends an order: releases what it still reserves and announces the final status. */
  private close(order: OrderState, status: 'filled' | 'canceled' | 'pending-cancel', fill?: SimFill): void {
    if (order.reserved.gt(0)) this.ledger.unlock(order.accountId, order.reserveAsset, order.reserved);
    order.reserved = ZERO;
    order.status = status;
    order.updatedAt = this.now();
    this.emitOrder(order, fill);
    if (!order.keepHistory) {
      this.orders.delete(order.id);
      const list = this.accountOrders.get(order.accountId);
      if (list) {
        const index = list.indexOf(order);
        if (index >= 0) list.splice(index, 1);
      }
    }
  }

  private removeResting(order: OrderState): void {
    const market = order.market;
    if (!order.triggered) {
      market.stops = market.stops.filter((stop) => stop !== order);
      return;
    }
    if (!order.hasPrice) return;
    const level = market.book.sideFor(order.side).remove(order);
    if (level) this.emitLevel(market, level);
  }

  /** Fires stops whose trigger the last price has crossed, until none is left to fire. */
  private runTriggers(): void {
    while (this.triggerQueue.size > 0) {
      const [market] = this.triggerQueue;
      this.triggerQueue.delete(market!);
      const last = market!.last;
      if (!last) continue;
      const due = market!.stops.filter((stop) => (stop.triggerUp ? last.gte(stop.triggerPrice!) : last.lte(stop.triggerPrice!)));
      if (due.length === 0) continue;
      market!.stops = market!.stops.filter((stop) => !due.includes(stop));
      for (const stop of due) {
        if (stop.status !== 'new') continue;
        stop.triggered = true;
        stop.updatedAt = this.now();
        this.emitOrder(stop, undefined);
        this.execute(stop);
      }
    }
  }

  private openOrderStates(accountId: string, symbol?: string): OrderState[] {
    const upper = symbol?.toUpperCase();
    return (this.accountOrders.get(accountId) ?? []).filter(
      (order) => (order.status === 'new' || order.status === 'partial') && (!upper || order.market.def.symbol === upper),
    );
  }

  private emitLevel(market: MarketState, level: Level): void {
    if (!this.has('level')) return;
    this.emit('level', market.def.symbol, level.side, level.key, level.orders.length === 0 ? '0' : level.total.toString());
  }

  private emitOrder(order: OrderState, fill: SimFill | undefined): void {
    if (this.has('order')) this.emit('order', snapshotOrder(order), fill);
  }

  private requireMarket(symbol: string): MarketState {
    const market = this.markets.get(symbol.toUpperCase());
    if (!market) throw new RangeError(`unknown market ${symbol}`);
    return market;
  }

  private assertNotBusy(): void {
    if (this.busy) throw new Error('MatchingEngine is not re-entrant: do not place or cancel from inside an engine event');
  }

  private enter(): void {
    this.assertNotBusy();
    this.busy = true;
  }

  private leave(): void {
    this.busy = false;
  }
}
