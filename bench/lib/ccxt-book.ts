import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * ccxt's order book (node_modules/ccxt/js/src/base/ws/OrderBook.js; ccxt is a dev dependency
 * used only by the benches), the anchor of `bench orderbook`. Its exchange classes keep prices
 * and sizes as floats, store a zero size to remove a level and hand out `book.limit()`.
 */

export interface CcxtSide {
  store(price: number, size: number): void;
  length: number;
  [i: number]: [number, number];
}
export interface CcxtBook {
  bids: CcxtSide;
  asks: CcxtSide;
  reset(snapshot: { bids?: Array<[number, number]>; asks?: Array<[number, number]> }): CcxtBook;
  limit(): CcxtBook;
}
export type CcxtBookClass = new (snapshot?: object, depth?: number) => CcxtBook;

/** A side keyed by [price, size, count]: a zero size or count removes the level. */
export interface CcxtCountedSide extends CcxtSide {
  storeArray(delta: [number, number, number]): void;
}
/** ccxt's book for exchanges that send an order count per level (its cryptocom class uses it). */
export interface CcxtCountedBook {
  bids: CcxtCountedSide;
  asks: CcxtCountedSide;
  nonce: number | undefined;
  reset(snapshot: object): CcxtCountedBook;
  limit(): CcxtCountedBook;
}
export type CcxtCountedBookClass = new (snapshot?: object, depth?: number) => CcxtCountedBook;

export interface CcxtBooks {
  OrderBook: CcxtBookClass;
  CountedOrderBook: CcxtCountedBookClass;
}

export async function loadCcxtBooks(): Promise<CcxtBooks> {
  // ccxt's package exports only its entry point; load the one module by path.
  const file = resolve('node_modules/ccxt/js/src/base/ws/OrderBook.js');
  return (await import(pathToFileURL(file).href)) as CcxtBooks;
}

/** The best `n` levels of a ccxt side, as [price, size] numbers. */
export function ccxtTop(side: CcxtSide, n: number): Array<[number, number]> {
  return Array.from({ length: Math.min(n, side.length) }, (_, i) => [side[i]![0], side[i]![1]]);
}
