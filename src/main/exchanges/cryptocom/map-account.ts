import type { Balance, Fill, Order, OrderStatus } from '../../../shared';
import { addDecimals, isPositive } from '../kit/amounts';
import { arr, dec, id, num, obj, optDec, WireError } from '../kit/wire';
import { sideOf } from './map-market';
import { fromNative } from './symbols';

const EXCHANGE = 'cryptocom' as const;

/**
 * POST /v1/account (specs/cryptocom-v1.md §5.7): `coin_list` rows with `normal` (free) and
 * `locked`; the BTC value is spelled `btcValuatin` or `btcValuation` (and is not needed here).
 * Rows with nothing in them are left out; coins are upper-cased.
 */
export function parseAccount(data: unknown, accountId: string): Balance[] {
  const body = obj(data, 'data');
  const rows = body.coin_list === null || body.coin_list === undefined ? [] : arr(body.coin_list, 'data.coin_list');
  const out: Balance[] = [];
  rows.forEach((raw, i) => {
    const row = obj(raw, `data.coin_list[${i}]`);
    const asset = typeof row.coin === 'string' && row.coin !== '' ? row.coin.toUpperCase() : undefined;
    if (!asset) throw new WireError(`data.coin_list[${i}].coin`, 'expected a coin name');
    const free = dec(row.normal, `data.coin_list[${i}].normal`);
    const locked = optDec(row.locked, `data.coin_list[${i}].locked`) ?? '0';
    if (!isPositive(free) && !isPositive(locked)) return;
    out.push({ accountId, asset, free, locked, total: addDecimals(free, locked) });
  });
  return out.sort((a, b) => (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0));
}

// §4: 0 INIT, 1 NEW, 2 FILLED, 3 PART_FILLED, 4 CANCELED, 5 PENDING_CANCEL, 6 EXPIRED.
const STATUS: Record<number, OrderStatus> = {
  0: 'open',
  1: 'open',
  2: 'filled',
  3: 'partially-filled',
  4: 'canceled',
  5: 'pending-cancel',
  6: 'expired',
};

/** The wire fields of one order, kept for reconciliation (which compares raw volume/price). */
export interface WireOrder {
  order: Order;
  /** `volume` as sent: base quantity, or the quote amount of a market BUY (§4). */
  volume: string;
  price?: string;
  /** Fills carried by showOrder (`order_info.tradeList` or top-level `trade_list`, §5.9). */
  fills: Fill[];
}

/**
 * One order object of showOrder/openOrders/allOrders (§5.9, §5.12, §5.13). `nativeSymbol` is
 * the symbol the call was made for (the object has only `baseCoin`/`countCoin`). A market BUY's
 * `volume` is a quote amount, so its base quantity is what was filled (`deal_volume`).
 */
export function parseOrder(raw: unknown, nativeSymbol: string, accountId: string, path: string, topTrades?: unknown): WireOrder {
  const row = obj(raw, path);
  const orderId = id(row.id ?? row.order_id, `${path}.id`);
  const side = sideOf(row.side, `${path}.side`);
  const typeCode = num(row.type, `${path}.type`);
  if (typeCode !== 1 && typeCode !== 2) throw new WireError(`${path}.type`, `expected 1 (limit) or 2 (market), got ${typeCode}`);
  const statusCode = num(row.status, `${path}.status`);
  const status = STATUS[statusCode];
  if (!status) throw new WireError(`${path}.status`, `unknown order status ${statusCode}`);
  const volume = dec(row.volume, `${path}.volume`);
  const filled = optDec(row.deal_volume, `${path}.deal_volume`) ?? '0';
  const price = optDec(row.price, `${path}.price`);
  const createdAt = num(row.created_at, `${path}.created_at`);
  const updatedAt = row.updated_at === undefined || row.updated_at === null ? createdAt : num(row.updated_at, `${path}.updated_at`);
  const symbol = fromNative(nativeSymbol);
  const marketBuy = typeCode === 2 && side === 'buy';
  const order: Order = {
    accountId,
    exchange: EXCHANGE,
    symbol,
    id: orderId,
    side,
    type: typeCode === 1 ? 'limit' : 'market',
    status,
    quantity: marketBuy ? filled : volume,
    filledQuantity: filled,
    createdAt,
    updatedAt,
  };
  if (typeCode === 1 && price !== undefined) order.price = price;
  const tradeRows = row.tradeList ?? topTrades;
  const fills =
    tradeRows === undefined || tradeRows === null
      ? []
      : arr(tradeRows, `${path}.tradeList`).map((t, i) => parseOrderTrade(t, order, `${path}.tradeList[${i}]`));
  const out: WireOrder = { order, volume, fills };
  if (price !== undefined) out.price = price;
  return out;
}

