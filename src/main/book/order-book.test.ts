import { describe, expect, it } from 'vitest';
import type { BookLevel } from '../../shared';
import { OrderBook, type BookSide } from './order-book';
import { parsePrice } from './sorted-side';

/** A small seeded PRNG so a failing random case can be replayed from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The obvious model: a map from numeric price to the last row, sorted on every read. */
class ReferenceBook {
  sides: Record<BookSide, Map<number, BookLevel>> = { bid: new Map(), ask: new Map() };
  reset(bids: BookLevel[], asks: BookLevel[]) {
    for (const [side, rows] of [['bid', bids], ['ask', asks]] as const) {
      this.sides[side].clear();
      for (const [p, q] of rows) this.set(side, p, q);
    }
  }
  set(side: BookSide, p: string, q: string) {
    if (Number(q) === 0) this.sides[side].delete(Number(p));
    else this.sides[side].set(Number(p), [p, q]);
  }
  remove(side: BookSide, p: string) {
    return this.sides[side].delete(Number(p));
  }
  trim(max: number) {
    for (const [side, dir] of [['bid', -1], ['ask', 1]] as const) {
      const keep = new Set([...this.sides[side].keys()].sort((a, b) => dir * (a - b)).slice(0, max));
      for (const k of [...this.sides[side].keys()]) if (!keep.has(k)) this.sides[side].delete(k);
    }
  }
  top(depth = Infinity) {
    const sorted = (side: BookSide, dir: number) =>
      [...this.sides[side].entries()].sort((a, b) => dir * (a[0] - b[0])).slice(0, depth).map(([, row]) => row);
    return { bids: sorted('bid', -1), asks: sorted('ask', 1) };
  }
}

