import { z } from 'zod';
import { AccountId, BookSnapshot, Candle, Market, Resolution, Ticker, Trade } from '../model';
import { invoke } from './define';

export { AccountId } from '../model';
export const PairSymbol = z
  .string()
  .min(1, 'choose a symbol')
  .max(32)
  .regex(/^[A-Za-z0-9/_-]+$/, 'letters and digits only, such as BTCUSDT');
export const SubscriptionId = z.string().min(1).max(64);

/** What a pane asks to watch. Market data flows through an account's connector (its endpoints). */
export const MarketStreamRequest = z.discriminatedUnion('stream', [
  z.object({
    stream: z.literal('book'),
    accountId: AccountId,
    symbol: PairSymbol,
    depth: z.number().int().min(1).max(1000).default(50),
  }),
  z.object({ stream: z.literal('trades'), accountId: AccountId, symbol: PairSymbol }),
  z.object({ stream: z.literal('ticker'), accountId: AccountId, symbol: PairSymbol }),
  z.object({ stream: z.literal('candles'), accountId: AccountId, symbol: PairSymbol, resolution: Resolution }),
  /** The 24 h tickers of every market of the account's exchange (the watchlist). */
  z.object({ stream: z.literal('tickers'), accountId: AccountId }),
]);
export type MarketStreamRequest = z.infer<typeof MarketStreamRequest>;

export const CandlesRequest = z.object({
  accountId: AccountId,
  symbol: PairSymbol,
  resolution: Resolution,
  /** Unix seconds; default: enough history to fill a chart. */
  from: z.number().int().nonnegative().optional(),
  to: z.number().int().nonnegative().optional(),
});

export const marketInvoke = {
  /** Markets (pairs with precision, tick and min notional) of an account's exchange. */
  'market:list': invoke(z.object({ accountId: AccountId }), z.array(Market)),
  'market:tickers': invoke(z.object({ accountId: AccountId }), z.array(Ticker)),
  /** Chart history from REST, oldest first. */
  'market:candles': invoke(CandlesRequest, z.array(Candle)),
  /** Starts (or shares) a stream; pushes arrive on the market:* events with this id. */
  'market:subscribe': invoke(MarketStreamRequest, z.object({ subscriptionId: SubscriptionId })),
  'market:unsubscribe': invoke(z.object({ subscriptionId: SubscriptionId }), z.object({ removed: z.boolean() })),
} as const;

/** Coalesced: at most one push per animation frame (~16 ms) per subscription. */
export const marketEvents = {
  /** The latest whole book (best first), with `stale` while out of sync. */
  'market:book': z.object({ subscriptionId: SubscriptionId, book: BookSnapshot }),
  /** Every trade since the last push, oldest first. */
  'market:trades': z.object({ subscriptionId: SubscriptionId, trades: z.array(Trade) }),
  'market:ticker': z.object({ subscriptionId: SubscriptionId, ticker: Ticker }),
  /** Tickers of a `tickers` stream that changed since the last push (all of them in the first). */
  'market:ticker-board': z.object({ subscriptionId: SubscriptionId, tickers: z.array(Ticker) }),
  /** The current (possibly still open) candle. */
  'market:candle': z.object({ subscriptionId: SubscriptionId, candle: Candle }),
} as const;
