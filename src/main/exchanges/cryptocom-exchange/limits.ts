import type { RateRule } from '../../net/rate-limiter';

/**
 * specs/cryptocom-exchange.md §3. Public methods are counted per IP and per method (100 per
 * second each): the host limiter of kit/limiters.ts, one rule per method. Private methods per
 * API key and per method: create, cancel and cancel-all 15 per 100 ms each; order detail 30 per
 * 100 ms; trades and order history 1 per second each; every other private method 3 per 100 ms
 * each. The windows carry a 10 % margin because the limiter spaces starts while the server counts
 * arrivals (as for the legacy connector, cryptocom/limits.ts).
 */
const withMargin = (ms: number) => Math.round(ms * 1.1);

const PUBLIC_METHODS = ['public/get-instruments', 'public/get-book', 'public/get-candlestick', 'public/get-trades', 'public/get-tickers', 'public/get-risk-parameters'] as const;

export const HOST_RULES: readonly RateRule[] = PUBLIC_METHODS.map((id) => ({ id, limit: 100, windowMs: withMargin(1000) }));

const PRIVATE_LIMITS: Readonly<Record<string, { limit: number; windowMs: number }>> = {
  'private/create-order': { limit: 15, windowMs: 100 },
  'private/cancel-order': { limit: 15, windowMs: 100 },
  'private/cancel-all-orders': { limit: 15, windowMs: 100 },
  'private/get-order-detail': { limit: 30, windowMs: 100 },
  'private/get-trades': { limit: 1, windowMs: 1000 },
  'private/get-order-history': { limit: 1, windowMs: 1000 },
  'private/user-balance': { limit: 3, windowMs: 100 },
  'private/get-open-orders': { limit: 3, windowMs: 100 },
  'private/amend-order': { limit: 3, windowMs: 100 },
};

export const ACCOUNT_RULES: readonly RateRule[] = Object.entries(PRIVATE_LIMITS).map(([id, r]) => ({ id, limit: r.limit, windowMs: withMargin(r.windowMs) }));

/** The rule a method counts under: its own name (every §3 limit is per method). */
export function ruleOf(method: string): string {
  return method;
}

/** Rules of one call per window, also spaced from the previous reply (kit/rest.ts `spacing`). */
export const SPACED_RULES: ReadonlyMap<string, number> = new Map(ACCOUNT_RULES.filter((r) => r.limit === 1).map((r) => [r.id, r.windowMs]));

/** §3: the market socket takes 100 requests per second, the user socket 150, per connection. */
export const WS_MARKET_PER_SECOND = 100;
export const WS_USER_PER_SECOND = 150;
/** §3, §7.3: at most 400 channels per socket; more answer 40107. */
export const MAX_CHANNELS_PER_SOCKET = 400;
/** §3, §7.1: wait this long after a socket opens before the first request (pro-rated budget). */
export const WAIT_AFTER_OPEN_MS = 1000;
