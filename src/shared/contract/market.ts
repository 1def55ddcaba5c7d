import { z } from 'zod';
import { AccountId, BookSnapshot, Candle, ExchangeId, Market, Resolution, Ticker, Trade } from '../model';
import { invoke } from './define';

export { AccountId } from '../model';
export const PairSymbol = z
  .string()
  .min(1, 'choose a symbol')
  .max(32)
  .regex(/^[A-Za-z0-9/_-]+$/, 'letters and digits only, such as BTCUSDT');
export const SubscriptionId = z.string().min(1).max(64);

/**
 * Whose market data (issue 13 #6): market data is keyed by exchange, so a request names an
 * account (its exchange, at the account's endpoints) or just an exchange (watched with no
 * account: public streams). One of the two is required.
 */
const Source = { accountId: AccountId.optional(), exchange: ExchangeId.optional() };
const needsSource = (request: { accountId?: string | undefined; exchange?: string | undefined }, ctx: z.RefinementCtx): void => {
  if (request.accountId === undefined && request.exchange === undefined) {
    ctx.addIssue({ code: 'custom', path: ['accountId'], message: 'choose an account or an exchange to watch' });
  }
};

/** What a pane asks to watch. */
export const MarketStreamRequest = z
  .discriminatedUnion('stream', [
    z.object({
      stream: z.literal('book'),
      ...Source,
      symbol: PairSymbol,
      depth: z.number().int().min(1).max(1000).default(50),
    }),
    z.object({ stream: z.literal('trades'), ...Source, symbol: PairSymbol }),
    z.object({ stream: z.literal('ticker'), ...Source, symbol: PairSymbol }),
    z.object({ stream: z.literal('candles'), ...Source, symbol: PairSymbol, resolution: Resolution }),
    /** The 24 h tickers of every market of the exchange (the watchlist). */
    z.object({ stream: z.literal('tickers'), ...Source }),
  ])
  .superRefine(needsSource);
export type MarketStreamRequest = z.infer<typeof MarketStreamRequest>;

export const CandlesRequest = z
  .object({
    ...Source,
    symbol: PairSymbol,
    resolution: Resolution,
    /** Unix seconds; default: enough history to fill a chart. */
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
  })
  .superRefine(needsSource);

const SourceRequest = z.object(Source).superRefine(needsSource);

export const marketInvoke = {
  /** Markets (pairs with precision, tick and min notional) of an exchange (or an account's). */
  'market:list': invoke(SourceRequest, z.array(Market)),
  'market:tickers': invoke(SourceRequest, z.array(Ticker)),
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
