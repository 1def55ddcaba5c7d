import Big from 'big.js';

import { type MatchingEngine, type SimMarket } from '../matching';
import { type CdcMarket, type Candle, type MarketView, type PublicTrade, type Stats24h } from './market-view';

/** The V1 view of one engine market: lowercase symbol, `amount_precision` = quantity precision. */
export function cdcMarketOf(def: SimMarket): CdcMarket {
  return { symbol: def.symbol.toLowerCase(), base: def.base.toUpperCase(), quote: def.quote.toUpperCase(), pricePrecision: def.pricePrecision, amountPrecision: def.quantityPrecision };
}

/** MarketView over the shared matching engine (engine symbols are uppercase, V1's lowercase). */
export class EngineMarketView implements MarketView {
  private readonly list: CdcMarket[];
  private readonly bySymbol: Map<string, CdcMarket>;

  constructor(private readonly engine: MatchingEngine) {
    this.list = engine.listMarkets().map(cdcMarketOf);
    this.bySymbol = new Map(this.list.map((m) => [m.symbol, m]));
  }

  markets(): readonly CdcMarket[] {
    return this.list;
  }

  market(symbol: string): CdcMarket | undefined {
    return this.bySymbol.get(symbol);
  }

  stats(symbol: string): Stats24h {
    const s = this.engine.stats24h(symbol.toUpperCase());
    const close = s.last ?? '0';
    const open = s.open ?? close;
    // §5.2/§6.6: `rose` is a fraction (0.045 = +4.5 %), 10 places as in the samples.
    const rose = new Big(open).eq(0) ? '0' : new Big(close).minus(open).div(open).round(10, Big.roundHalfUp).toFixed();
    return { open, high: s.high ?? close, low: s.low ?? close, close, vol: s.volume, amount: s.quoteVolume, rose };
  }

  book(symbol: string, levels: number) {
    return this.engine.book(symbol.toUpperCase(), levels);
  }

  trades(symbol: string, limit: number): PublicTrade[] {
    return this.engine.recentTrades(symbol.toUpperCase(), limit).map((t) => ({ id: t.id, price: t.price, qty: t.quantity, side: t.takerSide, time: t.time }));
  }

  candles(symbol: string, periodSeconds: number, fromMs: number, toMs: number): Candle[] {
    const from = Math.floor(fromMs / 1000);
    const to = Math.floor(toMs / 1000);
    return this.engine.candles(symbol.toUpperCase(), periodSeconds, from, to).map((c) => ({
      start: c.time, open: c.open, high: c.high, low: c.low, close: c.close, vol: c.volume, amount: c.quoteVolume,
    }));
  }
}
