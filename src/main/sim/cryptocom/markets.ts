import { type SimMarket } from '../matching';

/**
 * The simulated V1 markets. Precisions follow the samples where they exist
 * (specs/cryptocom-v1.md §5.1: crobtc amount 2 / price 8, the very-small-price pair);
 * btcusdt/ethusdt follow the GroveX fixture (price 2, amount 5) with one more amount place for BTC.
 */
export const CRYPTOCOM_MARKETS: readonly SimMarket[] = [
  { symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', pricePrecision: 2, quantityPrecision: 6, tickSize: '0.01', stepSize: '0.000001', minNotional: '1', makerFee: '0.001', takerFee: '0.001' },
  { symbol: 'ETHUSDT', base: 'ETH', quote: 'USDT', pricePrecision: 2, quantityPrecision: 5, tickSize: '0.01', stepSize: '0.00001', minNotional: '1', makerFee: '0.001', takerFee: '0.001' },
  { symbol: 'CROBTC', base: 'CRO', quote: 'BTC', pricePrecision: 8, quantityPrecision: 2, tickSize: '0.00000001', stepSize: '0.01', minNotional: '0.0001', makerFee: '0.001', takerFee: '0.001' },
];

/** Rough starting prices for the synthetic market (2020-like levels). */
export const CRYPTOCOM_START_PRICES: Readonly<Record<string, string>> = {
  BTCUSDT: '8750.12',
  ETHUSDT: '213.26',
  CROBTC: '0.00000696',
};
