import { type RejectReason, type SimMarket } from '../matching';
import { D, isMultipleOf } from '../shared/decimal';
import { isRawObject, type RawValue } from '../shared/raw-json';
import { CdcxError, CODES, fail } from './codes';
import { type Caller, type OrderDesk, type Params } from './desk';
import { isFinal, type OrderRecord } from './format';
import { USD_PRICES, MIN_ORDER_NOTIONAL_USD } from './markets';
import { decimalParam, stringParam } from './request';

/**
 * The order-entry methods of specs/cryptocom-exchange.md §5.8–§5.10, shared by REST and the
 * user socket (§7.4). Parameter errors throw a CdcxError without `result`; engine outcomes
 * (306, 315, 415, 43003, 43004, 43005) throw one WITH `result` after storing the order as
 * REJECTED or CANCELED (§8 item 10).
 */

const TIFS = ['GOOD_TILL_CANCEL', 'IMMEDIATE_OR_CANCEL', 'FILL_OR_KILL'];
const EXEC_INSTS = ['POST_ONLY', 'SMART_POST_ONLY'];
const PRINTABLE_NO_SPACE = /^[\x21-\x7e]+$/;

/** instrument_name of a private call: required, known (209), tradable (208) when trading. */
function instrumentOf(desk: OrderDesk, params: Params, trading: boolean): SimMarket {
  const name = stringParam(params, 'instrument_name');
  if (!name) fail(CODES.MISSING_OR_INVALID_ARGUMENT, 'instrument_name is required');
  // Names are case-sensitive (§4.1): the engine's lookup is not, so compare the exact text.
  const market = desk.engine.market(name);
  if (!market || market.symbol !== name) fail(CODES.INVALID_INSTRUMENT, `Invalid instrument_name ${JSON.stringify(name)}`);
  if (trading && desk.engine.marketStatus(name) !== 'running') fail(CODES.INSTRUMENT_NOT_TRADABLE, `${name} is not tradable`);
  return market;
}

