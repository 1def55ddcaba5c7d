import { isZeroQuantity, type BookLevel, type BookSnapshot, type ExchangeId } from '../../shared';
import { SortedSide } from './sorted-side';

/**
 * A fast L2 order book: one aggregated quantity per price level, per side.
 *
 * Prices and quantities are kept as the exact decimal strings the exchange sent (money is
 * decimal, style.md §7); the price is also parsed to a float, only to order the levels. Two
 * spellings of one price ("100.5", "100.50") are one level; the latest spelling is kept.
 *
 * Speed (sorted-side.ts): each side is a list of small sorted blocks, worst level first, so an
 * insert or delete moves at most one block of entries, searches gallop down from the top of the
 * book where most traffic lands, and updating a level allocates nothing. Prices are parsed
 * with an exact fast path for plain decimals.
 *
 * The book does not check sequence numbers: the connector verifies the exchange's change sets
 * and calls reset() on a gap (specs/icrypex.md §8.4). `sequence` is a free slot for it.
 */

export type BookSide = 'bid' | 'ask';

/** The best levels of both sides, best first. */
export interface BookTop {
  bids: BookLevel[];
  asks: BookLevel[];
}

/** An L2 book; see the file comment. Malformed prices throw RangeError and leave the book unchanged. */
export class OrderBook {
  private readonly bidSide = new SortedSide(1);
  private readonly askSide = new SortedSide(-1);
  /** The owner's last applied change-set number (Icrypex `cs`), if it tracks one. */
  sequence: number | undefined;

  /** Replaces both sides (a snapshot). */
  reset(bids: readonly BookLevel[], asks: readonly BookLevel[]): void {
    const b = this.bidSide.prepare(bids);
    const a = this.askSide.prepare(asks);
    this.bidSide.commit(b);
    this.askSide.commit(a);
  }

  /** Empties the book (on reconnect: specs/icrypex.md §8.4, rows may arrive again as inserts). */
  clear(): void {
    this.bidSide.clear();
    this.askSide.clear();
    this.sequence = undefined;
  }

  /** Sets a level's quantity; a zero quantity removes the level. */
  set(side: BookSide, price: string, quantity: string): void {
    const s = side === 'bid' ? this.bidSide : this.askSide;
    if (isZeroQuantity(quantity)) s.remove(price);
    else s.set([price, quantity]);
  }

  /**
   * set() for a level tuple the caller hands over (a parser's fresh `[price, quantity]`): the book
   * keeps that tuple rather than a copy, so neither the caller nor anyone else may change it later.
   */
  setLevel(side: BookSide, level: BookLevel): void {
    const s = side === 'bid' ? this.bidSide : this.askSide;
    if (isZeroQuantity(level[1])) s.remove(level[0]);
    else s.set(level);
  }

  /** Removes a level; answers whether it existed. */
  remove(side: BookSide, price: string): boolean {
    return (side === 'bid' ? this.bidSide : this.askSide).remove(price);
  }

  /** The best `depth` levels per side (all when omitted): bids descending, asks ascending. */
  top(depth = Infinity): BookTop {
    return { bids: this.bidSide.top(depth), asks: this.askSide.top(depth) };
  }

  /** The best level of a side, if any. */
  best(side: BookSide): BookLevel | undefined {
    return (side === 'bid' ? this.bidSide : this.askSide).top(1)[0];
  }

  /** Number of levels on a side. */
  size(side: BookSide): number {
    return (side === 'bid' ? this.bidSide : this.askSide).size;
  }

  /** True when the best bid is at or above the best ask: the local book cannot be right. */
  crossed(): boolean {
    const bid = this.bidSide.bestKey();
    const ask = this.askSide.bestKey();
    return bid !== undefined && ask !== undefined && bid >= -ask;
  }

  /** Keeps only the best `maxLevels` per side (exchanges that never send removals for far levels). */
  trim(maxLevels: number): void {
    this.bidSide.trim(maxLevels);
    this.askSide.trim(maxLevels);
  }

  /** The shared-model snapshot of the best `depth` levels. */
  snapshot(meta: { exchange: ExchangeId; symbol: string; depth: number; stale: boolean; time: number }): BookSnapshot {
    const { bids, asks } = this.top(meta.depth);
    return { exchange: meta.exchange, symbol: meta.symbol, bids, asks, stale: meta.stale, time: meta.time };
  }
}
