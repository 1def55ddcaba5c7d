import Big from 'big.js';
import { err, ok, type Balance, type BookSnapshot, type ExchangeId, type Fill, type Market, type Order, type Result } from '../../src/shared';
import type { AmendRequest, ConnectorFactory, ConnectorOptions, ConnectorOrder, ExchangeConnector, SubmitResolution } from '../../src/main/exchanges/connector';
import { signingKey } from '../../src/main/secrets';

// A test double of one exchange and its connector, for unit tests of the account runtime and the
// trading service. End-to-end tests use the real simulators and connectors instead.

export const FAKE_MARKETS: Omit<Market, 'exchange'>[] = [
  {
    symbol: 'BTCUSDT', nativeSymbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', pricePrecision: 2, quantityPrecision: 5,
    tickSize: '0.01', stepSize: '0.00001', minNotional: '10', makerFeeRate: '0.001', takerFeeRate: '0.001',
    orderTypes: ['limit', 'market', 'stop-limit', 'stop-market'], status: 'trading',
  },
  {
    symbol: 'ETHUSDT', nativeSymbol: 'ETHUSDT', base: 'ETH', quote: 'USDT', pricePrecision: 2, quantityPrecision: 4,
    tickSize: '0.01', stepSize: '0.0001', minNotional: '10', orderTypes: ['limit', 'market'], status: 'trading',
  },
];

interface FakeAccount {
  secret: string;
  balances: Map<string, { free: string; locked: string }>;
  orders: Order[];
  fills: Fill[];
}

export class FakeExchange {
  readonly accounts = new Map<string, FakeAccount>();
  /** Best bid and ask per symbol; a symbol without an entry has an empty book. */
  readonly books = new Map<string, { bid: string; ask: string }>([
    ['BTCUSDT', { bid: '49990', ask: '50010' }],
    ['ETHUSDT', { bid: '2999', ask: '3001' }],
  ]);
  placeCalls = 0;
  /** REST order-book reads (previews should use a live book when one is open). */
  orderBookCalls = 0;
  /** When set, placeOrder waits for it (to test submits while one is in flight). */
  hold: Promise<void> | undefined;
  /** placeOrder calls that answer ORDER_STATE_UNKNOWN without placing anything (an unclear reply). */
  unclearPlaces = 0;
  /** When set, the next private calls answer this error. */
  failWith: Result<never> | undefined;
  /** When set, placeOrder answers this error (after the cancel of a move, say) and places nothing. */
  placeFailWith: Result<never> | undefined;
  /** Connectors made while this is true have `amendOrder` (the exchange amends in place). */
  amends = false;
  /** When set, amendOrder answers this error and changes nothing. */
  amendFailWith: Result<never> | undefined;
  amendCalls = 0;
  cancelCalls = 0;
  readonly connectors: FakeConnector[] = [];
  private nextId = 1;

  constructor(readonly exchange: ExchangeId = 'icrypex') {}

  addAccount(apiKey: string, secret: string, balances: Record<string, string> = { USDT: '100000', BTC: '2' }): void {
    this.accounts.set(apiKey, { secret, balances: new Map(Object.entries(balances).map(([a, v]) => [a, { free: v, locked: '0' }])), orders: [], fills: [] });
  }

  factory: ConnectorFactory = (options) => {
    const connector = new FakeConnector(this, options);
    this.connectors.push(connector);
    return connector;
  };

  id(): string {
    return String(this.nextId++);
  }
}

type Listener<T> = (value: T) => void;

export class FakeConnector implements ExchangeConnector {
  readonly exchange: ExchangeId;
  readonly accountId: string | undefined;
  started = false;
  stopped = false;
  private readonly orderListeners = new Set<Listener<Order>>();
  private readonly fillListeners = new Set<Listener<Fill>>();
  private readonly balanceListeners = new Set<Listener<Balance[]>>();
  private readonly resolutionListeners = new Set<Listener<SubmitResolution>>();
  /** Only on a venue that amends (`FakeExchange.amends`), as on a real connector. */
  amendOrder?: (request: AmendRequest) => Promise<Result<Order>>;

  constructor(
    private readonly venue: FakeExchange,
    private readonly options: ConnectorOptions,
  ) {
    this.exchange = venue.exchange;
    this.accountId = options.accountId;
    if (venue.amends) this.amendOrder = (request) => this.amend(request);
  }

  async start() { this.started = true; }
  async stop() { this.stopped = true; }

  async markets() { return ok(FAKE_MARKETS.map((m) => ({ ...m, exchange: this.exchange }))); }
  async tickers() { return ok([]); }
  async orderBook(symbol: string) {
    this.venue.orderBookCalls++;
    return ok(this.bookOf(symbol));
  }

  private bookOf(symbol: string): BookSnapshot {
    const top = this.venue.books.get(symbol);
    return { exchange: this.exchange, symbol, bids: top ? [[top.bid, '1']] : [], asks: top ? [[top.ask, '1']] : [], stale: false, time: 0 };
  }
  async recentTrades() { return ok([]); }
  async candles() { return ok([]); }
  /** Streams the venue's book once, as a live stream's first snapshot. */
  watchBook(symbol: string, listener: (book: BookSnapshot) => void) {
    let live = true;
    queueMicrotask(() => live && listener(this.bookOf(symbol)));
    return () => {
      live = false;
    };
  }
  watchTrades() { return () => {}; }
  watchTicker() { return () => {}; }
  watchCandles() { return () => {}; }

