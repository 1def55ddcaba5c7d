import { describe, expect, it, vi } from 'vitest';
import { manualClock } from '../shared/clock';
import { MatchingEngine } from '../matching/engine';
import { defaultMarkets } from './catalog';
import { SyntheticMarket } from './synthetic';

function setup(seed = 3, rate = 1000) {
  const clock = manualClock(Date.UTC(2026, 2, 1, 10, 0, 0));
  const engine = new MatchingEngine({ seed, markets: defaultMarkets(), now: clock.now });
  const market = new SyntheticMarket({ engine, seed, bookChangesPerSecond: rate, now: clock.now });
  market.bootstrap({ historyMinutes: 600 });
  return { engine, market, clock };
}

describe('SyntheticMarket', () => {
  it('fills BTCUSDT, ETHUSDT and SHIBUSDT with uncrossed books deeper than 50 levels a side', () => {
    const { engine } = setup();
    for (const symbol of ['BTCUSDT', 'ETHUSDT', 'SHIBUSDT']) {
      const depth = engine.depth(symbol);
      expect(depth.bids).toBeGreaterThanOrEqual(60);
      expect(depth.asks).toBeGreaterThanOrEqual(60);
      const { bid, ask } = engine.top(symbol);
      expect(Number(bid)).toBeLessThan(Number(ask));
    }
    expect(Number(engine.top('SHIBUSDT').bid)).toBeLessThan(0.0001);
    expect(engine.checkInvariants()).toEqual([]);
  });

  it('seeds candle history that ends near the reference price', () => {
    const { engine, clock } = setup();
    const now = Math.floor(clock.now() / 1000);
    const candles = engine.candles('BTCUSDT', 60, now - 600 * 60, now);
    expect(candles.length).toBe(600);
    for (const c of candles) {
      expect(Number(c.high)).toBeGreaterThanOrEqual(Math.max(Number(c.open), Number(c.close)));
      expect(Number(c.low)).toBeLessThanOrEqual(Math.min(Number(c.open), Number(c.close)));
    }
    expect(candles.at(-1)!.close).toBe('87100');
    expect(engine.candles('BTCUSDT', 3600, now - 600 * 60, now).length).toBeGreaterThanOrEqual(10);
  });

  it('moves every market even when each step asks for a single change (low rates, short ticks)', () => {
    const { engine, market } = setup();
    const moved = new Set<string>();
    const off = engine.on('level', (symbol) => moved.add(symbol));
    for (let i = 0; i < 30; i++) market.stepChanges(1);
    off();
    expect([...moved].sort()).toEqual(['BTCUSDT', 'ETHUSDT', 'SHIBUSDT']);
  });

  it('keeps trading: trades on every market, moving candles, books uncrossed and balances conserved', () => {
    const { engine, market, clock } = setup();
    const start = Math.floor(clock.now() / 1000);
    for (let i = 0; i < 30; i++) {
      market.stepChanges(200);
      clock.advance(10_000);
      for (const symbol of ['BTCUSDT', 'ETHUSDT', 'SHIBUSDT']) {
        const { bid, ask } = engine.top(symbol);
        expect(Number(bid), symbol).toBeLessThan(Number(ask));
      }
    }
    for (const symbol of ['BTCUSDT', 'ETHUSDT', 'SHIBUSDT']) {
      expect(engine.recentTrades(symbol, 1000).length, symbol).toBeGreaterThan(20);
      expect(engine.candles(symbol, 60, start, start + 400).length, symbol).toBeGreaterThanOrEqual(5);
      expect(engine.depth(symbol).bids).toBeGreaterThanOrEqual(50);
    }
    expect(engine.checkInvariants()).toEqual([]);
  });

  it('returns the number of book changes a step made, and stepChanges reaches its target', () => {
    const { market } = setup();
    const before = market.bookChanges;
    const made = market.step(100);
    expect(made).toBeGreaterThanOrEqual(90);
    expect(market.bookChanges - before).toBe(made);
    expect(market.stepChanges(500)).toBeGreaterThanOrEqual(500);
  });

  it('is deterministic under a seed', () => {
    const a = setup(9);
    const b = setup(9);
    const c = setup(10);
    a.market.stepChanges(2000);
    b.market.stepChanges(2000);
    c.market.stepChanges(2000);
    expect(a.engine.book('ETHUSDT', 20)).toEqual(b.engine.book('ETHUSDT', 20));
    expect(a.engine.recentTrades('BTCUSDT', 100)).toEqual(b.engine.recentTrades('BTCUSDT', 100));
    expect(c.engine.book('ETHUSDT', 20)).not.toEqual(a.engine.book('ETHUSDT', 20));
  });

  it('runs on its own timer at the configured rate once started', async () => {
    const { market } = setup(4, 2000);
    const before = market.bookChanges;
    market.start(5);
    try {
      await vi.waitFor(() => expect(market.bookChanges - before).toBeGreaterThan(200), { timeout: 5000, interval: 20 });
    } finally {
      market.stop();
    }
  });
});
