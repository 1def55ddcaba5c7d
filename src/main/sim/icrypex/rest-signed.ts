import { type Router, type SimRequest, type SimResponse } from '../shared/http';
import { D } from '../shared/decimal';
import { type OrderStatus, type OrderType, type PlaceRequest, type Rejection } from '../matching/types';
import { authenticate, errorReply, type IcrypexContext, type IcrypexErrorCode, paginate, rateLimited, requiredRange } from './context';
import { wireOrder, wirePlaceReply, wireUserTrade } from './format';
import { type IcrypexRateRule } from './rate-limits';

const TYPES: Readonly<Record<string, OrderType>> = { LIMIT: 'limit', MARKET: 'market', STOP_LIMIT: 'stop-limit', STOP_MARKET: 'stop-market' };

/** Invented: a USDT->TRY rate for the SDK-seen `tryValue` wallet field. */
const USDT_TRY = '41.5';

/** Maps an engine rejection to specs/icrypex.md §4 (400 validation, 422 business). Codes invented but market_disabled. */
function rejection(ctx: IcrypexContext, result: Rejection): SimResponse {
  const message = result.message.replaceAll('quoteAmount', 'total');
  const table: Record<Rejection['reason'], [400 | 422, IcrypexErrorCode]> = {
    unknown_account: [400, 'invalid_parameter'],
    unknown_symbol: [400, 'invalid_symbol'],
    invalid_parameter: [400, 'invalid_parameter'],
    bad_precision: [400, 'invalid_precision'],
    market_disabled: [422, 'market_disabled'],
    below_min_notional: [422, 'below_min_exchange_value'],
    insufficient_balance: [422, 'insufficient_balance'],
    price_out_of_band: [422, 'price_out_of_limit'],
    order_not_found: [422, 'order_not_found'],
    order_not_open: [422, 'order_not_open'],
  };
  if (result.reason === 'order_not_found' && ctx.quirks.cancelUnknown === 404) return { status: 404 };
  const [status, code] = table[result.reason];
  return errorReply(status, code, message);
}

function decimalField(body: Record<string, unknown>, name: string): string | undefined | Rejection {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return D(value).toString();
  if (typeof value === 'string') return value;
  return { ok: false, reason: 'invalid_parameter', message: `${name} must be a decimal string`, field: name };
}

/** specs/icrypex.md §7.7: reads the JSON body into an engine request (enums case-insensitive, §9.9). */
function parsePlace(accountId: string, raw: string): PlaceRequest | Rejection | 'bad-json' {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return 'bad-json';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'bad-json';
  const fields = body as Record<string, unknown>;
  const bad = (field: string, message: string): Rejection => ({ ok: false, reason: 'invalid_parameter', message, field });
  if (typeof fields.symbol !== 'string' || fields.symbol === '') return bad('symbol', 'symbol is required, e.g. "BTCUSDT"');
  if (typeof fields.type !== 'string') return bad('type', 'type is required: MARKET, LIMIT, STOP_MARKET or STOP_LIMIT');
  const type = TYPES[fields.type.toUpperCase()];
  if (!type) return bad('type', `type must be MARKET, LIMIT, STOP_MARKET or STOP_LIMIT, got ${JSON.stringify(fields.type)}`);
  if (typeof fields.side !== 'string' || !['BUY', 'SELL'].includes(fields.side.toUpperCase())) {
    return bad('side', `side must be BUY or SELL, got ${JSON.stringify(fields.side)}`);
  }
  if (fields.clientId !== undefined && fields.clientId !== null && typeof fields.clientId !== 'string') return bad('clientId', 'clientId must be a string');
  const values: Record<string, string | undefined> = {};
  for (const name of ['price', 'quantity', 'total', 'triggerPrice']) {
    const value = decimalField(fields, name);
    if (typeof value === 'object') return value;
    values[name] = value;
  }
  const side = fields.side.toLowerCase() as 'buy' | 'sell';
  const request: PlaceRequest = {
    accountId,
    symbol: fields.symbol,
    side,
    type,
    price: values.price,
    // specs/icrypex.md §9.20: market BUY is sized by `total`; a quantity-only market buy is accepted too.
    quantity: values.quantity,
    quoteAmount: side === 'buy' && (type === 'market' || type === 'stop-market') ? values.total : undefined,
    triggerPrice: values.triggerPrice,
    clientId: typeof fields.clientId === 'string' ? fields.clientId : undefined,
  };
  return request;
}

