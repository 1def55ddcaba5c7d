import { ok, type Market, type Result } from '../../../shared';

/**
 * How long a market list is reused. Pair rules (tick, step, minimums) change rarely and a changed
 * rule is refused by the exchange with a clear error, so one lifetime serves every exchange.
 */
export const MARKETS_TTL_MS = 5 * 60_000;

/**
 * The owner of one connector's market list (the only cache of it in main: the trading and market
 * services ask the connector, whose `markets()` answers from here). One load at a time. A failed
 * reload answers the last good list (pair rules rarely change, and symbol checks and order
 * validation should not stop while the exchange's market endpoint is down); only a first load
 * that fails answers its error.
 */
export class MarketList {
  private cache: { at: number; list: Market[]; bySymbol: Map<string, Market> } | undefined;
  private loading: Promise<Result<Market[]>> | undefined;

  constructor(
    private readonly load: () => Promise<Result<Market[]>>,
    private readonly now: () => number,
    private readonly ttlMs = MARKETS_TTL_MS,
  ) {}

  /** The list, loaded when missing or older than the lifetime (or when `refresh` asks for a new one). */
  markets(options: { refresh?: boolean } = {}): Promise<Result<Market[]>> {
    const cache = this.cache;
    if (cache && !options.refresh && this.now() - cache.at < this.ttlMs) return Promise.resolve(ok(cache.list));
    this.loading ??= this.load()
      .then((r) => {
        if (r.ok) this.cache = { at: this.now(), list: r.value, bySymbol: new Map(r.value.map((m) => [m.symbol, m])) };
        return r.ok || !this.cache ? r : ok(this.cache.list);
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** The markets by terminal symbol (`BTCUSDT`), loaded like `markets()`. */
  async bySymbol(): Promise<Result<ReadonlyMap<string, Market>>> {
    const r = await this.markets();
    if (!r.ok) return r;
    return ok(this.cache?.bySymbol ?? new Map(r.value.map((m) => [m.symbol, m])));
  }

  /** The loaded market of a terminal symbol, without loading. */
  known(symbol: string): Market | undefined {
    return this.cache?.bySymbol.get(symbol);
  }

  /** The exchange's spelling of a terminal symbol from the loaded list (the symbol itself when not loaded). */
  native(symbol: string): string {
    return this.known(symbol)?.nativeSymbol ?? symbol;
  }
}
