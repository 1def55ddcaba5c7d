import { type SimMarket } from '../matching';
import { DEFAULT_PROFILES, type MarketProfile } from '../market';

/**
 * `crobtc`, the spec's own very-small-price sample pair (specs/cryptocom-v1.md §5.1:
 * amount_precision 2, price_precision 8; price 0.00000696 in the §5.4/§5.5 samples), with a
 * BTC quote that exercises the account's BTC valuation.
 */
export const CROBTC_PROFILE: MarketProfile = {
  market: {
    symbol: 'CROBTC', base: 'CRO', quote: 'BTC', pricePrecision: 8, quantityPrecision: 2,
    tickSize: '0.00000001', stepSize: '0.01', minNotional: '0.0001', makerFee: '0.001', takerFee: '0.001', priceBandFactor: '3',
  },
  referencePrice: '0.00000696', orderValue: 0.005, volatility: 0.0004, levelSpacing: 0.0015, baseName: 'Cronos',
};

/**
 * The simulated V1 markets: the shared btcusdt, ethusdt and shibusdt (same rules and prices as
 * the other simulator, so demo mode looks consistent) plus crobtc.
 */
export const CRYPTOCOM_PROFILES: readonly MarketProfile[] = [...DEFAULT_PROFILES, CROBTC_PROFILE];

/** The SimMarket rules of the V1 profiles. */
export const CRYPTOCOM_MARKETS: readonly SimMarket[] = CRYPTOCOM_PROFILES.map((p) => p.market);
