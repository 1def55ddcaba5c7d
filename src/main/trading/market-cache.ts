import Big from 'big.js';
import { canonicalSymbol, decimalMid, err, ok, type BookSnapshot, type Market, type Result } from '../../shared';
import type { ExchangeConnector } from '../exchanges/connector';

const DEFAULT_TTL_MS = 10 * 60_000;
/** A symbol the cached list does not know triggers at most one refresh per this period. */
const MISS_REFRESH_MS = 5_000;

interface Entry {
  markets: Map<string, Market>;
  fetchedAt: number;
  pending?: Promise<Result<Map<string, Market>>>;
  lastMissRefresh?: number;
}

/** Pair rules per account (from `connector.markets()`), cached so placing an order costs no extra call. */
export class MarketCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: { ttlMs?: number; now?: () => number } = {}) {}

  /** The account's market for a symbol (`btc/usdt` and `BTCUSDT` are the same); VALIDATION naming `symbol` when unknown. */
  async market(accountId: string, connector: ExchangeConnector, symbol: string): Promise<Result<Market>> {
    const key = canonicalSymbol(symbol);
    const now = (this.options.now ?? Date.now)();
    let entry = this.entries.get(accountId);
    const stale = !entry || now - entry.fetchedAt > (this.options.ttlMs ?? DEFAULT_TTL_MS);
    const miss = entry !== undefined && !entry.markets.has(key) && now - (entry.lastMissRefresh ?? 0) > MISS_REFRESH_MS;
    if (stale || miss) {
      if (entry && miss) entry.lastMissRefresh = now;
      const loaded = await this.load(accountId, connector);
      if (!loaded.ok && !entry) return loaded;
      entry = this.entries.get(accountId);
    }
    const market = entry?.markets.get(key);
    if (!market) return err('VALIDATION', `${symbol} is not traded on ${connector.exchange}`, { field: 'symbol' });
    return ok(market);
  }

  invalidate(accountId: string): void {
    this.entries.delete(accountId);
  }

  private async load(accountId: string, connector: ExchangeConnector): Promise<Result<Map<string, Market>>> {
    const existing = this.entries.get(accountId);
    if (existing?.pending) return existing.pending;
    const pending = connector.markets().then((result): Result<Map<string, Market>> => {
      if (!result.ok) return result;
      const markets = new Map(result.value.map((m) => [canonicalSymbol(m.symbol), m]));
      this.entries.set(accountId, { markets, fetchedAt: (this.options.now ?? Date.now)() });
      return ok(markets);
    });
    if (existing) existing.pending = pending;
    else this.entries.set(accountId, { markets: new Map(), fetchedAt: -Infinity, pending });
    try {
      return await pending;
    } finally {
      const entry = this.entries.get(accountId);
      if (entry?.pending === pending) delete entry.pending;
    }
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
