import { isZeroQuantity, type BookLevel } from '../../shared';

/**
 * One side of an order book, as a short list of blocks of at most BLOCK levels each. Keys (the
 * price, negated for asks) ascend from the worst level to the best, so the top of the book is
 * the end of the last block. An insert or delete moves at most one block's worth of entries
 * (not the whole side, as a flat best-first array does), and a search gallops from the top,
 * where most book traffic lands. Nothing allocates on the update path except a block split.
 * Internal to OrderBook (order-book.ts), which documents the public behaviour.
 */

const BLOCK = 64;
const FILL = 48; // levels per block when loading a snapshot, leaving room to grow

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Parses a decimal price. Fast path for plain `123.456` of at most 15 characters: the digits form
 * an exact integer below 2^53 and 10^k is exact, so one IEEE division gives the correctly rounded
 * value, the same double as Number(price). Other decimal forms go through Number().
 */
export function parsePrice(price: string): number {
  const len = price.length;
  if (len > 0 && len <= 15) {
    let mantissa = 0;
    let decimals = -1;
    let i = 0;
    for (; i < len; i++) {
      const c = price.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        mantissa = mantissa * 10 + (c - 48);
        if (decimals >= 0) decimals++;
      } else if (c === 46 && decimals < 0 && i > 0 && i < len - 1) {
        decimals = 0;
      } else break;
    }
    if (i === len) return decimals > 0 ? mantissa / POW10[decimals]! : mantissa;
  }
  const n = DECIMAL.test(price) ? +price : NaN; // Number() alone would take "0x10" and " 12"
  if (!Number.isFinite(n)) throw new RangeError(`order book: price "${price.slice(0, 32)}" is not a number`);
  return n;
}

/** Snapshot rows in ascending key order (worst first), parsed but not yet installed. */
export interface PreparedRows {
  /** The first `levels.length` entries are the rows' keys (the array is the side's scratch). */
  keys: Float64Array;
  levels: BookLevel[];
}

/**
 * A level's [price, quantity] tuple is made when the level is set (or handed over by the caller,
 * OrderBook.setLevel) and handed out as it is by top(): reading the best 50 levels copies 50
 * references, not 50 new tuples (issue 19). A tuple is never changed after it is stored (a new
 * size makes a new tuple), so a snapshot read earlier keeps showing what the book was then.
 */
const NO_LEVEL: BookLevel = ['', ''];

class Block {
  readonly keys = new Float64Array(BLOCK);
  readonly levels: BookLevel[] = new Array<BookLevel>(BLOCK).fill(NO_LEVEL);
  n = 0;

  /** Index of `key`, or -(insertion point) - 1. Gallops down from the block's best end. */
  find(key: number): number {
    const keys = this.keys;
    let hi = this.n - 1;
    let lo = hi;
    let step = 1;
    while (lo >= 0 && keys[lo]! > key) {
      hi = lo - 1;
      lo -= step;
      step <<= 1;
    }
    if (lo < 0) lo = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid]!;
      if (k < key) lo = mid + 1;
      else if (k > key) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  insert(i: number, key: number, level: BookLevel): void {
    const { keys, levels } = this;
    const n = this.n;
    keys.copyWithin(i + 1, i, n);
    for (let j = n; j > i; j--) levels[j] = levels[j - 1]!;
    keys[i] = key;
    levels[i] = level;
    this.n = n + 1;
  }

  delete(i: number): void {
    const { keys, levels } = this;
    const n = this.n - 1;
    keys.copyWithin(i, i + 1, n + 1);
    for (let j = i; j < n; j++) levels[j] = levels[j + 1]!;
    levels[n] = NO_LEVEL;
    this.n = n;
  }

  /** Moves the upper half into a new block, returned. */
  split(): Block {
    const upper = new Block();
    const half = this.n >>> 1;
    const moved = this.n - half;
    upper.keys.set(this.keys.subarray(half, this.n));
    for (let j = 0; j < moved; j++) {
      upper.levels[j] = this.levels[half + j]!;
      this.levels[half + j] = NO_LEVEL;
    }
    upper.n = moved;
    this.n = half;
    return upper;
  }

  /** Empties the block for a snapshot to refill, letting go of its tuples. */
  empty(): void {
    this.levels.fill(NO_LEVEL, 0, this.n);
    this.n = 0;
  }

  /** Appends all of `next` (whose keys are all higher). */
  absorb(next: Block): void {
    this.keys.set(next.keys.subarray(0, next.n), this.n);
    for (let j = 0; j < next.n; j++) this.levels[this.n + j] = next.levels[j]!;
    this.n += next.n;
  }
}

export class SortedSide {
  private blocks: Block[] = [];
  /** prepare()'s scratch: keys as parsed, and in ascending order. */
  private parsed = new Float64Array(0);
  private sorted = new Float64Array(0);
  /** Number of levels. */
  size = 0;

  constructor(private readonly sign: 1 | -1) {}

  clear(): void {
    this.blocks = [];
    this.size = 0;
  }