/** POST private/create-order (§5.8): returns `{client_oid, order_id}`. */
export function createOrder(desk: OrderDesk, caller: Caller, params: Params): { client_oid: string; order_id: string } {
  const q = desk.quirks;
  const market = instrumentOf(desk, params, true);
  const side = stringParam(params, 'side');
  if (side !== 'BUY' && side !== 'SELL') fail(CODES.INVALID_SIDE, `side must be BUY or SELL, got ${JSON.stringify(side ?? null)}`);
  const type = stringParam(params, 'type');
  // §8.22: trigger types moved to private/advanced/create-order.
  if (type !== 'LIMIT' && type !== 'MARKET') fail(CODES.INVALID_ORDTYPE, `type must be LIMIT or MARKET, got ${JSON.stringify(type ?? null)}`);
  const tif = stringParam(params, 'time_in_force') ?? 'GOOD_TILL_CANCEL';
  if (!TIFS.includes(tif)) fail(CODES.INVALID_TIF, `time_in_force must be one of ${TIFS.join(', ')}`);
  const execInst = execInstOf(params.exec_inst);
  const postOnly = execInst.includes('POST_ONLY') || execInst.includes('SMART_POST_ONLY');
  if (postOnly && (type === 'MARKET' || tif !== 'GOOD_TILL_CANCEL')) fail(CODES.POST_ONLY_REJ, 'POST_ONLY needs a LIMIT order with GOOD_TILL_CANCEL');
  // §8.2: decimals as JSON numbers answer D3's codes.
  let price = decimalParam(params, 'price', CODES.INVALID_PRICE, CODES.INVALID_PRICE);
  const quantity = decimalParam(params, 'quantity', CODES.INVALID_ORDERQTY, CODES.UNAUTHORIZED);
  const notional = decimalParam(params, 'notional', CODES.MISSING_OR_INVALID_ARGUMENT, CODES.ERR_INTERNAL);
  if (type === 'LIMIT') {
    if (price === undefined) fail(CODES.INVALID_PRICE, 'price is required for a LIMIT order');
    if (D(price).lte(0) || !isMultipleOf(D(price), D(market.tickSize))) fail(CODES.INVALID_PRICE, `price ${price} is not a multiple of price_tick_size ${market.tickSize}`);
  } else price = undefined; // §4.2: price on MARKET is ignored
  if (quantity !== undefined && (D(quantity).lte(0) || !isMultipleOf(D(quantity), D(market.stepSize)))) fail(CODES.INVALID_ORDERQTY, `quantity ${quantity} is not a multiple of qty_tick_size ${market.stepSize}`);
  // §4.2: MARKET BUY may be sized by notional; if both come, quantity wins.
  const byNotional = type === 'MARKET' && side === 'BUY' && quantity === undefined && notional !== undefined;
  if (quantity === undefined && !byNotional) fail(CODES.INVALID_ORDERQTY, type === 'MARKET' && side === 'BUY' ? 'quantity or notional is required' : 'quantity is required');
  const clientOid = clientOidOf(desk, caller, params);
  const open = desk.openOrders(caller.account.accountId);
  if (open.length >= q.maxOpenPerAccount || open.filter((r) => r.instrument === market.symbol).length >= q.maxOpenPerInstrument) {
    fail(CODES.EXCEEDS_MAX_ALLOWED_ORDERS, 'EXCEEDS_MAX_ALLOWED_ORDERS');
  }

  const fields = {
    clientOid, instrument: market.symbol, side, type, timeInForce: tif, execInst,
    price, quantity, notional: byNotional ? notional : undefined,
  } as const;
  const reject = (code: number, status: 'REJECTED' | 'CANCELED' = 'REJECTED'): never => {
    const rec = desk.record(caller, { ...fields }, undefined);
    desk.finish(rec, status, code);
    throw new CdcxError(code, undefined, { client_oid: rec.clientOid, order_id: rec.orderId });
  };

  // Engine outcomes, checked in the order the exchange reports them.
  const last = desk.engine.lastPrice(market.symbol);
  const refPrice = price ?? last;
  const value = byNotional ? D(notional!) : refPrice && quantity ? D(refPrice).times(quantity) : undefined;
  if (value && value.times(USD_PRICES[market.quote] ?? '1').lt(MIN_ORDER_NOTIONAL_USD)) reject(CODES.BELOW_MIN_ORDER_SIZE);
  if (price && last && D(q.farAwayBand).gt(0) && D(price).minus(last).abs().gt(D(last).times(q.farAwayBand))) reject(CODES.FAR_AWAY_LIMIT_PRICE);
  const top = desk.engine.top(market.symbol);
  if (price && postOnly) {
    const crosses = side === 'BUY' ? top.ask !== null && D(price).gte(top.ask) : top.bid !== null && D(price).lte(top.bid);
    if (crosses && execInst.includes('SMART_POST_ONLY')) {
      // SMART_POST_ONLY: re-priced one tick inside the other side instead of refused.
      price = side === 'BUY' ? D(top.ask!).minus(market.tickSize).toFixed() : D(top.bid!).plus(market.tickSize).toFixed();
    } else if (crosses) reject(CODES.POST_ONLY_REJ);
  }
  if (price && tif === 'FILL_OR_KILL' && D(available(desk, market.symbol, side, price)).lt(quantity!)) reject(CODES.FILL_OR_KILL, 'CANCELED');

  return desk.run(() => {
    const placed = desk.engine.place({
      accountId: caller.account.accountId, symbol: market.symbol, side: side === 'BUY' ? 'buy' : 'sell',
      type: type === 'LIMIT' ? 'limit' : 'market', price, quantity, quoteAmount: byNotional ? notional : undefined, clientId: clientOid,
    });
    if (!placed.ok) reject(engineCode(placed.reason));
    const order = placed.ok ? placed.order : undefined;
    const rec = desk.record(caller, { ...fields, price }, order!.id);
    if (tif === 'IMMEDIATE_OR_CANCEL' && order!.status !== 'filled') {
      desk.engine.cancel(caller.account.accountId, order!.id);
      // §8.11: a partly filled IOC is a success; an unfilled one is 43004 with the order.
      if (D(order!.filledQuantity).eq(0)) {
        rec.reason = String(CODES.IMMEDIATE_OR_CANCEL);
        throw new CdcxError(CODES.IMMEDIATE_OR_CANCEL, undefined, { client_oid: rec.clientOid, order_id: rec.orderId });
      }
    }
    return { client_oid: rec.clientOid, order_id: rec.orderId };
  });
}

