import { describe, expect, it } from 'vitest';
import type { Account, StatusSnapshot, StreamStatus } from '../../../shared';
import { ownStreams, paneStreamState, worstOf } from './stream-state';

const account = (id: string, exchange: Account['exchange'] = 'icrypex'): Account => ({ id, exchange, label: id, mode: 'demo', keyLast4: '0000', endpoints: {}, createdAt: 0 });
const s = (key: string, over: Partial<StreamStatus> = {}): StreamStatus => ({ key, exchange: 'icrypex', kind: 'public', state: 'connected', since: 0, ...over });
const status = (streams: StreamStatus[]): StatusSnapshot => ({ streams, limits: [], links: [] });

describe('each market pane reads its own stream state', () => {
  const snapshot = status([
    s('icrypex:public', { accountId: 'a' }),
    s('icrypex:book:BTCUSDT', { accountId: 'a' }),
    s('icrypex:book:ETHUSDT', { accountId: 'a', state: 'stale', detail: 'change set jumped' }),
    s('icrypex:private:a', { accountId: 'a', kind: 'private', state: 'reconnecting' }),
    s('icrypex:public', { accountId: 'b', state: 'reconnecting' }),
    s('cryptocom:c:ws', { accountId: 'c', exchange: 'cryptocom', state: 'stale' }),
  ]);

  it('a book sees its socket and its own symbol, not other books, other accounts or private streams', () => {
    expect(ownStreams(snapshot, account('a'), 'book', 'BTCUSDT').map((x) => x.key)).toEqual(['icrypex:public', 'icrypex:book:BTCUSDT']);
    expect(worstOf(ownStreams(snapshot, account('a'), 'book', 'BTCUSDT'))).toBe('connected');
    expect(worstOf(ownStreams(snapshot, account('a'), 'book', 'ETHUSDT'))).toBe('stale');
  });

  it('tape and chart see only the socket', () => {
    expect(ownStreams(snapshot, account('a'), 'trades', 'ETHUSDT').map((x) => x.key)).toEqual(['icrypex:public']);
    expect(worstOf(ownStreams(snapshot, account('b'), 'candles', 'BTCUSDT'))).toBe('reconnecting');
    expect(worstOf(ownStreams(snapshot, account('c', 'cryptocom'), 'trades', 'BTCUSDT'))).toBe('stale');
    expect(worstOf(ownStreams(undefined, account('a'), 'trades', 'BTCUSDT'))).toBeUndefined();
  });

  it('one rule for every badge: failure, then waiting, then out of sync, then silence', () => {
    expect(paneStreamState({ failed: true, ready: true })).toBe('error');
    expect(paneStreamState({ failed: false, ready: false, engine: 'stale' })).toBe('waiting');
    expect(paneStreamState({ failed: false, ready: true, outOfSync: true })).toBe('stale');
    expect(paneStreamState({ failed: false, ready: true, engine: 'reconnecting', silent: true })).toBe('stale');
    expect(paneStreamState({ failed: false, ready: true, silent: true })).toBe('silent');
    expect(paneStreamState({ failed: false, ready: true, engine: 'connected' })).toBe('live');
  });
});
