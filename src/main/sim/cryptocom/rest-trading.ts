import { type PlaceRequest, type RejectReason } from '../matching';
import { type SimResponse } from '../shared/http';
import { type V1ErrorName } from './envelope';
import { dateParam, oneOf, optional, paging, positiveDecimal } from './params';
import { accountData } from './rest-market';
import { myTradeRow, orderRow, showOrderData } from './rest-orders';
import { type RestDeps } from './rest-reply';
import { fail, failWith, ok, ownOrder, signedHandler, signedMarket } from './rest-signed';

/** Signed V1 endpoints (specs/cryptocom-v1.md §5.7-§5.14). */

/** How engine rejections map to V1 codes (§5.15 ChainUP table). */
const REJECTION: Record<RejectReason, V1ErrorName> = {
  unknown_account: 'signIllegal',
  unknown_symbol: 'paramIllegal',
  market_disabled: 'tradingFrozen',
  invalid_parameter: 'paramIllegal',
  bad_precision: 'badPrecision',
  below_min_notional: 'belowMinimum',
  insufficient_balance: 'insufficientBalance',
  price_out_of_band: 'priceOutOfBand',
  order_not_found: 'orderNotFound',
  order_not_open: 'cancelFailed',
};

/** POST /v1/account (§5.7). Lists every coin of the simulated markets, held or not. */
export function postAccount(deps: RestDeps) {
  return signedHandler(deps, ({ account }) => {
    const held = new Map(deps.engine.balances(account.accountId).map((b) => [b.asset.toUpperCase(), b]));
    const assets = new Set<string>();
    for (const m of deps.view.markets()) assets.add(m.base.toUpperCase()).add(m.quote.toUpperCase());
    for (const a of held.keys()) assets.add(a);
    const lines = [...assets].sort().map((asset) => held.get(asset) ?? { asset, free: '0', locked: '0' });
    return ok(deps, accountData(deps.view, lines, deps.quirks));
  });
}

/**
 * POST /v1/order (§5.8): type 1 limit (price and base volume), type 2 market (no price; BUY
 * volume is the quote amount to spend, SELL volume the base quantity, §4).
 */
export function postOrder(deps: RestDeps) {
  return signedHandler(deps, (call) => {
    const m = signedMarket(deps, call.params);
    if ('error' in m) return m.error;
    const { market } = m;
    const side = oneOf(call.params, 'side', ['BUY', 'SELL'] as const);
    if (!side.ok) return fail(deps, side);
    const type = oneOf(call.params, 'type', ['1', '2'] as const);
    if (!type.ok) return fail(deps, type);
    const fee = optional(call.params, 'fee_is_user_exchange_coin');
    if (fee !== undefined && fee !== '0' && fee !== '1') return failWith(deps, 'paramIllegal', `fee_is_user_exchange_coin: must be 0 or 1 ('${fee}')`);
    const isBuy = side.value === 'BUY';
    const request: { -readonly [K in keyof PlaceRequest]: PlaceRequest[K] } = {
      accountId: call.account.accountId,
      symbol: market.symbol.toUpperCase(),
      side: isBuy ? 'buy' : 'sell',
      type: type.value === '1' ? 'limit' : 'market',
    };
    if (type.value === '1') {
      const price = positiveDecimal(call.params, 'price', market.pricePrecision);
      if (!price.ok) return fail(deps, price);
      const volume = positiveDecimal(call.params, 'volume', market.amountPrecision);
      if (!volume.ok) return fail(deps, volume);
      request.price = price.value;
      request.quantity = volume.value;
    } else if (isBuy) {
      // §4: a market BUY's volume is the quote amount; its precision is taken as the price's.
      const volume = positiveDecimal(call.params, 'volume', market.pricePrecision);
      if (!volume.ok) return fail(deps, volume);
      request.quoteAmount = volume.value;
    } else {
      const volume = positiveDecimal(call.params, 'volume', market.amountPrecision);
      if (!volume.ok) return fail(deps, volume);
      request.quantity = volume.value;
    }
    const placed = deps.engine.place(request);
    if (!placed.ok) return failWith(deps, REJECTION[placed.reason], `${engineField(placed.field)}: ${placed.message}`);
    return ok(deps, { order_id: placed.order.id });
  });
}

/** Engine field names in V1 terms. */
function engineField(field: string | undefined): string {
  if (field === 'quantity' || field === 'quoteAmount') return 'volume';
  if (field === 'orderId') return 'order_id';
  return field ?? 'order';
}

/** POST /v1/showOrder (§5.9). */
export function postShowOrder(deps: RestDeps) {
  return signedHandler(deps, (call) => {
    const m = signedMarket(deps, call.params);
    if ('error' in m) return m.error;
    const found = ownOrder(deps, call, m.market);
    if ('error' in found) return found.error;
    const fills = deps.engine.fills(call.account.accountId, { orderId: found.order.id });
    return ok(deps, showOrderData(found.order, fills, { base: m.market.base, quote: m.market.quote, quirks: deps.quirks }));
  });
}

/** The cancel reply's `data` (§5.10: null per S6, `""` per ChainUP). */
function cancelData(deps: RestDeps): null | string {
  return deps.quirks.cancelReplyData === 'null' ? null : '';
}

