import { describe, expect, it } from 'vitest';
import { buttonLabel, cancelRequest, paneCancelScope, resultWords, scopeWords, type CancelScope } from './cancel-scope';

const accounts = [
  { id: 'icx', label: 'Icrypex demo' },
  { id: 'cdc', label: 'Crypto.com demo' },
  { id: 'icx2', label: 'Icrypex 2' },
];

describe('cancel scope (issue 13 #4)', () => {
  it('the orders pane cancels what it shows: every account in the all-accounts view, not the active one', () => {
    const every = paneCancelScope({ ordersScope: 'all', allSymbols: false, symbol: 'BTCUSDT' });
    expect(cancelRequest(every, 'icx')).toEqual({ symbol: 'BTCUSDT' });
    expect(buttonLabel(every, accounts, 'icx')).toBe('Cancel all: BTCUSDT · all accounts');
    const mine = paneCancelScope({ ordersScope: 'active', allSymbols: true, symbol: 'BTCUSDT' });
    expect(cancelRequest(mine, 'icx')).toEqual({ accountId: 'icx' });
    expect(buttonLabel(mine, accounts, 'icx')).toBe('Cancel all: all symbols · Icrypex demo');
  });

  it('an orders pane pinned to an account (issue 13 #3) cancels on that account, whichever is active', () => {
    const pinned = paneCancelScope({ ordersScope: 'active', allSymbols: false, symbol: 'BTCUSDT', pinned: accounts[1]! });
    expect(cancelRequest(pinned, 'icx')).toEqual({ accountId: 'cdc', symbol: 'BTCUSDT' });
    expect(buttonLabel(pinned, accounts, 'icx')).toBe('Cancel all: BTCUSDT · Crypto.com demo');
    // The all-accounts view stays every account, pinned or not.
    expect(cancelRequest(paneCancelScope({ ordersScope: 'all', allSymbols: true, symbol: 'BTCUSDT', pinned: accounts[1]! }), 'icx')).toEqual({});
  });

  it('a group becomes a list of accounts; one account its id; the active one needs an account', () => {
    const group: CancelScope = { accounts: { kind: 'list', name: 'group desk', ids: ['icx', 'icx2'] }, symbol: 'ETHUSDT' };
    expect(cancelRequest(group, 'cdc')).toEqual({ accountIds: ['icx', 'icx2'], symbol: 'ETHUSDT' });
    expect(cancelRequest({ accounts: { kind: 'list', name: 'Icrypex 2', ids: ['icx2'] } }, 'cdc')).toEqual({ accountId: 'icx2' });
    expect(cancelRequest({ accounts: { kind: 'active' } }, undefined)).toBeUndefined();
    expect(scopeWords(group, accounts, 'cdc')).toBe('on group desk, ETHUSDT');
  });

  it('the result names every account with its count, and each failure with its reason', () => {
    const scope: CancelScope = { accounts: { kind: 'every' }, symbol: 'BTCUSDT' };
    const good = resultWords(scope, { canceled: 3, legs: [{ accountId: 'icx', canceled: 2 }, { accountId: 'cdc', canceled: 1 }] }, accounts, 'icx');
    expect(good).toEqual({ level: 'ok', text: 'cancelled 3 on every account, BTCUSDT: Icrypex demo 2, Crypto.com demo 1' });
    const bad = resultWords({ accounts: { kind: 'every' } }, { canceled: 2, legs: [{ accountId: 'icx', canceled: 2 }, { accountId: 'cdc', error: { message: 'timed out' } }, { accountId: 'gone', canceled: 0 }] }, accounts, 'icx');
    expect(bad).toEqual({ level: 'error', text: 'cancelled 2 on every account, all symbols: Icrypex demo 2, Crypto.com demo failed (timed out), gone 0' });
  });
});
