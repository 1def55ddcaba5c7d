import { afterEach, describe, expect, it } from 'vitest';
import type { BookSnapshot, Candle, Ticker, Trade } from '../../src/shared';
import { createRng } from '../../src/main/sim/shared/rng';
import { booksEqual, simBook, startHarness, waitFor, type Harness } from './icrypex-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** Moves the simulated market and pushes the resulting diffs now. */
function move(harness: Harness, actions: number): void {
  harness.sim.market.step(actions);
  harness.sim.flushBooks();
}

async function watchBook(harness: Harness, symbol: string) {
  const updates: BookSnapshot[] = [];
  const off = harness.connector.watchBook(symbol, (b) => updates.push(b));
  await waitFor(() => booksEqual(harness.sim, harness.connector.currentBook(symbol), symbol), `the first ${symbol} book`);
  return { updates, off };
}

describe('icrypex streams against the simulator', () => {
  it('keeps the book equal to the simulator through snapshot and diffs', async () => {
    h = await startHarness();
    const { updates } = await watchBook(h, 'BTCUSDT');
    for (let i = 0; i < 20; i++) {
      move(h, 15);
      await waitFor(() => booksEqual(h!.sim, h!.connector.currentBook('BTCUSDT'), 'BTCUSDT'), `book equality after step ${i}`);
    }
    expect(updates.at(-1)!.stale).toBe(false);
    expect(h.connector.streams().find((s) => s.key === 'icrypex:book:BTCUSDT')?.state).toBe('connected');
  });

  it('on a skipped change set marks the book stale, resyncs, and is equal again', async () => {
    h = await startHarness();
    const { updates } = await watchBook(h, 'BTCUSDT');
    h.sim.faults.skipChangeSet('BTCUSDT');
    move(h, 10);
    await waitFor(() => updates.some((b) => b.stale), 'a stale book after the gap');
    await waitFor(() => booksEqual(h!.sim, h!.connector.currentBook('BTCUSDT'), 'BTCUSDT'), 'the resynced book');
    expect(h.logs.some((l) => l.includes('out of sync'))).toBe(true);
  });

  it('survives a malformed frame', async () => {
    h = await startHarness();
    await watchBook(h, 'BTCUSDT');
    h.sim.faults.sendMalformedFrame();
    move(h, 10);
    await waitFor(() => booksEqual(h!.sim, h!.connector.currentBook('BTCUSDT'), 'BTCUSDT'), 'the book after a malformed frame');
    expect(h.logs.some((l) => l.includes('unreadable frame'))).toBe(true);
  });

  it('after a dropped socket reconnects, resubscribes every stream and rebuilds the book', async () => {
    h = await startHarness();
    const { updates } = await watchBook(h, 'BTCUSDT');
    const trades: Trade[] = [];
    h.connector.watchTrades('ETHUSDT', (t) => trades.push(...t));
    await waitFor(() => trades.length > 0, 'the trades snapshot');
    const states: string[] = [];
    h.connector.onStreams((s) => states.push(s.find((x) => x.key === 'icrypex:public')?.state ?? '?'));
    h.sim.faults.dropConnections();
    await waitFor(() => updates.at(-1)?.stale, 'the book flagged stale on disconnect');
    move(h, 20);
    await waitFor(() => booksEqual(h!.sim, h!.connector.currentBook('BTCUSDT'), 'BTCUSDT'), 'the rebuilt book');
    expect(states).toContain('reconnecting');
    expect(states.at(-1)).toBe('connected');
    const before = trades.length;
    move(h, 60);
    await waitFor(() => trades.length > before, 'trades after the reconnect');
    // The replayed snapshot after resubscribing does not duplicate trades already delivered.
    expect(new Set(trades.map((t) => t.id)).size).toBe(trades.length);
  });

  it('delivers tickers and candles', async () => {
    h = await startHarness();
    const tickers: Ticker[] = [];
    const candles: Candle[] = [];
    h.connector.watchTicker('BTCUSDT', (t) => tickers.push(t));
    h.connector.watchCandles('BTCUSDT', '1m', (c) => candles.push(c));
    await waitFor(() => tickers.length > 0, 'a ticker');
    move(h, 60);
    await waitFor(() => candles.length > 0, 'a candle');
    expect(tickers[0]).toMatchObject({ symbol: 'BTCUSDT', exchange: 'icrypex' });
    expect(candles.at(-1)!.time % 60).toBe(0);
  });

  it('property: after any sequence of injected faults the book equals the simulator book', async () => {
    h = await startHarness();
    await watchBook(h, 'BTCUSDT');
    await watchBook(h, 'ETHUSDT');
    const rng = createRng(2024).fork('icrypex-faults');
    // Every fault at least twice, in a seeded random order, mixed with plain market moves.
    const plan = ['skip', 'skip', 'malformed', 'malformed', 'drop', 'drop', 'step', 'step', 'step', 'step'];
    for (let i = plan.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [plan[i], plan[j]] = [plan[j]!, plan[i]!];
    }
    const played: string[] = [];
    for (const fault of plan) {
      played.push(fault);
      if (fault === 'skip') h.sim.faults.skipChangeSet(rng.int(0, 1) ? 'BTCUSDT' : 'ETHUSDT');
      if (fault === 'malformed') h.sim.faults.sendMalformedFrame();
      if (fault === 'drop') h.sim.faults.dropConnections();
      move(h, rng.int(1, 30));
      if (rng.int(0, 2) === 0) {
        // Sometimes settle before the next fault, sometimes pile faults up.
        for (const s of ['BTCUSDT', 'ETHUSDT']) {
          await waitFor(() => booksEqual(h!.sim, h!.connector.currentBook(s), s), `${s} after ${played.join(',')}`, 15_000);
        }
      }
    }
    move(h, 5);
    for (const s of ['BTCUSDT', 'ETHUSDT']) {
      await waitFor(() => booksEqual(h!.sim, h!.connector.currentBook(s), s), `${s} after ${played.join(',')}`, 15_000);
      expect(h.connector.currentBook(s)!.bids).toEqual(simBook(h.sim, s).bids);
    }
    expect(played).toHaveLength(plan.length);
  });
});
