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
const rule = (id: IcrypexRule, limit: number): RateRule => ({ id, limit, windowMs: MINUTE, penaltyMs: MINUTE });

/** Rules counted per source IP: every row of the §5 table. */
export const IP_RULES: readonly RateRule[] = [
  rule('order-insert', 300),
  rule('order-cancel', 300),
  rule('open-orders', 300),
  rule('order-history', 300),
  rule('order-trades', 300),
  rule('orderbook', 240),
  rule('ticker', 300),
  rule('account-trades', 180),
  rule('wallet', 120),
  rule('klines', 120),
  rule('last-trades', 240),
  // §5: exchange info has no published rule. This one is ours, so a loop cannot hammer it.
  rule('exchange-info', 30),
];

/** Rules also counted per account: the "IP, Account" rows of §5. */
export const ACCOUNT_RULES: readonly RateRule[] = [
  rule('order-insert', 300),
  rule('order-cancel', 300),
  rule('open-orders', 300),
  rule('order-history', 300),
  rule('order-trades', 300),
  rule('account-trades', 180),
  rule('wallet', 120),
];
