import Big from 'big.js';
import type { BookLevel, BookSnapshot, Result } from '../../../shared';
import type { Clock } from '../../net/clock';

/**
 * Issue 20: when the last depth push before a market goes quiet is lost, nothing repairs the book
 * until the periodic refresh (§6.6: about every 11 s), and the trader sees a LIVE book the
 * exchange no longer has. So a book with no push for `periodMs` is compared with GET /v1/depth
 * (§5.6, the market-data rule of §3 through the connector's limiter), and again every period while
 * it stays quiet (a check that backed off would find an update lost after a long quiet stretch
 * only as late as it had backed off). At most one check is in flight and one starts per 0.5 s
 * tick, so the checks cost at most 2 requests/s per connector however many books are watched (with
 * more than four quiet books each is checked less often than every period). A push starts the
 * count over. A mismatch is handed to
 * the stream, which marks the book stale and resubscribes (a fresh whole push follows every sub).
 * docs/exchanges.md "Quiet books".
 */
export const QUIET_VERIFY_MS = 2_000;
const TICK_MS = 500;

export type FetchDepth = (native: string, step: number) => Promise<Result<BookSnapshot>>;

export interface QuietBook {
  native: string;
  step: number;
  /** True while the book is whole (a push applied since the last doubt). */
  synced: boolean;
  /** Bumped on every applied push: a check answered after a push is not compared. */
  seq: number;
  changedAt: number;
  /** The check in flight (its start, ms): one not answered within a period is given up. */
  checking?: number;
  top(): { bids: BookLevel[]; asks: BookLevel[] };
}

export interface QuietBooksOptions {
  clock: Clock;
  fetch: FetchDepth;
  periodMs?: number;
  books: () => Iterable<QuietBook>;
  /** Only when this is true (the socket is connected) are books checked. */
  live: () => boolean;
  onMismatch: (book: QuietBook) => void;
  /** A book out of sync for a whole period with no push: ask again (the fresh push never came). */
  onStillStale: (book: QuietBook) => void;
  log?: (line: string) => void;
}

export class QuietBooks {
  private cancel: (() => void) | undefined;
  private stopped = false;
  private failedOnce = false;
  /** Books found different from GET /v1/depth so far. */
  mismatches = 0;

  constructor(private readonly o: QuietBooksOptions) {}

  get periodMs(): number {
    return this.o.periodMs ?? QUIET_VERIFY_MS;
  }

  /** Starts the single timer if it is not running (call when a book is added). */
  arm(): void {
    if (this.cancel || this.stopped || this.periodMs <= 0) return;
    this.cancel = this.o.clock.setTimer(() => {
      this.cancel = undefined;
      const books = [...this.o.books()];
      if (books.length === 0) return;
      // One REST check at a time, at most one per tick (2/s per connector, whatever the number of
      // watched books): the oldest-checked quiet book goes first.
      if (this.o.live() && !books.some((b) => b.checking !== undefined && this.o.clock.now() - b.checking < this.periodMs)) {
        const due = books.filter((b) => this.o.clock.now() - b.changedAt >= this.periodMs).sort((a, b) => a.changedAt - b.changedAt)[0];
        if (due) this.check(due);
      }
      this.arm();
    }, TICK_MS);
  }

  /** A push was applied to `book`: it is not quiet. */
  changed(book: QuietBook): void {
    book.seq++;
    book.changedAt = this.o.clock.now();
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
    this.cancel = undefined;
  }

  private check(book: QuietBook): void {
    const now = this.o.clock.now();
    if ((book.checking !== undefined && now - book.checking < this.periodMs) || now - book.changedAt < this.periodMs) return;
    if (!book.synced) {
      book.changedAt = now;
      this.o.onStillStale(book);
      return;
    }
    book.checking = now;
    book.changedAt = now; // the next check counts from this one
    const seq = book.seq;
    const mine = book.top();
    void this.o.fetch(book.native, book.step).then((r) => {
      if (book.checking !== now) return; // given up: a newer check is in flight
      book.checking = undefined;
      if (this.stopped) return;
      if (!r.ok) {
        // Not a mismatch: the next period tries again. Said once per stream (no log flood).
        if (!this.failedOnce) this.o.log?.(`cryptocom ws: could not check a quiet book (${r.error.code}); retrying each period`);
        this.failedOnce = true;
        return;
      }
      if (book.seq !== seq || !book.synced) return; // a push came meanwhile: it is the newer truth
      if (sameBook(mine, r.value)) return;
      this.mismatches++;
      this.o.onMismatch(book);
    });
  }
}

/**
 * Level for level, as numbers (the socket sends numbers, REST may send strings with other
 * trailing zeros, §5.6/§6.6), over the depth both hold: REST may serve fewer levels than the
 * socket's 150. One side empty and the other not is a difference.
 */
export function sameBook(mine: { bids: readonly BookLevel[]; asks: readonly BookLevel[] }, theirs: { bids: readonly BookLevel[]; asks: readonly BookLevel[] }): boolean {
  return sameSide(mine.bids, theirs.bids) && sameSide(mine.asks, theirs.asks);
}

function sameSide(a: readonly BookLevel[], b: readonly BookLevel[]): boolean {
  if ((a.length === 0) !== (b.length === 0)) return false;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (!new Big(a[i]![0]).eq(b[i]![0]) || !new Big(a[i]![1]).eq(b[i]![1])) return false;
  }
  return true;
}
