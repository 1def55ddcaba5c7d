import { type MatchingEngine } from '../matching/engine';
import { type LevelTuple } from '../matching/types';

/** specs/icrypex.md §8.4: the server keeps a 50-level window per side. */
export const WINDOW_LEVELS = 50;
/** specs/icrypex.md §8.4: orderbook-short carries the best 5 rows per side. */
export const SHORT_LEVELS = 5;

/** One `obd` row: t 1 = new level, 2 = quantity changed, 3 = removed (key order as captured). */
export interface ObdRow {
  q: string;
  p: string;
  t: 1 | 2 | 3;
}

type Window = { asks: Map<string, string>; bids: Map<string, string> };

function toMap(levels: LevelTuple[]): Map<string, string> {
  return new Map(levels);
}

function diffSide(before: Map<string, string>, after: Map<string, string>, removalQty: 'last' | 'zero', descending: boolean): ObdRow[] {
  const removed: ObdRow[] = [];
  const changed: ObdRow[] = [];
  for (const [p, q] of before) {
    // specs/icrypex.md §8.4: removal rows carry "0" or the level's last quantity.
    if (!after.has(p)) removed.push({ q: removalQty === 'last' ? q : '0', p, t: 3 });
  }
  for (const [p, q] of after) {
    const old = before.get(p);
    if (old === undefined) changed.push({ q, p, t: 1 });
    else if (old !== q) changed.push({ q, p, t: 2 });
  }
  const order = (a: ObdRow, b: ObdRow) => (descending ? Number(b.p) - Number(a.p) : Number(a.p) - Number(b.p));
  return [...removed.sort(order), ...changed.sort(order)];
}

/**
 * The `orderbook@<pair>` stream of one pair: a change-set counter and the 50-level window last
 * sent. `diff()` turns the engine's current window into one `obd` (or nothing when the window
 * did not change), so every diff is exactly the step from the previous `cs`.
 */
export class BookFeed {
  /** Current change-set number: the `cs` of the last snapshot or diff. */
  cs: number;
  /** Set by engine level events; cleared when a diff has been computed. */
  dirty = false;
  private window: Window | undefined;

  constructor(
    private readonly engine: MatchingEngine,
    readonly symbol: string,
    startCs: number,
  ) {
    this.cs = startCs;
  }

  /** True while the feed tracks a window (someone is subscribed). */
  get live(): boolean {
    return this.window !== undefined;
  }

  /** Snapshot of the window as of `cs` (starts tracking when idle). */
  snapshot(): { cs: number; a: Array<{ q: string; p: string }>; b: Array<{ q: string; p: string }> } {
    if (!this.window) this.window = this.current();
    const rows = (side: Map<string, string>) => [...side].map(([p, q]) => ({ q, p }));
    return { cs: this.cs, a: rows(this.window.asks), b: rows(this.window.bids) };
  }

  /** Stops tracking (no subscribers left); the next snapshot starts from the engine again. */
  idle(): void {
    this.window = undefined;
  }

  /**
   * The next diff, or undefined when the window is unchanged. `skip` makes `cs` jump by 2
   * (the skipChangeSet fault).
   */
  diff(removalQty: 'last' | 'zero', skip: boolean | (() => boolean) = false): { cs: number; a: ObdRow[]; b: ObdRow[] } | undefined {
    this.dirty = false;
    if (!this.window) return undefined;
    const next = this.current();
    const a = diffSide(this.window.asks, next.asks, removalQty, false);
    const b = diffSide(this.window.bids, next.bids, removalQty, true);
    this.window = next;
    if (a.length === 0 && b.length === 0) return undefined;
    // A skip (fault) is asked for only when a diff goes out, so a flush with nothing to send
    // does not use it up (sim-api.md "Faults": the *next obd* jumps).
    this.cs += (typeof skip === 'function' ? skip() : skip) ? 2 : 1;
    return { cs: this.cs, a, b };
  }

  /** The best 5 per side now (sent whole to a new orderbook-short subscriber). */
  shortNow(): { a: Array<{ q: string; p: string }>; b: Array<{ q: string; p: string }> } {
    const book = this.engine.book(this.symbol, SHORT_LEVELS);
    return { a: book.asks.map(([p, q]) => ({ q, p })), b: book.bids.map(([p, q]) => ({ q, p })) };
  }



  private current(): Window {
    const book = this.engine.book(this.symbol, WINDOW_LEVELS);
    return { asks: toMap(book.asks), bids: toMap(book.bids) };
  }
}
