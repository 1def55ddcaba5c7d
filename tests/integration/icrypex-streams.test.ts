import { afterEach, describe, expect, it } from 'vitest';
import type { BookSnapshot, Candle, Ticker, Trade } from '../../src/shared';
import { createRng } from '../../src/main/sim/shared/rng';
import { addTopLevel, booksEqual, makeTrades, simBook, startHarness, waitFor, type Harness } from './icrypex-harness';

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
    makeTrades(h, 'ETHUSDT', 4);
    h.connector.watchTrades('ETHUSDT', (t) => trades.push(...t));
    await waitFor(() => trades.length > 0, 'the trades snapshot');
    const states: string[] = [];
    h.connector.onStreams((s) => states.push(s.find((x) => x.key === 'icrypex:public')?.state ?? '?'));
    const mark = updates.length;
    h.sim.faults.dropConnections();
    await waitFor(() => updates.slice(mark).some((b) => b.stale), 'the book flagged stale on disconnect');
    move(h, 20);
    await waitFor(() => booksEqual(h!.sim, h!.connector.currentBook('BTCUSDT'), 'BTCUSDT'), 'the rebuilt book');
    expect(states).toContain('reconnecting');
    expect(states.at(-1)).toBe('connected');
    const before = trades.length;
    makeTrades(h, 'ETHUSDT', 2);
    await waitFor(() => trades.length > before, 'trades after the reconnect');
    // The replayed snapshot after resubscribing does not duplicate trades already delivered.
    expect(trades.map((t) => t.id)).toEqual([...new Set(trades.map((t) => t.id))]);
  });

  it('delivers tickers and candles', async () => {
    h = await startHarness();
    const tickers: Ticker[] = [];
    const candles: Candle[] = [];
    h.connector.watchTicker('BTCUSDT', (t) => tickers.push(t));
    h.connector.watchCandles('BTCUSDT', '1m', (c) => candles.push(c));
    await waitFor(() => tickers.length > 0, 'a ticker');
    await waitFor(() => h!.connector.streams().find((s) => s.key === 'icrypex:public')?.state === 'connected', 'the public socket');
    makeTrades(h, 'BTCUSDT', 2);
    await waitFor(() => candles.length > 0, 'a candle');
    expect(tickers[0]).toMatchObject({ symbol: 'BTCUSDT', exchange: 'icrypex' });
    expect(candles.at(-1)!.time % 60).toBe(0);
  });

  it('property: after any sequence of injected faults the book equals the simulator book', async () => {
    h = await startHarness();
    await watchBook(h, 'BTCUSDT');
    await watchBook(h, 'ETHUSDT');
    const seen = new Set<string>();
    h.connector.onStreams((all) => all.forEach((s) => seen.add(`${s.key}=${s.state}`)));
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
    // A last change on both books: equality below needs it to have arrived (after any reconnect).
    addTopLevel(h, 'BTCUSDT');
    addTopLevel(h, 'ETHUSDT');
    h.sim.flushBooks();
    for (const s of ['BTCUSDT', 'ETHUSDT']) {
      await waitFor(() => booksEqual(h!.sim, h!.connector.currentBook(s), s), `${s} after ${played.join(',')}`, 15_000);
      expect(h.connector.currentBook(s)!.bids).toEqual(simBook(h.sim, s).bids);
    }
    expect(played).toHaveLength(plan.length);
    // The faults really bit: the socket went down and books went stale on the way.
    expect(seen).toContain('icrypex:public=reconnecting');
    expect([...seen].some((x) => /icrypex:book:.*=(stale|reconnecting)/.test(x))).toBe(true);
  });
});

describe('icrypex keepalive (§8.5)', () => {
  it('protocol pings keep a quiet socket open past the server idle timeout', async () => {
    // The server drops sockets with no traffic after idleTimeoutMs; our pings are the only traffic.
    h = await startHarness({
      sim: { idleTimeoutMs: 600 },
      connector: { socketTiming: { pingIntervalMs: 150, staleAfterMs: 2_000, deadAfterMs: 4_000, backoff: { initialMs: 50, maxMs: 200 } } },
    });
    await watchBook(h, 'BTCUSDT');
    const states: string[] = [];
    h.connector.onStreams((s) => states.push(s.find((x) => x.key === 'icrypex:public')!.state));
    // No sleep: wait for the server to have seen ten pings (1.5 s of nothing else, well past
    // the 600 ms idle timeout and its 150 ms sweeps), then check it never dropped the socket.
    const pings = h.sim.pingsReceived;
    await waitFor(() => h!.sim.pingsReceived >= pings + 10, 'ten more pings at the server', 5_000);
    expect(states).not.toContain('reconnecting');
    expect(h.sim.connectionCount).toBe(1);
  });

  it('without pings the server drops the quiet socket and the connector reconnects and rebuilds', async () => {
    h = await startHarness({
      sim: { idleTimeoutMs: 400 },
      connector: { socketTiming: { pingIntervalMs: 0, staleAfterMs: 5_000, deadAfterMs: 10_000, backoff: { initialMs: 50, maxMs: 200 } } },
    });
    await watchBook(h, 'BTCUSDT');
    const states: string[] = [];
    h.connector.onStreams((s) => states.push(s.find((x) => x.key === 'icrypex:public')!.state));
    await waitFor(() => states.includes('reconnecting'), 'the idle drop');
    addTopLevel(h, 'BTCUSDT');
    h.sim.flushBooks();
    await waitFor(() => booksEqual(h!.sim, h!.connector.currentBook('BTCUSDT'), 'BTCUSDT'), 'the book after the idle drop');
  });
});