/** Base quantity resting on the other side at `price` or better (FOK check). */
function available(desk: OrderDesk, symbol: string, side: 'BUY' | 'SELL', price: string): string {
  const book = desk.engine.bookWithCounts(symbol);
  const levels = side === 'BUY' ? book.asks.filter(([p]) => D(p).lte(price)) : book.bids.filter(([p]) => D(p).gte(price));
  return levels.reduce((sum, [, qty]) => sum.plus(qty), D(0)).toFixed();
}

function engineCode(reason: RejectReason): number {
  switch (reason) {
    case 'insufficient_balance':
      return CODES.INSUFFICIENT_AVAILABLE_BALANCE;
    case 'below_min_notional':
      return CODES.BELOW_MIN_ORDER_SIZE;
    case 'price_out_of_band':
      return CODES.FAR_AWAY_LIMIT_PRICE;
    case 'bad_precision':
      return CODES.INVALID_ORDERQTY;
    case 'market_disabled':
      return CODES.INSTRUMENT_NOT_TRADABLE;
    default:
      return CODES.MISSING_OR_INVALID_ARGUMENT;
  }
}

function execInstOf(v: RawValue | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !EXEC_INSTS.includes(x))) fail(CODES.MISSING_OR_INVALID_ARGUMENT, `exec_inst must be an array of ${EXEC_INSTS.join(' / ')}`);
  if (v.length > 1) fail(CODES.MISSING_OR_INVALID_ARGUMENT, 'exec_inst: POST_ONLY and SMART_POST_ONLY cannot be combined');
  return v as string[];
}

/** §4.4 and §8 items 6–7: the given client_oid (checked) or the server's default. */
function clientOidOf(desk: OrderDesk, caller: Caller, params: Params, field = 'client_oid'): string {
  const given = stringParam(params, field);
  if (given === undefined) return (desk.quirks.defaultClientOid === 'nonce' ? caller.nonce : caller.requestId) ?? desk.ns();
  if (given.length === 0 || given.length > 36) fail(CODES.MISSING_OR_INVALID_ARGUMENT, `${field} must be 1 to 36 characters`);
  if (desk.quirks.clientOidCharset === 'printable' && !PRINTABLE_NO_SPACE.test(given)) fail(CODES.MISSING_OR_INVALID_ARGUMENT, `${field} must be printable ASCII without spaces`);
  if (desk.clientOidTaken(caller.account.accountId, given)) fail(CODES.DUPLICATE_CLORDID, 'DUPLICATE_CLORDID');
  return given;
}

/** An open order by order_id / client_oid: 40401 unknown, 212 final (§8 item 8). */
function openRecord(desk: OrderDesk, caller: Caller, orderId: string | undefined, clientOid: string | undefined): OrderRecord {
  const rec = desk.find(caller.account.accountId, orderId, clientOid);
  if (isFinal(desk.status(rec))) fail(CODES.INVALID_ORDERID, 'INVALID_ORDERID');
  return rec;
}

/** POST private/cancel-order (§5.10). */
export function cancelOrder(desk: OrderDesk, caller: Caller, params: Params): { client_oid: string; order_id: string } {
  const rec = openRecord(desk, caller, stringParam(params, 'order_id'), stringParam(params, 'client_oid'));
  desk.run(() => desk.engine.cancel(rec.accountId, rec.engineId!));
  return { client_oid: rec.clientOid, order_id: rec.orderId };
}

/** POST private/cancel-all-orders (§5.10): no result. */
export function cancelAll(desk: OrderDesk, caller: Caller, params: Params): undefined {
  const name = stringParam(params, 'instrument_name');
  if (name !== undefined) instrumentOf(desk, params, false);
  const type = stringParam(params, 'type');
  if (type !== undefined && type !== 'LIMIT' && type !== 'ALL') fail(CODES.MISSING_OR_INVALID_ARGUMENT, 'type must be LIMIT or ALL');
  desk.run(() => {
    for (const rec of desk.openOrders(caller.account.accountId, name)) desk.engine.cancel(rec.accountId, rec.engineId!);
  });
  return undefined;
}