  /** The block whose range holds `key`: the last one whose first key is at or below it (or the first). */
  private blockFor(key: number): number {
    const blocks = this.blocks;
    const last = blocks.length - 1;
    if (last <= 0 || blocks[last]!.keys[0]! <= key) return last;
    // Gallop down from the top, then binary search the bracket.
    let hi = last - 1;
    let lo = hi;
    let step = 1;
    while (lo > 0 && blocks[lo]!.keys[0]! > key) {
      hi = lo - 1;
      lo -= step;
      step <<= 1;
    }
    if (lo < 0) lo = 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (blocks[mid]!.keys[0]! <= key) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Sets the level `[price, quantity]`; the side keeps `level` itself, which nobody may change afterwards. */
  set(level: BookLevel): void {
    const key = this.sign * parsePrice(level[0]);
    if (this.blocks.length === 0) this.blocks.push(new Block());
    const b = this.blockFor(key);
    const block = this.blocks[b]!;
    const i = block.find(key);
    if (i >= 0) {
      block.levels[i] = level;
      return;
    }
    let at = -i - 1;
    let target = block;
    if (block.n === BLOCK) {
      const upper = block.split();
      this.blocks.splice(b + 1, 0, upper);
      if (at > block.n) {
        at -= block.n;
        target = upper;
      }
    }
    target.insert(at, key, level);
    this.size++;
  }

  remove(price: string): boolean {
    const key = this.sign * parsePrice(price);
    if (this.blocks.length === 0) return false;
    const b = this.blockFor(key);
    const block = this.blocks[b]!;
    const i = block.find(key);
    if (i < 0) return false;
    block.delete(i);
    this.size--;
    if (block.n === 0) this.blocks.splice(b, 1);
    else if (block.n < BLOCK / 4) this.mergeAround(b);
    return true;
  }

  /** Keeps blocks from getting sparse after many deletes: fold a small block into a neighbour. */
  private mergeAround(b: number): void {
    const blocks = this.blocks;
    const block = blocks[b]!;
    const next = blocks[b + 1];
    if (next && block.n + next.n <= FILL) {
      block.absorb(next);
      blocks.splice(b + 1, 1);
      return;
    }
    const prev = blocks[b - 1];
    if (prev && prev.n + block.n <= FILL) {
      prev.absorb(block);
      blocks.splice(b, 1);
    }
  }

  /**
   * Parses and orders snapshot rows without touching the side (so a bad row in either side of a
   * snapshot leaves the whole book as it was); commit() then installs them. Snapshots come best
   * first (strictly descending keys) as a rule, and those are only reversed: the sort, and an
   * object per row, is for the rest (issue 19: Crypto.com V1 sends the whole book on every push).
   */
  prepare(levels: readonly BookLevel[]): PreparedRows {
    const n = levels.length;
    // Keys go into this side's scratch arrays (a typed array costs far more to allocate than to
    // fill, and a whole-book push prepares every update): valid until the side's next prepare().
    if (this.parsed.length < n) {
      this.parsed = new Float64Array(n * 2);
      this.sorted = new Float64Array(n * 2);
    }
    const keys = this.parsed;
    let bestFirst = true;
    for (let at = 0; at < n; at++) {
      const key = this.sign * parsePrice(levels[at]![0]);
      keys[at] = key;
      if (at > 0 && !(key < keys[at - 1]!)) bestFirst = false;
    }
    const out: PreparedRows = { keys: this.sorted, levels: new Array<BookLevel>(n) };
    if (bestFirst) {
      for (let at = 0; at < n; at++) {
        out.keys[n - 1 - at] = keys[at]!;
        out.levels[n - 1 - at] = levels[at]!;
      }
      return out;
    }
    // Ascending keys; among repeats of one price the later row sorts later (and wins in commit()).
    const order = Array.from({ length: n }, (_, at) => at).sort((x, y) => keys[x]! - keys[y]! || x - y);
    for (let i = 0; i < n; i++) {
      out.keys[i] = keys[order[i]!]!;
      out.levels[i] = levels[order[i]!]!;
    }
    return out;
  }

  /** Replaces the side; rows mean what setting them in order would (last repeat wins, zero deletes). */
  commit(rows: PreparedRows): void {
    // The old blocks are refilled (top() hands out tuples, never blocks): a whole-book push per
    // update (Crypto.com V1) would otherwise allocate them anew every time.
    const spare = this.blocks;
    let reused = 0;
    this.clear();
    const { keys, levels } = rows;
    const n = levels.length;
    let block: Block | undefined;
    for (let r = 0; r < n; r++) {
      const key = keys[r]!;
      if (r + 1 < n && keys[r + 1] === key) continue; // a later row of this price wins
      const [p, q] = levels[r]!;
      if (isZeroQuantity(q)) continue;
      if (!block || block.n === FILL) {
        block = reused < spare.length ? spare[reused++]! : new Block();
        block.empty();
        this.blocks.push(block);
      }
      block.keys[block.n] = key;
      block.levels[block.n] = [p, q]; // our own tuple: the caller's array stays the caller's
      block.n++;
      this.size++;
    }
  }

  /** The best `count` levels, best first: a new array of the stored (never changed) tuples. */
  top(count: number): BookLevel[] {
    // Sized once (a snapshot per book update reads 50 a side; growing by push reallocates).
    const n = Math.min(count, this.size);
    const out = new Array<BookLevel>(n);
    let k = 0;
    for (let b = this.blocks.length - 1; b >= 0 && k < n; b--) {
      const block = this.blocks[b]!;
      for (let i = block.n - 1; i >= 0 && k < n; i--) out[k++] = block.levels[i]!;
    }
    return out;
  }

  /** The best key (price, negated for asks), or undefined when empty. */
  bestKey(): number | undefined {
    const last = this.blocks[this.blocks.length - 1];
    return last ? last.keys[last.n - 1] : undefined;
  }

  /** Drops all but the best `max` levels. */
  trim(max: number): void {
    let drop = this.size - max;
    if (drop <= 0) return;
    this.size = max;
    while (drop > 0) {
      const first = this.blocks[0]!;
      if (first.n <= drop) {
        drop -= first.n;
        this.blocks.shift();
        continue;
      }
      for (let k = 0; k < drop; k++) first.delete(0);
      drop = 0;
    }
  }
}
