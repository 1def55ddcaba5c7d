import Big from 'big.js';

import { type SimFill, type SimOrder } from '../matching';
import { decimal, javaNumber } from './json';
import { type CryptocomQuirks } from './quirks';

/**
 * V1 order and trade objects (specs/cryptocom-v1.md §4, §5.9, §5.12-§5.14) from engine state.
 * Order decimals are strings padded to 8 places as in the samples (`"8000.00000000"`).
 */

const SCALE = 8;
const s8 = (v: string) => decimal(v, 'string', SCALE) as string;

/** §4 status codes: 0 INIT, 1 NEW, 2 FILLED, 3 PART_FILLED, 4 CANCELED, 5 PENDING_CANCEL, 6 EXPIRED. */
export function v1Status(order: SimOrder): number {
  switch (order.status) {
    case 'new':
      return 1;
    case 'partial':
      return 3;
    case 'filled':
      return 2;
    case 'pending-cancel':
      return 5;
    case 'canceled':
      // A market order the book could not fill at all ends "abnormal" (6); the exchange's exact
      // rule is unknown, this makes the code reachable for clients.
      return order.type === 'market' && order.filledQuantity === '0' ? 6 : 4;
  }
}

const STATUS_MSG: Record<number, string> = {
  0: 'Init',
  1: 'unsettled',
  2: 'Completely Filled',
  3: 'Partially Filled',
  4: 'Canceled',
  5: 'Pending Cancel',
  6: 'Expired',
};

/** What a V1 order row needs besides the engine order. */
export interface OrderContext {
  base: string;
  quote: string;
  quirks: CryptocomQuirks;
}

/**
 * The order row of openOrders/allOrders (§5.12: `order_info` fields without `tradeList`, all
 * decimals strings). §4: a market BUY's `volume` is the quote amount it was sent with.
 */
export function orderRow(order: SimOrder, ctx: OrderContext): Record<string, unknown> {
  const isMarket = order.type === 'market';
  const volume = order.quoteAmount ?? order.quantity ?? '0';
  const price = order.price ?? '0';
  const status = v1Status(order);
  const total = isMarket ? (order.quoteAmount ?? '0') : new Big(price).times(volume).toFixed();
  const row: Record<string, unknown> = {
    id: order.id,
    side: order.side.toUpperCase(),
    side_msg: order.side.toUpperCase(),
    type: isMarket ? 2 : 1,
    status,
    status_msg: STATUS_MSG[status],
    price: s8(price),
    volume: s8(volume),
    deal_volume: s8(order.filledQuantity),
    remain_volume: s8(order.quoteAmount !== null ? remainingQuote(order) : order.remainingQuantity),
    avg_price: s8(order.averagePrice ?? '0'),
    total_price: s8(total),
    deal_price: s8(order.filledQuote),
    fee: s8(order.fee),
    fee_coin: order.feeAsset.toUpperCase(),
    baseCoin: ctx.base.toUpperCase(),
    countCoin: ctx.quote.toUpperCase(),
    source: 3,
    source_msg: 'API',
    created_at: order.createdAt,
  };
  if (ctx.quirks.showOrderUpdatedAt) row.updated_at = order.updatedAt;
  return row;
}

/** A quote-sized (market BUY) order's unspent budget while live, 0 once final. */
function remainingQuote(order: SimOrder): string {
  if (order.status !== 'new' && order.status !== 'partial') return '0';
  const left = new Big(order.quoteAmount ?? '0').minus(order.filledQuote);
  return left.lt(0) ? '0' : left.toFixed();
}

/** A `tradeList` item of showOrder (§5.9). */
export function orderTradeItem(fill: SimFill): Record<string, unknown> {
  return {
    id: fill.tradeId,
    type: fill.side.toUpperCase(),
    price: s8(fill.price),
    volume: s8(fill.quantity),
    deal_price: s8(fill.quoteQuantity),
    fee: s8(fill.fee),
    feeCoin: fill.feeAsset.toUpperCase(),
    ctime: fill.time,
  };
}

/**
 * showOrder's `data` (§5.9): `order_info` with `tradeList`, plus a top-level `trade_list`
 * (S6) when switched on; `deal_price`/`fee` as Java numbers (S6, S5) or strings (S4).
 */
export function showOrderData(order: SimOrder, fills: readonly SimFill[], ctx: OrderContext): Record<string, unknown> {
  const info = orderRow(order, ctx);
  if (ctx.quirks.showOrderDealPriceFee === 'java-number') {
    info.deal_price = javaNumber(order.filledQuote);
    info.fee = javaNumber(order.fee);
  }
  const trades = fills.map(orderTradeItem);
  info.tradeList = trades;
  const data: Record<string, unknown> = { order_info: info };
  if (ctx.quirks.showOrderTopLevelTradeList) data.trade_list = trades;
  return data;
}

/**
 * A myTrades row (§5.14): `id` is the trade id, `ask_id`/`bid_id` the caller's order id, and
 * only the caller's side shows. `type` is display text (`"Sell"`).
 */
export function myTradeRow(fill: SimFill, userId: number): Record<string, unknown> {
  const sell = fill.side === 'sell';
  const row: Record<string, unknown> = {
    id: fill.tradeId,
    side: fill.side.toUpperCase(),
    type: sell ? 'Sell' : 'Buy',
    price: s8(fill.price),
    volume: decimal(fill.quantity, 'string'),
    // The S4 sample shows 2 places ("1.00"); 8 keeps small fees visible.
    deal_price: s8(fill.quoteQuantity),
    fee: s8(fill.fee),
    feeCoin: fill.feeAsset.toUpperCase(),
    ctime: fill.time,
  };
  if (sell) {
    row.ask_id = fill.orderId;
    row.ask_user_id = userId;
  } else {
    row.bid_id = fill.orderId;
    row.bid_user_id = userId;
  }
  return row;
}
