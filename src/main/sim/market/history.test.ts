import { describe, expect, it, vi } from 'vitest';
import { D } from '../shared/decimal';
import { manualClock } from '../shared/clock';
import { MatchingEngine } from '../matching/engine';
import { type SimCandle } from '../matching/types';
import { CRYPTOCOM_PROFILES } from '../cryptocom/markets';
import { KLINE_PERIODS } from '../cryptocom/market-view';
import { KLINE_RESOLUTIONS } from '../icrypex/rest-public';
import { DEFAULT_PROFILES } from './catalog';
import { SyntheticHistory } from './history';
import { SyntheticMarket } from './synthetic';

const START = Date.UTC(2026, 2, 1, 10, 17, 30);
const CROBTC = CRYPTOCOM_PROFILES.find((p) => p.market.symbol === 'CROBTC')!;
const PROFILES = [DEFAULT_PROFILES[0]!, CROBTC];

/** Every period either exchange offers, in seconds (Crypto.com §4, Icrypex §7.5). */
const PERIODS = [...new Set([...KLINE_PERIODS.map((p) => p.minutes * 60), ...Object.values(KLINE_RESOLUTIONS)])].sort((a, b) => a - b);

/** A market with default-depth history that has traded live for a while (the seam is inside the last buckets). */
function tradedMarket(seed = 5) {
  const clock = manualClock(START);
  const engine = new MatchingEngine({ seed, markets: PROFILES.map((p) => p.market), now: clock.now });
  const market = new SyntheticMarket({ engine, seed, profiles: PROFILES, bookChangesPerSecond: 200, now: clock.now });
  market.bootstrap();
  for (let i = 0; i < 40; i++) {
    market.stepChanges(100);
    clock.advance(9_000);
  }
  return { engine, clock, now: () => Math.floor(clock.now() / 1000) };
}

/** What a coarse candle must be: the aggregate of the fine candles inside it. */
function aggregateOf(candles: readonly SimCandle[]) {
  const high = candles.reduce((m, c) => (D(c.high).gt(m) ? D(c.high) : m), D(candles[0]!.high));
  const low = candles.reduce((m, c) => (D(c.low).lt(m) ? D(c.low) : m), D(candles[0]!.low));
  return {
    open: candles[0]!.open,
    high: high.toString(),
    low: low.toString(),
    close: candles.at(-1)!.close,
    volume: candles.reduce((s, c) => s.plus(c.volume), D(0)).toString(),
    quoteVolume: candles.reduce((s, c) => s.plus(c.quoteVolume), D(0)).toString(),
  };
}

