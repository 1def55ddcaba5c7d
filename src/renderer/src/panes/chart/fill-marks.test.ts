import { describe, expect, it } from 'vitest';
import type { Fill } from '../../../../shared';
import { fillMarks } from './fill-marks';

const fill = (id: string, side: Fill['side'], price: string, quantity: string, seconds: number): Fill => ({
  accountId: 'a',
  exchange: 'icrypex',
  symbol: 'BTCUSDT',
  id,
  orderId: 'o',
  side,
  price,
  quantity,
  fee: '0',
  feeAsset: 'USDT',
  time: seconds * 1000,
});

describe('fill markers on the chart', () => {
  it('one marker per candle and side, with the exact total and the count', () => {
    const marks = fillMarks(
      [fill('1', 'buy', '100', '0.1', 60), fill('2', 'buy', '102', '0.2', 90), fill('3', 'sell', '101', '0.3', 100), fill('4', 'buy', '99', '0.7', 130)],
      60,
      0,
    );
    expect(marks.map((m) => [m.time, m.text, m.id])).toEqual([
      [60, 'B 0.3 ×2', '1'],
      [60, 'S 0.3', '3'],
      [120, 'B 0.7', '4'],
    ]);
    // Size-weighted: (100×0.1 + 102×0.2) / 0.3.
    expect(marks[0]!.price).toBeCloseTo(101.3333, 3);
  });

  it('sums quantities in decimal (0.1 + 0.2 is 0.3) and leaves out fills before the first candle', () => {
    const marks = fillMarks([fill('1', 'sell', '1', '0.1', 10), fill('2', 'sell', '1', '0.2', 70), fill('3', 'sell', '1', '0.1', 75)], 60, 60);
    expect(marks.map((m) => m.text)).toEqual(['S 0.3 ×2']);
  });
});
