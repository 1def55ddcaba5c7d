import { type MatchingEngine } from '../matching';

/**
 * One `book.{instrument}.{depth}` subscription of one socket (specs/cryptocom-exchange.md
 * §7.5, §9 item 14): SNAPSHOT frames, or a snapshot then deltas against what THIS socket was
 * last sent, so every delta is exact for its reader: absolute sizes, `"0"` deletes (also for
 * levels pushed out of the depth window), `pu` = the previous frame's `u`, an empty `u == pu`
 * delta after a quiet spell.
 */
export type Level = [price: string, quantity: string, orders: string];

export interface BookFrameData {
  /** `book` (snapshot) or `book.update` (delta). */
  readonly channel: 'book' | 'book.update';
  readonly data: Record<string, unknown>;
}

/** Per instrument: the sequence number source and the time of the last change (`tt`). */
export interface InstrumentClock {
  /** Increasing and non-contiguous (§7.5: "not +1 steps"). */
  seq: number;
  changedAt: number;
}

export class BookFeed {
  /** What the reader holds now, price -> level. */
  private bids = new Map<string, Level>();
  private asks = new Map<string, Level>();
  lastU = 0;
  lastSentAt = 0;
  nextDue = 0;
  started = false;
  /** A delta held back by a reorder fault, sent after the next one. */
  held: BookFrameData | undefined;

  constructor(
    readonly instrument: string,
    readonly depth: number,
    readonly deltas: boolean,
    readonly frequencyMs: number,
  ) {}

  private levels(engine: MatchingEngine): { bids: Level[]; asks: Level[] } {
    const book = engine.bookWithCounts(this.instrument, this.depth);
    const lv = ([p, q, n]: [string, string, number]): Level => [p, q, String(n)];
    return { bids: book.bids.map(lv), asks: book.asks.map(lv) };
  }

  /** A full snapshot; it becomes the reader's state. */
  snapshot(engine: MatchingEngine, clock: InstrumentClock, now: number): BookFrameData {
    const { bids, asks } = this.levels(engine);
    this.bids = new Map(bids.map((l) => [l[0], l]));
    this.asks = new Map(asks.map((l) => [l[0], l]));
    this.lastU = clock.seq;
    this.lastSentAt = now;
    this.started = true;
    return { channel: 'book', data: { asks, bids, t: now, tt: clock.changedAt, u: clock.seq, cs: checksum(bids, asks) } };
  }

  /**
   * The delta since the last frame, or undefined when there is nothing to send (no change and
   * not quiet long enough for the empty heartbeat delta).
   */
  delta(engine: MatchingEngine, clock: InstrumentClock, now: number, quietMs: number): BookFrameData | undefined {
    const { bids, asks } = this.levels(engine);
    const bidUpdates = diff(this.bids, bids);
    const askUpdates = diff(this.asks, asks);
    const empty = bidUpdates.length === 0 && askUpdates.length === 0;
    if (empty && now - this.lastSentAt < quietMs) return undefined;
    // An empty delta keeps u == pu (§7.5 rule 4); a change takes the instrument's current sequence.
    const pu = this.lastU;
    const u = empty ? pu : Math.max(clock.seq, pu + 1);
    this.bids = new Map(bids.map((l) => [l[0], l]));
    this.asks = new Map(asks.map((l) => [l[0], l]));
    this.lastU = u;
    this.lastSentAt = now;
    return { channel: 'book.update', data: { update: { asks: askUpdates, bids: bidUpdates }, t: now, tt: clock.changedAt, u, pu, cs: checksum(bids, asks) } };
  }
}

/** Levels that changed or appeared, and `"0"` for those gone (absolute sizes). */
function diff(had: Map<string, Level>, now: Level[]): Level[] {
  const out: Level[] = [];
  const seen = new Set<string>();
  for (const level of now) {
    seen.add(level[0]);
    const old = had.get(level[0]);
    if (!old || old[1] !== level[1] || old[2] !== level[2]) out.push(level);
  }
  for (const price of had.keys()) if (!seen.has(price)) out.push([price, '0', '0']);
  return out;
}

/** An int32 over the levels (§7.5: the real algorithm is unpublished; clients ignore it). */
function checksum(bids: Level[], asks: Level[]): number {
  let h = 0x811c9dc5;
  for (const [p, q] of [...bids.slice(0, 25), ...asks.slice(0, 25)]) {
    for (const ch of `${p}:${q}:`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  }
  return h | 0;
}