/** POST /v1/orders/cancel (§5.10): the order shows status 5 before it becomes 4. */
export function postCancel(deps: RestDeps) {
  return signedHandler(deps, (call) => {
    const m = signedMarket(deps, call.params);
    if ('error' in m) return m.error;
    const found = ownOrder(deps, call, m.market);
    if ('error' in found) return found.error;
    const result = deps.engine.cancel(call.account.accountId, found.order.id, { pending: true });
    if (!result.ok) return failWith(deps, REJECTION[result.reason], `order_id: ${result.message}`);
    deps.settleCancels(call.account.accountId);
    return ok(deps, cancelData(deps));
  });
}

/** POST /v1/cancelAllOrders (§5.11): every open order of the market, at most 2000 per call (ChainUP). */
export function postCancelAll(deps: RestDeps) {
  return signedHandler(deps, (call) => {
    const m = signedMarket(deps, call.params);
    if ('error' in m) return m.error;
    const open = deps.engine.openOrders(call.account.accountId, m.market.symbol.toUpperCase()).slice(0, 2000);
    for (const order of open) deps.engine.cancel(call.account.accountId, order.id, { pending: true });
    if (open.length > 0) deps.settleCancels(call.account.accountId);
    return ok(deps, cancelData(deps));
  });
}

/** Newest first, then one page (§5.12 `page` is 1-based). */
function pageOf<T>(rows: readonly T[], page: number, pageSize: number): T[] {
  return rows.slice((page - 1) * pageSize, page * pageSize);
}

/** POST /v1/openOrders (§5.12): `{"count","resultList"}`, statuses 0, 1, 3. */
export function postOpenOrders(deps: RestDeps) {
  return signedHandler(deps, (call) => {
    const m = signedMarket(deps, call.params);
    if ('error' in m) return m.error;
    const pg = paging(call.params, deps.quirks.defaultPageSize);
    if (!pg.ok) return fail(deps, pg);
    const ctx = { base: m.market.base, quote: m.market.quote, quirks: deps.quirks };
    const all = deps.engine.openOrders(call.account.accountId, m.market.symbol.toUpperCase()).reverse();
    const rows = pageOf(all, pg.value.page, pg.value.pageSize).map((o) => orderRow(o, ctx));
    return ok(deps, { count: all.length, resultList: rows });
  });
}

/** POST /v1/allOrders (§5.13): `{"count","orderList"}`, every status, optional date window. */
export function postAllOrders(deps: RestDeps) {
  return signedHandler(deps, (call) => {
    const m = signedMarket(deps, call.params);
    if ('error' in m) return m.error;
    const window = dateWindow(deps, call.params);
    if ('error' in window) return window.error;
    const pg = paging(call.params, deps.quirks.defaultPageSize);
    if (!pg.ok) return fail(deps, pg);
    const ctx = { base: m.market.base, quote: m.market.quote, quirks: deps.quirks };
    const all = deps.engine.ordersOf(call.account.accountId, { symbol: m.market.symbol.toUpperCase(), ...window.range }).reverse();
    const rows = pageOf(all, pg.value.page, pg.value.pageSize).map((o) => orderRow(o, ctx));
    return ok(deps, { count: all.length, orderList: rows });
  });
}

/** POST /v1/myTrades (§5.14): `{"count","resultList"}`, oldest first unless `sort=1`. */
export function postMyTrades(deps: RestDeps) {
  return signedHandler(deps, (call) => {
    const m = signedMarket(deps, call.params);
    if ('error' in m) return m.error;
    const window = dateWindow(deps, call.params);
    if ('error' in window) return window.error;
    const pg = paging(call.params, deps.quirks.defaultPageSize);
    if (!pg.ok) return fail(deps, pg);
    const sort = optional(call.params, 'sort');
    if (sort !== undefined && sort !== '0' && sort !== '1') return failWith(deps, 'paramIllegal', `sort: must be 0 or 1 ('${sort}')`);
    const fills = deps.engine.fills(call.account.accountId, { symbol: m.market.symbol.toUpperCase(), ...window.range });
    if (sort === '1') fills.reverse();
    const rows = pageOf(fills, pg.value.page, pg.value.pageSize).map((f) => myTradeRow(f, call.account.userId));
    return ok(deps, { count: fills.length, resultList: rows });
  });
}

/** `startDate`/`endDate` (§5.13, server time zone) as an inclusive ms range. */
function dateWindow(deps: RestDeps, params: Record<string, string>): { range: { from?: number; to?: number } } | { error: SimResponse } {
  const off = deps.quirks.serverUtcOffsetHours;
  const from = dateParam(params, 'startDate', off);
  if (!from.ok) return { error: fail(deps, from) };
  const to = dateParam(params, 'endDate', off);
  if (!to.ok) return { error: fail(deps, to) };
  if (from.value !== undefined && to.value !== undefined && from.value > to.value) {
    return { error: failWith(deps, 'paramIllegal', 'startDate: after endDate') };
  }
  const range: { from?: number; to?: number } = {};
  if (from.value !== undefined) range.from = from.value;
  // endDate has second precision: include the whole second.
  if (to.value !== undefined) range.to = to.value + 999;
  return { range };
}
