import { isZeroQuantity, type BookSnapshot } from '../../../shared';
import { OrderBook } from '../../book/order-book';
import { num, obj, type Obj } from '../kit/wire';
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

  /** Applies one push of channel `book` or `book.update`; `data[0]` is the row. */
  apply(channel: string, data: readonly unknown[]): BookStep {
    const row: Obj = obj(data[0], 'data[0]');
    const u = num(row.u, 'data[0].u');
    const t = row.t === undefined ? this.time : num(row.t, 'data[0].t');
    if (channel === 'book') {
      this.book.reset(parseLevels(row.bids, 'data[0].bids'), parseLevels(row.asks, 'data[0].asks'));
      this.last = u;
      this.time = t;
      return 'snapshot';
    }
    const pu = num(row.pu, 'data[0].pu');
    if (this.last === undefined || pu !== this.last) {
      this.unsync();
      return 'gap';
    }
    const update = obj(row.update, 'data[0].update');
    // Parse both sides before touching the book, so a bad level leaves it as it was.
    const bids = parseLevels(update.bids, 'data[0].update.bids');
    const asks = parseLevels(update.asks, 'data[0].update.asks');
    for (const [price, qty] of bids) this.level('bid', price, qty);
    for (const [price, qty] of asks) this.level('ask', price, qty);
    this.last = u;
    this.time = t;
    return 'applied';
  }

  private level(side: 'bid' | 'ask', price: string, qty: string): void {
    if (isZeroQuantity(qty)) this.book.remove(side, price);
    else this.book.set(side, price, qty);
  }

  /** Out of sync until the next snapshot; the levels stay, shown as stale meanwhile. */
  unsync(): void {
    this.last = undefined;
  }

  snapshot(stale: boolean): BookSnapshot {
    return this.book.snapshot({ exchange: CDX, symbol: this.symbol, depth: BOOK_DEPTH, stale: stale || !this.synced, time: this.time });
  }
}
