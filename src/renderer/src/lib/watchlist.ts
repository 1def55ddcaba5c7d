import type { Market, Ticker } from '../../../shared';

/** The watchlist's columns; each can sort. */
export type WatchColumn = 'symbol' | 'last' | 'change' | 'high' | 'low' | 'volume';
export const WATCH_COLUMNS: readonly WatchColumn[] = ['symbol', 'last', 'change', 'high', 'low', 'volume'];

export interface WatchSort {
  column: WatchColumn;
  descending: boolean;
}

export interface WatchRow {
  market: Market;
  ticker?: Ticker;
}

/** Numbers read for sorting only (floats never reach the screen: cells format the decimal strings). */
function sortValue(row: WatchRow, column: WatchColumn): number | string | undefined {
  const t = row.ticker;
  switch (column) {
    case 'symbol':
      return row.market.symbol;
    case 'change':
      return t?.changeRatio;
    case 'volume':
      // Volume in the quote asset, so BTC and SHIB markets compare by what traded.
      return t ? Number(t.volume) * Number(t.last) : undefined;
    default:
      return t ? Number(t[column]) : undefined;
  }
}

/**
 * The rows shown: markets whose symbol, base or quote contains `filter` (case and separators
 * ignored), sorted by the column; rows with no ticker yet go last whatever the direction.
 */
export function watchRows(markets: readonly Market[], tickerOf: (market: Market) => Ticker | undefined, filter: string, sort: WatchSort): WatchRow[] {
  const want = filter.replace(/[/_\-\s]/g, '').toUpperCase();
  const rows = markets
    .filter((m) => m.status !== 'halted' && (!want || m.symbol.toUpperCase().includes(want) || `${m.base}${m.quote}`.toUpperCase().includes(want)))
    .map((market) => ({ market, ticker: tickerOf(market) }));
  const sign = sort.descending ? -1 : 1;
  return rows.sort((a, b) => {
    const x = sortValue(a, sort.column);
    const y = sortValue(b, sort.column);
    if (x === undefined || y === undefined || Number.isNaN(x) || Number.isNaN(y)) {
      const missing = Number(x === undefined || Number.isNaN(x)) - Number(y === undefined || Number.isNaN(y));
      return missing || a.market.symbol.localeCompare(b.market.symbol);
    }
    const order = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
    return sign * order || a.market.symbol.localeCompare(b.market.symbol);
  });
}

/** Clicking a column: the same one flips the direction; a new one starts descending (numbers) or ascending (symbol). */
export function nextSort(current: WatchSort, column: WatchColumn): WatchSort {
  if (current.column === column) return { column, descending: !current.descending };
  return { column, descending: column !== 'symbol' };
}

/** A saved sort back, or the default (24 h change, biggest first). */
export function parseWatchSort(saved: unknown): WatchSort {
  const s = saved as Partial<WatchSort> | undefined;
  if (s && WATCH_COLUMNS.includes(s.column as WatchColumn) && typeof s.descending === 'boolean') return { column: s.column as WatchColumn, descending: s.descending };
  return { column: 'volume', descending: true };
}

/** `+4.50%`, `-0.12%`: the 24 h change as shown (a ratio from the exchange). */
export function formatChange(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '–';
  const pct = ratio * 100;
  return `${pct > 0 ? '+' : ''}${pct.toFixed(2)}%`;
}
