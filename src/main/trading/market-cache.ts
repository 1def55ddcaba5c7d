import Big from 'big.js';
import { canonicalSymbol, decimalMid, err, ok, type BookSnapshot, type Market, type Result } from '../../shared';
import type { ExchangeConnector } from '../exchanges/connector';

/** A symbol the connector's list does not know makes it load the list anew, at most once per this period per account. */
const MISS_REFRESH_MS = 5_000;

/**
 * Pair rules for order validation, read from the connector, which owns the one cache of its
 * market list (exchanges/kit/market-list.ts): placing an order costs no extra call, and there is
 * no second lifetime here.
 */
export class MarketLookup {
  private readonly lastMissRefresh = new Map<string, number>();

  constructor(private readonly options: { now?: () => number } = {}) {}

  /** The account's market for a symbol (`btc/usdt` and `BTCUSDT` are the same); VALIDATION naming `symbol` when unknown. */
  async market(accountId: string, connector: ExchangeConnector, symbol: string): Promise<Result<Market>> {
    const key = canonicalSymbol(symbol);
    const listed = await connector.markets();
    if (!listed.ok) return listed;
    let market = listed.value.find((m) => canonicalSymbol(m.symbol) === key);
    const now = (this.options.now ?? Date.now)();
    if (!market && now - (this.lastMissRefresh.get(accountId) ?? -Infinity) > MISS_REFRESH_MS) {
      // A pair listed since the connector loaded its list.
      this.lastMissRefresh.set(accountId, now);
      const fresh = await connector.markets({ refresh: true });
      if (fresh.ok) market = fresh.value.find((m) => canonicalSymbol(m.symbol) === key);
    }
    if (!market) return err('VALIDATION', `${symbol} is not traded on ${connector.exchange}`, { field: 'symbol' });
    return ok(market);
  }
}

/** Mid of the best bid and ask from a shallow book, else the ticker's; undefined when the book is empty. */
export async function midPrice(connector: ExchangeConnector, symbol: string): Promise<string | undefined> {
  const book = await connector.orderBook(symbol, 5);
  if (book.ok) {
    const mid = bookMid(book.value);
    if (mid) return mid;
  }
  const tickers = await connector.tickers();
  if (!tickers.ok) return undefined;
  const ticker = tickers.value.find((t) => canonicalSymbol(t.symbol) === canonicalSymbol(symbol));
  if (!ticker) return undefined;
  return midOf(ticker.bid, ticker.ask) ?? (new Big(ticker.last).gt(0) ? ticker.last : undefined);
}

/** Mid of a book's best bid and ask (or the one side there is). */
export function bookMid(book: Pick<BookSnapshot, 'bids' | 'asks'>): string | undefined {
  return midOf(book.bids[0]?.[0], book.asks[0]?.[0]);
}

/** The exact mid, or the one side there is. */
function midOf(bid: string | undefined, ask: string | undefined): string | undefined {
  return decimalMid(bid, ask) ?? bid ?? ask;
}
