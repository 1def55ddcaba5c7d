import type { Balance, Fill, Order, OrderStatus, OrderType } from '../../../shared';
import { isPositive, negateDecimal, subtractDecimals } from '../kit/amounts';
import { arr, dec, id, num, obj, optDec, optStr, text, WireError, type Obj } from '../kit/wire';
import { CDX } from './endpoints';
import { sideOf } from './map-market';

/**
 * Private wire → shared model (specs/cryptocom-exchange.md §5.7-§5.11; the same objects on the
 * user socket, §7.5). `symbolOf` maps an instrument name to the terminal's symbol.
 */
export type SymbolOf = (native: string) => string | undefined;

/**
 * §5.7: one USD row whose `position_balances[]` are the spot holdings. `quantity` is the total,
 * `reserved_qty` what open orders lock; free = quantity − reserved. Empty rows are left out.
 */
export function parseBalances(result: unknown, accountId: string, path = 'result.data'): Balance[] {
  const rows = arr(Array.isArray(result) ? result : obj(result, 'result').data, path);
  const out: Balance[] = [];
  rows.forEach((raw, r) => {
    const row = obj(raw, `${path}[${r}]`);
    const positions = row.position_balances === undefined || row.position_balances === null ? [] : arr(row.position_balances, `${path}[${r}].position_balances`);
    positions.forEach((p, i) => {
      const at = `${path}[${r}].position_balances[${i}]`;
      const pos = obj(p, at);
      const asset = text(pos.instrument_name, `${at}.instrument_name`);
      const total = dec(pos.quantity, `${at}.quantity`);
      const locked = optDec(pos.reserved_qty, `${at}.reserved_qty`) ?? '0';
      if (!isPositive(total) && !isPositive(locked)) return;
      out.push({ accountId, asset, free: subtractDecimals(total, locked), locked, total });
    });
  });
  return out.sort((a, b) => (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0));
}

// §4.3: no partial status; a partly filled live order is ACTIVE with cumulative_quantity > 0.
const STATUS: Readonly<Record<string, OrderStatus>> = {
  PENDING: 'pending',
  NEW: 'open',
  ACTIVE: 'open',
  FILLED: 'filled',
  CANCELED: 'canceled',
  REJECTED: 'rejected',
  EXPIRED: 'expired',
};

// §4.2: LIMIT and MARKET here; the trigger types show in order objects of the advanced methods.
const TYPES: Readonly<Record<string, OrderType>> = {
  LIMIT: 'limit',
  MARKET: 'market',
  STOP_LIMIT: 'stop-limit',
  TAKE_PROFIT_LIMIT: 'stop-limit',
  STOP_LOSS: 'stop-market',
  TAKE_PROFIT: 'stop-market',
};

/** An order object with what the contract has no field for: the engine's reason code (§4.3). */
export interface WireOrder {
  order: Order;
  /** `reason` as sent (`"43012"`), on rejected and cancelled orders. */
  reason?: string;
}

