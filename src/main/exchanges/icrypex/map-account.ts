import Big from 'big.js';
import type { Balance, Fill, Order, OrderStatus } from '../../../shared';
import type { ConnectorOrder } from '../connector';
import { mapOrderStatus, mapOrderType, mapSide } from './enums';
import { arr, bool, dec, id, int, num, obj, optDec, optStr, pick, str, toMs, WireError, type Obj } from '../kit/wire';

export interface Page<T> {
  items: T[];
  hasNext: boolean;
}

/**
 * The list wrapper of §6. `hasNextPage` decides; without it, pageIndex/totalPages (1-based
 * unless `indexFrom` says 0). A bare array is one final page.
 */
export function mapPage<T>(body: unknown, item: (raw: unknown, at: string) => T, what: string): Page<T> {
  if (Array.isArray(body)) return { items: body.map((r, i) => item(r, `${what}[${i}]`)), hasNext: false };
  const b = obj(body, what);
  const rows = arr(pick(b, ['items', 'Items', 'data']) ?? [], `${what}.items`);
  const items = rows.map((r, i) => item(r, `${what}.items[${i}]`));
  let hasNext: boolean;
  if (b.hasNextPage !== undefined) hasNext = bool(b.hasNextPage, `${what}.hasNextPage`);
  else if (b.pageIndex !== undefined && b.totalPages !== undefined) {
    const zeroBased = b.indexFrom === 0;
    hasNext = int(b.pageIndex, `${what}.pageIndex`) + (zeroBased ? 1 : 0) < int(b.totalPages, `${what}.totalPages`);
  } else hasNext = false;
  return { items, hasNext };
}

function positive(v: string | undefined): string | undefined {
  return v === undefined || new Big(v).eq(0) ? undefined : v;
}

function filled(quantity: string, left: string | undefined): string {
  if (left === undefined) return '0';
  const f = new Big(quantity).minus(left);
  return f.lt(0) ? '0' : f.toFixed();
}

/** Order model of §7.9/§7.10: `symbol` or `pairSymbol`, `total` or `totalQuote`, dates in ms (or s). */
export function mapOrder(raw: unknown, at: string, accountId: string): Order {
  const o = obj(raw, at);
  const quantity = dec(o.quantity ?? '0', `${at}.quantity`);
  const left = optDec(pick(o, ['leftQuantity', 'leftQty']), `${at}.leftQuantity`);
  const filledQuantity = filled(quantity, left);
  const partial = new Big(filledQuantity).gt(0);
  const created = o.createdDate === undefined ? 0 : toMs(num(o.createdDate, `${at}.createdDate`));
  const clientId = o.clientId === undefined || o.clientId === null || o.clientId === '' ? undefined : id(o.clientId, `${at}.clientId`);
  const order: Order = {
    accountId,
    exchange: 'icrypex',
    symbol: str(pick(o, ['symbol', 'pairSymbol', 'ps']), `${at}.symbol`).toUpperCase(),
    id: id(o.id, `${at}.id`),
    side: mapSide(o.side, `${at}.side`),
    type: mapOrderType(o.type, `${at}.type`),
    status: mapOrderStatus(o.status, `${at}.status`, partial),
    quantity,
    filledQuantity,
    createdAt: created,
    updatedAt: o.updatedDate === undefined || o.updatedDate === null ? created : toMs(num(o.updatedDate, `${at}.updatedDate`)),
  };
  const price = positive(optDec(o.price, `${at}.price`));
  if (price) order.price = price;
  // §7.9: `triggerPrice` is "0" on orders that are not stops.
  const trigger = positive(optDec(o.triggerPrice, `${at}.triggerPrice`));
  if (trigger) order.triggerPrice = trigger;
  if (clientId) order.clientId = clientId;
  return order;
}

/** Thrown for a 200 place/cancel reply that says `ok: false`; carries the exchange's words. */
export class ExchangeRefusal extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ExchangeRefusal';
  }
}

/**
 * Place reply of §7.7: `{id, ok, pairSymbol, status, quantity, leftQuantity, total|totalQuote,
 * matchedTotal, lastTrades|trades}`. Statuses arrive as `Open/Fill/Cancel` (§9 #10).
 */
export function mapPlaceReply(body: unknown, request: ConnectorOrder, accountId: string, now: number): Order {
  const b = obj(body, 'placeOrder');
  if (b.ok === false || b.ok === 'false') {
    const code = optStr(b.code, 'placeOrder.code');
    throw new ExchangeRefusal(optStr(b.message, 'placeOrder.message') ?? code ?? 'order not accepted', code);
  }
  const quantity = dec(b.quantity ?? request.quantity ?? '0', 'placeOrder.quantity');
  const left = optDec(b.leftQuantity, 'placeOrder.leftQuantity');
  const filledQuantity = filled(quantity, left);
  const order: Order = {
    accountId,
    exchange: 'icrypex',
    symbol: str(b.pairSymbol ?? b.symbol ?? request.symbol, 'placeOrder.pairSymbol').toUpperCase(),
    id: id(b.id, 'placeOrder.id'),
    clientId: request.clientId,
    side: request.side,
    type: request.type,
    status: b.status === undefined ? 'open' : mapOrderStatus(b.status, 'placeOrder.status', new Big(filledQuantity).gt(0)),
    quantity,
    filledQuantity,
    createdAt: now,
    updatedAt: now,
  };
  if (request.price) order.price = request.price;
  if (request.triggerPrice) order.triggerPrice = request.triggerPrice;
  return order;
}

