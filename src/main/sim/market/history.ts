import { hashString } from '../shared/rng';
import { type SimCandle } from '../matching/types';

/**
 * Invented candle history of one market, generated on demand from a seed (issue 18): nothing
 * is stored, any minute of up to 2^25 minutes (~64 years) back can be asked for, and every
 * period is consistent with every other (a day's candle is exactly the aggregate of its hours,
 * an hour of its minutes), because all of them are aggregates of one path.
 *
 * The path is a binary tree over [end - 2^25 min, end): each node knows its open, close, high,
 * low, volume and quote volume, and splits into two halves that agree with it exactly (the
 * midpoint is a Brownian-bridge step kept inside [low, high]; one half reaches the high, one
 * the low; volumes split in whole units). A node's halves depend only on the node and a hash
 * of (seed, market, depth, position), so any part of the tree is rebuilt from the root in 25
 * steps, and a range of candles is one walk that stops splitting at nodes lying inside a
 * single candle.
 */

/** What the history of one market needs to know about it. */
export interface HistorySpec {
  symbol: string;
  seed: number;
  /** First minute NOT in the history (Unix seconds, a whole minute): live candles start here. */
  endSec: number;
  /** Minutes of history before `endSec` (at most 2^25). */
  minutes: number;
  /** Close of the last history minute (where the live market starts). */
  referencePrice: string;
  /** Fair-price volatility per sqrt(second), as a fraction (MarketProfile.volatility). */
  volatility: number;
  /** Typical order value in quote; about 30 of them trade per minute. */
  orderValue: number;
  pricePrecision: number;
  quantityPrecision: number;
}

/** One aggregate: prices as numbers (rounded to the tick when printed), volumes in whole units. */
interface Node {
  /** Start, in minutes since the tree's origin. */
  start: number;
  len: number;
  depth: number;
  open: number;
  close: number;
  high: number;
  low: number;
  /** Base volume in units of 10^-quantityPrecision. */
  volume: bigint;
  /** Quote volume in units of 10^-(pricePrecision + quantityPrecision). */
  quote: bigint;
}

export const MAX_HISTORY_MINUTES = 2 ** 25;
const LEVELS = 25;
/** Largest swing (log) a midpoint step may take: keeps decades of history near the reference. */
const CAP = 0.45;
const WEIGHT_ONE = 1n << 30n;

