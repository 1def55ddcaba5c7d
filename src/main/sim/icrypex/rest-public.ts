import { type Router, type SimRequest, type SimResponse } from '../shared/http';
import { errorReply, type IcrypexContext, rateLimited } from './context';
import { wireExchangeInfo, wireLastTrade, wireRestTicker } from './format';
import { type IcrypexRateRule } from './rate-limits';

/** specs/icrypex.md §7.5: kline resolutions (docs list, plus NET's 3D/1M and the WS-only 30/120). */
export const KLINE_RESOLUTIONS: Readonly<Record<string, number>> = {
  '1': 60, '5': 300, '15': 900, '30': 1800, '60': 3600, '120': 7200, '240': 14_400,
  '1D': 86_400, '3D': 259_200, '1W': 604_800, '1M': 2_592_000,
};

const MAX_CANDLES = 5000;

/** specs/icrypex.md §4/§7.3: what a missing `symbol` gets (500; the Turkish body when curl asked). */
function missingSymbol(ctx: IcrypexContext): SimResponse {
  return ctx.quirks.missingSymbolBody ? { status: 500, body: { message: 'Teknik bir hata meydana geldi.' } } : { status: 500 };
}

function klines(ctx: IcrypexContext, request: SimRequest, defaultResolution?: string): SimResponse {
  const symbol = request.query.get('symbol');
  if (!symbol) return errorReply(400, 'invalid_parameter', 'symbol is required');
  const resolutionRaw = request.query.get('resolution') ?? defaultResolution;
  if (!resolutionRaw) return errorReply(400, 'invalid_parameter', `resolution is required: one of ${Object.keys(KLINE_RESOLUTIONS).join(', ')}`);
  const resolution = KLINE_RESOLUTIONS[resolutionRaw.toUpperCase()];
  if (!resolution) return errorReply(400, 'invalid_parameter', `resolution ${JSON.stringify(resolutionRaw)} is not one of ${Object.keys(KLINE_RESOLUTIONS).join(', ')}`);
  const range: Record<'from' | 'to', number> = { from: 0, to: 0 };
  for (const name of ['from', 'to'] as const) {
    const raw = request.query.get(name);
    if (raw === null || raw === '') return errorReply(400, 'invalid_parameter', `${name} is required (Unix seconds)`);
    if (!/^\d{1,12}$/.test(raw)) return errorReply(400, 'invalid_parameter', `${name} must be Unix seconds, got ${JSON.stringify(raw)}`);
    range[name] = Number(raw);
  }
  if (range.from > range.to) return errorReply(400, 'invalid_parameter', 'from must not be after to');
  // specs/icrypex.md §7.5: kline times are always seconds, whatever the other endpoints use.
  const candles = ctx.engine.market(symbol) ? ctx.engine.candles(symbol, resolution, range.from, range.to).slice(-MAX_CANDLES) : [];
  if (candles.length === 0) {
    return ctx.quirks.emptyKlines === 'no_data' ? { status: 200, body: { s: 'no_data' } } : { status: 200, body: { s: 'ok', t: [], o: [], h: [], l: [], c: [], v: [] } };
  }
  // specs/icrypex.md §7.5: parallel arrays of JSON numbers, not strings.
  return {
    status: 200,
    body: {
      s: 'ok',
      t: candles.map((c) => c.time),
      o: candles.map((c) => Number(c.open)),
      h: candles.map((c) => Number(c.high)),
      l: candles.map((c) => Number(c.low)),
      c: candles.map((c) => Number(c.close)),
      v: candles.map((c) => Number(c.volume)),
    },
  };
}

/** Registers every public endpoint of specs/icrypex.md §7.1-§7.6 and §7.15, with both path variants. */
export function addPublicRoutes(router: Router, ctx: IcrypexContext): void {
  const limited = (rule: IcrypexRateRule, handler: (request: SimRequest) => SimResponse) => (request: SimRequest) =>
    rateLimited(ctx, rule, request) ?? handler(request);

  router.add('GET', '/v1/exchange/info', () => ({ status: 200, body: wireExchangeInfo(ctx.engine, ctx.profiles, ctx.quirks, ctx.createdDate) }));

  const tickers = limited('ticker', () => ({ status: 200, body: ctx.engine.listMarkets().map((m) => wireRestTicker(ctx.engine, m.symbol)) }));
  router.add('GET', '/v1/tickers', tickers).add('GET', '/sapi/v1/tickers', tickers);

  const orderbook = limited('orderbook', (request) => {
    const symbol = request.query.get('symbol');
    if (!symbol) return missingSymbol(ctx);
    const book = ctx.engine.book(symbol, 50);
    const rows = (levels: [string, string][]) => levels.map(([p, q]) => ({ p, q }));
    // Unknown symbols are not errors (specs/icrypex.md §4): 200 with empty sides, symbol echoed.
    return { status: 200, body: { pairSymbol: ctx.engine.market(symbol)?.symbol ?? symbol, asks: rows(book.asks), bids: rows(book.bids) } };
  });
  router.add('GET', '/v1/orderbook', orderbook).add('GET', '/sapi/v1/orderbook', orderbook);

  const lastTrades = limited('lastTrades', (request) => {
    const symbol = request.query.get('symbol');
    if (!symbol) return missingSymbol(ctx);
    const trades = ctx.engine.recentTrades(symbol, 50).map((trade) => wireLastTrade(trade, ctx.quirks));
    return { status: 200, body: { pairSymbol: ctx.engine.market(symbol)?.symbol ?? symbol, trades } };
  });
  router.add('GET', '/v1/trades/last', lastTrades).add('GET', '/sapi/v1/trades/last', lastTrades);

  const kline = limited('klines', (request) => klines(ctx, request));
  router.add('GET', '/v1/trades/kline', kline).add('GET', '/sapi/v1/trades/kline', kline);
  router.add('GET', '/sapi/v1/trades/kline/history', limited('klineHistory', (request) => klines(ctx, request)));
  // specs/icrypex.md §7.6: ohlc takes no resolution; daily candles are our reading (invented).
  router.add('GET', '/sapi/v1/trades/ohlc', limited('ohlc', (request) => klines(ctx, request, '1D')));

  // specs/icrypex.md §7.15: undocumented public endpoints seen live.
  router.add('GET', '/v1/future/info', () => ({ status: 200, body: { isFutureEnable: true } }));
  router.add('GET', '/v1/trades/fees', () => ({
    status: 200,
    body: [{ level: 1, min: '0', max: '0', fees: [{ pairSymbol: '*', makerFeePercentage: '0.1', takerFeePercentage: '0.1' }] }],
  }));
}
