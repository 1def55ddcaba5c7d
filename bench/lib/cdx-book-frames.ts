/**
 * Wire text shaped like Crypto.com Exchange book frames (specs/cryptocom-exchange.md §7.3, §7.5),
 * for `bench orderbook` (bench/orderbook.ts): one `book` snapshot, then `book.update` deltas of a
 * SNAPSHOT_AND_UPDATE subscription, in the push envelope with its fixed field order
 * (`id, method, code, result{instrument_name, subscription, channel, depth, data}`).
 *
 * Levels are `[price, quantity, count]` string triples; prices with the tick's two decimals kept
 * (`"86700.10"`), quantities with five (`"0.10000"`, the BTC_USDT step). Each delta is what the
 * exchange sends after 100 ms of changes: the levels that changed, with absolute sizes, and
 * `["price", "0", "0"]` for a level that left, including one pushed out of the depth window
 * (§7.5 rule 4). `u` grows by uneven steps, `pu` is the previous `u`, `cs` an int32 the clients
 * ignore. Changes fall mostly near the top of the book, as on a live market; the number of
 * levels a delta carries grows with the depth (the printed rows per delta says how many).
 *
 * Deterministic: one seed gives one recording, so every contender replays the same text.
 */

import { mulberry32 } from './prng';

export interface CdxRecording {
  snapshot: string;
  deltas: string[];
  /** Levels over all deltas. */
  rows: number;
  /** The channel the frames are pushed on (the stream routes on it). */
  subscription: string;
  /** Levels a side. */
  depth: number;
}

type Level = [price: string, quantity: string, count: string];

interface Side {
  /** Ticks of 0.01, best first. */
  ticks: number[];
  sizes: string[];
  counts: string[];
  /** -1: bids descend; 1: asks ascend. */
  dir: number;
}

const MID = 8_670_000; // ticks of 0.01: 86700.00

/**
 * `count` deltas over a `depth`-level book after one snapshot. `subscription` is the channel the
 * frames claim (the product subscribes at depth 50, §7.5; a bench at another depth keeps the
 * product's channel name so the stream routes the frames).
 */
export function cdxBookFrames(count: number, depth: number, subscription: string, seed = 7, instrument = 'BTC_USDT'): CdxRecording {
  const random = mulberry32(seed * 104_729 + depth);
  const size = () => (0.00001 + random() * 2).toFixed(5);
  const orders = () => String(1 + Math.floor(random() * 6));
  const px = (ticks: number) => (ticks / 100).toFixed(2);
  const sides: { bids: Side; asks: Side } = { bids: { ticks: [], sizes: [], counts: [], dir: -1 }, asks: { ticks: [], sizes: [], counts: [], dir: 1 } };
  for (const side of [sides.bids, sides.asks]) {
    let t = MID + side.dir * (1 + Math.floor(random() * 5));
    for (let i = 0; i < depth; i++) {
      side.ticks.push(t);
      side.sizes.push(size());
      side.counts.push(orders());
      t += side.dir * (1 + Math.floor(random() * 40));
    }
  }
  const levels = (side: Side): Level[] => side.ticks.map((t, i) => [px(t), side.sizes[i]!, side.counts[i]!]);
  const sent = (side: Side) => new Map(levels(side).map((l) => [l[0], l]));
  const frame = (channel: 'book' | 'book.update', data: object) => JSON.stringify({ id: -1, method: 'subscribe', code: 0, result: { instrument_name: instrument, subscription, channel, depth, data: [data] } });

  let u = 375_554_807_297_984;
  let t = 1_790_114_273_600;
  let cs = 1_522_984_915;
  const step = () => {
    u += 1 + Math.floor(random() * 90_000);
    t += 100;
    cs = (cs * 1_103_515_245 + 12_345) | 0;
  };
  step();
  const snapshot = frame('book', { asks: levels(sides.asks), bids: levels(sides.bids), t, tt: t - 4, u, cs });

  /** One change to a side: a size, a level gone (a deeper one enters), or a new level (the last leaves). */
  const change = (side: Side, other: Side) => {
    const i = Math.min(depth - 1, Math.floor(depth * random() ** 3));
    const roll = random();
    if (roll < 0.6) {
      side.sizes[i] = size();
      side.counts[i] = orders();
    } else if (roll < 0.8) {
      side.ticks.splice(i, 1);
      side.sizes.splice(i, 1);
      side.counts.splice(i, 1);
      side.ticks.push(side.ticks[side.ticks.length - 1]! + side.dir * (1 + Math.floor(random() * 40)));
      side.sizes.push(size());
      side.counts.push(orders());
    } else {
      const better = i === 0 ? other.ticks[0]! : side.ticks[i - 1]!;
      const gap = (side.ticks[i]! - better) * side.dir;
      if (gap <= 1) return;
      side.ticks.splice(i, 0, side.ticks[i]! - side.dir * (1 + Math.floor(random() * (gap - 1))));
      side.sizes.splice(i, 0, size());
      side.counts.splice(i, 0, orders());
      side.ticks.pop();
      side.sizes.pop();
      side.counts.pop();
    }
  };
  /** What the reader must be told: changed or new levels, and "0" for those gone (absolute sizes). */
  const diff = (had: Map<string, Level>, side: Side): Level[] => {
    const now = levels(side);
    const out: Level[] = [];
    for (const l of now) {
      const old = had.get(l[0]);
      if (!old || old[1] !== l[1] || old[2] !== l[2]) out.push(l);
      had.delete(l[0]);
    }
    for (const price of had.keys()) out.push([price, '0', '0']);
    return out;
  };

  const maxChanges = Math.max(2, Math.round(depth / 5));
  const deltas: string[] = [];
  let rows = 0;
  for (let n = 0; n < count; n++) {
    const had = { bids: sent(sides.bids), asks: sent(sides.asks) };
    const changes = 1 + Math.floor(random() ** 2 * maxChanges);
    for (let k = 0; k < changes; k++) {
      if (random() < 0.5) change(sides.bids, sides.asks);
      else change(sides.asks, sides.bids);
    }
    const update = { asks: diff(had.asks, sides.asks), bids: diff(had.bids, sides.bids) };
    // Nothing changed (an insert found no room): the exchange sends nothing.
    if (update.asks.length + update.bids.length === 0) {
      n--;
      continue;
    }
    rows += update.asks.length + update.bids.length;
    const pu = u;
    step();
    deltas.push(frame('book.update', { update, t, tt: t - 3, u, pu, cs }));
  }
  return { snapshot, deltas, rows, subscription, depth };
}
