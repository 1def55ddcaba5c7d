import Big from 'big.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { BookSnapshot } from '../../src/shared';
import { startRig, waitFor as waitForCdc, type CdcRig } from '../support/cryptocom-connector';
import { booksEqual, startHarness, waitFor, type Harness } from './icrypex-harness';

// Issue 12: a 110-byte depth push with a price of "1e150000000" killed main (heap out of
// memory) and "1e100000000" froze it for 12.5 s. Now the frame is a typed wire error, logged
// once per stream, the book is flagged stale, and the stream carries on and repairs the book.
// (The time to reject such a frame is measured in bench/hostile-numbers.ts, not asserted here.)

let cdc: CdcRig | undefined;
let icx: Harness | undefined;
afterEach(async () => {
  await cdc?.stop();
  await icx?.stop();
  cdc = undefined;
  icx = undefined;
});

const norm = (levels: readonly (readonly [string, string])[]) => levels.map(([p, q]) => `${new Big(p).toFixed()}@${new Big(q).toFixed()}`).join();
const sameBook = (book: BookSnapshot | undefined, r: CdcRig) => {
  if (!book || book.stale) return false;
  const sim = r.sim.engine.book('BTCUSDT', 150);
  return norm(book.bids) === norm(sim.bids) && norm(book.asks) === norm(sim.asks);
};

/** The frames: one hostile price in an otherwise ordinary depth push. */
const cdcFrames = [
  '{"channel":"market_btcusdt_depth_step0","ts":1790134142000,"tick":{"asks":[["1e150000000","1"]],"buys":[["1","1"]]}}',
  '{"channel":"market_btcusdt_depth_step0","ts":1790134142000,"tick":{"asks":[["1e100000000","1"]],"buys":[["1","1"]]}}',
  '{"channel":"market_btcusdt_depth_step0","ts":1790134142000,"tick":{"asks":[[1e150000000,1]],"buys":[[1,1]]}}',
  '{"channel":"market_btcusdt_depth_step0","ts":1790134142000,"tick":{"asks":[["1","-1e-99999999"]],"buys":[]}}',
];

describe('Crypto.com: hostile numbers in a depth push', () => {
  it('are refused, logged once, the book is flagged stale (never replaced), and the next push repairs it', async () => {
    expect(Buffer.byteLength(cdcFrames[0]!)).toBeLessThanOrEqual(120);
    cdc = await startRig();
    const rig = cdc;
    rig.sim.market.bootstrap();
    const books: BookSnapshot[] = [];
    rig.connector.watchBook('BTCUSDT', (b) => books.push(b));
    await waitForCdc(() => sameBook(books.at(-1), rig), 'first book');
    const before = books.at(-1)!;
    for (let round = 0; round < 25; round++) for (const frame of cdcFrames) rig.sim.faults.sendFrame(frame);
    await waitForCdc(() => rig.connector.stream.dropped >= 100, 'all 100 hostile frames refused');
    const stale = books.at(-1)!;
    expect(stale.stale).toBe(true);
    // The levels shown are the last good ones, never the hostile push's.
    expect({ bids: stale.bids, asks: stale.asks }).toEqual({ bids: before.bids, asks: before.asks });
    expect(books.some((b) => b.asks.some(([p]) => p.length > 40))).toBe(false);
    const rangeLines = rig.logs.filter((l) => l.includes('out-of-range'));
    expect(rangeLines).toHaveLength(1);
    expect(rangeLines[0]).toMatch(/tick\.asks\[0\]\[[01]\]: .* is out of range/);
    rig.sim.market.step(20);
    await waitForCdc(() => sameBook(books.at(-1), rig), 'the book repaired by the next whole push');
    expect(rig.tap.connections).toBe(1);
    expect(rig.connector.stream.state).toBe('connected');
  });

  it('a depth push with no sides marks the book stale instead of emptying it; an empty book with both sides is still an empty book', async () => {
    cdc = await startRig();
    const rig = cdc;
    rig.sim.market.bootstrap();
    const books: BookSnapshot[] = [];
    rig.connector.watchBook('BTCUSDT', (b) => books.push(b));
    await waitForCdc(() => sameBook(books.at(-1), rig), 'first book');
    const before = books.at(-1)!;
    const count = books.length;
    rig.sim.faults.sendFrame(`{"channel":"market_btcusdt_depth_step0","ts":${Date.now()},"tick":{}}`);
    await waitForCdc(() => books.slice(count).some((b) => b.stale), 'a stale book after the push without sides');
    // Never emptied: every book shown since keeps the last good levels.
    for (const b of books.slice(count)) expect({ bids: b.bids, asks: b.asks }).toEqual({ bids: before.bids, asks: before.asks });
    rig.sim.faults.sendFrame(`{"channel":"market_btcusdt_depth_step0","ts":${Date.now()},"tick":{"asks":[],"buys":null}}`);
    rig.sim.market.step(20);
    await waitForCdc(() => sameBook(books.at(-1), rig), 'the book repaired by the next whole push');
    // chainup-live grovex tigrinousdt: explicit empty lists are a real (empty) book.
    const n = books.length;
    rig.sim.faults.sendFrame(`{"channel":"market_btcusdt_depth_step0","ts":${Date.now()},"tick":{"asks":[],"buys":[]}}`);
    await waitForCdc(() => books.length > n && books.at(-1)!.asks.length === 0, 'the empty book');
    expect(books.at(-1)).toMatchObject({ bids: [], asks: [], stale: false });
  });
});