  /** Signs like a real connector: asks for the credentials on every private call. */
  private async auth(): Promise<Result<FakeAccount>> {
    if (this.venue.failWith) return this.venue.failWith;
    if (!this.options.credentials) return err('AUTH_INVALID_KEY', 'no credentials');
    const { apiKey, secret } = await this.options.credentials();
    const account = this.venue.accounts.get(apiKey);
    if (!account || !secret.equals(signingKey({ apiKey, apiSecret: account.secret }).secret)) return err('AUTH_INVALID_KEY', 'invalid signature');
    return ok(account);
  }

  async checkCredentials() {
    const account = await this.auth();
    return account.ok ? ok({ latencyMs: 1 }) : account;
  }

  async placeOrder(order: ConnectorOrder): Promise<Result<Order>> {
    const account = await this.auth();
    if (!account.ok) return account;
    this.venue.placeCalls++;
    if (this.venue.placeFailWith) return this.venue.placeFailWith;
    if (this.venue.hold) await this.venue.hold;
    if (this.venue.unclearPlaces > 0) {
      this.venue.unclearPlaces--;
      return err('ORDER_STATE_UNKNOWN', `order ${order.clientId} may or may not have been placed`, { retryable: false });
    }
    const now = Date.now();
    const market = order.type === 'market';
    const top = this.venue.books.get(order.symbol);
    const quantity = order.quantity ?? (order.total && top ? new Big(order.total).div(top.ask).round(5, Big.roundDown).toFixed() : '0');
    const placed: Order = {
      accountId: this.accountId ?? '', exchange: this.exchange, symbol: order.symbol, id: this.venue.id(), clientId: order.clientId,
      side: order.side, type: order.type, status: market ? 'filled' : 'open', price: order.price, triggerPrice: order.triggerPrice,
      quantity, filledQuantity: market ? quantity : '0', createdAt: now, updatedAt: now,
    };
    account.value.orders.push(placed);
    for (const l of this.orderListeners) l(placed);
    if (market && top) {
      const fill: Fill = {
        accountId: this.accountId ?? '', exchange: this.exchange, symbol: order.symbol, id: this.venue.id(), orderId: placed.id, side: order.side,
        price: order.side === 'buy' ? top.ask : top.bid, quantity, fee: '0', feeAsset: 'USDT', time: now,
      };
      account.value.fills.push(fill);
      for (const l of this.fillListeners) l(fill);
    }
    return ok(placed);
  }

  async cancelOrder(symbol: string, orderId: string): Promise<Result<Order>> {
    const account = await this.auth();
    if (!account.ok) return account;
    this.venue.cancelCalls++;
    const order = account.value.orders.find((o) => o.id === orderId && o.symbol === symbol);
    if (!order || order.status !== 'open') return err('NOT_FOUND', `no open order ${orderId}`);
    order.status = 'canceled';
    for (const l of this.orderListeners) l(order);
    return ok(order);
  }

  /** Changes the price and quantity of an open order in place: same id, same client id. */
  private async amend(request: AmendRequest): Promise<Result<Order>> {
    const account = await this.auth();
    if (!account.ok) return account;
    this.venue.amendCalls++;
    if (this.venue.amendFailWith) return this.venue.amendFailWith;
    const order = account.value.orders.find((o) => o.id === request.orderId && o.symbol === request.symbol);
    if (!order || order.status !== 'open') return err('EXCHANGE_REJECTED', `no open order ${request.orderId}`, { field: 'orderId' });
    Object.assign(order, { price: request.price, quantity: request.quantity, updatedAt: Date.now() });
    for (const l of this.orderListeners) l(order);
    return ok({ ...order });
  }

  async cancelAll(symbol?: string) {
    const account = await this.auth();
    if (!account.ok) return account;
    let canceled = 0;
    for (const order of account.value.orders) {
      if (order.status === 'open' && (!symbol || order.symbol === symbol)) {
        order.status = 'canceled';
        canceled++;
      }
    }
    return ok({ canceled });
  }

  async openOrders(symbol?: string) {
    const account = await this.auth();
    return account.ok ? ok(account.value.orders.filter((o) => o.status === 'open' && (!symbol || o.symbol === symbol))) : account;
  }

  async orderHistory() {
    const account = await this.auth();
    return account.ok ? ok([...account.value.orders]) : account;
  }

  async fills() {
    const account = await this.auth();
    return account.ok ? ok([...account.value.fills]) : account;
  }

  async balances(): Promise<Result<Balance[]>> {
    const account = await this.auth();
    if (!account.ok) return account;
    return ok([...account.value.balances].map(([asset, b]) => ({ accountId: this.accountId ?? '', asset, free: b.free, locked: b.locked, total: new Big(b.free).plus(b.locked).toFixed() })));
  }

  /** Pushes a balance update the way a private stream would. */
  pushBalances(balances: Balance[]): void {
    for (const l of this.balanceListeners) l(balances);
  }

  onOrder(listener: Listener<Order>) { this.orderListeners.add(listener); return () => void this.orderListeners.delete(listener); }
  onFill(listener: Listener<Fill>) { this.fillListeners.add(listener); return () => void this.fillListeners.delete(listener); }
  onBalances(listener: Listener<Balance[]>) { this.balanceListeners.add(listener); return () => void this.balanceListeners.delete(listener); }
  onSubmitResolved(listener: Listener<SubmitResolution>) { this.resolutionListeners.add(listener); return () => void this.resolutionListeners.delete(listener); }

  /** Reports how an ambiguous submit ended, the way a connector's reconciliation would. */
  pushResolution(resolution: SubmitResolution): void {
    for (const l of this.resolutionListeners) l(resolution);
  }

  /** Pushes an own-order change the way a private stream would. */
  pushOrder(order: Order): void {
    for (const l of this.orderListeners) l(order);
  }
  streams() { return []; }
  onStreams() { return () => {}; }
  rateBudgets() { return []; }
  link() { return { exchange: this.exchange }; }
}