describe('SyntheticHistory (issue 18)', () => {
  const { engine, now } = tradedMarket();

  it('has at least 400 well-formed candles at every period of both exchanges, up to a month', () => {
    for (const symbol of ['BTCUSDT', 'CROBTC']) {
      for (const period of PERIODS) {
        const candles = engine.candles(symbol, period, now() - 420 * period, now());
        expect(candles.length, `${symbol} ${period}s`).toBeGreaterThanOrEqual(400);
        for (const c of candles) {
          expect(D(c.low).gt(0), `${symbol} ${period}s at ${c.time}`).toBe(true);
          expect(D(c.high).gte(D(c.open)) && D(c.high).gte(D(c.close)), `${symbol} ${period}s high at ${c.time}`).toBe(true);
          expect(D(c.low).lte(D(c.open)) && D(c.low).lte(D(c.close)), `${symbol} ${period}s low at ${c.time}`).toBe(true);
          expect(c.time % period, `${symbol} ${period}s alignment`).toBe(0);
        }
        expect(candles.every((c, i) => i === 0 || c.time - candles[i - 1]!.time === period), `${symbol} ${period}s gapless`).toBe(true);
      }
    }
  });

  it("makes every coarser candle exactly the aggregate of the finer candles inside it, across the start of live trading", () => {
    const pairs: Array<[fine: number, coarse: number]> = [
      [60, 300], [300, 900], [900, 1800], [1800, 3600], [3600, 7200], [3600, 14_400],
      [3600, 86_400], [86_400, 259_200], [86_400, 604_800], [86_400, 2_592_000],
    ];
    for (const symbol of ['BTCUSDT', 'CROBTC']) {
      for (const [fine, coarse] of pairs) {
        const all = engine.candles(symbol, coarse, now() - 400 * coarse, now());
        // The newest three (the live seam is in the last one) and five spread over the past.
        const picked = [...all.slice(-3), ...[0, 80, 160, 240, 320].map((i) => all[i]!)];
        for (const candle of picked) {
          const parts = engine.candles(symbol, fine, candle.time, candle.time + coarse - 1);
          expect(parts.length, `${symbol} ${coarse}s at ${candle.time}`).toBeGreaterThan(0);
          const { time: _time, ...rest } = candle;
          expect(rest, `${symbol} ${coarse}s at ${candle.time} from ${fine}s`).toEqual(aggregateOf(parts));
        }
      }
    }
  });

  it('ends at the reference price where live trading starts, and the 24 h ticker reads the history too', () => {
    const history = engine.candles('CROBTC', 60, Math.floor(START / 1000) - 120, Math.floor(START / 1000) - 60);
    expect(history.at(-1)!.close).toBe('0.00000696');
    const stats = engine.stats24h('BTCUSDT');
    const day = aggregateOf(engine.candles('BTCUSDT', 60, now() - 86_400 + 60, now()));
    expect(D(stats.volume).gte(D(day.volume))).toBe(true);
    expect(D(stats.volume).gt(1)).toBe(true);
  });

  it('is the same for the same seed and start, and differs for another seed', () => {
    const spec = { symbol: 'BTCUSDT', endSec: 1_772_359_200, minutes: 2 ** 25, referencePrice: '87100', volatility: 0.0002, orderValue: 400, pricePrecision: 2, quantityPrecision: 8 };
    const a = new SyntheticHistory({ ...spec, seed: 1 });
    const b = new SyntheticHistory({ ...spec, seed: 1 });
    const c = new SyntheticHistory({ ...spec, seed: 2 });
    const range = (h: SyntheticHistory) => h.candles(604_800, spec.endSec - 300 * 604_800, spec.endSec);
    expect(range(a)).toEqual(range(b));
    expect(range(c)).not.toEqual(range(a));
    expect(a.candles(60, spec.endSec - 600, spec.endSec)).toEqual(b.candles(60, spec.endSec - 600, spec.endSec));
  });

  it('covers exactly the asked minutes: nothing before its start or from its end on', () => {
    const h = new SyntheticHistory({ symbol: 'X', seed: 3, endSec: 6_000_000, minutes: 90, referencePrice: '10', volatility: 0.0003, orderValue: 100, pricePrecision: 4, quantityPrecision: 2 });
    expect(h.candles(60, 0, 7_000_000)).toHaveLength(90);
    expect(h.candles(60, 6_000_000, 7_000_000)).toEqual([]);
    expect(h.candles(3600, 0, 7_000_000).map((c) => c.time)).toEqual([5_994_000, 5_997_600]);
    expect(h.aggregate(0, 6_000_000)).toEqual({ ...aggregateOf(h.candles(60, 0, 7_000_000)), time: 0 });
    expect(() => new SyntheticHistory({ symbol: 'X', seed: 3, endSec: 6_000_001, minutes: 90, referencePrice: '10', volatility: 0.0003, orderValue: 100, pricePrecision: 4, quantityPrecision: 2 })).toThrow(/whole minute/);
  });

  it('is generated lazily (issue 19 #4): a demo start and live trading build no candle; each request builds only its own range, and keeps nothing', () => {
    const split = vi.spyOn(SyntheticHistory.prototype as unknown as { children: () => unknown }, 'children');
    try {
      const clock = manualClock(START);
      const profiles = [...DEFAULT_PROFILES, ...CRYPTOCOM_PROFILES];
      const engine = new MatchingEngine({ seed: 9, markets: profiles.map((p) => p.market), now: clock.now });
      const market = new SyntheticMarket({ engine, seed: 9, profiles, bookChangesPerSecond: 200, now: clock.now });
      // Default depth: 420 months of minutes on every market of both simulators.
      market.bootstrap();
      market.stepChanges(2_000);
      expect(split).not.toHaveBeenCalled();

      // A chart asks for 400 one-minute candles of one market: a walk of that range only.
      const now = Math.floor(clock.now() / 1000);
      expect(engine.candles('BTCUSDT', 60, now - 400 * 60, now).length).toBeGreaterThanOrEqual(400);
      const first = split.mock.calls.length;
      expect(first).toBeGreaterThan(0);
      // Far below one split per history minute (2^25): the walk descends only where asked.
      expect(first).toBeLessThan(2_000);
      // Nothing is cached: the same request walks again, and gives the same candles.
      expect(engine.candles('BTCUSDT', 60, now - 400 * 60, now)).toEqual(engine.candles('BTCUSDT', 60, now - 400 * 60, now));
      expect(split.mock.calls.length).toBe(first * 3);
    } finally {
      split.mockRestore();
    }
  });
});
