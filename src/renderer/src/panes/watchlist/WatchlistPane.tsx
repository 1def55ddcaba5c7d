import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { EXCHANGE_IDS, exchangeEntry, type Account, type ExchangeId, type Market, type Ticker } from '../../../../shared';
import { Pane } from '../../components/Pane';
import { formatPrice } from '../../lib/format';
import { formatChange, nextSort, parseWatchSort, watchRows, WATCH_COLUMNS, type WatchColumn, type WatchRow, type WatchSort } from '../../lib/watchlist';
import { setSymbol, switchAccount } from '../../state/actions';
import { app } from '../../state/app-state';
import { useFeeds } from '../../state/feeds';
import { usePanePin } from '../../state/pane-slot';
import { exchangeMarketsKey, watchedExchange } from '../../state/selectors';
import { load, save } from '../../state/persist';
import { shallowEqual, useStore } from '../../state/store';

const HEADS: Record<WatchColumn, string> = { symbol: 'market', last: 'last', change: '24h', high: 'high', low: 'low', volume: 'vol' };

/** `1.23M`: a 24 h volume in few characters (the cell's title has the exact decimal). */
function shortVolume(value: string | undefined): string {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n)) return '–';
  for (const [size, unit] of [[1e9, 'B'], [1e6, 'M'], [1e3, 'k']] as const) if (n >= size) return `${(n / size).toFixed(n >= size * 100 ? 0 : 1)}${unit}`;
  return n >= 1 ? n.toFixed(0) : n.toPrecision(2);
}

/** The account whose connection streams an exchange's tickers: the active one on its own exchange, else the first. */
function feedAccount(accounts: readonly Account[], exchange: ExchangeId, activeId: string | undefined): string | undefined {
  return (accounts.find((a) => a.id === activeId && a.exchange === exchange) ?? accounts.find((a) => a.exchange === exchange))?.id;
}

type RowProps = { row: WatchRow; index: number; selected: boolean; active: boolean; showExchange: boolean; onPick: (row: WatchRow, index: number) => void };

/**
 * Rows are compared by market and ticker object, not by row object: every push builds new
 * rows, and a market whose ticker did not change must not render again (issue 19 #5).
 */
function sameRow(a: RowProps, b: RowProps): boolean {
  return (
    a.row.market === b.row.market && a.row.ticker === b.row.ticker && a.index === b.index && a.selected === b.selected &&
    a.active === b.active && a.showExchange === b.showExchange && a.onPick === b.onPick
  );
}

const Row = memo(function Row({ row, index, selected, active, showExchange, onPick }: RowProps) {
  const { market, ticker: t } = row;
  const change = t?.changeRatio ?? 0;
  return (
    <tr
      className={`${selected ? 'is-selected' : ''}${active ? ' is-active' : ''}`}
      aria-selected={selected}
      data-testid="watch-row"
      data-symbol={market.symbol}
      data-exchange={market.exchange}
      onClick={() => onPick(row, index)}
    >
      <td>
        {market.symbol}
        {showExchange && <span className="watch-exchange"> {exchangeEntry(market.exchange).short}</span>}
      </td>
      <td className="num" title={t ? `24h high ${formatPrice(t.high, market)} · low ${formatPrice(t.low, market)}` : undefined}>
        {t ? formatPrice(t.last, market) : '–'}
      </td>
      <td className={`num ${change > 0 ? 'up' : change < 0 ? 'down' : ''}`} data-testid="watch-change">
        {formatChange(t?.changeRatio)}
      </td>
      <td className="num watch-high">{t ? formatPrice(t.high, market) : '–'}</td>
      <td className="num watch-low">{t ? formatPrice(t.low, market) : '–'}</td>
      <td className="num" title={t ? `${t.volume} ${market.base}` : undefined}>
        {shortVolume(t?.volume)}
      </td>
    </tr>
  );
}, sameRow);

/**
 * Every market of the exchanges in use with its 24 h ticker: the REST snapshot first, then the
 * live ticker streams (one `tickers` stream per exchange). Type to filter; ↑/↓ move; Enter (or
 * a click) makes the market active, switching to an account on its exchange when needed.
 */
