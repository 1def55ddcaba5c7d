/**
 * Wire text shaped like the real book frames, for `bench orderbook` (bench/orderbook.ts).
 *
 * Icrypex (specs/icrypex.md §8.4; ../shared/fixtures/icrypex-live): a 50-level window per side,
 * an `orderbook|` snapshot, then `obd|` diffs of one or two rows on one side, the other side an
 * empty array, keys in the captured order `q`, `p`, `t`, prices and sizes as short decimal
 * strings with no trailing zeros (`"87107"`, `"86762.1"`, `"0.0017712"`). The three shapes of
 * the captures: a size changed (`t` 2, one row), a level leaving the window with a deeper one
 * entering (`t` 3 carrying its old size, then `t` 1), and a new level inside the window pushing
 * the 50th out (`t` 1, then `t` 3 with `"0"` or its old size).
 *
 * Crypto.com V1 (specs/cryptocom-v1.md §6.6; ../shared/fixtures/chainup-live/grovex): every push is
 * the whole book, numbers as JSON numbers, bids keyed `buys`, inside the `event_rep`/`channel`/
 * `tick`/`ts`/`status` envelope; the text as it is after gunzip.
 *
 * Deterministic: one seed gives one recording, so every contender replays the same text.
 */

import { mulberry32 } from './prng';

export const WINDOW = 50;

/** A decimal string with trailing zeros trimmed, as Icrypex prints them. */
function trimmed(n: number, decimals: number): string {
  const s = n.toFixed(decimals);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

export interface IcrypexRecording {
  snapshot: string;
  diffs: string[];
  /** Rows over all diffs. */
  rows: number;
}

const MID = 871_000; // ticks of 0.1: 87100.0
const TICK_DECIMALS = 1;

/** `count` `obd` frames over a `window`-level book of `symbol`, after one `orderbook` snapshot. */
export function icrypexFrames(count: number, seed = 1, window = WINDOW, symbol = 'BTCUSDT'): IcrypexRecording {
  const random = mulberry32(seed * 7_919 + window);
  const size = () => trimmed(0.0001 + random() * 3, 8);
  const px = (ticks: number) => trimmed(ticks / 10, TICK_DECIMALS);
  // Per side: ticks best first and the size last sent for each; bids descend, asks ascend.
  const sides = { b: { ticks: [] as number[], sizes: [] as string[], dir: -1 }, a: { ticks: [] as number[], sizes: [] as string[], dir: 1 } };
  for (const [key, side] of Object.entries(sides)) {
    let t = key === 'b' ? MID - 1 : MID + 1;
    for (let i = 0; i < window; i++) {
      side.ticks.push(t);
      side.sizes.push(size());
      t += side.dir * (1 + Math.floor(random() * 4));
    }
  }
  const level = (side: typeof sides.b, i: number) => ({ q: side.sizes[i]!, p: px(side.ticks[i]!) });
  const snapshot = `orderbook|${JSON.stringify({
    ps: symbol,
    cs: 1,
    a: sides.a.ticks.map((_, i) => level(sides.a, i)),
    b: sides.b.ticks.map((_, i) => level(sides.b, i)),
  })}`;

  type Row = { q: string; p: string; t: 1 | 2 | 3 };
  const diffs: string[] = [];
  let rows = 0;
  for (let n = 0; n < count; n++) {
    const key = random() < 0.5 ? 'b' : 'a';
    const side = sides[key];
    const other = key === 'b' ? sides.a : sides.b;
    const i = Math.min(window - 1, Math.floor(window * random() ** 3)); // most traffic near the top
    const roll = random();
    const out: Row[] = [];
    if (roll < 0.6) {
      side.sizes[i] = size();
      out.push({ q: side.sizes[i]!, p: px(side.ticks[i]!), t: 2 });
    } else if (roll < 0.8) {
      // A level leaves the window (its old size repeated, §8.4), a deeper one enters at the end.
      out.push({ q: side.sizes[i]!, p: px(side.ticks[i]!), t: 3 });
      side.ticks.splice(i, 1);
      side.sizes.splice(i, 1);
      const deeper = side.ticks[side.ticks.length - 1]! + side.dir * (1 + Math.floor(random() * 4));
      side.ticks.push(deeper);
      side.sizes.push(size());
      out.push({ q: side.sizes[window - 1]!, p: px(deeper), t: 1 });
    } else {
      // A new level just better than level i (or inside the spread), pushing the 50th out.
      const better = i === 0 ? other.ticks[0]! : side.ticks[i - 1]!;
      const gap = (side.ticks[i]! - better) * side.dir;
      if (gap <= 1) {
        side.sizes[i] = size();
        out.push({ q: side.sizes[i]!, p: px(side.ticks[i]!), t: 2 });
      } else {
        const t = side.ticks[i]! - side.dir * (1 + Math.floor(random() * (gap - 1)));
        side.ticks.splice(i, 0, t);
        side.sizes.splice(i, 0, size());
        out.push({ q: side.sizes[i]!, p: px(t), t: 1 });
        const gone = side.ticks.pop()!;
        const goneSize = side.sizes.pop()!;
        out.push({ q: random() < 0.5 ? '0' : goneSize, p: px(gone), t: 3 });
      }
    }
    rows += out.length;
    diffs.push(`obd|${JSON.stringify({ ps: symbol, cs: n + 2, a: key === 'a' ? out : [], b: key === 'b' ? out : [] })}`);
  }
  return { snapshot, diffs, rows };
}

/** `count` whole-book Crypto.com V1 depth pushes of `levels` a side, the mid price walking. */
export function cryptocomFrames(count: number, levels: number, seed = 42, native = 'btcusdt'): string[] {
  const random = mulberry32(seed);
  const frames: string[] = [];
  let mid = 8_670_000; // in cents: 86700.00
  let ts = 1_790_134_142_000;
  for (let n = 0; n < count; n++) {
    mid += Math.round((random() - 0.5) * 2_000);
    const asks: Array<[number, number]> = [];
    const buys: Array<[number, number]> = [];
    let a = mid + 1 + Math.floor(random() * 50);
    let b = mid - 1 - Math.floor(random() * 50);
    for (let k = 0; k < levels; k++) {
      asks.push([a / 100, (1 + Math.round(random() * 2e5)) / 1e5]);
      buys.push([b / 100, (1 + Math.round(random() * 2e5)) / 1e5]);
      a += 1 + Math.floor(random() * 60);
      b -= 1 + Math.floor(random() * 60);
    }
    ts += 100;
    frames.push(JSON.stringify({ event_rep: '', channel: `market_${native}_depth_step0`, data: null, tick: { asks, buys }, ts, status: 'ok' }));
  }
  return frames;
}
