import { type SimMarket } from '../matching';
import { type MarketProfile } from '../market';

/**
 * The Crypto.com V1 market set as it stood in 2020 (specs/cryptocom-v1.md §1: quotes btc,
 * usdt, cro and usdc). The 21 pairs of the V1 client's `Symbol` enum (S3 `enums.py`: x/btc,
 * x/usdt, x/cro for CRO MCO ETH XRP LTC EOS XLM), plus the seed's `btccro` and the usdc pairs
 * §1 names (`usdcusdt`, `crousdc`). No SHIB: it was listed long after V1 was retired.
 *
 * Prices are those of mid-May 2020, kept consistent across quotes (one USDT price per coin,
 * crosses derived from it), so `crobtc` sits at the spec's own sample 0.00000696 (§5.4). Price
 * and amount decimals follow the §5.1 sample (`crobtc`: 8 and 2) and the grid V1 used for the
 * majors; minimums are about one USDT of value in every quote (V1 published none: an inference).
 */

/** What one coin cost in USDT (mid-May 2020), its display name, and its amount decimals. */
const COINS = {
  BTC: { usdt: 9700, name: 'Bitcoin', amount: 6 },
  ETH: { usdt: 210, name: 'Ethereum', amount: 5 },
  CRO: { usdt: 0.0675, name: 'Crypto.com Coin', amount: 2 },
  MCO: { usdt: 3.7, name: 'MCO', amount: 3 },
  XRP: { usdt: 0.2, name: 'XRP', amount: 1 },
  LTC: { usdt: 44, name: 'Litecoin', amount: 4 },
  EOS: { usdt: 2.55, name: 'EOS', amount: 2 },
  XLM: { usdt: 0.068, name: 'Stellar Lumens', amount: 1 },
  USDC: { usdt: 1.0002, name: 'USD Coin', amount: 2 },
  USDT: { usdt: 1, name: 'Tether', amount: 2 },
} as const;
type Coin = keyof typeof COINS;

/** Per quote: smallest order value (about 1 USDT) and a typical synthetic order value (about 300 USDT). */
const QUOTES: Readonly<Partial<Record<Coin, { minNotional: string; orderValue: number }>>> = {
  USDT: { minNotional: '1', orderValue: 300 },
  USDC: { minNotional: '1', orderValue: 300 },
  BTC: { minNotional: '0.0001', orderValue: 0.03 },
  CRO: { minNotional: '15', orderValue: 4500 },
};

/** A V1 market: `pricePrecision` decimals (tick 10^-p), the base coin's amount decimals. */
function v1(base: Coin, quote: Coin, pricePrecision: number, volatility = 0.00025): MarketProfile {
  const q = QUOTES[quote]!;
  const price = COINS[base].usdt / COINS[quote].usdt;
  const tick = 10 ** -pricePrecision;
  const quantityPrecision = COINS[base].amount;
  return {
    market: {
      symbol: `${base}${quote}`, base, quote, pricePrecision, quantityPrecision,
      tickSize: tick.toFixed(pricePrecision), stepSize: (10 ** -quantityPrecision).toFixed(quantityPrecision),
      minNotional: q.minNotional, makerFee: '0.001', takerFee: '0.001', priceBandFactor: '3',
    },
    referencePrice: price.toFixed(pricePrecision),
    orderValue: q.orderValue,
    volatility,
    // At least a tick and a fifth between ladder levels, so coarse grids (crobtc) still form a ladder.
    levelSpacing: Math.max(0.00006, (1.2 * tick) / price),
    baseName: COINS[base].name,
  };
}

/** Every 2020 V1 market, majors first. */
export const CRYPTOCOM_PROFILES: readonly MarketProfile[] = [
  v1('BTC', 'USDT', 2, 0.0002),
  v1('ETH', 'USDT', 2),
  v1('CRO', 'USDT', 5, 0.0004),
  { ...v1('CRO', 'BTC', 8, 0.0004), referencePrice: '0.00000696' },
  v1('ETH', 'BTC', 6),
  v1('ETH', 'CRO', 2),
  v1('BTC', 'CRO', 0, 0.0002),
  v1('MCO', 'USDT', 4, 0.0004),
  v1('MCO', 'BTC', 8, 0.0004),
  v1('MCO', 'CRO', 3, 0.0004),
  v1('XRP', 'USDT', 5, 0.0003),
  v1('XRP', 'BTC', 8, 0.0003),
  v1('XRP', 'CRO', 4, 0.0003),
  v1('LTC', 'USDT', 2, 0.0003),
  v1('LTC', 'BTC', 6, 0.0003),
  v1('LTC', 'CRO', 2, 0.0003),
  v1('EOS', 'USDT', 4, 0.0003),
  v1('EOS', 'BTC', 8, 0.0003),
  v1('EOS', 'CRO', 3, 0.0003),
  v1('XLM', 'USDT', 5, 0.0003),
  v1('XLM', 'BTC', 8, 0.0003),
  v1('XLM', 'CRO', 4, 0.0003),
  v1('USDC', 'USDT', 4, 0.00002),
  v1('CRO', 'USDC', 5, 0.0004),
];

/**
 * The compact set (`markets: 'compact'`): the majors and the CRO pairs a V1-era client traded
 * most, one market per quote currency at least.
 */
export const CRYPTOCOM_COMPACT_SYMBOLS: readonly string[] = ['BTCUSDT', 'ETHUSDT', 'CROUSDT', 'CROBTC', 'ETHCRO', 'USDCUSDT'];

/** Which markets a Crypto.com simulator serves: every 2020 market, the compact set, or the named ones. */
export type CryptocomMarketSet = 'full' | 'compact' | readonly string[];

/** The profiles of a market set; an unknown symbol is an error that names it. */
export function cryptocomProfiles(set: CryptocomMarketSet = 'full'): MarketProfile[] {
  if (set === 'full') return [...CRYPTOCOM_PROFILES];
  const wanted = (set === 'compact' ? CRYPTOCOM_COMPACT_SYMBOLS : set).map((s) => s.toUpperCase());
  const unknown = wanted.filter((s) => !CRYPTOCOM_PROFILES.some((p) => p.market.symbol === s));
  if (unknown.length) throw new RangeError(`unknown Crypto.com V1 market ${unknown.map((s) => s.toLowerCase()).join(', ')}: known are ${CRYPTOCOM_PROFILES.map((p) => p.market.symbol.toLowerCase()).join(', ')}`);
  if (wanted.length === 0) throw new RangeError('the Crypto.com market set is empty: name at least one market');
  return CRYPTOCOM_PROFILES.filter((p) => wanted.includes(p.market.symbol));
}

/** The SimMarket rules of every V1 profile. */
export const CRYPTOCOM_MARKETS: readonly SimMarket[] = CRYPTOCOM_PROFILES.map((p) => p.market);

/** Starting balances of a generated (demo) Crypto.com account: the quotes and every 2020 coin. */
export const CRYPTOCOM_DEMO_BALANCES: Readonly<Record<string, string>> = {
  USDT: '100000', USDC: '20000', BTC: '2', ETH: '30', CRO: '1000000', MCO: '2000', XRP: '50000', LTC: '200', EOS: '3000', XLM: '100000',
};
