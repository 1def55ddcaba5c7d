import { describe, expect, it } from 'vitest';
import { cumulativeDepth } from './depth';

describe('cumulativeDepth', () => {
  it('adds each side up from the best level in decimal', () => {
    const depth = cumulativeDepth(
      [['100', '0.1'], ['99', '0.2'], ['98', '0.0000001']],
      [['101', '0.7'], ['102', '0.1']],
    );
    expect(depth.bids).toEqual([{ price: '100', total: '0.1' }, { price: '99', total: '0.3' }, { price: '98', total: '0.3000001' }]);
    expect(depth.asks).toEqual([{ price: '101', total: '0.7' }, { price: '102', total: '0.8' }]);
    expect(depth.max).toBe('0.8');
  });

  it('is empty for an empty book', () => {
    expect(cumulativeDepth([], [])).toEqual({ bids: [], asks: [], max: '0' });
  });
});
