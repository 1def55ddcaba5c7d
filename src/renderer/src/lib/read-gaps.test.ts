import { describe, expect, it } from 'vitest';
import type { Order, ReadGap } from '../../../shared';
import { gapLines, mergeOpenOrders } from './read-gaps';

const accounts = [
  { id: 'icx', label: 'Icrypex demo' },
  { id: 'cdc', label: 'Crypto.com demo' },
];

const order = (accountId: string, id: string): Order => ({
  accountId, exchange: 'icrypex', symbol: 'BTCUSDT', id, side: 'buy', type: 'limit', status: 'open',
  price: '1', quantity: '1', filledQuantity: '0', createdAt: 0, updatedAt: 0,
});

describe('read gaps (issue 13 #5)', () => {
  it('names each account and market not read, failures before the may-be-partial notes', () => {
    const gaps: ReadGap[] = [
      { accountId: 'cdc', kind: 'partial', message: 'may be partial: …' },
      { accountId: 'cdc', symbol: 'ETHUSDT', kind: 'failed', message: 'could not read order history on ETHUSDT: timed out' },
      { accountId: 'gone', kind: 'failed', message: 'could not read order history: no connector' },
    ];
    expect(gapLines(gaps, accounts).map((l) => [l.level, l.text])).toEqual([
      ['error', 'Crypto.com demo: could not read order history on ETHUSDT: timed out'],
      ['error', 'gone: could not read order history: no connector'],
      ['warn', 'Crypto.com demo: may be partial: …'],
    ]);
  });

  it('keeps the known open orders of an account that could not be read, and only of it', () => {
    const previous = [order('icx', '1'), order('cdc', '2')];
    const merged = mergeOpenOrders(previous, [order('icx', '3')], [{ accountId: 'cdc', kind: 'failed', message: 'x' }]);
    expect(merged.map((o) => o.id)).toEqual(['3', '2']);
    expect(mergeOpenOrders(previous, [], [{ accountId: 'cdc', symbol: 'BTCUSDT', kind: 'failed', message: 'x' }])).toEqual([]);
  });
});