/** One order object (§5.11, §7.5 user.order). Times are numbers live, strings in the REST docs (§8 item 21). */
export function parseOrder(raw: unknown, accountId: string, symbolOf: SymbolOf, path: string): WireOrder {
  const row = obj(raw, path);
  const native = text(row.instrument_name, `${path}.instrument_name`);
  const symbol = symbolOf(native);
  if (symbol === undefined) throw new WireError(`${path}.instrument_name`, `not a spot market: ${native.slice(0, 40)}`);
  const statusText = text(row.status, `${path}.status`);
  const base = STATUS[statusText];
  if (!base) throw new WireError(`${path}.status`, `unknown order status ${statusText.slice(0, 40)}`);
  const typeText = text(row.order_type ?? row.type, `${path}.order_type`);
  const type = TYPES[typeText];
  if (!type) throw new WireError(`${path}.order_type`, `unknown order type ${typeText.slice(0, 40)}`);
  const filled = optDec(row.cumulative_quantity, `${path}.cumulative_quantity`) ?? '0';
  const status: OrderStatus = base === 'open' && isPositive(filled) ? 'partially-filled' : base;
  const side = sideOf(row.side, `${path}.side`);
  // A market buy by notional has no base quantity until it fills (§4.2).
  const asked = optDec(row.quantity, `${path}.quantity`);
  const quantity = asked !== undefined && isPositive(asked) ? asked : filled;
  const createdAt = num(row.create_time, `${path}.create_time`);
  const order: Order = {
    accountId,
    exchange: CDX,
    symbol,
    id: id(row.order_id, `${path}.order_id`),
    side,
    type,
    status,
    quantity,
    filledQuantity: filled,
    createdAt,
    updatedAt: row.update_time === undefined || row.update_time === null ? createdAt : num(row.update_time, `${path}.update_time`),
  };
  const clientId = optStr(row.client_oid, `${path}.client_oid`);
  if (clientId !== undefined) order.clientId = clientId;
  const price = optDec(row.limit_price ?? row.price, `${path}.limit_price`);
  if (price !== undefined && type !== 'market' && type !== 'stop-market') order.price = price;
  const trigger = optDec(row.trigger_price ?? row.ref_price, `${path}.trigger_price`);
  if (trigger !== undefined && isPositive(trigger) && (type === 'stop-limit' || type === 'stop-market')) order.triggerPrice = trigger;
  const out: WireOrder = { order };
  const reason = optStr(row.reason, `${path}.reason`);
  if (reason !== undefined && reason !== '0') out.reason = reason;
  return out;
}

/** `result.data[]` of get-open-orders and get-order-history, or a socket push's `data[]`. */
export function parseOrders(rows: unknown, accountId: string, symbolOf: SymbolOf, path = 'result.data'): WireOrder[] {
  return arr(rows, path).map((raw, i) => parseOrder(raw, accountId, symbolOf, `${path}[${i}]`));
}

/**
 * One of the account's trades (§5.11 get-trades, §7.5 user.trade). `fees` is negative for a
 * charge (§5.11), the contract's `fee` is what was paid: its sign is flipped.
 */
export function parseFill(raw: unknown, accountId: string, symbolOf: SymbolOf, path: string): Fill {
  const row = obj(raw, path);
  const native = text(row.instrument_name, `${path}.instrument_name`);
  const symbol = symbolOf(native);
  if (symbol === undefined) throw new WireError(`${path}.instrument_name`, `not a spot market: ${native.slice(0, 40)}`);
  const fees = optDec(row.fees, `${path}.fees`) ?? '0';
  return {
    accountId,
    exchange: CDX,
    symbol,
    id: id(row.trade_id, `${path}.trade_id`),
    orderId: id(row.order_id, `${path}.order_id`),
    side: sideOf(row.side, `${path}.side`),
    price: dec(row.traded_price, `${path}.traded_price`),
    quantity: dec(row.traded_quantity, `${path}.traded_quantity`),
    fee: negateDecimal(fees),
    feeAsset: optStr(row.fee_instrument_name, `${path}.fee_instrument_name`) ?? '',
    time: num(row.create_time, `${path}.create_time`),
  };
}

export function parseFills(rows: unknown, accountId: string, symbolOf: SymbolOf, path = 'result.data'): Fill[] {
  return arr(rows, path).map((raw, i) => parseFill(raw, accountId, symbolOf, `${path}[${i}]`));
}

/** The `{client_oid, order_id}` of a create, amend or cancel reply (§5.8-§5.10), also on a non-zero code (§8 item 10). */
export function parseOrderRef(result: unknown, path = 'result'): { orderId: string; clientOid?: string } {
  const row: Obj = obj(result, path);
  const out: { orderId: string; clientOid?: string } = { orderId: id(row.order_id, `${path}.order_id`) };
  const clientOid = optStr(row.client_oid, `${path}.client_oid`);
  if (clientOid !== undefined) out.clientOid = clientOid;
  return out;
}
