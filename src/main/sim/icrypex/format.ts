import { D } from '../shared/decimal';
import { type MatchingEngine } from '../matching/engine';
import { type OrderStatus, type OrderType, type SimFill, type SimMarket, type SimOrder, type SimTrade } from '../matching/types';
import { type MarketProfile } from '../market/catalog';
import { type IcrypexQuirks } from './quirks';

/** specs/icrypex.md §7.9 enum for order types. */
export const TYPE_WIRE: Record<OrderType, string> = {
  limit: 'LIMIT',
  market: 'MARKET',
  'stop-limit': 'STOP_LIMIT',
  'stop-market': 'STOP_MARKET',
};

/** specs/icrypex.md §7.9/§9.10: list status words (OPEN/FILL/CANCEL), or the long variant. */
export function listStatus(status: OrderStatus, quirks: IcrypexQuirks): string {
  const long = quirks.listStatusStyle === 'long';
  switch (status) {
    case 'new':
    case 'partial':
      return 'OPEN';
    case 'filled':
      return long ? 'FILLED' : 'FILL';
    case 'canceled':
    case 'pending-cancel':
      return long ? 'CANCELED' : 'CANCEL';
  }
}

/** specs/icrypex.md §7.7/§9.10: place reply status (`Fill` style by default). */
export function placeStatus(status: OrderStatus, quirks: IcrypexQuirks): string {
  const open = status === 'new' || status === 'partial';
  const filled = status === 'filled';
  switch (quirks.placeStatusStyle) {
    case 'UPPER':
      return open ? 'OPEN' : filled ? 'FILL' : 'CANCEL';
    case 'table':
      return open ? 'Open' : filled ? 'Filled' : 'Canceled';
    case 'Pascal':
      return open ? 'Open' : filled ? 'Fill' : 'Cancel';
  }
}

/** Time in the unit a quirk asks for. */
export function timeIn(ms: number, unit: 'ms' | 's'): number {
  return unit === 'ms' ? ms : Math.floor(ms / 1000);
}

/** What an order is worth in quote: limit value, quote budget, or what it filled. */
function orderTotal(order: SimOrder): string {
  if (order.quoteAmount) return order.quoteAmount;
  if (order.price && order.quantity) return D(order.price).times(order.quantity).toString();
  return order.filledQuote;
}

/** specs/icrypex.md §7.9 Order model. */
export function wireOrder(order: SimOrder, quirks: IcrypexQuirks): Record<string, unknown> {
  const total = orderTotal(order);
  return {
    id: order.id,
    symbol: order.symbol,
    createdDate: timeIn(order.createdAt, quirks.orderDateUnit),
    updatedDate: timeIn(order.updatedAt, quirks.orderDateUnit),
    price: order.price ?? '0',
    quantity: order.quantity ?? order.filledQuantity,
    leftQuantity: order.remainingQuantity,
    triggerPrice: order.triggerPrice ?? '0',
    ...(quirks.orderTotalKey !== 'totalQuote' ? { total } : {}),
    ...(quirks.orderTotalKey !== 'total' ? { totalQuote: total } : {}),
    side: order.side === 'buy' ? 'BUY' : 'SELL',
    status: listStatus(order.status, quirks),
    type: TYPE_WIRE[order.type],
    clientId: order.clientId ?? '',
  };
}

/** specs/icrypex.md §7.7 place reply. */
export function wirePlaceReply(order: SimOrder, fills: readonly SimFill[], quirks: IcrypexQuirks): Record<string, unknown> {
  const trades = fills.map((fill) => ({ quantity: fill.quantity, price: fill.price }));
  return {
    id: quirks.placeIdAsString ? String(order.id) : order.id,
    ok: true,
    pairSymbol: order.symbol,
    status: placeStatus(order.status, quirks),
    quantity: order.quantity ?? order.filledQuantity,
    leftQuantity: order.remainingQuantity,
    total: orderTotal(order),
    matchedTotal: order.filledQuote,
    ...(quirks.placeTradesKey !== 'trades' ? { lastTrades: trades } : {}),
    ...(quirks.placeTradesKey !== 'lastTrades' ? { trades } : {}),
  };
}

/** specs/icrypex.md §7.11 user trade model. */
export function wireUserTrade(fill: SimFill, quirks: IcrypexQuirks): Record<string, unknown> {
  return {
    date: timeIn(fill.time, quirks.tradeDateUnit),
    orderId: fill.orderId,
    pairSymbol: fill.symbol,
    side: fill.side === 'buy' ? 'BUY' : 'SELL',
    quantity: fill.quantity,
    price: fill.price,
    fee: fill.fee,
    total: fill.quoteQuantity,
  };
}

