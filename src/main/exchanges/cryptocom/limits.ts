import type { RateRule } from '../../net/rate-limiter';

/**
 * specs/cryptocom-v1.md §3 seed table. Market data is counted per IP (MARKET_RULES: the host
 * limiter of kit/limiters.ts, shared by every connector of that host); the rest per API key.
 * Order queries: the seed gives 1-10 per 100 ms without saying which; we take the lower bound,
 * which also keeps every query URL under S10's "10 calls per URL per second".
 *
 * Each window carries a 10 % margin: the limiter spaces the *starts* of calls, the server
 * counts their *arrivals*, and two calls that leave exactly 100 ms apart can arrive 99 ms
 * apart (seen against the simulator: a 429 on the second of two account calls).
 */
const withMargin = (ms: number) => Math.round(ms * 1.1);

export const MARKET_RULES: readonly RateRule[] = [{ id: 'market', limit: 100, windowMs: withMargin(1000) }];

export const ACCOUNT_RULES: readonly RateRule[] = [
  { id: 'account', limit: 1, windowMs: withMargin(100) },
  { id: 'order-management', limit: 5, windowMs: withMargin(100) },
  { id: 'order-query', limit: 1, windowMs: withMargin(100) },
];

export type RuleId = 'market' | 'account' | 'order-management' | 'order-query';

/** Which rule each V1 path is counted under (§3; the order-management grouping is the spec's inference). */
export const RULE_OF_PATH: Readonly<Record<string, RuleId>> = {
  '/v1/symbols': 'market',
  '/v1/ticker': 'market',
  '/v1/klines': 'market',
  '/v1/trades': 'market',
  '/v1/ticker/price': 'market',
  '/v1/depth': 'market',
  '/v1/account': 'account',
  '/v1/order': 'order-management',
  '/v1/orders/cancel': 'order-management',
  '/v1/cancelAllOrders': 'order-management',
  '/v1/showOrder': 'order-query',
  '/v1/openOrders': 'order-query',
  '/v1/allOrders': 'order-query',
  '/v1/myTrades': 'order-query',
};
