import { isZeroQuantity, type BookLevel } from '../../../shared';
import type { BookRow } from './stream-protocol';

/** The part of the shared L2 book (src/main/book/order-book.ts) the sync needs. */
export interface LevelBook {
  reset(bids: readonly BookLevel[], asks: readonly BookLevel[]): void;
  set(side: 'bid' | 'ask', price: string, quantity: string): void;
  remove(side: 'bid' | 'ask', price: string): void;
  top(n: number): { bids: BookLevel[]; asks: BookLevel[] };
  /** True when the best bid is at or above the best ask. */
  crossed(): boolean;
}

/**
 * `empty`: nothing received since (re)subscribing or reconnecting (the book is cleared).
 * `live`: snapshot plus an unbroken `cs` chain. `stale`: a gap or an inconsistency was seen;
 * the book is kept for display, flagged stale, until a fresh snapshot arrives.
 */
export type BookSyncState = 'empty' | 'live' | 'stale';

export type DiffOutcome = 'applied' | 'ignored' | 'gap' | 'crossed';

/**
 * Keeps one pair's book in step with `orderbook@` (specs/icrypex.md §8.4): a snapshot resets
 * it, each `obd` must carry cs = previous + 1, rows switch on `t`, never on `q`.
 */
export class BookSync {
  private stateValue: BookSyncState = 'empty';
  private cs: number | undefined;
  /** Why the book went stale, for the status bar. */
  reason: string | undefined;
  /** When the state last changed (ms). */
  since: number;

  constructor(
    readonly symbol: string,
    private readonly book: LevelBook,
    private readonly now: () => number = Date.now,
  ) {
    this.since = now();
  }

  private setState(state: BookSyncState, reason: string | undefined): void {
    if (state !== this.stateValue) this.since = this.now();
    this.stateValue = state;
    this.reason = reason;
  }

  get state(): BookSyncState {
    return this.stateValue;
  }

  get changeSet(): number | undefined {
    return this.cs;
  }

  /** A full snapshot: replaces everything and restarts the chain from its `cs`. */
  snapshot(cs: number | undefined, bids: readonly BookLevel[], asks: readonly BookLevel[]): void {
    this.book.reset(bids, asks);
    this.cs = cs;
    this.setState('live', undefined);
  }

  /**
   * Applies one `obd`. A diff before any snapshot, or one already covered (cs <= current), is
   * ignored. A jump in `cs` marks the book stale (`gap`): the caller asks for a new snapshot.
   */
  diff(cs: number, bids: readonly BookRow[], asks: readonly BookRow[]): DiffOutcome {
    if (this.stateValue !== 'live') return 'ignored';
    if (this.cs !== undefined) {
      if (cs <= this.cs) return 'ignored';
      if (cs !== this.cs + 1) {
        this.markStale(`change set jumped from ${this.cs} to ${cs}`);
        return 'gap';
      }
    }
    this.cs = cs;
    this.applyRows('bid', bids);
    this.applyRows('ask', asks);
    // A crossed book cannot come from a correct chain: the local copy has drifted. crossed()
    // compares the two best keys the book already holds; the levels are read only to say why.
    if (this.book.crossed()) {
      const { bids, asks } = this.book.top(1);
      this.markStale(`crossed book (bid ${bids[0]![0]} >= ask ${asks[0]![0]}) at change set ${cs}`);
      return 'crossed';
    }
    return 'applied';
  }

  private applyRows(side: 'bid' | 'ask', rows: readonly BookRow[]): void {
    for (const row of rows) {
      // §8.4: removal rows may repeat the level's last quantity, so `t` decides, not `q`.
      if (row.kind === 3) this.book.remove(side, row.price);
      else if (isZeroQuantity(row.quantity)) this.book.remove(side, row.price);
      else this.book.set(side, row.price, row.quantity);
    }
  }

  /** Flags the book as out of sync (gap, socket trouble) but keeps the levels on screen. */
  markStale(reason: string): void {
    if (this.stateValue === 'empty') return;
    this.setState('stale', reason);
  }

  /** §8.4: on (re)connect rows already held may arrive again as inserts, so start from nothing. */
  clear(reason = 'reconnecting'): void {
    this.book.reset([], []);
    this.cs = undefined;
    this.setState('empty', reason);
  }

  top(n: number): { bids: BookLevel[]; asks: BookLevel[] } {
    return this.book.top(n);
  }
}