describe('OrderBook', () => {
  it('loads a snapshot in any order: bids descending, asks ascending, zero rows skipped, last repeat wins', () => {
    const book = new OrderBook();
    book.reset(
      [['99.5', '1'], ['100', '2'], ['98', '0'], ['99.50', '3'], ['97', '1'], ['97.0', '0']],
      [['101.25', '4'], ['101', '5'], ['102', '0.000']],
    );
    expect(book.top()).toEqual({
      bids: [['100', '2'], ['99.50', '3']],
      asks: [['101', '5'], ['101.25', '4']],
    });
  });

  it('inserts, updates and removes levels, keeping the decimal strings exactly as sent', () => {
    const book = new OrderBook();
    book.set('bid', '87107.00', '0.02858691');
    book.set('bid', '87110.5', '1.10000000');
    book.set('ask', '87120', '0.5');
    book.set('bid', '87107.00', '0.00000001');
    expect(book.top()).toEqual({ bids: [['87110.5', '1.10000000'], ['87107.00', '0.00000001']], asks: [['87120', '0.5']] });
    book.set('bid', '87110.5', '0'); // quantity zero deletes
    book.set('ask', '87120', '0.00000000');
    expect(book.top()).toEqual({ bids: [['87107.00', '0.00000001']], asks: [] });
  });

  it('treats two spellings of one price as one level and keeps the latest spelling', () => {
    const book = new OrderBook();
    book.set('ask', '100.5', '1');
    book.set('ask', '100.50', '2');
    expect(book.top().asks).toEqual([['100.50', '2']]);
    expect(book.remove('ask', '100.500')).toBe(true);
    expect(book.size('ask')).toBe(0);
  });

  it('remove answers whether the level existed', () => {
    const book = new OrderBook();
    book.set('bid', '1', '1');
    expect(book.remove('bid', '2')).toBe(false);
    expect(book.remove('ask', '1')).toBe(false);
    expect(book.remove('bid', '1')).toBe(true);
  });

  it('gives the best N per side, the best level, sizes, and notices a crossed book', () => {
    const book = new OrderBook();
    book.reset(
      Array.from({ length: 10 }, (_, i): BookLevel => [String(100 - i), '1']),
      Array.from({ length: 10 }, (_, i): BookLevel => [String(101 + i), '1']),
    );
    expect(book.top(3)).toEqual({ bids: [['100', '1'], ['99', '1'], ['98', '1']], asks: [['101', '1'], ['102', '1'], ['103', '1']] });
    expect(book.best('bid')).toEqual(['100', '1']);
    expect(book.best('ask')).toEqual(['101', '1']);
    expect(book.size('bid')).toBe(10);
    expect(book.crossed()).toBe(false);
    book.set('bid', '101', '1');
    expect(book.crossed()).toBe(true);
    expect(new OrderBook().best('bid')).toBeUndefined();
  });

  it('a snapshot read earlier keeps what the book was then, though top() shares level tuples', () => {
    const book = new OrderBook();
    book.reset([['100', '1'], ['99', '2']], [['101', '3']]);
    const before = book.top(50);
    book.set('bid', '100', '5'); // a new size
    book.remove('bid', '99');
    book.set('ask', '100.5', '4'); // a new best ask
    expect(before).toEqual({ bids: [['100', '1'], ['99', '2']], asks: [['101', '3']] });
    expect(book.top(50)).toEqual({ bids: [['100', '5']], asks: [['100.5', '4'], ['101', '3']] });
    // An unchanged level is the same tuple in both reads: nothing is copied per level.
    expect(book.top(50).asks[1]).toBe(before.asks[0]);
  });

  it('setLevel keeps the tuple it is handed (no copy), and a zero quantity removes the level', () => {
    const book = new OrderBook();
    const level: BookLevel = ['100.5', '2'];
    book.setLevel('bid', level);
    book.setLevel('ask', ['101', '1']);
    expect(book.top().bids[0]).toBe(level);
    book.setLevel('bid', ['100.50', '0.000']);
    book.setLevel('ask', ['102', '0']); // absent: nothing to remove
    expect(book.top()).toEqual({ bids: [], asks: [['101', '1']] });
  });

  it('loads a best-first snapshot without sorting, and keeps its own copies of the rows', () => {
    const bids: BookLevel[] = [['100', '1'], ['99.5', '2'], ['98', '3']];
    const asks: BookLevel[] = [['101', '1'], ['101.25', '0'], ['102', '2']];
    const book = new OrderBook();
    book.reset(bids, asks);
    bids[0]![1] = '999'; // the caller reuses its arrays
    expect(book.top()).toEqual({ bids: [['100', '1'], ['99.5', '2'], ['98', '3']], asks: [['101', '1'], ['102', '2']] });
    // Out of order, with a repeated price (the later row wins): the sorted path, same result.
    book.reset([['98', '3'], ['100', '7'], ['99.5', '2'], ['100.0', '1']], [['102', '2'], ['101', '1']]);
    expect(book.top()).toEqual({ bids: [['100.0', '1'], ['99.5', '2'], ['98', '3']], asks: [['101', '1'], ['102', '2']] });
  });

  it('resets again and again (larger, smaller, empty, unsorted) to exactly the rows given; a read before stays as it was', () => {
    const random = mulberry32(11);
    const book = new OrderBook();
    const ref = new ReferenceBook();
    let before: ReturnType<OrderBook['top']> | undefined;
    let copy: unknown;
    for (const [k, n] of [120, 3, 0, 200, 50, 49, 1, 130].entries()) {
      // Each book lower than the last: a level left over from an earlier one would show at the top.
      const rows = (dir: number) => Array.from({ length: n }, (_, i): BookLevel => [String(10_000 - 1000 * k + dir * (i + 1)), (1 + random()).toFixed(3)]);
      const bids = rows(-1);
      const asks = n % 2 ? rows(1).reverse() : rows(1); // odd sizes take the sorting path
      book.reset(bids, asks);
      ref.reset(bids, asks);
      expect(book.top(), `${n} rows`).toEqual(ref.top());
      expect([book.size('bid'), book.size('ask')]).toEqual([n, n]);
      if (before) expect(before).toEqual(copy);
      before = book.top(60);
      copy = structuredClone(before);
    }
  });

  it('rejects a malformed price with a RangeError and leaves the book as it was', () => {
    const book = new OrderBook();
    book.reset([['10', '1']], [['11', '1']]);
    expect(() => book.set('bid', 'abc', '1')).toThrow(RangeError);
    expect(() => book.set('bid', '', '1')).toThrow(/not a number/);
    expect(() => book.remove('ask', 'NaN')).toThrow(RangeError);
    expect(() => book.reset([['1', '1'], ['x', '1']], [])).toThrow(RangeError);
    expect(book.top()).toEqual({ bids: [['10', '1']], asks: [['11', '1']] });
  });

  it('returns copies: a top() taken earlier does not change when the book does', () => {
    const book = new OrderBook();
    book.set('bid', '10', '1');
    const before = book.top();
    book.set('bid', '10', '2');
    book.set('bid', '11', '1');
    expect(before.bids).toEqual([['10', '1']]);
  });

  it('trims to the best levels, clears, and builds a shared-model snapshot', () => {
    const book = new OrderBook();
    book.reset(
      Array.from({ length: 100 }, (_, i): BookLevel => [String(1000 - i), '1']),
      Array.from({ length: 100 }, (_, i): BookLevel => [String(1001 + i), '1']),
    );
    book.trim(5);
    expect(book.size('bid')).toBe(5);
    expect(book.top().asks.map(([p]) => p)).toEqual(['1001', '1002', '1003', '1004', '1005']);
    book.set('bid', '1', '1'); // still sorted after a trim
    expect(book.top().bids.at(-1)).toEqual(['1', '1']);
    expect(book.snapshot({ exchange: 'icrypex', symbol: 'BTCUSDT', depth: 1, stale: true, time: 5 })).toEqual({
      exchange: 'icrypex',
      symbol: 'BTCUSDT',
      bids: [['1000', '1']],
      asks: [['1001', '1']],
      stale: true,
      time: 5,
    });
    book.sequence = 42;
    book.clear();
    expect(book.top()).toEqual({ bids: [], asks: [] });
    expect(book.sequence).toBeUndefined();
  });

  it('parses every price to exactly the double Number() gives (fast path and fallback)', () => {
    const random = mulberry32(99);
    for (let i = 0; i < 50_000; i++) {
      const digits = 1 + Math.floor(random() * 16);
      let text = '';
      for (let d = 0; d < digits; d++) text += String(Math.floor(random() * 10));
      const dot = Math.floor(random() * (digits + 1));
      if (dot > 0 && dot < digits) text = `${text.slice(0, dot)}.${text.slice(dot)}`;
      expect(parsePrice(text)).toBe(Number(text));
    }
    for (const odd of ['1.', '.5', '1e3', '-2.5', '0.000000000000000001', '123456789012345678']) expect(parsePrice(odd)).toBe(Number(odd));
    for (const bad of ['', 'abc', '1.2.3', 'NaN', 'Infinity', ' 12', '0x10', '1e999']) expect(() => parsePrice(bad)).toThrow(RangeError);
  });

  it.each([
    [1, 400],
    [2, 400],
    [3, 400],
    [4, 400],
    [5, 6_000],
    [6, 6_000],
    [7, 20_000],
    [8, 20_000],
  ])('matches a simple reference model over random operations (seed %i, %i price ticks)', (seed, ticks) => {
    const random = mulberry32(seed);
    const book = new OrderBook();
    const ref = new ReferenceBook();
    // A price grid small enough that operations hit the same levels often, large enough (6 000,
    // 20 000 ticks) to build books of thousands of levels; several spellings per price.
    const price = () => {
      const base = (Math.floor(random() * ticks) / 4).toFixed(2);
      return random() < 0.2 ? base.replace(/\.?0+$/, '') || '0' : base;
    };
    const qty = () => (random() < 0.15 ? (random() < 0.5 ? '0' : '0.000') : (random() * 10).toFixed(1 + Math.floor(random() * 8)));
    const deleteShare = ticks > 1_000 ? 0.1 : 0.25; // big grids grow deep books first, then churn them
    for (let op = 0; op < 12_000; op++) {
      const side: BookSide = random() < 0.5 ? 'bid' : 'ask';
      const roll = random();
      if (roll < 0.0005) {
        const rows = (): BookLevel[] => Array.from({ length: Math.floor(random() * ticks * 0.3) }, () => [price(), qty()]);
        const [bids, asks] = [rows(), rows()];
        book.reset(bids, asks);
        ref.reset(bids, asks);
      } else if (roll < 0.001) {
        const max = Math.floor(random() * 300);
        book.trim(max);
        ref.trim(max);
      } else if (roll < 0.001 + deleteShare || (op > 8_000 && roll < 0.6)) {
        const p = price();
        expect(book.remove(side, p)).toBe(ref.remove(side, p));
      } else {
        const [p, q] = [price(), qty()];
        if (op % 2 === 0) book.set(side, p, q);
        else book.setLevel(side, [p, q]);
        ref.set(side, p, q);
      }
      if (op % 97 === 0) {
        const top = book.top(40);
        expect(top).toEqual(ref.top(40));
        // Sized up front: no hole where a level should be (toEqual alone reads a hole as undefined).
        expect([...top.bids, ...top.asks].every((level) => Array.isArray(level))).toBe(true);
      }
    }
    expect(book.top()).toEqual(ref.top());
    expect([book.size('bid'), book.size('ask')]).toEqual([ref.sides.bid.size, ref.sides.ask.size]);
  });
});
