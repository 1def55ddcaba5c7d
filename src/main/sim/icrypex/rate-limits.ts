import { type Now } from '../shared/clock';
import { MultiKeyLimiter, type RateVerdict } from '../shared/rate-limit';

/** specs/icrypex.md §5: one row of the rate table. */
export interface IcrypexRateRow {
  readonly name: string;
  readonly limit: number;
  /** 'ip' = per source IP; 'ip+account' = per IP and per API key (either over = rejected). */
  readonly policy: 'ip' | 'ip+account';
}

const MINUTE = 60_000;

/** specs/icrypex.md §5, every row (period 60 s, rejection period 60 s). */
export const ICRYPEX_RATE_TABLE = {
  orderInsert: { name: 'Order Insert', limit: 300, policy: 'ip+account' },
  orderCancel: { name: 'Order Cancel', limit: 300, policy: 'ip+account' },
  openOrders: { name: 'Open Orders', limit: 300, policy: 'ip+account' },
  orderHistory: { name: 'Order History', limit: 300, policy: 'ip+account' },
  orderTrades: { name: 'Trades of the Order', limit: 300, policy: 'ip+account' },
  orderbook: { name: 'Orderbook', limit: 240, policy: 'ip' },
  ticker: { name: 'Ticker', limit: 300, policy: 'ip' },
  accountTrades: { name: 'Account Trades', limit: 180, policy: 'ip+account' },
  wallet: { name: 'Account Spot Wallet', limit: 120, policy: 'ip+account' },
  klines: { name: 'Klines', limit: 120, policy: 'ip' },
  klineHistory: { name: 'Kline History', limit: 120, policy: 'ip' },
  ohlc: { name: 'OHLC', limit: 120, policy: 'ip' },
  lastTrades: { name: 'Last Trades by Symbol', limit: 240, policy: 'ip' },
} as const satisfies Record<string, IcrypexRateRow>;

export type IcrypexRateRule = keyof typeof ICRYPEX_RATE_TABLE;

/**
 * Per-rule counters over 60 s, per IP and (where the table says so) per API key, with the 60 s
 * rejection period after a 429. Window type is not specified; sliding is the stricter reading.
 */
export class IcrypexRateLimits {
  private readonly limiters = new Map<IcrypexRateRule, MultiKeyLimiter>();

  constructor(now: Now, overrides: Partial<Record<IcrypexRateRule, number>> = {}) {
    for (const [rule, row] of Object.entries(ICRYPEX_RATE_TABLE) as Array<[IcrypexRateRule, IcrypexRateRow]>) {
      const limit = overrides[rule] ?? row.limit;
      this.limiters.set(rule, new MultiKeyLimiter({ name: row.name, limit, windowMs: MINUTE, penaltyMs: MINUTE }, 2, now));
    }
  }

  /** Counts one request under `rule` for the IP and (for account rules) the API key. */
  hit(rule: IcrypexRateRule, ip: string, apiKey: string | undefined): RateVerdict {
    const perAccount = ICRYPEX_RATE_TABLE[rule].policy === 'ip+account';
    return this.limiters.get(rule)!.hit([ip, perAccount ? (apiKey ?? '') : undefined]);
  }

  /** Forgets every counter and penalty. */
  reset(): void {
    for (const limiter of this.limiters.values()) limiter.reset();
  }
}
