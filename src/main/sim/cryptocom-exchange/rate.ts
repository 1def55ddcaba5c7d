import { type Now } from '../shared/clock';
import { RateWindow } from '../shared/rate-limit';
import { type CdcxQuirks } from './quirks';

/**
 * The budgets of specs/cryptocom-exchange.md §3: REST private per API key and method, REST
 * public per IP and method, each a sliding window; WS per connection and calendar second.
 */
function privateRule(method: string): { limit: number; windowMs: number } {
  if (method === 'private/create-order' || method === 'private/cancel-order' || method === 'private/cancel-all-orders') return { limit: 15, windowMs: 100 };
  if (method === 'private/get-order-detail') return { limit: 30, windowMs: 100 };
  if (method === 'private/get-trades' || method === 'private/get-order-history') return { limit: 1, windowMs: 1000 };
  return { limit: 3, windowMs: 100 };
}

export class CdcxRestLimiter {
  private readonly windows = new Map<string, RateWindow>();

  constructor(
    private readonly quirks: CdcxQuirks,
    private readonly now: Now,
  ) {}

  /** Counts one call; false when it is over its budget (answer 42901). */
  allow(method: string, key: string): boolean {
    if (!this.quirks.rateLimitsEnabled) return true;
    let window = this.windows.get(method);
    if (!window) {
      const rule = method.startsWith('public/') ? { limit: 100, windowMs: 1000 } : privateRule(method);
      window = new RateWindow({ name: method, ...rule, penaltyMs: 0 }, this.now);
      this.windows.set(method, window);
    }
    return window.hit(key).allowed;
  }

  reset(): void {
    for (const w of this.windows.values()) w.reset();
  }
}

/**
 * One socket's request budget: `limit` per calendar second (§3). Strict mode (§8.18) pro-rates
 * the first second after connect to the part of it left, which is why clients wait 1 s.
 */
export class WsBudget {
  private second = -1;
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly openedAt: number,
    private readonly quirks: CdcxQuirks,
    private readonly now: Now,
  ) {}

  allow(): boolean {
    if (!this.quirks.rateLimitsEnabled) return true;
    const now = this.now();
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      this.second = second;
      this.used = 0;
    }
    let budget = this.limit;
    if (this.quirks.wsStrictProRating && second === Math.floor(this.openedAt / 1000)) {
      budget = Math.floor((this.limit * (1000 - (this.openedAt % 1000))) / 1000);
    }
    if (this.used >= budget) return false;
    this.used++;
    return true;
  }
}
