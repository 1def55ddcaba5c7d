import { describe, expect, it } from 'vitest';
import type { BookLevel } from '../../../shared';
import { buildBookView, depthFor, groupSide, groupingOptions } from './book-view';

const bids: BookLevel[] = [
  ['100.07', '1'],
  ['100.03', '2'],
  ['99.99', '0.5'],
  ['99.91', '1.5'],
];
const asks: BookLevel[] = [
  ['100.11', '3'],
  ['100.19', '1'],
  ['100.21', '2'],
];

describe('book view', () => {
  it('offers tick multiples as groupings, exact in decimal', () => {
    expect(groupingOptions('0.01', [1, 5, 10, 100])).toEqual(['0.01', '0.05', '0.1', '1']);
  });

  it('groups bids down and asks up so a bucket never shows a better price than its orders', () => {
    const plain = (side: ReturnType<typeof groupSide>) => side.map(({ price, size }) => [price.toFixed(), size.toFixed()]);
    expect(plain(groupSide(bids, 'bid', '0.1', 10))).toEqual([
      ['100', '3'],
      ['99.9', '2'],
    ]);
    expect(plain(groupSide(asks, 'ask', '0.1', 10))).toEqual([
      ['100.2', '4'],
      ['100.3', '2'],
    ]);
  });

  it('builds rows with cumulative sizes, depth bars relative to the deeper side, spread and mid', () => {
    const view = buildBookView(bids, asks, { group: '0.1', rows: 10, quantityPrecision: 2 });
    expect(view.bids).toEqual([
      { price: '100.0', size: '3.00', cumulative: '3.00', depth: 3 / 6 },
      { price: '99.9', size: '2.00', cumulative: '5.00', depth: 5 / 6 },
    ]);
    expect(view.asks.map((r) => [r.price, r.cumulative])).toEqual([
      ['100.2', '4.00'],
      ['100.3', '6.00'],
    ]);
    expect(view.asks[1]!.depth).toBe(1);
    // Spread and mid are exact from the best raw levels, whatever the grouping.
    expect(view.spread).toBe('0.04');
    expect(view.mid).toBe('100.09');
    expect(view.spreadBps).toBeCloseTo(4.0, 1);
  });

  it('caps the number of rows per side and skips empty levels', () => {
    const view = buildBookView([['10', '0'], ...bids], asks, { group: '0.01', rows: 2, quantityPrecision: 1 });
    expect(view.bids.map((r) => r.price)).toEqual(['100.07', '100.03']);
    expect(view.asks).toHaveLength(2);
  });

  it('has no spread on a one-sided book', () => {
    const view = buildBookView(bids, [], { group: '0.01', rows: 5, quantityPrecision: 1 });
    expect(view.spread).toBeUndefined();
    expect(view.asks).toEqual([]);
  });
});

describe('book depth to subscribe', () => {
  it('asks for rows × the grouping multiple, in steps of 50, within 50..1000', () => {
    expect(depthFor('0.01', '0.01', 15)).toBe(50);
    expect(depthFor('0.1', '0.01', 15)).toBe(150);
    expect(depthFor('10', '0.01', 15)).toBe(1000);
    expect(depthFor('0.05', undefined, 15)).toBe(50);
  });
});

describe('book view sums sizes in decimal', () => {
  // 4.35 + 0.1 is 4.449999… in floats: one decimal of quantity precision then reads 4.4, not 4.5.
  it('shows a grouped size and its cumulative as the exact decimal sum', () => {
    const view = buildBookView(
      [
        ['100.07', '4.35'],
        ['100.03', '0.1'],
        ['99.95', '0.1'],
        ['99.94', '0.2'],
      ],
      [],
      { group: '0.1', rows: 10, quantityPrecision: 1 },
    );
    expect(view.bids.map((r) => [r.price, r.size, r.cumulative])).toEqual([
      ['100.0', '4.5', '4.5'],
      ['99.9', '0.3', '4.8'],
    ]);
  });

  it('keeps sub-micro prices and 0.1 + 0.2 sizes exact at full precision', () => {
    const view = buildBookView(
      [
        ['0.00000043', '0.1'],
        ['0.00000042', '0.2'],
      ],
      [['0.00000044', '0.7']],
      { group: '0.00000002', rows: 10, quantityPrecision: 17 },
    );
    expect(view.bids.map((r) => [r.price, r.size])).toEqual([['0.00000042', '0.30000000000000000']]);
    expect(view.asks.map((r) => r.price)).toEqual(['0.00000044']);
    expect(view.asks[0]!.depth).toBe(1);
    expect(view.bids[0]!.depth).toBeCloseTo(3 / 7, 12);
  });
});
