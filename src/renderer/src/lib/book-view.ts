import Big from 'big.js';
import { decimalMid, type BookLevel } from '../../../shared';
import { decimalsOf } from './format';

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

/** One grouped level: the bucket's price and the summed size, both exact decimals. */
export interface GroupedLevel {
  price: Big;
  size: Big;
}

/** A decimal string as a Big; undefined for anything big.js cannot read (a bad level is skipped). */
function parse(text: string): Big | undefined {
  try {
    return new Big(text);
  } catch {
    return undefined;
  }
}

/**
 * Aggregates one side of the book into buckets of `group` (a tick multiple): bids floor to
 * the bucket below, asks ceil to the bucket above, so a grouped level never shows a better
 * price than any order in it. Sizes are summed in decimal: in floats 4.35 + 0.1 is 4.4499…,
 * which one decimal of quantity precision shows as 4.4 (money is decimal, style.md §7).
 */
export function groupSide(levels: readonly BookLevel[], side: 'bid' | 'ask', group: string, rows: number): GroupedLevel[] {
  const out: GroupedLevel[] = [];
  const step = new Big(group);
  // Prices are positive, so rounding the quotient down is a floor and up is a ceiling; exact
  // in decimal, so a price on a bucket's edge needs no epsilon.
  const mode = side === 'bid' ? Big.roundDown : Big.roundUp;
  for (const [priceText, sizeText] of levels) {
    const price = parse(priceText);
    const size = parse(sizeText);
    if (!price || !size || !size.gt(0)) continue;
    const bucket = price.div(step).round(0, mode).times(step);
    const last = out[out.length - 1];
    if (last && last.price.eq(bucket)) last.size = last.size.plus(size);
    else {
      if (out.length === rows) break;
      out.push({ price: bucket, size });
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
  const priceDp = decimalsOf(options.group);
  const qtyDp = Math.max(0, Math.min(options.quantityPrecision, 20));
  const b = groupSide(bids, 'bid', options.group, options.rows);
  const a = groupSide(asks, 'ask', options.group, options.rows);
  const sum = (side: GroupedLevel[]) => side.reduce((total, level) => total.plus(level.size), new Big(0));
  const deeper = sum(b).gt(sum(a)) ? sum(b) : sum(a);
  const toRows = (side: GroupedLevel[]): BookRow[] => {
    let cumulative = new Big(0);
    return side.map(({ price, size }) => {
      cumulative = cumulative.plus(size);
      return {
        price: price.toFixed(priceDp),
        size: size.toFixed(qtyDp, Big.roundHalfUp),
        cumulative: cumulative.toFixed(qtyDp, Big.roundHalfUp),
        // The bar's width is drawing, so a float is fine here.
        depth: deeper.gt(0) ? Number(cumulative.div(deeper)) : 0,
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
