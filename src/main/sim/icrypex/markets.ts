import { DEFAULT_PROFILES, type MarketProfile } from '../market/catalog';

/**
 * `BTTCUSDT`, a pair priced below a millionth of a USDT (BitTorrent trades near 0.0000004):
 * the only simulated price where a float written by `String()` turns into `4.3e-7`, so the
 * terminal's decimal handling of tiny prices is exercised end to end (issue 11, point 6).
 * Rules as such pairs have them: a 10-decimal price (specs/icrypex.md §7.1 `pricePrecision`,
 * `tickSize`), whole-coin quantities, the same 10 USDT minimum as the other USDT pairs.
 */
export const BTTCUSDT_PROFILE: MarketProfile = {
  market: {
    symbol: 'BTTCUSDT', base: 'BTTC', quote: 'USDT', pricePrecision: 10, quantityPrecision: 0,
    tickSize: '0.0000000001', stepSize: '1', minNotional: '10', makerFee: '0.001', takerFee: '0.001', priceBandFactor: '3',
  },
  referencePrice: '0.0000004321', orderValue: 150, volatility: 0.0004, levelSpacing: 0.0008, baseName: 'BitTorrent',
};

/** What demo mode's Icrypex serves (startSimulators): the shared defaults plus the sub-micro pair. */
export const ICRYPEX_PROFILES: readonly MarketProfile[] = [...DEFAULT_PROFILES, BTTCUSDT_PROFILE];
