import type { Market } from '../../../shared';

/** The market shown when nothing better is known (the layout's first symbol). */
export const DEFAULT_SYMBOL = 'BTCUSDT';

/**
 * Where to go when an account's exchange does not list `symbol` (issue 11 #10): the market
 * with the same base and quote if the exchange has one under another name, else the default
 * market if it lists it, else its first trading market, else its first. Undefined when
 * `symbol` is listed (nothing to do) or the list is empty (nothing to go to).
 */
export function fallbackSymbol(symbol: string, markets: readonly Market[], known?: Pick<Market, 'base' | 'quote'>): string | undefined {
  if (markets.length === 0 || markets.some((m) => m.symbol === symbol)) return undefined;
  const same = known && markets.find((m) => m.base === known.base && m.quote === known.quote);
  return (
    same?.symbol ??
    markets.find((m) => m.symbol === DEFAULT_SYMBOL)?.symbol ??
    markets.find((m) => m.status === 'trading')?.symbol ??
    markets[0]!.symbol
  );
}