describe('Icrypex: hostile numbers in book frames', () => {
  it('a snapshot or diff with an out-of-range number flags the book stale, asks for a snapshot, and the book is equal again', async () => {
    icx = await startHarness();
    const h = icx;
    const updates: BookSnapshot[] = [];
    h.connector.watchBook('BTCUSDT', (b) => updates.push(b));
    await waitFor(() => booksEqual(h.sim, h.connector.currentBook('BTCUSDT'), 'BTCUSDT'), 'the first book');
    const frames = [
      'orderbook|{"ps":"BTCUSDT","cs":1,"a":[{"p":"1e150000000","q":"1"}],"b":[{"p":"1","q":"1"}]}',
      'obd|{"ps":"BTCUSDT","cs":999999,"a":[{"p":"1e100000000","q":"1","t":1}],"b":[]}',
      'orderbook|{"ps":"BTCUSDT","cs":1,"a":[{"p":1e150000000,"q":1}],"b":[]}',
    ];
    for (let round = 0; round < 20; round++) for (const frame of frames) h.sim.faults.sendFrame(frame);
    await waitFor(() => updates.some((b) => b.stale), 'a stale book');
    await waitFor(() => booksEqual(h.sim, h.connector.currentBook('BTCUSDT'), 'BTCUSDT'), 'the resynced book');
    expect(updates.some((b) => b.asks.some(([p]) => p.length > 40))).toBe(false);
    expect(h.logs.filter((l) => l.includes('out-of-range'))).toHaveLength(1);
    expect(h.connector.streams().find((s) => s.key === 'icrypex:book:BTCUSDT')?.state).toBe('connected');
  });

  it('a snapshot without sides is not an empty book: stale, resync, equal again', async () => {
    icx = await startHarness();
    const h = icx;
    const updates: BookSnapshot[] = [];
    h.connector.watchBook('BTCUSDT', (b) => updates.push(b));
    await waitFor(() => booksEqual(h.sim, h.connector.currentBook('BTCUSDT'), 'BTCUSDT'), 'the first book');
    const before = h.connector.currentBook('BTCUSDT')!;
    const count = updates.length;
    h.sim.faults.sendFrame('orderbook|{"ps":"BTCUSDT","cs":5}');
    await waitFor(() => updates.slice(count).some((b) => b.stale), 'a stale book');
    // Flagged, never emptied: a book shown since has levels (the last good ones, or the snapshot's).
    for (const b of updates.slice(count)) expect(b.bids.length > 0 && b.asks.length > 0).toBe(true);
    expect(updates.slice(count).find((b) => b.stale)!.bids).toEqual(before.bids);
    await waitFor(() => booksEqual(h.sim, h.connector.currentBook('BTCUSDT'), 'BTCUSDT'), 'the resynced book');
    expect(h.logs.some((l) => l.includes('distrusted a book frame of BTCUSDT'))).toBe(true);
  });
});
