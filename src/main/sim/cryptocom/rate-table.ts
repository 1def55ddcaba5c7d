import { type Now } from '../shared/clock';
import { type RateRule, RateWindow } from '../shared/rate-limit';
import { type CryptocomQuirks } from './quirks';

/** The §3 endpoint groups (specs/cryptocom-v1.md §3; the order-management set is an inference). */
export type RateGroup = 'market' | 'account' | 'orderManagement' | 'orderQuery';

/** Which group each V1 path counts against. */
export const PATH_GROUP: Readonly<Record<string, RateGroup>> = {
  '/v1/symbols': 'market',
  '/v1/ticker': 'market',
  '/v1/klines': 'market',
  '/v1/trades': 'market',
  '/v1/ticker/price': 'market',
  '/v1/depth': 'market',
  '/v1/account': 'account',
  '/v1/order': 'orderManagement',
  '/v1/orders/cancel': 'orderManagement',
  '/v1/cancelAllOrders': 'orderManagement',
  '/v1/showOrder': 'orderQuery',
  '/v1/openOrders': 'orderQuery',
  '/v1/allOrders': 'orderQuery',
  '/v1/myTrades': 'orderQuery',
};

type TableQuirks = Pick<CryptocomQuirks, 'rateLimitTable' | 'orderQueryPer100ms' | 'rateLimitsEnabled'>;

/** The rules of one table: the seed rows (default) or the FAQ's 10 calls per URL per second. */
export function rulesFor(q: TableQuirks): Record<RateGroup, RateRule> {
  if (q.rateLimitTable === 'faq') {
    // S10: one limit of 10 calls per URL per second, for every group.
    const faq = (name: string): RateRule => ({ name, limit: 10, windowMs: 1000, penaltyMs: 0 });
    return { market: faq('market'), account: faq('account'), orderManagement: faq('orderManagement'), orderQuery: faq('orderQuery') };
  }
  return {
    market: { name: 'market', limit: 100, windowMs: 1000, penaltyMs: 0 },
    account: { name: 'account', limit: 1, windowMs: 100, penaltyMs: 0 },
    orderManagement: { name: 'orderManagement', limit: 5, windowMs: 100, penaltyMs: 0 },
    orderQuery: { name: 'orderQuery', limit: q.orderQueryPer100ms, windowMs: 100, penaltyMs: 0 },
  };
}

/**
 * Counts V1 calls against §3: market data per IP, user calls per API key (per IP when no key
 * was sent); with the FAQ table every URL has its own counter. The table follows the quirks
 * at each call, and switching it starts fresh counters.
 */
export class CryptocomRateLimiter {
  private windows: Record<RateGroup, RateWindow> | undefined;
  private tableKey = '';

  constructor(
    private readonly quirks: TableQuirks,
    private readonly now: Now,
  ) {}

  /** Counts one call; false when it must be answered with 429. */
  hit(path: string, ip: string, apiKey: string | undefined): boolean {
    const group = PATH_GROUP[path];
    if (!group || !this.quirks.rateLimitsEnabled) return true;
    const windows = this.current();
    const who = group === 'market' ? `ip:${ip}` : apiKey ? `key:${apiKey}` : `ip:${ip}`;
    const key = this.quirks.rateLimitTable === 'faq' ? `${path}|${who}` : who;
    return windows[group].hit(key).allowed;
  }

  /** Forgets every counter. */
  reset(): void {
    this.windows = undefined;
  }

  private current(): Record<RateGroup, RateWindow> {
    const key = `${this.quirks.rateLimitTable}:${this.quirks.orderQueryPer100ms}`;
    if (!this.windows || key !== this.tableKey) {
      const rules = rulesFor(this.quirks);
      this.tableKey = key;
      this.windows = {
        market: new RateWindow(rules.market, this.now),
        account: new RateWindow(rules.account, this.now),
        orderManagement: new RateWindow(rules.orderManagement, this.now),
        orderQuery: new RateWindow(rules.orderQuery, this.now),
      };
    }
    return this.windows;
  }
}
