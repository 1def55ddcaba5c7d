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

/*
 * The account limiter is in the registry too, one per exchange, host and account id: the key
 * check at account add (a throwaway connector) and the account's own connector then count
 * against the same per-key budget (issue 20 #5: the new connector polled /v1/account 30 ms
 * after the check and drew a 429). Each connector schedules through a rule-less child of it,
 * so stopping one connector rejects only its own queued calls.
 */

/**
 * How long a call may wait for its rate budget, per exchange: the rule the trader reads in
 * docs/exchanges.md "Rate limits: the rule". A call expected to leave within its time is queued
 * (an order tells the ticket when it will leave: "queued: sends in 1.2 s"); one expected later
 * is refused AT ONCE with RATE_LIMITED, nothing sent, saying when the budget frees (issue 20 #5).
 * The expectation counts every call queued ahead on the same rule (net/rate-limiter.ts
 * `expectedStart`).
 *
 * - place: an order waiting longer is no longer what the trader asked for at that price.
 * - cancel: a cancel is always still wanted, but a trader who gets no answer for long does not
 *   know whether the order is still working.
 * - read: Crypto.com's per-key rules free up every 110 ms, so a read that cannot leave in 5 s
 *   is behind a storm (a renderer looping balances) and answers "busy". Icrypex's rules free up
 *   per minute and reconciliation depends on its reads: they wait (undefined).
 */
export interface QueueRule {
  placeMs: number;
  cancelMs: number;
  readMs: number | undefined;
}

export const QUEUE_RULES: Readonly<Record<ExchangeId, QueueRule>> = {
  icrypex: { placeMs: 2_000, cancelMs: 5_000, readMs: undefined },
  cryptocom: { placeMs: 2_000, cancelMs: 5_000, readMs: 5_000 },
  // specs/cryptocom-exchange.md §3: per-key budgets per 100 ms, like the legacy API's.
  'cryptocom-exchange': { placeMs: 2_000, cancelMs: 5_000, readMs: 5_000 },
};

const byHost = new Map<string, RateLimiter>();
const byAccount = new Map<string, RateLimiter>();

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

/** The per-key limiter of one account (child of its host limiter), made on first use. */
function accountLimiter(o: ConnectorLimiterOptions & { accountId: string }, host: RateLimiter): RateLimiter {
  const make = () => new RateLimiter({ exchange: o.exchange, accountId: o.accountId, rules: o.accountRules, parent: host });
  // A caller-supplied host or clock is a test's own world: its account limiter is its own too.
  if (o.host || o.clock) return make();
  const key = `${o.exchange} ${new URL(o.restUrl).host} ${o.accountId}`;
  let limiter = byAccount.get(key);
  if (!limiter) {
    limiter = make();
    byAccount.set(key, limiter);
  }
  return limiter;
}

/** The host limiter (shared unless the caller brings one or its own clock) and the account's (shared the same way), through a child per connector. */
export function connectorLimiters(o: ConnectorLimiterOptions): ConnectorLimiters {
  const host = o.host ?? (o.clock ? new RateLimiter({ exchange: o.exchange, rules: o.hostRules, clock: o.clock }) : hostLimiter(o.exchange, o.restUrl, o.hostRules));
  const shared = o.accountId === undefined ? undefined : accountLimiter({ ...o, accountId: o.accountId }, host);
  const account = shared && new RateLimiter({ exchange: o.exchange, accountId: o.accountId, rules: [], parent: shared });
  return {
    host,
    account,
    budgets: () => [...(shared?.budgets() ?? []), ...host.budgets()],
    close: () => account?.close(),
  };
}
