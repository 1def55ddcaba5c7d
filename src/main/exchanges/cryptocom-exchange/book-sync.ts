import type { BookLevel, BookSnapshot } from '../../../shared';
import { OrderBook } from '../../book/order-book';
import { num, obj, type Obj } from '../kit/wire';
import type { BookRead } from './book-scan';
import { CDX } from './endpoints';
import { parseLevels } from './map-market';
import { BOOK_DEPTH } from './stream-protocol';

export type BookStep = 'applied' | 'snapshot' | 'gap';

/**
 * One book kept in sync from `book` / `book.update` pushes (specs/cryptocom-exchange.md §7.5):
 * 1. a snapshot replaces both sides, last = u;
 * 2. a delta with pu == last sets each level (absolute size; "0" deletes), last = u;
 * 3. a delta with pu != last, or before any snapshot, is a gap: the book is dropped and the
 *    caller subscribes again for a fresh snapshot. The empty `u == pu` heartbeat delta obeys
 *    the same rule. The checksum `cs` has no published algorithm and is ignored.
 */
export class BookSync {
  private readonly book = new OrderBook();
  private last: number | undefined;
  private time = 0;

  constructor(readonly symbol: string) {}

  get synced(): boolean {
    return this.last !== undefined;
  }

  /** Applies one push of channel `book` or `book.update`; `data[0]` is the row, read with checks. */
  apply(channel: string, data: readonly unknown[]): BookStep {
    const row: Obj = obj(data[0], 'data[0]');
    const u = num(row.u, 'data[0].u');
    const t = row.t === undefined ? this.time : num(row.t, 'data[0].t');
    if (channel === 'book') return this.replace(u, t, parseLevels(row.bids, 'data[0].bids'), parseLevels(row.asks, 'data[0].asks'));
    if (this.gap(num(row.pu, 'data[0].pu'))) return 'gap';
    const update = obj(row.update, 'data[0].update');
    // Parse both sides before touching the book, so a bad level leaves it as it was.
    return this.change(u, t, parseLevels(update.bids, 'data[0].update.bids'), parseLevels(update.asks, 'data[0].update.asks'));
  }

  /** The same for a row book-scan.ts has already read: the same steps, the same book. */
  applyRead(channel: string, row: BookRead): BookStep {
    const t = row.t ?? this.time;
    if (channel === 'book') return this.replace(row.u, t, row.bids, row.asks);
    if (this.gap(row.pu)) return 'gap';
    return this.change(row.u, t, row.bids, row.asks);
  }

  private replace(u: number, t: number, bids: BookLevel[], asks: BookLevel[]): BookStep {
    this.book.reset(bids, asks);
    this.last = u;
    this.time = t;
    return 'snapshot';
  }

  /** Rule 3: a delta whose pu is not the last u, or any delta before a snapshot. */
  private gap(pu: number | undefined): boolean {
    if (this.last !== undefined && pu === this.last) return false;
    this.unsync();
    return true;
  }

  /** Rule 2: absolute sizes, "0" deletes. The levels are the parser's own tuples: the book keeps them. */
  private change(u: number, t: number, bids: BookLevel[], asks: BookLevel[]): BookStep {
    const book = this.book;
    for (let i = 0; i < bids.length; i++) book.setLevel('bid', bids[i]!);
    for (let i = 0; i < asks.length; i++) book.setLevel('ask', asks[i]!);
    this.last = u;
    this.time = t;
    return 'applied';
  }

  /** Out of sync until the next snapshot; the levels stay, shown as stale meanwhile. */
  unsync(): void {
    this.last = undefined;
  }

  snapshot(stale: boolean): BookSnapshot {
    return this.book.snapshot({ exchange: CDX, symbol: this.symbol, depth: BOOK_DEPTH, stale: stale || !this.synced, time: this.time });
  }
}
