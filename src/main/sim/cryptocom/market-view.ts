/**
 * What the V1 layer needs to know about markets, independent of how the matching engine
 * stores them. Decimals are strings; times are epoch ms unless named otherwise.
 */

/** One V1 market (§5.1): `symbol` lowercase, coins uppercase. */
export interface CdcMarket {
  symbol: string;
  base: string;
  quote: string;
  pricePrecision: number;
  amountPrecision: number;
}

/** 24 h statistics from the tape (§5.2, §6.6 ticker). `rose` is a fraction. */
export interface Stats24h {
  open: string;
  high: string;
  low: string;
  close: string;
  /** base volume */
  vol: string;
  /** quote turnover */
  amount: string;
  rose: string;
}

/** One public trade; `side` is the taker's. */
export interface PublicTrade {
  id: number;
  price: string;
  qty: string;
  side: 'buy' | 'sell';
  time: number;
}

/** One candle; `start` is the bucket start in seconds (§1: kline times are seconds). */
export interface Candle {
  start: number;
  open: string;
  high: string;
  low: string;
  close: string;
  vol: string;
  amount: string;
}

/** Aggregated levels, best first, `[price, qty]`. */
export interface BookSnapshot {
  bids: [string, string][];
  asks: [string, string][];
}

/** Read access to the simulated markets. */
export interface MarketView {
  markets(): readonly CdcMarket[];
  market(symbol: string): CdcMarket | undefined;
  stats(symbol: string): Stats24h;
  book(symbol: string, levels: number): BookSnapshot;
  /** Newest first. */
  trades(symbol: string, limit: number): PublicTrade[];
  /** Ascending by start; buckets with no trades are omitted. */
  candles(symbol: string, periodSeconds: number, fromMs: number, toMs: number): Candle[];
}

/** WS kline suffixes (§4) and REST `period` minutes, with their length in seconds. */
export const KLINE_PERIODS = [
  { ws: '1min', minutes: 1 },
  { ws: '5min', minutes: 5 },
  { ws: '15min', minutes: 15 },
  { ws: '30min', minutes: 30 },
  { ws: '60min', minutes: 60 },
  { ws: '1day', minutes: 1440 },
  { ws: '1week', minutes: 10080 },
  { ws: '1month', minutes: 43200 },
] as const;