/** POST /v1/showOrder data (§5.9): `order_info`, with its trades inside or in a top-level `trade_list`. */
export function parseShowOrder(data: unknown, nativeSymbol: string, accountId: string): WireOrder {
  const body = obj(data, 'data');
  const parsed = parseOrder(body.order_info, nativeSymbol, accountId, 'data.order_info', body.trade_list);
  // S6 shows both lists with the same items: keep each trade once.
  if (Array.isArray(body.trade_list) && Array.isArray(obj(body.order_info, 'data.order_info').tradeList)) {
    const extra = body.trade_list.map((t, i) => parseOrderTrade(t, parsed.order, `data.trade_list[${i}]`));
    const seen = new Set(parsed.fills.map((f) => f.id));
    for (const fill of extra) if (!seen.has(fill.id)) parsed.fills.push(fill);
  }
  return parsed;
}

function parseOrderTrade(raw: unknown, order: Order, path: string): Fill {
  const row = obj(raw, path);
  return {
    accountId: order.accountId,
    exchange: EXCHANGE,
    symbol: order.symbol,
    id: id(row.id, `${path}.id`),
    orderId: order.id,
    side: row.type === undefined && row.side === undefined ? order.side : sideOf(row.side ?? row.type, `${path}.type`),
    price: dec(row.price, `${path}.price`),
    quantity: dec(row.volume, `${path}.volume`),
    fee: optDec(row.fee, `${path}.fee`) ?? '0',
    feeAsset: typeof row.feeCoin === 'string' ? row.feeCoin.toUpperCase() : '',
    time: num(row.ctime, `${path}.ctime`),
  };
}

/** A page of orders: `{count, resultList}` (openOrders, §5.12) or `{count, orderList}` (allOrders, §5.13). */
export function parseOrderPage(data: unknown, nativeSymbol: string, accountId: string): { count: number; orders: WireOrder[] } {
  const body = obj(data, 'data');
  const key = body.resultList !== undefined ? 'resultList' : 'orderList';
  const list = body[key] === null || body[key] === undefined ? [] : arr(body[key], `data.${key}`);
  const orders = list.map((o, i) => parseOrder(o, nativeSymbol, accountId, `data.${key}[${i}]`));
  const count = body.count === undefined || body.count === null ? orders.length : num(body.count, 'data.count');
  return { count, orders };
}

/**
 * POST /v1/myTrades (§5.14): only the caller's side shows, `ask_id` when it sold and `bid_id`
 * when it bought, and that id is the order id (`id` is the trade id).
 */
export function parseMyTrades(data: unknown, nativeSymbol: string, accountId: string): { count: number; fills: Fill[] } {
  const body = obj(data, 'data');
  const list = body.resultList === null || body.resultList === undefined ? [] : arr(body.resultList, 'data.resultList');
  const fills = list.map((raw, i): Fill => {
    const path = `data.resultList[${i}]`;
    const row = obj(raw, path);
    const side = row.side !== undefined ? sideOf(row.side, `${path}.side`) : row.bid_id !== undefined && row.ask_id === undefined ? 'buy' : sideOf(row.type, `${path}.type`);
    const orderRaw = side === 'sell' ? (row.ask_id ?? row.bid_id) : (row.bid_id ?? row.ask_id);
    return {
      accountId,
      exchange: EXCHANGE,
      symbol: fromNative(nativeSymbol),
      id: id(row.id, `${path}.id`),
      orderId: id(orderRaw, `${path}.${side === 'sell' ? 'ask_id' : 'bid_id'}`),
      side,
      price: dec(row.price, `${path}.price`),
      quantity: dec(row.volume, `${path}.volume`),
      fee: optDec(row.fee, `${path}.fee`) ?? '0',
      feeAsset: typeof row.feeCoin === 'string' ? row.feeCoin.toUpperCase() : typeof row.fee_coin === 'string' ? row.fee_coin.toUpperCase() : '',
      time: num(row.ctime, `${path}.ctime`),
    };
  });
  const count = body.count === undefined || body.count === null ? fills.length : num(body.count, 'data.count');
  return { count, fills };
}

/** POST /v1/order (§5.8): `{order_id: 67952563}`. */
export function parseCreateReply(data: unknown): string {
  const body = obj(data, 'data');
  return id(body.order_id, 'data.order_id');
}