/** POST private/amend-order (§5.9): cancel-and-replace under the same order_id. */
export function amendOrder(desk: OrderDesk, caller: Caller, params: Params): { client_oid: string; order_id: string } {
  const newPrice = decimalParam(params, 'new_price', CODES.INVALID_PRICE, CODES.INVALID_PRICE);
  const newQuantity = decimalParam(params, 'new_quantity', CODES.INVALID_ORDERQTY, CODES.UNAUTHORIZED);
  if (newPrice === undefined || newQuantity === undefined) fail(CODES.MISSING_OR_INVALID_ARGUMENT, 'new_price and new_quantity are both required (send the old value if unchanged)');
  const rec = openRecord(desk, caller, stringParam(params, 'order_id'), stringParam(params, 'orig_client_oid'));
  if (rec.type !== 'LIMIT') fail(CODES.INVALID_ORDERID, 'only LIMIT orders can be amended');
  const market = desk.engine.market(rec.instrument)!;
  if (!isMultipleOf(D(newPrice), D(market.tickSize)) || D(newPrice).lte(0)) fail(CODES.INVALID_PRICE, `new_price ${newPrice} is not a multiple of price_tick_size ${market.tickSize}`);
  if (!isMultipleOf(D(newQuantity), D(market.stepSize)) || D(newQuantity).lte(0)) fail(CODES.INVALID_ORDERQTY, `new_quantity ${newQuantity} is not a multiple of qty_tick_size ${market.stepSize}`);
  const newClientOid = stringParam(params, 'client_oid') !== undefined ? clientOidOf(desk, caller, params) : rec.clientOid;
  const old = desk.engine.order(rec.accountId, rec.engineId!)!;
  const filled = D(rec.carried.quantity).plus(old.filledQuantity);
  if (D(newQuantity).lte(filled)) fail(CODES.INVALID_ORDERQTY, `new_quantity must be above the ${filled.toFixed()} already filled`);
  return desk.run(() => {
    desk.engine.cancel(rec.accountId, old.id);
    const placed = desk.engine.place({
      accountId: rec.accountId, symbol: rec.instrument, side: rec.side === 'BUY' ? 'buy' : 'sell', type: 'limit',
      price: newPrice, quantity: D(newQuantity).minus(filled).toFixed(), clientId: newClientOid,
    });
    if (!placed.ok) {
      // The old order is gone: the amend ends it, as the exchange's cancel-and-replace would.
      desk.finish(rec, 'CANCELED', engineCode(placed.reason));
      throw new CdcxError(engineCode(placed.reason), undefined, { client_oid: rec.clientOid, order_id: rec.orderId });
    }
    desk.replaceEngineOrder(rec, desk.engine.order(rec.accountId, old.id)!, placed.order.id);
    rec.price = newPrice;
    rec.quantity = newQuantity;
    rec.clientOid = newClientOid;
    return { client_oid: rec.clientOid, order_id: rec.orderId };
  });
}

/** §5.10 list variants: one reply row per entry, each with its own code. */
export function forEachListed(params: Params, run: (entry: Params) => Record<string, unknown> | undefined): Array<Record<string, unknown>> {
  if (stringParam(params, 'contingency_type') !== 'LIST') fail(CODES.MISSING_OR_INVALID_ARGUMENT, 'contingency_type must be LIST');
  const list = params.order_list;
  if (!Array.isArray(list) || list.length < 1 || list.length > 10) fail(CODES.MISSING_OR_INVALID_ARGUMENT, 'order_list must hold 1 to 10 orders');
  return list.map((entry, index) => {
    try {
      if (!isRawObject(entry)) fail(CODES.MISSING_OR_INVALID_ARGUMENT, `order_list[${index}] must be an object`);
      return { index, code: 0, ...run(entry) };
    } catch (error) {
      if (!(error instanceof CdcxError)) throw error;
      return { index, code: error.code, message: error.message, ...(error.result as object | undefined) };
    }
  });
}
