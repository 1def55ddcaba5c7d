import type { ExchangeId } from '../../../shared';
import type { Clock } from '../../net/clock';
import { RateLimiter, type RateRule } from '../../net/rate-limiter';

/**
 * The one place rate limiters are made for connectors. Exchanges count some rules per source IP
 * (every account and the public connector of a host share them: specs/icrypex.md §5,
 * specs/cryptocom-v1.md §3) and some per API key. So: ONE host limiter per exchange and REST host
 * for the process, and one account limiter per connector whose parent is that host limiter (a
 * rule both define is counted in both; see net/rate-limiter.ts). Each exchange folder only
 * supplies its limits table (limits.ts).
 */

const byHost = new Map<string, RateLimiter>();

/** The process-wide limiter for the per-IP rules of one exchange host, made on first use. */
export function hostLimiter(exchange: ExchangeId, restUrl: string, rules: readonly RateRule[]): RateLimiter {
  const key = `${exchange} ${new URL(restUrl).host}`;
  let limiter = byHost.get(key);
  if (!limiter) {
    limiter = new RateLimiter({ exchange, rules });
    byHost.set(key, limiter);
  }
  return limiter;
}

export interface ConnectorLimiterOptions {
  exchange: ExchangeId;
  restUrl: string;
  /** Rules counted per source IP. */
  hostRules: readonly RateRule[];
  /** Rules counted per API key. */
  accountRules: readonly RateRule[];
  /** Undefined for a connector without a key (public market data only): no account limiter. */
  accountId: string | undefined;
  /** A host limiter given by the caller (tests that want their own, e.g. a shorter rejection period). */
  host?: RateLimiter;
  /**
   * A clock other than the system's (tests driving time): the connector then gets a host limiter
   * of its own on that clock, since a shared one runs on the system clock.
   */
  clock?: Clock;
}

export interface ConnectorLimiters {
  host: RateLimiter;
  account: RateLimiter | undefined;
  /** Budgets for the status bar: the account's first, then the host's. */
  budgets(): ReturnType<RateLimiter['budgets']>;
  /** Closes the account limiter (the host one lives as long as the process). */
  close(): void;
}

/** The host limiter (shared unless the caller brings one or its own clock) and a child per account. */
export function connectorLimiters(o: ConnectorLimiterOptions): ConnectorLimiters {
  const host = o.host ?? (o.clock ? new RateLimiter({ exchange: o.exchange, rules: o.hostRules, clock: o.clock }) : hostLimiter(o.exchange, o.restUrl, o.hostRules));
  const account = o.accountId === undefined ? undefined : new RateLimiter({ exchange: o.exchange, accountId: o.accountId, rules: o.accountRules, parent: host });
  return {
    host,
    account,
    budgets: () => [...(account?.budgets() ?? []), ...host.budgets()],
    close: () => account?.close(),
  };
}
