import Big from 'big.js';
import { decimalMid, type BookLevel } from '../../../shared';
import { decimalsOf, fixedNumber } from './format';

/** One row the book pane draws. `depth` is the cumulative size as a fraction of the deepest side. */
export interface BookRow {
  price: string;
  size: string;
  cumulative: string;
  depth: number;
}

export interface BookView {
  bids: BookRow[];
  asks: BookRow[];
  spread?: string;
  mid?: string;
  /** Spread in basis points of the mid. */
  spreadBps?: number;
}

/** The grouping choices of a market: tick multiples, as decimal strings. */
export function groupingOptions(tickSize: string, multiples: readonly number[] = [1, 2, 5, 10, 25, 50, 100, 250, 1000]): string[] {
  return multiples.map((m) => new Big(tickSize).times(m).toFixed());
}

/**
 * Aggregates one side of the book into buckets of `group` (a tick multiple): bids floor to
 * the bucket below, asks ceil to the bucket above, so a grouped level never shows a better
 * price than any order in it. Floats are fine here (style.md §7: display and sorting only).
 */
export function groupSide(levels: readonly BookLevel[], side: 'bid' | 'ask', group: number, rows: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const epsilon = 1e-9;
  for (const [priceText, sizeText] of levels) {
    const price = Number(priceText);
    const size = Number(sizeText);
    if (!(size > 0)) continue;
    const bucket = side === 'bid' ? Math.floor(price / group + epsilon) : Math.ceil(price / group - epsilon);
    const last = out[out.length - 1];
    if (last && last[0] === bucket) last[1] += size;
    else {
      if (out.length === rows) break;
      out.push([bucket, size]);
    }
  }
  return out;
}

export interface BookViewOptions {
  /** Grouping as a decimal string (a tick multiple). */
  group: string;
  rows: number;
  quantityPrecision: number;
}

/** Raw levels to ask for: rows × the grouping's tick multiple, within 50..1000 (the contract's cap). */
export function depthFor(group: string, tickSize: string | undefined, rows: number): number {
  const multiple = tickSize ? Math.max(1, Math.round(Number(group) / Number(tickSize))) : 1;
  const wanted = rows * multiple;
  // Round up to a step of 50 so a small resize does not resubscribe.
  return Math.min(1000, Math.max(50, Math.ceil(wanted / 50) * 50));
}

/** Builds what the book pane shows: grouped rows with cumulative sizes, spread and mid. */
export function buildBookView(bids: readonly BookLevel[], asks: readonly BookLevel[], options: BookViewOptions): BookView {
  const group = Number(options.group);
  const priceDp = decimalsOf(options.group);
  const qtyDp = options.quantityPrecision;
  const b = groupSide(bids, 'bid', group, options.rows);
  const a = groupSide(asks, 'ask', group, options.rows);
  const sum = (side: Array<[number, number]>) => side.reduce((total, [, size]) => total + size, 0);
  const deepest = Math.max(sum(b), sum(a)) || 1;
  const toRows = (side: Array<[number, number]>): BookRow[] => {
    let cumulative = 0;
    return side.map(([bucket, size]) => {
      cumulative += size;
      return {
        price: fixedNumber(bucket * group, priceDp),
        size: fixedNumber(size, qtyDp),
        cumulative: fixedNumber(cumulative, qtyDp),
        depth: cumulative / deepest,
      };
    });
  };
  const view: BookView = { bids: toRows(b), asks: toRows(a) };
  // Spread and mid come from the raw best levels, exact, whatever the grouping.
  const bestBid = bids[0]?.[0];
  const bestAsk = asks[0]?.[0];
  const exactMid = decimalMid(bestBid, bestAsk);
  if (bestBid !== undefined && bestAsk !== undefined && exactMid !== undefined) {
    const bid = new Big(bestBid);
    const ask = new Big(bestAsk);
    const mid = new Big(exactMid);
    view.spread = ask.minus(bid).toFixed();
    view.mid = mid.toFixed(Math.max(decimalsOf(bestBid), decimalsOf(bestAsk)) + 1).replace(/0$/, '');
    view.spreadBps = mid.gt(0) ? Number(ask.minus(bid).div(mid).times(10_000).toFixed(2)) : undefined;
  }
  return view;
}