function statusFilter(raw: string | null): OrderStatus[] | undefined | 'bad' {
  if (!raw) return undefined;
  switch (raw.toUpperCase()) {
    case 'OPEN':
      return ['new', 'partial'];
    case 'FILL':
    case 'FILLED':
      return ['filled'];
    case 'CANCEL':
    case 'CANCELED':
    case 'CANCELLED':
      return ['canceled', 'pending-cancel'];
    default:
      return 'bad';
  }
}

function typeFilter(raw: string | null): OrderType[] | undefined | 'bad' {
  if (!raw) return undefined;
  const upper = raw.toUpperCase();
  if (upper === 'STOP') return ['stop-limit', 'stop-market'];
  const type = TYPES[upper];
  return type ? [type] : 'bad';
}

function sideFilter(raw: string | null): 'buy' | 'sell' | undefined | 'bad' {
  if (!raw) return undefined;
  const upper = raw.toUpperCase();
  return upper === 'BUY' ? 'buy' : upper === 'SELL' ? 'sell' : 'bad';
}

/** Registers every signed endpoint of specs/icrypex.md §7.7-§7.13 with the path variants of §9. */
export function addSignedRoutes(router: Router, ctx: IcrypexContext): void {
  const signed = (rule: IcrypexRateRule, handler: (request: SimRequest, apiKey: string) => SimResponse) => (request: SimRequest): SimResponse => {
    const limited = rateLimited(ctx, rule, request);
    if (limited) return limited;
    const auth = authenticate(ctx, request);
    if ('status' in auth) return auth;
    return handler(request, auth.apiKey);
  };

  router.add('POST', '/sapi/v1/orders', signed('orderInsert', (request, apiKey) => {
    const parsed = parsePlace(apiKey, request.body);
    if (parsed === 'bad-json') return errorReply(400, 'invalid_json', 'the body must be a JSON object');
    if ('ok' in parsed) return rejection(ctx, parsed);
    const result = ctx.engine.place(parsed);
    if (!result.ok) return rejection(ctx, result);
    return { status: 200, body: wirePlaceReply(result.order, result.fills, ctx.quirks) };
  }));

  const cancel = (orderIdRaw: string | null | undefined, apiKey: string): SimResponse => {
    if (!orderIdRaw) return errorReply(400, 'invalid_parameter', 'orderId is required');
    if (!/^\d{1,15}$/.test(orderIdRaw)) return errorReply(400, 'invalid_parameter', `orderId must be a whole number, got ${JSON.stringify(orderIdRaw)}`);
    const result = ctx.engine.cancel(apiKey, Number(orderIdRaw));
    if (!result.ok) return rejection(ctx, result);
    // specs/icrypex.md §7.8: 200 (not 204) with an integer id and code SUCCESS.
    return { status: 200, body: { ok: true, id: result.order.id, code: 'SUCCESS' } };
  };
  router.add('DELETE', '/sapi/v1/orders', signed('orderCancel', (request, apiKey) => cancel(request.query.get('orderId'), apiKey)));
  router.add('DELETE', '/sapi/v1/orders/:orderId', signed('orderCancel', (request, apiKey) => cancel(request.params.orderId, apiKey)));

  const history = signed('orderHistory', (request, apiKey) => {
    const range = requiredRange(ctx, request);
    if ('status' in range) return range;
    const statuses = statusFilter(request.query.get('status'));
    const types = typeFilter(request.query.get('type'));
    const side = sideFilter(request.query.get('side'));
    if (statuses === 'bad') return errorReply(400, 'invalid_parameter', 'status must be OPEN, FILL or CANCEL');
    if (types === 'bad') return errorReply(400, 'invalid_parameter', 'type must be LIMIT, MARKET or STOP');
    if (side === 'bad') return errorReply(400, 'invalid_parameter', 'side must be BUY or SELL');
    const orders = ctx.engine.ordersOf(apiKey, { from: range.from, to: range.to, statuses, types, side, symbol: request.query.get('symbol') ?? undefined });
    return paginate(request, orders.reverse().map((order) => wireOrder(order, ctx.quirks)));
  });
  router.add('GET', '/sapi/v1/orders/history', history);

  router.add('GET', '/sapi/v1/orders/trades/:orderId', signed('orderTrades', (request, apiKey) => {
    const raw = request.params.orderId ?? '';
    if (!/^\d{1,15}$/.test(raw)) return errorReply(400, 'invalid_parameter', `orderId must be a whole number, got ${JSON.stringify(raw)}`);
    const order = ctx.engine.order(apiKey, Number(raw));
    if (!order) return rejection(ctx, { ok: false, reason: 'order_not_found', message: `order ${raw} not found`, field: 'orderId' });
    return { status: 200, body: ctx.engine.fills(apiKey, { orderId: order.id }).map((fill) => wireUserTrade(fill, ctx.quirks)) };
  }));

  const openOrders = (symbol: string | undefined) => signed('openOrders', (request, apiKey) => {
    const types = typeFilter(request.query.get('type'));
    if (types === 'bad') return errorReply(400, 'invalid_parameter', 'type must be LIMIT, MARKET or STOP (or omitted for all)');
    const wanted = symbol ?? request.params.symbol ?? request.query.get('symbol') ?? undefined;
    const orders = ctx.engine.openOrders(apiKey, wanted).filter((order) => !types || types.includes(order.type));
    return paginate(request, orders.reverse().map((order) => wireOrder(order, ctx.quirks)));
  });
  router.add('GET', '/sapi/v1/orders', openOrders(undefined));
  router.add('GET', '/sapi/v1/orders/:symbol', openOrders(undefined));

  router.add('GET', '/sapi/v1/trades', signed('accountTrades', (request, apiKey) => {
    const range = requiredRange(ctx, request);
    if ('status' in range) return range;
    const side = sideFilter(request.query.get('side'));
    if (side === 'bad') return errorReply(400, 'invalid_parameter', 'side must be BUY or SELL');
    const clientId = request.query.get('clientId');
    let fills = ctx.engine.fills(apiKey, { from: range.from, to: range.to, side, symbol: request.query.get('symbol') ?? undefined });
    if (clientId) {
      const tagged = new Set(ctx.engine.ordersOf(apiKey, { clientId }).map((order) => order.id));
      fills = fills.filter((fill) => tagged.has(fill.orderId));
    }
    return paginate(request, fills.reverse().map((fill) => wireUserTrade(fill, ctx.quirks)));
  }));

  const wallet = signed('wallet', (_request, apiKey) => {
    const assets = new Set(ctx.engine.listMarkets().flatMap((m) => [m.base, m.quote]));
    const held = new Map(ctx.engine.balances(apiKey).map((b) => [b.asset, b]));
    for (const asset of held.keys()) assets.add(asset);
    const btcPrice = ctx.engine.market('BTCUSDT') ? ctx.engine.lastPrice('BTCUSDT') : null;
    const rows = [...assets].sort().map((asset) => {
      const balance = held.get(asset) ?? { free: '0', locked: '0' };
      const total = D(balance.free).plus(balance.locked);
      // specs/icrypex.md §7.13: available = total - order - request - blocked.
      const row: Record<string, string> = { asset, order: balance.locked, request: '0', blocked: '0', total: total.toString(), available: balance.free };
      if (ctx.quirks.walletExtraFields) {
        const usdtPrice = asset === 'USDT' ? '1' : ctx.engine.market(`${asset}USDT`) ? ctx.engine.lastPrice(`${asset}USDT`) : null;
        const usdt = usdtPrice ? total.times(usdtPrice) : D(0);
        row.locked = balance.locked;
        row.tryValue = usdt.times(USDT_TRY).round(2).toString();
        row.btcValue = btcPrice ? usdt.div(btcPrice).round(8).toString() : '0';
      }
      return row;
    });
    return { status: 200, body: rows };
  });
  router.add('GET', '/sapi/v1/wallet', wallet).add('GET', '/sapi/v1/wallet/spot', wallet);
}