/** `digits` with the decimal point `decimals` from the right, in canonical form (no trailing zeros). */
function placePoint(digits: string, decimals: number): string {
  if (decimals === 0) return digits;
  const padded = digits.padStart(decimals + 1, '0');
  const whole = padded.slice(0, -decimals);
  const fraction = padded.slice(-decimals).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Splits `total` in two by fraction f (0..1) of the first part; the parts sum exactly. */
function split(total: bigint, f: number): [bigint, bigint] {
  const first = (total * BigInt(Math.round(Math.min(1, Math.max(0, f)) * Number(WEIGHT_ONE)))) / WEIGHT_ONE;
  return [first, total - first];
}

export class SyntheticHistory {
  /** Oldest second of history. */
  readonly startSec: number;
  readonly endSec: number;
  private readonly originSec: number;
  private readonly root: Node;
  private readonly seedHash: number;
  private readonly tick: number;
  /** Volatility per sqrt(minute), log. */
  private readonly sigmaMinute: number;

  constructor(private readonly spec: HistorySpec) {
    if (spec.endSec % 60 !== 0) throw new RangeError('history must end on a whole minute');
    const minutes = Math.max(0, Math.min(MAX_HISTORY_MINUTES, Math.floor(spec.minutes)));
    this.endSec = spec.endSec;
    this.startSec = spec.endSec - minutes * 60;
    this.originSec = spec.endSec - MAX_HISTORY_MINUTES * 60;
    this.seedHash = hashString(`history|${spec.seed}|${spec.symbol.toUpperCase()}`);
    this.tick = 10 ** -spec.pricePrecision;
    this.sigmaMinute = spec.volatility * Math.sqrt(60);
    const rng = this.rngFor(0, 0);
    const close = Number(spec.referencePrice);
    const open = close * Math.exp(rng.normal() * CAP);
    const high = Math.max(open, close) * Math.exp(CAP * (1.5 + Math.abs(rng.normal()) * 0.5));
    const low = Math.min(open, close) * Math.exp(-CAP * (1.5 + Math.abs(rng.normal()) * 0.5));
    // About 30 orders' worth of quote volume a minute, as the live traders do.
    const perMinuteBase = (spec.orderValue * 30) / close;
    const volume = BigInt(Math.round(perMinuteBase * 10 ** spec.quantityPrecision)) * BigInt(MAX_HISTORY_MINUTES);
    this.root = { start: 0, len: MAX_HISTORY_MINUTES, depth: 0, open, close, high, low, volume, quote: this.quoteOf(volume, (open + close) / 2) };
  }

  /**
   * Candles of `resolutionSeconds` (a whole number of minutes, epoch-aligned) whose start lies
   * in [fromSec, toSec], oldest first; a bucket that straddles the start or end of the history
   * holds only the history's part of it.
   */
  candles(resolutionSeconds: number, fromSec: number, toSec: number): SimCandle[] {
    const bucketOf = (sec: number) => Math.floor(sec / resolutionSeconds) * resolutionSeconds;
    const first = Math.ceil(fromSec / resolutionSeconds) * resolutionSeconds;
    const last = bucketOf(toSec);
    const a = this.toMinute(Math.max(first, this.startSec));
    const b = this.toMinute(Math.min(last + resolutionSeconds, this.endSec));
    if (b <= a) return [];
    const out: SimCandle[] = [];
    let current: { time: number; node: Node } | undefined;
    const inOneBucket = (node: Node) => bucketOf(this.secOf(node.start)) === bucketOf(this.secOf(node.start + node.len - 1));
    this.walk(this.root, a, b, inOneBucket, (node) => {
      const time = bucketOf(this.secOf(node.start));
      if (current?.time === time) current.node = merge(current.node, node);
      else {
        if (current) out.push(this.toCandle(current.time, current.node));
        current = { time, node };
      }
    });
    if (current) out.push(this.toCandle(current.time, current.node));
    return out;
  }

  /** The aggregate of the history minutes in [fromSec, toSec) as one candle (time = fromSec); undefined when none. */
  aggregate(fromSec: number, toSec: number): SimCandle | undefined {
    const a = this.toMinute(Math.max(fromSec, this.startSec));
    const b = this.toMinute(Math.min(toSec, this.endSec));
    if (b <= a) return undefined;
    let out: Node | undefined;
    this.walk(this.root, a, b, () => true, (node) => {
      out = out ? merge(out, node) : node;
    });
    return out && this.toCandle(fromSec, out);
  }

  /** The close of the last history minute (the reference price, on the tick). */
  lastClose(): string {
    return this.price(this.root.close);
  }

  // ---- the tree ------------------------------------------------------------------------------

  private toMinute(sec: number): number {
    return Math.floor((sec - this.originSec) / 60);
  }

  private secOf(minute: number): number {
    return this.originSec + minute * 60;
  }

  /**
   * Visits, in time order, the largest nodes inside minutes [a, b) that `whole` accepts (a
   * node is split further when it crosses a bucket boundary, or is only partly in [a, b)).
   */
  private walk(node: Node, a: number, b: number, whole: (node: Node) => boolean, visit: (node: Node) => void): void {
    const end = node.start + node.len;
    if (end <= a || node.start >= b) return;
    if (node.start >= a && end <= b && whole(node)) return visit(node);
    const [left, right] = this.children(node);
    this.walk(left, a, b, whole, visit);
    this.walk(right, a, b, whole, visit);
  }

  private rngFor(depth: number, index: number): NodeRandom {
    let h = (this.seedHash ^ Math.imul(depth + 1, 0x9e3779b9)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    h = (h ^ index) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    return new NodeRandom((h ^ (h >>> 16)) >>> 0);
  }

  private quoteOf(volume: bigint, price: number): bigint {
    return volume * BigInt(Math.max(1, Math.round(price / this.tick)));
  }

  /** The two halves of a node; together they are exactly the node (see the class comment). */
  private children(node: Node): [Node, Node] {
    if (node.depth >= LEVELS) throw new Error('a history minute has no halves');
    const rng = this.rngFor(node.depth + 1, node.start / node.len);
    const half = node.len / 2;
    const sigma = Math.min(CAP, this.sigmaMinute * Math.sqrt(half));
    const { open, close, high, low } = node;
    const [lh, ll] = [Math.log(high), Math.log(low)];
    const upWick = lh - Math.log(Math.max(open, close));
    const downWick = Math.log(Math.min(open, close)) - ll;
    // Where the price is at the midpoint: near a far extreme (so long wicks resolve into moves
    // at finer periods instead of staying one giant wick), else a bridge step between open and close.
    let logMid: number;
    if (upWick >= downWick && upWick > 1.5 * sigma) logMid = lh - Math.abs(rng.normal()) * sigma * 0.3;
    else if (downWick > upWick && downWick > 1.5 * sigma) logMid = ll + Math.abs(rng.normal()) * sigma * 0.3;
    else logMid = (Math.log(open) + Math.log(close)) / 2 + rng.normal() * sigma * 0.7;
    const mid = Math.exp(Math.min(lh, Math.max(ll, logMid)));
    const a = { open, close: mid };
    const b = { open: mid, close };
    // One half reaches the node's high, the other stays below it; likewise for the low.
    const aTop = Math.max(a.open, a.close);
    const bTop = Math.max(b.open, b.close);
    const highInA = aTop === bTop ? rng.chance(0.5) : (aTop > bTop) === rng.chance(0.8);
    const aBottom = Math.min(a.open, a.close);
    const bBottom = Math.min(b.open, b.close);
    const lowInA = aBottom === bBottom ? rng.chance(0.5) : (aBottom < bBottom) === rng.chance(0.8);
    const wick = (top: number) => Math.min(high, top * Math.exp(Math.abs(rng.normal()) * sigma * 0.4));
    const tail = (bottom: number) => Math.max(low, bottom * Math.exp(-Math.abs(rng.normal()) * sigma * 0.4));
    const aHigh = highInA ? high : wick(aTop);
    const bHigh = highInA ? wick(bTop) : high;
    const aLow = lowInA ? low : tail(aBottom);
    const bLow = lowInA ? tail(bBottom) : low;
    const [aVolume, bVolume] = split(node.volume, 1 / (1 + Math.exp(rng.normal() * 0.5)));
    // Quote volume in proportion to volume times the half's typical price, so every candle's
    // average price stays near its own range.
    const aWeight = Number(aVolume) * (aHigh + aLow);
    const bWeight = Number(bVolume) * (bHigh + bLow);
    const [aQuote, bQuote] = split(node.quote, aWeight + bWeight > 0 ? aWeight / (aWeight + bWeight) : 0.5);
    const depth = node.depth + 1;
    return [
      { start: node.start, len: half, depth, open: a.open, close: a.close, high: aHigh, low: aLow, volume: aVolume, quote: aQuote },
      { start: node.start + half, len: half, depth, open: b.open, close: b.close, high: bHigh, low: bLow, volume: bVolume, quote: bQuote },
    ];
  }

  private price(value: number): string {
    // Rounding is monotonic, so a half's high never prints above its node's high.
    const ticks = Math.max(1, Math.round(value / this.tick));
    return placePoint(String(ticks), this.spec.pricePrecision);
  }

  private toCandle(time: number, node: Node): SimCandle {
    return {
      time,
      open: this.price(node.open),
      high: this.price(node.high),
      low: this.price(node.low),
      close: this.price(node.close),
      volume: placePoint(node.volume.toString(), this.spec.quantityPrecision),
      quoteVolume: placePoint(node.quote.toString(), this.spec.quantityPrecision + this.spec.pricePrecision),
    };
  }
}

/**
 * The few random numbers one split needs (splitmix32): much cheaper to set up than the shared
 * Rng, which matters because a long range of candles rebuilds hundreds of nodes per call.
 */
class NodeRandom {
  constructor(private state: number) {}

  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  }

  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Two consecutive aggregates as one. */
function merge(first: Node, second: Node): Node {
  return {
    start: first.start,
    len: first.len + second.len,
    depth: Math.min(first.depth, second.depth),
    open: first.open,
    close: second.close,
    high: Math.max(first.high, second.high),
    low: Math.min(first.low, second.low),
    volume: first.volume + second.volume,
    quote: first.quote + second.quote,
  };
}