/** Cancel reply of §7.8 `{ok, id, code: "SUCCESS"}`; `ok: false` is a refusal. */
export function mapCancelReply(body: unknown): { id: string } {
  const b = obj(body, 'cancelOrder');
  if (b.ok === false || b.ok === 'false') {
    const code = optStr(b.code, 'cancelOrder.code');
    throw new ExchangeRefusal(optStr(b.message, 'cancelOrder.message') ?? code ?? 'cancel not accepted', code);
  }
  return { id: b.id === undefined ? '' : id(b.id, 'cancelOrder.id') };
}

/** Wallet rows of §7.13; `available = total - order - request - blocked` when absent. */
export function mapWallet(body: unknown, accountId: string): Balance[] {
  const rows = Array.isArray(body) ? body : arr(pick(obj(body, 'wallet'), ['items', 'data', 'wallet']), 'wallet.items');
  return rows.map((raw, i) => {
    const at = `wallet[${i}]`;
    const w = obj(raw, at);
    const total = dec(w.total ?? '0', `${at}.total`);
    let free = optDec(w.available, `${at}.available`);
    if (free === undefined) {
      free = ['order', 'request', 'blocked']
        .reduce((acc, k) => acc.minus(optDec(w[k], `${at}.${k}`) ?? '0'), new Big(total))
        .toFixed();
    }
    const locked = new Big(total).minus(free);
    return {
      accountId,
      asset: str(w.asset, `${at}.asset`).toUpperCase(),
      free,
      locked: locked.lt(0) ? '0' : locked.toFixed(),
      total,
    };
  });
}

export type PairSplit = (symbol: string) => { base: string; quote: string } | undefined;

/** Own trade of §7.11: no trade id on the wire, so orderId+date+price+qty (+repeat) is the id. */
export function mapFills(rows: Obj[], accountId: string, split: PairSplit): Fill[] {
  const seen = new Map<string, number>();
  return rows.map((t, i) => {
    const at = `trades[${i}]`;
    const symbol = str(pick(t, ['pairSymbol', 'symbol']), `${at}.pairSymbol`).toUpperCase();
    const side = mapSide(t.side, `${at}.side`);
    const orderId = id(t.orderId, `${at}.orderId`);
    const time = toMs(num(t.date, `${at}.date`));
    const price = dec(t.price, `${at}.price`);
    const quantity = dec(t.quantity, `${at}.quantity`);
    const key = `${orderId}:${time}:${price}:${quantity}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const pair = split(symbol);
    // §7.11: the fee is charged in the base asset on buys and the quote asset on sells.
    const feeAsset = pair ? (side === 'buy' ? pair.base : pair.quote) : '';
    return {
      accountId,
      exchange: 'icrypex',
      symbol,
      id: n === 0 ? key : `${key}#${n}`,
      orderId,
      side,
      price,
      quantity,
      fee: dec(t.fee ?? '0', `${at}.fee`),
      feeAsset,
      time,
    } satisfies Fill;
  });
}

/** What a `user-trade` push says about one order (§8.4); values spelled as in REST lists. */
export interface UserTradeUpdate {
  symbol: string;
  orderId: string;
  side: Order['side'];
  type?: Order['type'];
  status: OrderStatus;
  quantity: string;
  leftQuantity: string;
  tradeQuantity: string;
  tradePrice: string;
  /** Unix ms when the push carried a time (§9 #14: seconds), else undefined. */
  time?: number;
}

export function mapUserTrade(body: unknown): UserTradeUpdate {
  const u = obj(body, 'user-trade');
  const quantity = dec(u.oq, 'user-trade.oq');
  const leftQuantity = dec(u.lq, 'user-trade.lq');
  const done = new Big(leftQuantity).lte(0);
  let status: OrderStatus;
  try {
    status = u.s === undefined ? (done ? 'filled' : 'partially-filled') : mapOrderStatus(u.s, 'user-trade.s', true);
  } catch (e) {
    if (!(e instanceof WireError)) throw e;
    // §12.5: the value spellings of `s` are unknown; the quantities tell the truth anyway.
    status = done ? 'filled' : 'partially-filled';
  }
  let type: Order['type'] | undefined;
  try {
    type = u.t === undefined ? undefined : mapOrderType(u.t, 'user-trade.t');
  } catch {
    type = undefined;
  }
  const t = pick(u, ['d', 'date', 'time']);
  return {
    symbol: str(u.ps, 'user-trade.ps').toUpperCase(),
    orderId: id(u.o, 'user-trade.o'),
    side: mapSide(u.sd, 'user-trade.sd'),
    type,
    status,
    quantity,
    leftQuantity,
    tradeQuantity: dec(u.tq, 'user-trade.tq'),
    tradePrice: dec(u.p, 'user-trade.p'),
    time: t === undefined ? undefined : toMs(num(t, 'user-trade.d')),
  };
}
