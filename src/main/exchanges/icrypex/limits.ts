import type { RateRule } from '../../net/rate-limiter';

/** Rule ids of specs/icrypex.md §5 (all per 60 s; 60 s rejection after a 429). */
export type IcrypexRule =
  | 'exchange-info'
  | 'order-insert'
  | 'order-cancel'
  | 'open-orders'
  | 'order-history'
  | 'order-trades'
  | 'orderbook'
  | 'ticker'
  | 'account-trades'
  | 'wallet'
  | 'klines'
  | 'last-trades';

const MINUTE = 60_000;

/** Test knob: the §5 rejection period (60 s) made shorter so a 429 storm fits in a test. */
export interface RuleOptions {
  rejectionMs?: number;
}

const IP_LIMITS: ReadonlyArray<[IcrypexRule, number]> = [
  ['order-insert', 300],
  ['order-cancel', 300],
  ['open-orders', 300],
  ['order-history', 300],
  ['order-trades', 300],
  ['orderbook', 240],
  ['ticker', 300],
  ['account-trades', 180],
  ['wallet', 120],
  ['klines', 120],
  ['last-trades', 240],
  // §5: exchange info has no published rule. This one is ours, so a loop cannot hammer it.
  ['exchange-info', 30],
];

/** The "IP, Account" rows of §5: counted per account as well. */
const ACCOUNT_SCOPED: ReadonlySet<IcrypexRule> = new Set<IcrypexRule>([
  'order-insert',
  'order-cancel',
  'open-orders',
  'order-history',
  'order-trades',
  'account-trades',
  'wallet',
]);

/** Rules counted per source IP: every row of the §5 table (60 s windows, 60 s rejection). */
export function ipRules(options: RuleOptions = {}): RateRule[] {
  return IP_LIMITS.map(([id, limit]) => ({ id, limit, windowMs: MINUTE, penaltyMs: options.rejectionMs ?? MINUTE }));
}

/** Rules also counted per account. */
export function accountRules(options: RuleOptions = {}): RateRule[] {
  return ipRules(options).filter((r) => ACCOUNT_SCOPED.has(r.id as IcrypexRule));
}
