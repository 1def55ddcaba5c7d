import { exchangeEntry, type Endpoints } from '../../../shared';

/**
 * specs/icrypex.md §1/§9 #1-2: `api.icrypex.com` and `istream.icrypex.com` are current; the
 * `v2api`/`v2stream` hosts were retired in 2023 and are only used when an account sets them.
 */
export const DEFAULT_REST_URL = exchangeEntry('icrypex').endpoints.rest;
export const DEFAULT_WS_URL = exchangeEntry('icrypex').endpoints.ws;

/**
 * Paths per call. Where the spec lists variants, the first is what we send and the rest are
 * tried in turn on an empty 404 (the reads only, never an order call), then remembered.
 */
export interface IcrypexPaths {
  exchangeInfo: string[];
  tickers: string[];
  orderBook: string[];
  lastTrades: string[];
  klines: string[];
  orders: string[];
  /** Cancel: `?orderId=` query form (§7.8, D page) or `{orderId}` in the path (rate table). */
  cancel: 'query' | 'path';
  orderHistory: string[];
  myTrades: string[];
  wallet: string[];
}

export const DEFAULT_PATHS: IcrypexPaths = {
  exchangeInfo: ['/v1/exchange/info'],
  // §9 #4: public reads live under /v1; the rate table's /sapi/v1 forms also answer for tickers.
  tickers: ['/v1/tickers', '/sapi/v1/tickers'],
  orderBook: ['/v1/orderbook', '/sapi/v1/orderbook'],
  lastTrades: ['/v1/trades/last', '/sapi/v1/trades/last'],
  // §9 #5: both kline paths are believed to work.
  klines: ['/v1/trades/kline', '/sapi/v1/trades/kline'],
  orders: ['/sapi/v1/orders'],
  cancel: 'query',
  orderHistory: ['/sapi/v1/orders/history'],
  myTrades: ['/sapi/v1/trades'],
  // §9 #8: /sapi/v1/wallet per the endpoint page; /sapi/v1/wallet/spot per the rate table.
  wallet: ['/sapi/v1/wallet', '/sapi/v1/wallet/spot'],
};

export interface ResolvedEndpoints {
  rest: string;
  ws: string;
}

/** The account's overrides over the defaults, without a trailing slash on the REST base. */
export function resolveEndpoints(endpoints: Endpoints | undefined): ResolvedEndpoints {
  const rest = (endpoints?.rest ?? DEFAULT_REST_URL).replace(/\/+$/, '');
  const ws = endpoints?.ws ?? DEFAULT_WS_URL;
  return { rest, ws };
}
