/**
 * A deterministic, pre-generated stream of Icrypex-style order-book diffs (specs/icrypex.md
 * §8.4): a snapshot, then `obd` frames whose rows are `{p, q, t}` with t 1 = new level,
 * 2 = quantity changed, 3 = level removed (removals carry "0" or the last quantity). Each frame
 * has 0-6 rows per side, and most activity lands near the top of the book, as on a real venue.
 * The same seed always gives the same stream, so both books in the benchmark replay one recording.
 */

import { mulberry32 } from './prng';

export interface DiffRow {
  p: string;
  q: string;
  t: 1 | 2 | 3;
}

export interface BookDiff {
  cs: number;
  a: DiffRow[];
  b: DiffRow[];
}

export interface RecordedStream {
  depth: number;
  snapshot: { bids: Array<[string, string]>; asks: Array<[string, string]> };
  diffs: BookDiff[];
  rows: number;
}

const MID = 8_710_000; // price in ticks of 0.01: 87100.00
const price = (ticks: number) => (ticks / 100).toFixed(2);

/** Records `count` diffs around a book of about `depth` levels per side. */
export function recordStream(depth: number, count: number, seed = 1): RecordedStream {
  const random = mulberry32(seed * 7_919 + depth);
  const qty = () => (0.0001 + random() * 5).toFixed(8);
  // Each side: ticks best first, with the last quantity sent for each.
  const bids: number[] = [];
  const asks: number[] = [];
  const last = new Map<number, string>();
  let b = MID - 1;
  let a = MID + 1;
  const snapshot: RecordedStream['snapshot'] = { bids: [], asks: [] };
  for (let i = 0; i < depth; i++) {
    bids.push(b);
    asks.push(a);
    const [qb, qa] = [qty(), qty()];
    last.set(b, qb);
    last.set(-a, qa);
    snapshot.bids.push([price(b), qb]);
    snapshot.asks.push([price(a), qa]);
    b -= 1 + Math.floor(random() * 3);
    a += 1 + Math.floor(random() * 3);
  }

  let rows = 0;
  const diffs: BookDiff[] = [];
  // dir: +1 for asks (worse = higher), -1 for bids (worse = lower); key separates the sides in `last`.
  const step = (side: number[], dir: 1 | -1, other: number[]): DiffRow => {
    const key = (t: number) => (dir === 1 ? -t : t);
    const n = side.length;
    const i = Math.min(n - 1, Math.floor(n * random() ** 3)); // skewed to the top of the book
    const roll = random();
    const insertP = n < depth * 0.95 ? 0.45 : n > depth * 1.05 ? 0.1 : 0.25;
    const removeP = n > depth * 1.05 ? 0.45 : n < depth * 0.95 ? 0.1 : 0.25;
    if (roll < insertP || n === 0) {
      // A new level just above level i (i = 0: inside the spread), or past the worst if no gap.
      const better = i === 0 ? (other.length ? other[0]! : side[0]! - dir * 10) : side[i - 1]!;
      const worse = side[i] ?? better + dir * 3;
      const gap = (worse - better) * dir;
      let t: number;
      let at: number;
      if (gap > 1) {
        t = better + dir * (1 + Math.floor(random() * (gap - 1)));
        at = i;
      } else {
        t = side[n - 1]! + dir * (1 + Math.floor(random() * 3));
        at = n;
      }
      side.splice(at, 0, t);
      const q = qty();
      last.set(key(t), q);
      return { p: price(t), q, t: 1 };
    }
    const t = side[i]!;
    if (roll < insertP + removeP && n > 1) {
      side.splice(i, 1);
      const q = random() < 0.5 ? '0' : last.get(key(t))!; // §8.4: either, switch on t
      last.delete(key(t));
      return { p: price(t), q, t: 3 };
    }
    const q = qty();
    last.set(key(t), q);
    return { p: price(t), q, t: 2 };
  };

  for (let cs = 1; cs <= count; cs++) {
    const diff: BookDiff = { cs, a: [], b: [] };
    const sides = random();
    const nb = sides < 0.3 ? 0 : 1 + Math.floor(random() * 6);
    const na = sides > 0.7 ? 0 : 1 + Math.floor(random() * 6);
    for (let k = 0; k < nb; k++) diff.b.push(step(bids, -1, asks));
    for (let k = 0; k < na; k++) diff.a.push(step(asks, 1, bids));
    rows += nb + na;
    diffs.push(diff);
  }
  return { depth, snapshot, diffs, rows };
}
