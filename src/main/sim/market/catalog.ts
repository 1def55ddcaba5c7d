import { type SimMarket } from '../matching/types';

/** A market plus what the synthetic traders need to make it look alive. */
export interface MarketProfile {
  readonly market: SimMarket;
  /** Where the price starts and mean-reverts to. */
  readonly referencePrice: string;
  /** Typical order value in quote (order sizes are lognormal around it). */
  readonly orderValue: number;
  /** Volatility of the fair price per sqrt(second), as a fraction. */
  readonly volatility: number;
  /** Relative price gap between neighbouring ladder levels. */
  readonly levelSpacing: number;
  /** Display name and category for exchange catalogs. */
  readonly baseName: string;
}

/**
 * The default simulated markets: the two majors and one very-small-price pair, all against
 * USDT. Pair rules follow what the specs show (8-decimal quantities on Icrypex,
 * specs/icrypex.md §8.4 samples); values are invented but plausible.
 */
export const DEFAULT_PROFILES: readonly MarketProfile[] = [
  {
    market: {
      symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', pricePrecision: 2, quantityPrecision: 8,
      tickSize: '0.01', stepSize: '0.00000001', minNotional: '10', makerFee: '0.001', takerFee: '0.001', priceBandFactor: '3',
    },
    referencePrice: '87100', orderValue: 400, volatility: 0.0002, levelSpacing: 0.00004, baseName: 'Bitcoin',
  },
  {
    market: {
      symbol: 'ETHUSDT', base: 'ETH', quote: 'USDT', pricePrecision: 2, quantityPrecision: 8,
      tickSize: '0.01', stepSize: '0.00000001', minNotional: '10', makerFee: '0.001', takerFee: '0.001', priceBandFactor: '3',
    },
    referencePrice: '2790', orderValue: 300, volatility: 0.00025, levelSpacing: 0.00006, baseName: 'Ethereum',
  },
  {
    market: {
      symbol: 'SHIBUSDT', base: 'SHIB', quote: 'USDT', pricePrecision: 8, quantityPrecision: 0,
      tickSize: '0.00000001', stepSize: '1', minNotional: '10', makerFee: '0.001', takerFee: '0.001', priceBandFactor: '3',
    },
    referencePrice: '0.00001234', orderValue: 150, volatility: 0.0004, levelSpacing: 0.0008, baseName: 'Shiba Inu',
  },
];

/** The SimMarket rules of the default profiles (what an engine is created with). */
export function defaultMarkets(): SimMarket[] {
  return DEFAULT_PROFILES.map((profile) => ({ ...profile.market }));
}
