import { type SimRequest, type SimResponse } from '../shared/http';
import { failure, success } from './envelope';
import { KLINE_PERIODS } from './market-view';
import { oneOf, type Params, parseForm, required } from './params';
import { depthData, klineRows, symbolRow, tickerOne, tickerPrices, tickerRow, topOf, tradeRows } from './rest-market';
import { type RestDeps, reply, springError, tooManyRequests } from './rest-reply';

/** A public V1 call: GET with a query string, counted per IP (specs/cryptocom-v1.md §1, §3). */
export function publicHandler(deps: RestDeps, fn: (params: Params, req: SimRequest) => SimResponse) {
  return (req: SimRequest): SimResponse => {
    if (!deps.limiter.hit(req.path, req.ip, undefined)) return tooManyRequests();
    const parsed = parseForm(req.query.toString());
    if (!parsed.ok) return reply(deps, failure(parsed.error, deps.quirks.errorCodeSet), parsed.detail);
    return fn(parsed.value, req);
  };
}

/**
 * The market a public call names. §5.15: depth, trades and klines answer HTTP 500 for an
 * unknown symbol (S5), or 200 + 100004 like the GroveX fixture when switched.
 */
function marketOf(deps: RestDeps, params: Params, req: SimRequest) {
  const sym = required(params, 'symbol');
  if (!sym.ok) return { error: reply(deps, failure('paramIllegal'), sym.detail) };
  const market = deps.view.market(sym.value);
  if (market) return { market };
  if (deps.quirks.unknownMarketSymbol === 'http-500') return { error: springError(deps, 500, req.path) };
  return { error: reply(deps, failure('paramIllegal'), `symbol: unknown market '${sym.value}'`) };
}

/** GET /v1/symbols (§5.1). */
export function getSymbols(deps: RestDeps) {
  return publicHandler(deps, () => reply(deps, success(deps.view.markets().map((m) => symbolRow(m, deps.quirks)))));
}

/** GET /v1/ticker (§5.2): every market, or one with `symbol`. */
export function getTicker(deps: RestDeps) {
  return publicHandler(deps, (params) => {
    const now = deps.now();
    const q = deps.quirks;
    if (params.symbol === undefined || params.symbol === '') {
      const ticker = deps.view.markets().map((m) => tickerRow(m.symbol, deps.view.stats(m.symbol), topOf(deps.view, m.symbol), q));
      return reply(deps, success({ date: now, ticker }));
    }
    if (!deps.view.market(params.symbol)) return reply(deps, failure('paramIllegal'), `symbol: unknown market '${params.symbol}'`);
    return reply(deps, success(tickerOne(deps.view.stats(params.symbol), topOf(deps.view, params.symbol), now, q)));
  });
}

/** GET /v1/klines (§5.3): `period` in minutes, one of 1, 5, 15, 30, 60, 1440, 10080, 43200. */
export function getKlines(deps: RestDeps) {
  return publicHandler(deps, (params, req) => {
    const m = marketOf(deps, params, req);
    if (m.error) return m.error;
    const minutes = KLINE_PERIODS.map((p) => String(p.minutes));
    const period = oneOf(params, 'period', minutes);
    if (!period.ok) return reply(deps, failure('paramIllegal'), period.detail);
    return reply(deps, success(klineRows(deps.view, m.market.symbol, Number(period.value), deps.now(), deps.quirks)));
  });
}

/** GET /v1/trades (§5.4): the last 200 trades. */
export function getTrades(deps: RestDeps) {
  return publicHandler(deps, (params, req) => {
    const m = marketOf(deps, params, req);
    if (m.error) return m.error;
    return reply(deps, success(tradeRows(deps.view, m.market.symbol, deps.quirks)));
  });
}

/** GET /v1/ticker/price (§5.5). */
export function getTickerPrice(deps: RestDeps) {
  return publicHandler(deps, () => reply(deps, success(tickerPrices(deps.view, deps.quirks))));
}

/** GET /v1/depth (§5.6): `type` step0|step1|step2. */
export function getDepth(deps: RestDeps) {
  return publicHandler(deps, (params, req) => {
    const m = marketOf(deps, params, req);
    if (m.error) return m.error;
    const type = oneOf(params, 'type', ['step0', 'step1', 'step2'] as const);
    if (!type.ok) return reply(deps, failure('paramIllegal'), type.detail);
    const step = Number(type.value.slice(4)) as 0 | 1 | 2;
    return reply(deps, success(depthData(deps.view, m.market, step, deps.now(), deps.quirks)));
  });
}
