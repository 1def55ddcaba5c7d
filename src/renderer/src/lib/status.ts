import type { RateBudget, StreamState, StreamStatus } from '../../../shared';

const RANK: Record<StreamState, number> = { connected: 0, connecting: 1, reconnecting: 2, stale: 3, closed: 4 };

/** The worse of two stream states (stale and closed outrank reconnecting, which outranks connected). */
export function worseState(a: StreamState, b: StreamState): StreamState {
  return RANK[b] > RANK[a] ? b : a;
}

export interface StreamGroup {
  key: string;
  exchange: StreamStatus['exchange'];
  kind: StreamStatus['kind'];
  accountId?: string;
  state: StreamState;
  count: number;
  /** The streams not connected, with their detail, for the tooltip. */
  problems: string[];
  /** The soonest next reconnect attempt of its reconnecting streams (ms), if one is scheduled. */
  retryAt?: number;
}

/**
 * One entry per exchange, kind and account: the status bar shows the worst state of each. A
 * closed stream is one nobody uses any more (a socket the connector let go), so it counts only
 * when the whole group is closed.
 */
export function groupStreams(streams: readonly StreamStatus[]): StreamGroup[] {
  const groups = new Map<string, StreamGroup & { open: number }>();
  for (const s of streams) {
    const key = `${s.exchange}|${s.kind}|${s.accountId ?? ''}`;
    const group = groups.get(key) ?? { key, exchange: s.exchange, kind: s.kind, accountId: s.accountId, state: 'connected' as StreamState, count: 0, open: 0, problems: [] };
    group.count++;
    if (s.state !== 'closed') {
      group.state = group.open === 0 ? s.state : worseState(group.state, s.state);
      group.open++;
    } else if (group.open === 0) group.state = 'closed';
    if (s.state === 'reconnecting' && s.retryAt !== undefined) group.retryAt = Math.min(group.retryAt ?? Infinity, s.retryAt);
    if (s.state !== 'connected' && s.state !== 'closed') group.problems.push(`${s.key}: ${s.state}${s.detail ? ` (${s.detail})` : ''}`);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ open: _open, ...group }) => group);
}

/** The tightest rate-limit rule per exchange and account: least budget left, or blocked. */
export function tightestBudgets(limits: readonly RateBudget[], now: number): RateBudget[] {
  const ratio = (r: RateBudget) => (r.blockedUntil !== undefined && r.blockedUntil > now ? -1 : r.remaining / Math.max(1, r.limit));
  const byScope = new Map<string, RateBudget>();
  for (const rule of limits) {
    const scope = `${rule.exchange}|${rule.accountId ?? ''}`;
    const current = byScope.get(scope);
    if (!current || ratio(rule) < ratio(current)) byScope.set(scope, rule);
  }
  return [...byScope.values()];
}

/** One account's connections (or an exchange's shared ones, without an account) and their worst state. */
export interface AccountStreams {
  key: string;
  accountId?: string;
  exchange: StreamStatus['exchange'];
  state: StreamState;
  /** Its groups per kind (public, private, poll). */
  groups: StreamGroup[];
}

/**
 * The status bar's chips: one per account, so two accounts on one exchange are two named
 * entries (issue 11 #13), each with the worst state of its public, private and poll groups.
 */
export function streamsByAccount(streams: readonly StreamStatus[]): AccountStreams[] {
  const out = new Map<string, AccountStreams>();
  for (const group of groupStreams(streams)) {
    const key = group.accountId ?? `exchange:${group.exchange}`;
    const entry = out.get(key) ?? { key, accountId: group.accountId, exchange: group.exchange, state: group.state, groups: [] };
    // A closed group (an idle socket) only counts when every group of the account is closed.
    const open = entry.groups.filter((g) => g.state !== 'closed');
    if (group.state !== 'closed') entry.state = open.length === 0 ? group.state : worseState(entry.state, group.state);
    else if (open.length === 0 && entry.groups.length > 0) entry.state = 'closed';
    entry.groups.push(group);
    out.set(key, entry);
  }
  return [...out.values()];
}

/** The budgets that bind an account: its own rules and its exchange's per-IP rules. */
export function budgetsFor(limits: readonly RateBudget[], account: { id: string; exchange: StreamStatus['exchange'] } | undefined): RateBudget[] {
  if (!account) return [];
  return limits.filter((r) => r.exchange === account.exchange && (r.accountId === undefined || r.accountId === account.id));
}

/** `, retry in 4 s` while a reconnect waits (issue 20: the trader sees when the next try is). */
export function retryText(state: string, retryAt: number | undefined, now: number): string {
  if (state !== 'reconnecting' || retryAt === undefined) return '';
  const wait = retryAt - now;
  return wait >= 1_000 ? `, retry in ${Math.ceil(wait / 1_000)} s` : ', retrying now';
}
