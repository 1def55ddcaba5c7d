import { type MatchingEngine } from '../matching/engine';

/** specs/icrypex.md §8.4: tradingview resolutions (suffix to minutes; month would be 30 days). */
export const TV_RESOLUTIONS: Readonly<Record<string, number>> = {
  '1': 1, '5': 5, '15': 15, '30': 30, '60': 60, '120': 120, '240': 240, '1d': 1440, '1w': 10_080,
};

export type Channel =
  | { kind: 'tickers' }
  | { kind: 'ticker'; symbol: string }
  | { kind: 'orderbook'; symbol: string }
  | { kind: 'orderbook-short'; symbol: string }
  | { kind: 'trade'; symbol: string }
  | { kind: 'tradingview'; symbol: string; minutes: number; event: string }
  | { kind: 'unknown' };

/**
 * Parses a channel name (specs/icrypex.md §8.3: lower case, pair part case-insensitive).
 * Unknown prefixes and pairs are `unknown`: acked true and then silent.
 */
export function parseChannel(name: string, engine: MatchingEngine): Channel {
  const lower = name.toLowerCase();
  if (lower === 'tickers') return { kind: 'tickers' };
  const at = lower.indexOf('@');
  if (at < 0) return { kind: 'unknown' };
  const prefix = lower.slice(0, at);
  const param = lower.slice(at + 1);
  if (prefix === 'tradingview') {
    const cut = param.lastIndexOf('_');
    if (cut < 0) return { kind: 'unknown' };
    const market = engine.market(param.slice(0, cut));
    const minutes = TV_RESOLUTIONS[param.slice(cut + 1)];
    if (!market || !minutes) return { kind: 'unknown' };
    return { kind: 'tradingview', symbol: market.symbol, minutes, event: param };
  }
  const market = engine.market(param);
  if (!market) return { kind: 'unknown' };
  switch (prefix) {
    case 'ticker':
      return { kind: 'ticker', symbol: market.symbol };
    case 'orderbook':
      return { kind: 'orderbook', symbol: market.symbol };
    case 'orderbook-short':
      return { kind: 'orderbook-short', symbol: market.symbol };
    case 'trade':
      return { kind: 'trade', symbol: market.symbol };
    default:
      return { kind: 'unknown' };
  }
}
