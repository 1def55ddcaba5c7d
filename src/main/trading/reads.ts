import Big from 'big.js';
import { canonicalSymbol, err, ok, type Market, type ReadGap, type Result } from '../../shared';
import { fanOut } from '../accounts/fan-out';
import type { ExchangeConnector, HistoryQuery } from '../exchanges/connector';
import { SecretUnavailableError } from '../secrets';
import type { MarketLookup } from './market-cache';

/**
 * Reads across accounts that never fail whole (issue 13 #5): every account (and, on exchanges
 * that list history one market at a time, every market) that answers gives its rows; each that
 * does not is a gap the view names inline. Leaving an account out silently would show a trader
 * no orders where there are some, so a gap is always said, never dropped.
 */

/** At most this many markets per account and read: Crypto.com V1 allows one order query per 100 ms per key (§3). */
export const MAX_MARKETS_PER_READ = 12;

export interface Rows<T> {
  rows: T[];
  gaps: ReadGap[];
}

export type Call<T> = (connector: ExchangeConnector, query: HistoryQuery) => Promise<Result<T[]>>;

export interface ReadSource {
  connector(accountId: string): Promise<Result<ExchangeConnector>>;
}

/**
 * The markets worth reading when "all symbols" has to be asked one market at a time: those
 * traded here (orders and fills seen this run) first, then those whose base and quote the
 * account holds; at most `max`. Answers the chosen symbols and how many more were left out.
 */
export function marketsToRead(markets: readonly Market[], held: ReadonlySet<string>, tradedHere: ReadonlySet<string>, max = MAX_MARKETS_PER_READ): { symbols: string[]; leftOut: number } {
  const traded = markets.filter((m) => tradedHere.has(canonicalSymbol(m.symbol)));
  const holding = markets.filter((m) => !tradedHere.has(canonicalSymbol(m.symbol)) && held.has(m.base) && held.has(m.quote));
  const all = [...traded, ...holding].map((m) => m.symbol);
  return { symbols: all.slice(0, max), leftOut: Math.max(0, all.length - max) };
}

export class CrossAccountReads {
  /** Symbols each account traded while the engine ran (own orders and fills pushed by its connector). */
  private readonly traded = new Map<string, Set<string>>();
  /**
   * A per-market fan-out in flight, by account and query: the same read asked again while it
   * runs shares it, so repeated asks (a renderer that keeps asking, a hostile one) cost the
   * exchange's budget once instead of queueing a dozen calls each behind its limiter.
   */
  private readonly inFlight = new Map<string, Promise<Result<Rows<unknown>>>>();

  constructor(private readonly deps: { source: ReadSource; markets: MarketLookup; log?: (line: string) => void }) {}

  noteTraded(accountId: string, symbol: string): void {
    let set = this.traded.get(accountId);
    if (!set) this.traded.set(accountId, (set = new Set()));
    set.add(canonicalSymbol(symbol));
  }

  /**
   * One read over `ids`. `perMarket`: history and fills, which some exchanges list one market at
   * a time. An account that fails is a gap; with `single` (one account asked by name) its failure
   * is the answer instead, as it leaves nothing to show.
   */
  async read<T extends { accountId: string }>(ids: readonly string[], query: HistoryQuery, call: Call<T>, options: { perMarket: boolean; single: boolean; what: string }): Promise<Result<Rows<T>>> {
    const legs = await fanOut(ids, async (id) => {
      const connector = await this.deps.source.connector(id);
      if (!connector.ok) return connector;
      const fanned = options.perMarket && connector.value.historyNeedsSymbol && query.symbol === undefined;
      const read = fanned ? await this.shared(id, connector.value, query, call, options.what) : await guardRows(call(connector.value, query));
      return read.ok ? ok({ rows: read.value.rows.map((row) => ({ ...row, accountId: id })), gaps: read.value.gaps }) : read;
    });
    const first = legs[0];
    if (options.single && first && !first.result.ok) return first.result;
    const rows: T[] = [];
    const gaps: ReadGap[] = [];
    for (const leg of legs) {
      if (leg.result.ok) {
        rows.push(...leg.result.value.rows);
        gaps.push(...leg.result.value.gaps);
      } else {
        gaps.push({ accountId: leg.accountId, kind: 'failed', message: `could not read ${options.what}: ${leg.result.error.message}` });
        this.deps.log?.(`trading: ${options.what} of ${leg.accountId} failed: ${leg.result.error.code}`);
      }
    }
    return ok({ rows, gaps });
  }

  private shared<T>(accountId: string, connector: ExchangeConnector, query: HistoryQuery, call: Call<T>, what: string): Promise<Result<Rows<T>>> {
    const key = JSON.stringify([accountId, what, query.from ?? null, query.to ?? null]);
    const running = this.inFlight.get(key);
    if (running) return running as Promise<Result<Rows<T>>>;
    const read = this.perMarket(accountId, connector, query, call, what).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, read);
    return read;
  }

  /** "All symbols" on an exchange that lists history one market at a time. */
  private async perMarket<T>(accountId: string, connector: ExchangeConnector, query: HistoryQuery, call: Call<T>, what: string): Promise<Result<Rows<T>>> {
    const [markets, balances] = await Promise.all([this.deps.markets.list(accountId, connector), guardRows(connector.balances())]);
    if (!markets.ok) return markets;
    const gaps: ReadGap[] = [];
    const held = new Set<string>();
    if (balances.ok) {
      for (const b of balances.value.rows) if (new Big(b.free).plus(b.locked).gt(0)) held.add(b.asset);
    } else {
      gaps.push({ accountId, kind: 'failed', message: `could not read its balances (${balances.error.message}), so only the markets traded here were read` });
    }
    const { symbols, leftOut } = marketsToRead(markets.value, held, this.traded.get(accountId) ?? new Set());
    const rows: T[] = [];
    // One market after the other: the connector's limiter spaces them within the key's budget,
    // and a burst would only queue behind it while starving the order polls.
    for (const symbol of symbols) {
      const read = await guardRows(call(connector, { ...query, symbol }));
      if (read.ok) rows.push(...read.value.rows);
      else gaps.push({ accountId, symbol, kind: 'failed', message: `could not read ${what} on ${symbol}: ${read.error.message}` });
    }
    const more = leftOut > 0 ? ` and not ${leftOut} more it holds` : '';
    const read = symbols.length ? `read only ${symbols.join(', ')}${more} (the markets it holds or traded here)` : 'read no market: it holds no pair and traded none here';
    gaps.push({ accountId, kind: 'partial', message: `may be partial: this exchange lists ${what} one market at a time; ${read}. Choose a symbol to see another.` });
    return ok({ rows, gaps });
  }
}

/** A call that throws becomes a failed Result, never a lost leg; rows get the Rows shape. */
async function guardRows<T>(call: Promise<Result<T[]>>): Promise<Result<Rows<T>>> {
  try {
    const result = await call;
    return result.ok ? ok({ rows: result.value, gaps: [] }) : result;
  } catch (cause) {
    if (cause instanceof SecretUnavailableError) return err(cause.code, cause.message);
    return err('INTERNAL', cause instanceof Error ? cause.message : String(cause));
  }
}
