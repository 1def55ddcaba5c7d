import { describe, expect, it } from 'vitest';
import type { Trade } from '../../../shared';
import { mergeTape } from './tape';

const t = (id: number, time: number): Trade => ({ exchange: 'cryptocom', id: String(id), symbol: 'BTC/USDT', price: '1', quantity: '1', side: 'buy', time });
const ids = (trades: Trade[]) => trades.map((x) => x.id);

describe('mergeTape', () => {
  it('puts a live batch on top, newest first', () => {
    expect(ids(mergeTape([t(2, 20), t(1, 10)], [t(3, 30), t(4, 40)], 10))).toEqual(['4', '3', '2', '1']);
  });

  it('slots a back-filled batch older than the live trades in by time', () => {
    // 6 arrived live after the reconnect; 4 and 5 come from the REST back-fill afterwards.
    expect(ids(mergeTape([t(6, 60), t(3, 30), t(2, 20)], [t(4, 40), t(5, 50)], 10))).toEqual(['6', '5', '4', '3', '2']);
  });

  it('orders a first batch whose back-filled trades come after newer live ones', () => {
    expect(ids(mergeTape([], [t(3, 30), t(6, 60), t(4, 40), t(5, 50)], 10))).toEqual(['6', '5', '4', '3']);
  });

  it('drops trades already shown and keeps the limit', () => {
    expect(ids(mergeTape([t(3, 30), t(2, 20), t(1, 10)], [t(2, 20), t(3, 30), t(4, 40)], 3))).toEqual(['4', '3', '2']);
  });
});