export function WatchlistPane() {
  const { accounts, activeAccountId, activeSymbol, markets } = useStore(
    app,
    (s) => ({ accounts: s.accounts, activeAccountId: s.activeAccountId, activeSymbol: s.activeSymbol, markets: s.markets }),
    shallowEqual,
  );
  // Pinned to an account (issue 14 #1): that account's exchange only, through its connection.
  const pin = usePanePin();
  const pinned = accounts.find((a) => a.id === pin);
  // With no account at all, the watched exchange's tickers come by exchange (issue 13 #6).
  const watched = useStore(app, watchedExchange);
  // Per exchange of the catalog: the account whose connection streams it, and where its markets are.
  const sources = useMemo(
    () =>
      EXCHANGE_IDS.map((exchange) => {
        const account = pinned ? (pinned.exchange === exchange ? pinned.id : undefined) : feedAccount(accounts, exchange, activeAccountId);
        const source = account ? { accountId: account } : !pin && watched === exchange ? { exchange } : undefined;
        return { exchange, account, source, marketsKey: account ?? (source ? exchangeMarketsKey(exchange) : undefined) };
      }),
    [pinned, pin, accounts, activeAccountId, watched],
  );
  const feeds = useFeeds(sources.map(({ source }) => (source ? { stream: 'tickers' as const, ...source } : undefined)));
  const [filter, setFilter] = useState(() => (typeof load('watchlist.filter') === 'string' ? (load('watchlist.filter') as string) : ''));
  const [sort, setSort] = useState<WatchSort>(() => parseWatchSort(load('watchlist.sort')));
  const [selected, setSelected] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);

  const rows = useMemo(() => {
    const all: Market[] = [];
    const tickers = new Map<string, Ticker>();
    sources.forEach(({ marketsKey }, i) => {
      if (!marketsKey) return;
      for (const m of markets[marketsKey] ?? []) all.push(m);
      for (const [symbol, t] of feeds[i]?.value ?? []) tickers.set(`${t.exchange}|${symbol}`, t);
    });
    // Keyed by exchange too: BTCUSDT exists on several.
    return watchRows(all, (m) => tickers.get(`${m.exchange}|${m.symbol}`), filter, sort);
  }, [markets, sources, feeds, filter, sort]);
  const showExchange = sources.filter((s) => s.marketsKey).length > 1;
  const activeExchange = accounts.find((a) => a.id === activeAccountId)?.exchange ?? watched;
  const at = Math.min(selected, Math.max(0, rows.length - 1));

  useEffect(() => save('watchlist.sort', sort), [sort]);
  useEffect(() => save('watchlist.filter', filter), [filter]);
  // Only when the selection moves to another market: scrollIntoView forces a layout, and a
  // ticker push (several a second) changes `rows` without moving anything (issue 19 #5).
  const selectedKey = rows[at] ? `${rows[at].market.exchange}|${rows[at].market.symbol}` : undefined;
  useEffect(() => {
    body.current?.querySelector<HTMLElement>('tr.is-selected')?.scrollIntoView({ block: 'nearest' });
  }, [at, selectedKey]);

  const pick = (row: WatchRow | undefined) => {
    if (!row) return;
    const { exchange, symbol } = row.market;
    const account = sources.find((s) => s.exchange === exchange)?.account;
    if (activeExchange !== exchange && account) switchAccount(account, symbol);
    else setSymbol(symbol);
  };

  // The filter's key handler reads the latest rows through a ref: the input stays the same
  // element from push to push, so the pane's header does not render again (Pane).
  const latest = useRef({ rows, at, pick });
  useLayoutEffect(() => {
    latest.current = { rows, at, pick };
  });
  const count = rows.length;
  const onPick = useCallback((row: WatchRow, index: number) => {
    setSelected(index);
    latest.current.pick(row);
  }, []);
  const tools = useMemo(
    () => (
      <input
        className="watch-filter"
        type="search"
        placeholder={`filter (${count})`}
        aria-label="Filter markets: type part of a symbol; ↑/↓ move, Enter makes the market active"
        data-testid="watch-filter"
        data-pane-primary
        value={filter}
        onChange={(e) => {
          setFilter(e.target.value);
          setSelected(0);
        }}
        onKeyDown={(e) => {
          const { rows, at, pick } = latest.current;
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const step = (e.key === 'ArrowDown' ? 1 : -1) * (e.shiftKey ? 10 : 1);
            setSelected(Math.max(0, Math.min(rows.length - 1, at + step)));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            pick(rows[at]);
          }
        }}
      />
    ),
    [count, filter],
  );

  return (
    <Pane id="watchlist" tools={tools}>
      <div className="table-wrap watchlist">
        <table className="grid" data-testid="watchlist" aria-label="Watchlist">
          <thead>
            <tr>
              {WATCH_COLUMNS.map((c) => (
                <th key={c} className={`${c === 'symbol' ? '' : 'num'} watch-${c}`} aria-sort={sort.column === c ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" className="sort" onClick={() => setSort((s) => nextSort(s, c))} data-testid={`watch-sort-${c}`}>
                    {HEADS[c]}
                    {sort.column === c ? (sort.descending ? ' ▾' : ' ▴') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody ref={body}>
            {rows.map((row, i) => (
              <Row
                key={`${row.market.exchange}|${row.market.symbol}`}
                row={row}
                selected={i === at}
                active={row.market.symbol === activeSymbol && row.market.exchange === activeExchange}
                index={i}
                showExchange={showExchange}
                onPick={onPick}
              />
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="muted empty">{filter ? `No market matches “${filter}”.` : 'Loading markets…'}</p>}
      </div>
    </Pane>
  );
}
