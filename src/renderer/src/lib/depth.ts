import Big from 'big.js';
import type { BookLevel } from '../../../shared';

/** One step of a depth curve: at `price`, everything at it and better adds up to `total` (base units). */
export interface DepthStep {
  price: string;
  total: string;
}

export interface Depth {
  /** Best bid first, totals growing. */
  bids: DepthStep[];
  /** Best ask first, totals growing. */
  asks: DepthStep[];
  /** The larger final total of the two sides (the curve's height), as a decimal string. */
  max: string;
}

function side(levels: readonly BookLevel[]): DepthStep[] {
  let sum = new Big(0);
  return levels.map(([price, quantity]) => {
    // Decimal sums (style: money is decimal): 0.1 + 0.2 is 0.3 at every step, whatever the depth.
    sum = sum.plus(quantity);
    return { price, total: sum.toFixed() };
  });
}

/** The cumulative depth of a book (sides best first, as the book stream sends them). */
export function cumulativeDepth(bids: readonly BookLevel[], asks: readonly BookLevel[]): Depth {
  const b = side(bids);
  const a = side(asks);
  const bidMax = new Big(b[b.length - 1]?.total ?? 0);
  const askMax = new Big(a[a.length - 1]?.total ?? 0);
  return { bids: b, asks: a, max: (bidMax.gt(askMax) ? bidMax : askMax).toFixed() };
}
