import { describe, expect, it } from 'vitest';
import type { RateBudget, StreamStatus } from '../../../shared';
import { budgetsFor, groupStreams, retryText, streamsByAccount, tightestBudgets } from './status';

const stream = (over: Partial<StreamStatus>): StreamStatus => ({ key: 'k', exchange: 'icrypex', kind: 'public', state: 'connected', since: 0, ...over });
const budget = (over: Partial<RateBudget>): RateBudget => ({ exchange: 'icrypex', rule: 'r', limit: 100, remaining: 100, windowMs: 60_000, queued: 0, ...over });

describe('status bar summaries', () => {
  it('groups streams per exchange, kind and account and keeps the worst state', () => {
    const groups = groupStreams([
      stream({ key: 'book', accountId: 'a' }),
      stream({ key: 'trades', accountId: 'a', state: 'stale', detail: 'no frame for 20 s' }),
      stream({ key: 'user', accountId: 'a', kind: 'private' }),
      stream({ key: 'cdc', exchange: 'cryptocom', state: 'reconnecting' }),
    ]);
    expect(groups.map((g) => [g.exchange, g.kind, g.state, g.count])).toEqual([
      ['icrypex', 'public', 'stale', 2],
      ['icrypex', 'private', 'connected', 1],
      ['cryptocom', 'public', 'reconnecting', 1],
    ]);
    expect(groups[0]!.problems).toEqual(['trades: stale (no frame for 20 s)']);
  });

  it('does not let an idle, closed socket make a healthy group look broken', () => {
    const groups = groupStreams([
      stream({ key: 'ws', exchange: 'cryptocom', state: 'closed' }),
      stream({ key: 'poll', exchange: 'cryptocom', state: 'connected' }),
      stream({ key: 'old', state: 'closed' }),
    ]);
    expect(groups.map((g) => [g.exchange, g.state])).toEqual([
      ['cryptocom', 'connected'],
      ['icrypex', 'closed'],
    ]);
  });

  it('shows the rule with the least budget left per scope, and a blocked one before any', () => {
    const now = 1000;
    const out = tightestBudgets(
      [
        budget({ rule: 'ip', remaining: 90 }),
        budget({ rule: 'orders', remaining: 10 }),
        budget({ rule: 'acct', accountId: 'a', remaining: 50 }),
        budget({ rule: 'acct-blocked', accountId: 'a', remaining: 100, blockedUntil: 5000 }),
      ],
      now,
    );
    expect(out.map((r) => r.rule)).toEqual(['orders', 'acct-blocked']);
    // Once the block has passed it counts by its budget again.
    expect(tightestBudgets([budget({ rule: 'x', remaining: 10 }), budget({ rule: 'y', remaining: 100, blockedUntil: 500 })], now).map((r) => r.rule)).toEqual(['x']);
  });

  it('names streams by account: two accounts on one exchange are two entries, each with its worst state', () => {
    const out = streamsByAccount([
      stream({ key: 'icrypex:public', accountId: 'a' }),
      stream({ key: 'icrypex:private:a', accountId: 'a', kind: 'private' }),
      stream({ key: 'icrypex:public', accountId: 'b' }),
      stream({ key: 'icrypex:private:b', accountId: 'b', kind: 'private', state: 'reconnecting' }),
      stream({ key: 'cryptocom:c:ws', accountId: 'c', exchange: 'cryptocom', state: 'closed' }),
      stream({ key: 'cryptocom:c:poll', accountId: 'c', exchange: 'cryptocom', kind: 'poll' }),
      stream({ key: 'shared', exchange: 'cryptocom', state: 'closed' }),
    ]);
    expect(out.map((a) => [a.key, a.state, a.groups.map((g) => g.kind)])).toEqual([
      ['a', 'connected', ['public', 'private']],
      ['b', 'reconnecting', ['public', 'private']],
      ['c', 'connected', ['public', 'poll']],
      ['exchange:cryptocom', 'closed', ['public']],
    ]);
  });

  it('finds the budgets that bind one account: its own rules and its exchange’s per-IP rules', () => {
    const limits = [budget({ rule: 'ip' }), budget({ rule: 'a', accountId: 'a' }), budget({ rule: 'b', accountId: 'b' }), budget({ rule: 'cdc', exchange: 'cryptocom' })];
    expect(budgetsFor(limits, { id: 'a', exchange: 'icrypex' }).map((r) => r.rule)).toEqual(['ip', 'a']);
    expect(budgetsFor(limits, undefined)).toEqual([]);
  });
});

describe('next retry (issue 20)', () => {
  const at = (state: StreamStatus['state'], retryAt?: number): StreamStatus => ({ key: `k${retryAt ?? 'x'}`, exchange: 'icrypex', kind: 'public', state, since: 0, ...(retryAt !== undefined ? { retryAt } : {}) });

  it('a group carries the soonest retry of its reconnecting streams', () => {
    expect(groupStreams([at('reconnecting', 9_000), at('reconnecting', 4_000), at('connected')])[0]!.retryAt).toBe(4_000);
    expect(groupStreams([at('stale', 4_000)])[0]!.retryAt).toBeUndefined();
  });

  it('says when the next try is, rounded up to whole seconds, and "retrying now" once it is due', () => {
    expect(retryText('reconnecting', 10_000, 6_200)).toBe(', retry in 4 s');
    expect(retryText('reconnecting', 10_000, 9_500)).toBe(', retrying now');
    expect(retryText('reconnecting', undefined, 0)).toBe('');
    expect(retryText('stale', 10_000, 0)).toBe('');
  });
});
