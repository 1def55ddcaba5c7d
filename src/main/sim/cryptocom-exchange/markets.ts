import { type MarketProfile } from '../market';
import { decimalsOf } from '../shared/decimal';

/**
 * The spot markets of the Crypto.com Exchange simulator (specs/cryptocom-exchange.md §4.1):
 * `BASE_QUOTE` names, `CCY_PAIR` rows. Steps follow the live `BTC_USDT` row of §5.1
 * (`price_tick_size` 0.01, `qty_tick_size` 0.00001) and the CRO_USDT book sample of §5.2;
 * prices are late-2026 round figures. The engine symbol is the exchange name itself. The
 * minimum order value is checked in USD by this simulator (415), not by the engine.
 */

interface Pair {
  base: string;
  quote: string;
  tick: string;
  step: string;
  price: string;
  volatility: number;
  name: string;
  orderValue: number;
}

const PAIRS: readonly Pair[] = [
  { base: 'BTC', quote: 'USDT', tick: '0.01', step: '0.00001', price: '87100', volatility: 0.0002, name: 'Bitcoin', orderValue: 400 },
  { base: 'ETH', quote: 'USDT', tick: '0.01', step: '0.0001', price: '2790', volatility: 0.00025, name: 'Ethereum', orderValue: 300 },
  { base: 'CRO', quote: 'USDT', tick: '0.00001', step: '1', price: '0.09512', volatility: 0.0004, name: 'Cronos', orderValue: 200 },
  { base: 'BTC', quote: 'USD', tick: '0.01', step: '0.00001', price: '87105', volatility: 0.0002, name: 'Bitcoin', orderValue: 400 },
  { base: 'ETH', quote: 'BTC', tick: '0.000001', step: '0.0001', price: '0.032031', volatility: 0.00025, name: 'Ethereum', orderValue: 0.004 },
];

/** What one unit of each currency is worth in USD (min-notional checks, `market_value`). */
export const USD_PRICES: Readonly<Record<string, string>> = { USD: '1', USDT: '1', BTC: '87100', ETH: '2790', CRO: '0.09512' };

/** Smallest order value in USD for every base currency (§5.6 `min_order_notional_usd`). */
export const MIN_ORDER_NOTIONAL_USD = '1';
export const MAX_ORDER_NOTIONAL_USD = '5000000';

function profile(p: Pair): MarketProfile {
  const symbol = `${p.base}_${p.quote}`;
  return {
    market: {
      symbol, base: p.base, quote: p.quote, pricePrecision: decimalsOf(p.tick), quantityPrecision: decimalsOf(p.step),
      tickSize: p.tick, stepSize: p.step, minNotional: '0', makerFee: '0.0025', takerFee: '0.005',
    },
    referencePrice: p.price,
    orderValue: p.orderValue,
    volatility: p.volatility,
    levelSpacing: Math.max(0.00005, (1.2 * Number(p.tick)) / Number(p.price)),
    baseName: p.name,
  };
}

export const CDCX_PROFILES: readonly MarketProfile[] = PAIRS.map(profile);

/** Starting balances of the simulator's demo account (reset to these every start). */
export const CDCX_DEMO_BALANCES: Readonly<Record<string, string>> = { USD: '50000', USDT: '100000', BTC: '2', ETH: '30', CRO: '500000' };

/** The §5.1 instrument row of a market, field for field as the live sample. */
export function instrumentRow(p: MarketProfile, tradable: boolean): Record<string, unknown> {
  const m = p.market;
  return {
    symbol: m.symbol, inst_type: 'CCY_PAIR', display_name: `${m.base}/${m.quote}`, base_ccy: m.base, quote_ccy: m.quote,
    quote_decimals: m.pricePrecision, quantity_decimals: m.quantityPrecision, price_tick_size: m.tickSize, qty_tick_size: m.stepSize,
    max_leverage: '50', tradable, expiry_timestamp_ms: 0, beta_product: false, product_type: 'DIGITAL_CURRENCIES',
    margin_buy_enabled: true, margin_sell_enabled: true,
  };
}
