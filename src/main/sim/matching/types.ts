/**
 * Public types of the simulators' one matching engine. All money is a canonical decimal string
 * (no exponent, trailing zeros trimmed); each exchange layer formats and names things its way.
 */

export type Side = 'buy' | 'sell';
export type OrderType = 'limit' | 'market' | 'stop-limit' | 'stop-market';
export type BookSide = 'bid' | 'ask';

/**
 * Internal order status. Exchange layers map it: Icrypex OPEN/FILL/CANCEL (place reply
 * Open/Fill/Cancel), Crypto.com 0..6. `new` also covers a stop that has not triggered yet
 * (see `triggered`); `pending-cancel` is only used when a cancel is requested with
 * `{ pending: true }` (Crypto.com's 5 before 4) and turns into `canceled` on finalize.
 */
export type OrderStatus = 'new' | 'partial' | 'filled' | 'canceled' | 'pending-cancel';

/** Pair rules and fees of one market. */
export interface SimMarket {
  /** Exchange symbol, e.g. `BTCUSDT`. */
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  /** Decimals allowed in a price. */
  readonly pricePrecision: number;
  /** Decimals allowed in a quantity. */
  readonly quantityPrecision: number;
  /** Prices must be whole multiples of this. */
  readonly tickSize: string;
  /** Quantities must be whole multiples of this. */
  readonly stepSize: string;
  /** Smallest order value in quote. */
  readonly minNotional: string;
  /** Fee rates as fractions (`'0.001'` = 0.1 %). */
  readonly makerFee: string;
  readonly takerFee: string;
  /** Limit prices must stay within [last / f, last * f] when set (Icrypex `priceLimitFactor`). */
  readonly priceBandFactor?: string;
}

/** A request to place an order. */
export interface PlaceRequest {
  readonly accountId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  /** Limit price (limit, stop-limit). */
  readonly price?: string;
  /** Base quantity (limit, stop-limit, sells; market buy spends up to the free quote). */
  readonly quantity?: string;
  /** Quote amount to spend (market and stop-market buys). */
  readonly quoteAmount?: string;
  /** Stop trigger (stop-limit, stop-market). */
  readonly triggerPrice?: string;
  /** Free tag echoed in reports. */
  readonly clientId?: string;
}

/** A snapshot of an order (the engine never hands out its live objects). */
export interface SimOrder {
  readonly id: number;
  readonly accountId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly status: OrderStatus;
  /** False only for a stop that is still waiting for its trigger. */
  readonly triggered: boolean;
  readonly price: string | null;
  /** Ordered base quantity; null for a buy sized by quote amount. */
  readonly quantity: string | null;
  /** Quote budget for a buy sized by quote amount; null otherwise. */
  readonly quoteAmount: string | null;
  readonly triggerPrice: string | null;
  readonly clientId: string | null;
  /** Base quantity filled so far. */
  readonly filledQuantity: string;
  /** quantity - filled for base-sized orders; '0' for quote-sized orders once done. */
  readonly remainingQuantity: string;
  /** Quote value filled so far (sum of price x qty). */
  readonly filledQuote: string;
  /** filledQuote / filledQuantity, null before the first fill. */
  readonly averagePrice: string | null;
  /** Total fee charged so far, in `feeAsset` (base for buys, quote for sells). */
  readonly fee: string;
  readonly feeAsset: string;
  readonly fillCount: number;
  /** Unix ms. */
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** One account's side of one trade. */
export interface SimFill {
  /** The trade id (shared by both sides). */
  readonly tradeId: number;
  readonly orderId: number;
  readonly accountId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly price: string;
  readonly quantity: string;
  /** price x quantity. */
  readonly quoteQuantity: string;
  readonly fee: string;
  readonly feeAsset: string;
  readonly liquidity: 'maker' | 'taker';
  /** Unix ms. */
  readonly time: number;
}

/** A public trade (own or synthetic), as it appears on the tape. */
export interface SimTrade {
  readonly id: number;
  readonly symbol: string;
  readonly price: string;
  readonly quantity: string;
  readonly quoteQuantity: string;
  /** The aggressor's side (public tapes show this). */
  readonly takerSide: Side;
  /** Unix ms. */
  readonly time: number;
  readonly buyOrderId: number;
  readonly sellOrderId: number;
  readonly makerOrderId: number;
  readonly takerOrderId: number;
}

export type RejectReason =
  | 'unknown_account'
  | 'unknown_symbol'
  | 'market_disabled'
  | 'invalid_parameter'
  | 'bad_precision'
  | 'below_min_notional'
  | 'insufficient_balance'
  | 'price_out_of_band'
  | 'order_not_found'
  | 'order_not_open';

/** An expected failure, naming the request field when there is one. */
export interface Rejection {
  readonly ok: false;
  readonly reason: RejectReason;
  readonly message: string;
  readonly field?: string;
}

export type PlaceResult = { readonly ok: true; readonly order: SimOrder; readonly fills: SimFill[] } | Rejection;
export type CancelResult = { readonly ok: true; readonly order: SimOrder } | Rejection;

export interface SimBalance {
  readonly asset: string;
  readonly free: string;
  readonly locked: string;
}

/** [price, quantity] of one aggregated level. */
export type LevelTuple = [price: string, quantity: string];

export interface BookSnapshot {
  /** Best (highest) first. */
  readonly bids: LevelTuple[];
  /** Best (lowest) first. */
  readonly asks: LevelTuple[];
}

/** One OHLCV bucket. */
export interface SimCandle {
  /** Bucket start, Unix seconds. */
  readonly time: number;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  /** Base volume. */
  readonly volume: string;
  /** Quote volume. */
  readonly quoteVolume: string;
}

/** Rolling 24 h statistics of one market. */
export interface SimStats24h {
  readonly symbol: string;
  readonly last: string | null;
  readonly open: string | null;
  readonly high: string | null;
  readonly low: string | null;
  /** Base volume. */
  readonly volume: string;
  readonly quoteVolume: string;
  /** Volume-weighted average price, null without trades. */
  readonly average: string | null;
  /** last - open. */
  readonly change: string;
  /** (last - open) / open x 100, rounded to 2 decimals. */
  readonly changePercent: string;
  readonly bestBid: string | null;
  readonly bestAsk: string | null;
}

/** Filters for order history queries; all optional. */
export interface OrderFilter {
  readonly symbol?: string;
  readonly side?: Side;
  readonly types?: readonly OrderType[];
  readonly statuses?: readonly OrderStatus[];
  /** Creation time bounds, Unix ms, inclusive. */
  readonly from?: number;
  readonly to?: number;
  readonly clientId?: string;
}

/** Filters for fill queries; all optional. */
export interface FillFilter {
  readonly symbol?: string;
  readonly side?: Side;
  readonly orderId?: number;
  /** Unix ms, inclusive. */
  readonly from?: number;
  readonly to?: number;
}

/** Events the engine emits, synchronously, as state changes. */
export type EngineEvents = {
  /** Every aggregated level change; quantity '0' means the level is gone. */
  level: [symbol: string, side: BookSide, price: string, quantity: string];
  /** Every trade. */
  trade: [trade: SimTrade];
  /** Every order update (placed, filled, triggered, canceled), with the fill that caused it. */
  order: [order: SimOrder, fill: SimFill | undefined];
};
