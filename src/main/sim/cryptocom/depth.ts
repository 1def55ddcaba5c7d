import Big from 'big.js';

import { decimal, type DecimalStyle, type JsonNumber } from './json';
import { type BookSnapshot } from './market-view';

/**
 * Depth merging by `step` (specs/cryptocom-v1.md §4 depth type): step0 is full precision;
 * step1 and step2 merge prices to fewer decimals. The GroveX fixture (price_precision 2)
 * shows step2 at whole units with asks rounded up and bids rounded down, so step N keeps
 * `pricePrecision - N` decimals (never fewer than 0).
 */
export function mergeBook(book: BookSnapshot, step: 0 | 1 | 2, pricePrecision: number): BookSnapshot {
  if (step === 0) return book;
  const places = Math.max(0, pricePrecision - step);
  return {
    bids: mergeSide(book.bids, places, Big.roundDown),
    asks: mergeSide(book.asks, places, Big.roundUp),
  };
}

function mergeSide(levels: readonly [string, string][], places: number, rm: Big.RoundingMode): [string, string][] {
  const out: [string, Big][] = [];
  for (const [price, qty] of levels) {
    const p = new Big(price).round(places, rm).toFixed();
    const last = out[out.length - 1];
    // Levels arrive best first, so equal merged prices are adjacent.
    if (last && last[0] === p) last[1] = last[1].plus(qty);
    else out.push([p, new Big(qty)]);
  }
  return out.map(([p, q]) => [p, q.toFixed()]);
}

/** Levels as `[price, qty]` pairs in the wire style (§5.6, §6.6: numbers). */
export function wireLevels(levels: readonly [string, string][], style: DecimalStyle, limit: number): [string | JsonNumber, string | JsonNumber][] {
  return levels.slice(0, limit).map(([p, q]) => [decimal(p, style), decimal(q, style)]);
}
