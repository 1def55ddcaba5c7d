import Big from 'big.js';
import type { Fill } from '../../../../shared';

/** One chart marker: my fills of one side in one candle. */
export interface FillMark {
  /** Candle start, Unix seconds. */
  time: number;
  side: Fill['side'];
  /** Where the arrow points: the size-weighted average price (drawing only, so a float). */
  price: number;
  /** `B 0.0123` or, for several fills, `B 0.0123 ×3`: the exact total, in decimal. */
  text: string;
  /** The first fill's id (a stable marker id). */
  id: string;
}

/**
 * My fills grouped per candle and side: an order that fills in ten pieces within a minute is one
 * arrow with its total, not ten labels written over each other. Fills before `first` (the oldest
 * candle shown) are left out: the chart has no bar to hang them on.
 */
export function fillMarks(fills: readonly Fill[], step: number, first: number): FillMark[] {
  const groups = new Map<string, { time: number; side: Fill['side']; quantity: Big; notional: Big; count: number; id: string }>();
  for (const f of [...fills].sort((a, b) => a.time - b.time)) {
    const time = Math.floor(f.time / 1000 / step) * step;
    if (time < first) continue;
    const key = `${time}|${f.side}`;
    const group = groups.get(key) ?? { time, side: f.side, quantity: new Big(0), notional: new Big(0), count: 0, id: f.id };
    group.quantity = group.quantity.plus(f.quantity);
    group.notional = group.notional.plus(new Big(f.quantity).times(f.price));
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({
    time: g.time,
    side: g.side,
    price: g.quantity.gt(0) ? Number(g.notional.div(g.quantity)) : 0,
    text: `${g.side === 'buy' ? 'B' : 'S'} ${g.quantity.toFixed()}${g.count > 1 ? ` ×${g.count}` : ''}`,
    id: g.id,
  }));
}