/** specs/icrypex.md §7.4 public trade row. */
export function wireLastTrade(trade: SimTrade, quirks: IcrypexQuirks): Record<string, unknown> {
  const seconds = Math.floor(trade.time / 1000);
  // §7.4/§9.15: the live server was seen sending seconds / 1000 on one pair.
  return { d: quirks.lastTradesDateQuirk ? Math.floor(seconds / 1000) : seconds, p: trade.price, q: trade.quantity, s: trade.takerSide === 'buy' ? 'BUY' : 'SELL' };
}

/** specs/icrypex.md §7.2 REST ticker (exactly these 10 keys). */
export function wireRestTicker(engine: MatchingEngine, symbol: string): Record<string, string> {
  const stats = engine.stats24h(symbol);
  return {
    symbol: stats.symbol,
    last: stats.last ?? '0',
    ask: stats.bestAsk ?? '0',
    bid: stats.bestBid ?? '0',
    high: stats.high ?? '0',
    low: stats.low ?? '0',
    avg: stats.average ?? '0',
    change: stats.changePercent,
    qty: stats.change,
    volume: stats.volume,
  };
}

/** specs/icrypex.md §8.4 WS ticker (key order as in the live capture). */
export function wireWsTicker(engine: MatchingEngine, market: SimMarket, quirks: IcrypexQuirks): Record<string, string> {
  const stats = engine.stats24h(market.symbol);
  return {
    ps: market.symbol,
    ...(quirks.tickerAssetKeys ? { bs: market.base, qs: market.quote } : {}),
    p: stats.last ?? '0',
    a: stats.bestAsk ?? '0',
    b: stats.bestBid ?? '0',
    h: stats.high ?? '0',
    l: stats.low ?? '0',
    g: stats.average ?? '0',
    cp: stats.changePercent,
    cq: stats.change,
    v: stats.volume,
  };
}

/** specs/icrypex.md §8.4 WS trade (`s` integer 0 = buy, undocumented `m`). */
export function wireWsTrade(trade: SimTrade, quirks: IcrypexQuirks): Record<string, unknown> {
  return {
    ps: trade.symbol,
    d: Math.floor(trade.time / 1000),
    q: trade.quantity,
    p: trade.price,
    s: trade.takerSide === 'buy' ? 0 : 1,
    ...(quirks.tradeM ? { m: 0 } : {}),
  };
}

/** specs/icrypex.md §8.4 user-trade push. */
export function wireWsUserTrade(order: SimOrder, fill: SimFill, quirks: IcrypexQuirks): Record<string, unknown> {
  return {
    ps: order.symbol,
    o: order.id,
    tq: fill.quantity,
    oq: order.quantity ?? order.filledQuantity,
    lq: order.remainingQuantity,
    tt: fill.quoteQuantity,
    c: String(order.fillCount),
    p: fill.price,
    s: listStatus(order.status, quirks),
    sd: order.side === 'buy' ? 'BUY' : 'SELL',
    t: TYPE_WIRE[order.type],
  };
}

/** specs/icrypex.md §7.1 exchange info. */
export function wireExchangeInfo(engine: MatchingEngine, profiles: readonly MarketProfile[], quirks: IcrypexQuirks, createdDate: number): Record<string, unknown> {
  const markets = engine.listMarkets();
  const names = new Map<string, string>([['USDT', 'Tether'], ...profiles.map((p) => [p.market.base, p.baseName] as [string, string])]);
  const assets = [...new Set(markets.flatMap((m) => [m.base, m.quote]))].sort();
  return {
    version: '1',
    assets: assets.map((symbol) => {
      const precision = Math.max(...markets.map((m) => (m.base === symbol ? m.quantityPrecision : m.quote === symbol ? 8 : 0)));
      return {
        symbol,
        name: names.get(symbol) ?? symbol,
        categories: [],
        description: null,
        type: 'CRYPTO',
        isEnabled: true,
        isNew: false,
        isWithdrawalEnabled: true,
        isDepositEnabled: true,
        precision,
        displayPrecision: precision,
        minDeposit: '0',
        minWithdrawal: '0',
        ...(quirks.assetLimitFields ? { limitWithdrawal24h: '0', limitWithdrawal30d: '0', limitDeposit24h: '0', limitDeposit30d: '0' } : {}),
        updatedDate: null,
        createdDate,
      };
    }),
    pairs: markets.map((market, index) => ({
      symbol: market.symbol,
      base: market.base,
      quote: market.quote,
      minExchangeValue: market.minNotional,
      minPrice: market.tickSize,
      maxPrice: '100000000',
      quantityPrecision: market.quantityPrecision,
      pricePrecision: market.pricePrecision,
      totalPrecision: 8,
      commissionPrecision: 8,
      displayOrder: index + 1,
      status: engine.marketStatus(market.symbol) === 'running' ? 'Running' : 'CancelOnly',
      marketTypes: ['SPOT'],
      orderTypes: ['MARKET', 'LIMIT', 'STOP_MARKET', 'STOP_LIMIT'],
      tickSize: market.tickSize,
      priceLimitFactor: market.priceBandFactor ?? '3',
    })),
  };
}
