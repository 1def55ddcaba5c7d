import { type Decimal, ZERO } from '../shared/decimal';
import { type BookSide, type LevelTuple } from './types';

/** The engine's mutable view of a resting order (only what the book needs). */
export interface RestingOrder {
  readonly id: number;
  readonly price: Decimal;
  /** Base quantity still open. */
  remaining: Decimal;
}

/** One aggregated price level: FIFO queue of orders (time priority) and their total. */
export interface Level {
  readonly side: BookSide;
  readonly price: Decimal;
  readonly key: string;
  /** Float of the price, for ordering only. */
  readonly sortKey: number;
  readonly orders: RestingOrder[];
  total: Decimal;
}

/** Called with every aggregated level change; quantity ZERO = removed. */
export type LevelListener = (side: BookSide, level: Level) => void;

/**
 * One side of a book: levels kept sorted best-first (bids high to low, asks low to high),
 * looked up by canonical price string. Floats order the levels; decimals hold the amounts.
 */
export class BookSideLevels {
  readonly levels: Level[] = [];
  private readonly byKey = new Map<string, Level>();

  constructor(readonly side: BookSide) {}

  /** Best level, if any. */
  best(): Level | undefined {
    return this.levels[0];
  }

  /** Level at a price, if any. */
  get(key: string): Level | undefined {
    return this.byKey.get(key);
  }

  /** Appends an order at the back of its price level (creating the level if needed). */
  add(order: RestingOrder): Level {
    const key = order.price.toString();
    let level = this.byKey.get(key);
    if (!level) {
      level = { side: this.side, price: order.price, key, sortKey: Number(key), orders: [], total: ZERO };
      this.levels.splice(this.insertIndex(level.sortKey), 0, level);
      this.byKey.set(key, level);
    }
    level.orders.push(order);
    level.total = level.total.plus(order.remaining);
    return level;
  }

  /** Takes `quantity` off an order in a level (a fill); drops the order and level when empty. */
  reduce(level: Level, order: RestingOrder, quantity: Decimal): void {
    order.remaining = order.remaining.minus(quantity);
    level.total = level.total.minus(quantity);
    if (order.remaining.lte(0)) this.detach(level, order);
  }

  /** Removes an order wherever it sits in its level. Returns the level or undefined. */
  remove(order: RestingOrder): Level | undefined {
    const level = this.byKey.get(order.price.toString());
    if (!level) return undefined;
    const index = level.orders.indexOf(order);
    if (index < 0) return undefined;
    level.total = level.total.minus(order.remaining);
    this.detach(level, order, index);
    return level;
  }

  /** True when the level is no longer in the book. */
  isGone(level: Level): boolean {
    return this.byKey.get(level.key) !== level;
  }

  /** Aggregated levels, best first. */
  snapshot(depth = Infinity): LevelTuple[] {
    const out: LevelTuple[] = [];
    const count = Math.min(depth, this.levels.length);
    for (let i = 0; i < count; i++) {
      const level = this.levels[i]!;
      out.push([level.key, level.total.toString()]);
    }
    return out;
  }

  /** Like snapshot, with the number of resting orders on each level (Crypto.com Exchange's third field). */
  snapshotWithCounts(depth = Infinity): Array<[price: string, quantity: string, orders: number]> {
    return this.levels.slice(0, depth).map((level) => [level.key, level.total.toString(), level.orders.length]);
  }

  private detach(level: Level, order: RestingOrder, index = level.orders.indexOf(order)): void {
    if (index >= 0) level.orders.splice(index, 1);
    if (level.orders.length === 0) {
      level.total = ZERO;
      this.byKey.delete(level.key);
      const at = this.levels.indexOf(level, 0);
      if (at >= 0) this.levels.splice(at, 1);
    }
  }

  private insertIndex(sortKey: number): number {
    let lo = 0;
    let hi = this.levels.length;
    const descending = this.side === 'bid';
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.levels[mid]!.sortKey;
      const before = descending ? other > sortKey : other < sortKey;
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Both sides of one market's book. */
export class OrderBook {
  readonly bids = new BookSideLevels('bid');
  readonly asks = new BookSideLevels('ask');

  /** The side a resting order of `side` lives on. */
  sideFor(side: 'buy' | 'sell'): BookSideLevels {
    return side === 'buy' ? this.bids : this.asks;
  }

  /** True when best bid >= best ask (must never hold after matching). */
  isCrossed(): boolean {
    const bid = this.bids.best();
    const ask = this.asks.best();
    return !!bid && !!ask && bid.price.gte(ask.price);
  }

  /** Checks every structural invariant; returns a description of the first violation. */
  checkInvariants(): string | undefined {
    if (this.isCrossed()) return `book crossed: bid ${this.bids.best()!.key} >= ask ${this.asks.best()!.key}`;
    for (const side of [this.bids, this.asks]) {
      for (let i = 0; i < side.levels.length; i++) {
        const level = side.levels[i]!;
        if (level.orders.length === 0) return `${side.side} level ${level.key} is empty`;
        let sum = ZERO;
        for (const order of level.orders) {
          if (order.remaining.lte(0)) return `${side.side} order ${order.id} has no quantity`;
          if (!order.price.eq(level.price)) return `${side.side} order ${order.id} sits at the wrong level`;
          sum = sum.plus(order.remaining);
        }
        if (!sum.eq(level.total)) return `${side.side} level ${level.key} total ${level.total.toString()} != ${sum.toString()}`;
        const next = side.levels[i + 1];
        if (next && (side.side === 'bid' ? !next.price.lt(level.price) : !next.price.gt(level.price))) {
          return `${side.side} levels out of order at ${level.key}`;
        }
      }
    }
    return undefined;
  }
}
