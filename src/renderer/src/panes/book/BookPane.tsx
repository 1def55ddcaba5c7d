import { memo, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useFitRows } from '../../components/use-fit-rows';
import { Pane } from '../../components/Pane';
import { StreamBadge } from '../../components/StreamBadge';
import type { BookSnapshot } from '../../../../shared';
import { buildBookView, depthFor, groupingOptions, type BookRow, type BookView as GroupedBook } from '../../lib/book-view';
import { paneSubject } from '../../lib/market-label';
import { HELD_FOR_MS } from '../../lib/stale-hold';
import { ownStreams, paneStreamState, worstOf } from '../../lib/stream-state';
import { useStaleHold } from '../../state/use-stale-hold';
import { app } from '../../state/app-state';
import { useFeed } from '../../state/feeds';
import { useActive } from '../../state/selectors';
import { BOOK_VIEWS, chartState, type BookView } from '../../state/chart-state';
import { DepthChart } from './DepthChart';
import { usePanePin } from '../../state/pane-slot';
import { useStore } from '../../state/store';
import { useClockValue } from '../../state/use-now';
import { setTicketPrice } from '../../state/ticket-state';

/** Row height in px: fixed, so a new book never changes the layout (no reflow). */
const ROW_HEIGHT = 18;
/** A stream that pushed nothing for this long is shown as silent. */
const SILENT_MS = 10_000;
const perfNow = () => performance.now();
/** Levels per side the depth chart draws. */
const DEPTH_LEVELS = 100;

type RowProps = { side: 'bid' | 'ask'; row: BookRow; cursor: boolean; index: number };

/** The depth bar's width as drawn (one decimal of a percent): a finer change is no change. */
const depthOf = (row: BookRow) => `${(row.depth * 100).toFixed(1)}%`;

/**
 * Rows are compared by what they show, not by object: every push builds new row objects, and
 * a level whose price, size, total and bar are unchanged must cost nothing (issue 19 #5).
 */
function sameRow(a: RowProps, b: RowProps): boolean {
  return (
    a.side === b.side && a.cursor === b.cursor && a.index === b.index &&
    a.row.price === b.row.price && a.row.size === b.row.size && a.row.cumulative === b.row.cumulative && depthOf(a.row) === depthOf(b.row)
  );
}

const Row = memo(function Row({ side, row, cursor, index }: RowProps) {
  return (
    <div
      className={`book-row book-${side}${cursor ? ' book-cursor' : ''}`}
      // The depth bar is a background gradient driven by one custom property: a repaint of the
      // row only, no layout and no transform node per row for the compositor.
      style={{ '--depth': depthOf(row) } as React.CSSProperties}
      data-price={row.price}
      data-side={side}
      data-index={index}
      onClick={() => setTicketPrice(row.price)}
      title={`Click: ticket price ${row.price}`}
    >
      <span className="book-price">{row.price}</span>
      <span className="book-size">{row.size}</span>
      <span className="book-cum">{row.cumulative}</span>
    </div>
  );
}, sameRow);

/**
 * Copies of the book pane on one stream get the same snapshot object: they share its grouped
 * view instead of each building it again (the entry goes with the snapshot).
 */
const views = new WeakMap<BookSnapshot, Map<string, GroupedBook>>();
function sharedView(book: BookSnapshot, group: string, rows: number, quantityPrecision: number): GroupedBook {
  let byOptions = views.get(book);
  if (!byOptions) views.set(book, (byOptions = new Map()));
  const key = `${group}|${rows}|${quantityPrecision}`;
  let view = byOptions.get(key);
  if (!view) byOptions.set(key, (view = buildBookView(book.bids, book.asks, { group, rows, quantityPrecision })));
  return view;
}

/** Order book: grouped levels with cumulative bars, spread and mid; click or Enter fills the ticket price. */
export function BookPane() {
  const { account, symbol, market, streamable, source } = useActive();
  const pinned = usePanePin() !== undefined;
  const status = useStore(app, (s) => s.status);
  const [groupBySymbol, setGroup] = useState<Record<string, string>>({});
  const [cursor, setCursor] = useState<number | undefined>();
  const [, setHoldEnded] = useState(0);
  const [bodyRef, fit] = useFitRows<HTMLDivElement>(ROW_HEIGHT, ROW_HEIGHT * 2, 24);
  const rows = Math.max(3, Math.floor(fit / 2));
  const tickSize = market?.tickSize;
  const options = useMemo(() => (tickSize ? groupingOptions(tickSize) : []), [tickSize]);
  const group = (market && groupBySymbol[`${account?.id}|${symbol}`]) || options[0] || '0.01';
  const bookView = useStore(chartState, (s) => s.bookView);
  // Enough raw levels to fill the grouped rows, no more: every level crosses the bridge each frame.
  // The depth chart draws from the same stream, asking it for more levels (still one subscription).
  const depth = bookView === 'book' ? depthFor(group, tickSize, rows) : Math.max(DEPTH_LEVELS, depthFor(group, tickSize, rows));
  const request = useMemo(() => (source && streamable ? { stream: 'book' as const, ...source, symbol, depth } : undefined), [source, streamable, symbol, depth]);
  const feed = useFeed(request);
  const book = feed.value;

  const view = useMemo(() => (book ? sharedView(book, group, rows, market?.quantityPrecision ?? 4) : undefined), [book, group, rows, market?.quantityPrecision]);

  // Its own socket and its own symbol's sync state: a gap on another book is not this one's.
  const streams = ownStreams(status, account, 'book', symbol);
  const streamState = worstOf(streams);
  const held = useStaleHold(streams);
  const lastPushAt = feed.lastPushAt;
  const silent = useClockValue((now) => lastPushAt !== undefined && now - lastPushAt > SILENT_MS, 500, perfNow);
  // Counted from the push, plus room for the frame the render waits for: what the trader sees
  // lasts at least STALE_HOLD_MS (ui.md), however fast the resync was.
  const staleUntil = feed.staleAt !== undefined ? feed.staleAt + HELD_FOR_MS : undefined;
  const outOfSync = held || book?.stale === true || (staleUntil !== undefined && perfNow() < staleUntil);
  const state = paneStreamState({ failed: !!feed.error, ready: !!book, outOfSync, engine: streamState, silent });
  // Render again when the hold ends, not only on the next 500 ms tick.
  useEffect(() => {
    if (staleUntil === undefined || book?.stale) return;
    const wait = staleUntil - perfNow();
    if (wait <= 0) return;
    const timer = setTimeout(() => setHoldEnded((n) => n + 1), wait + 5);
    return () => clearTimeout(timer);
  }, [staleUntil, book?.stale]);
  const stale = state === 'stale';
  const detail = streams.map((s) => s.detail).filter(Boolean).join('; ');

  // Cursor over asks (top, worst first on screen) then bids, for keyboard use.
  const asksShown = view ? [...view.asks].reverse() : [];
  const all = view ? [...asksShown.map((r) => ({ side: 'ask' as const, row: r })), ...view.bids.map((r) => ({ side: 'bid' as const, row: r }))] : [];
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (all.length === 0) return;
    const at = cursor ?? asksShown.length - 1;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      setCursor(Math.max(0, Math.min(all.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1))));
      event.preventDefault();
    } else if (event.key === 'Enter' || event.key === ' ') {
      const picked = all[at];
      if (picked) setTicketPrice(picked.row.price);
      event.preventDefault();
    }
  };

  const badgeTitle = feed.error?.message ?? (streamState ? `book stream ${streamState}${detail ? `: ${detail}` : ''}` : undefined);
  const badge = useMemo(() => <StreamBadge state={state} testId="book-state" title={badgeTitle} />, [state, badgeTitle]);
  const groupKey = `${account?.id}|${symbol}`;
  const hasMarket = !!market;
  // The same elements from push to push, so the pane's header does not render again (Pane).
  const tools = useMemo(
    () => (
      <>
        <select aria-label="Book view" title="The book, the book and its depth chart side by side, or the depth chart instead" value={bookView} onChange={(e) => chartState.set({ bookView: e.target.value as BookView })} data-testid="book-view">
          {BOOK_VIEWS.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        <label className="inline-control" title="Group the book by price">
          <span className="control-label">group</span>
          <select aria-label="Book grouping" value={group} onChange={(e) => setGroup((g) => ({ ...g, [groupKey]: e.target.value }))} disabled={!hasMarket}>
            {options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
      </>
    ),
    [bookView, group, groupKey, hasMarket, options],
  );

  return (
    <Pane id="book" subject={paneSubject(symbol, account, pinned)} badge={badge} tools={tools}>
      <div className="book-host">
        <div className={`book-views view-${bookView}`}>
          {bookView !== 'book' && <DepthChart book={book} market={market} primary={bookView === 'depth'} />}
          <div
            className={`book${stale ? ' is-stale' : ''}`}
            ref={bodyRef}
            tabIndex={0}
            // Hidden in the depth-only view: the pane's focus goes to the depth chart then.
            data-pane-primary={bookView === 'depth' ? undefined : true}
            data-testid="book"
            aria-label={`Order book ${symbol}: arrows move, Enter fills the ticket price`}
            onKeyDown={onKeyDown}
            onBlur={() => setCursor(undefined)}
          >
            {!source && <p className="muted">No account yet.</p>}
            {feed.error && <p className="error">book stream: {feed.error.message} (retrying)</p>}
            {view && (
              <>
                <div className="book-side book-asks">
                  {asksShown.map((row, i) => (
                    <Row key={i} side="ask" row={row} index={i} cursor={cursor === i} />
                  ))}
                </div>
                <div className="book-spread" data-testid="book-spread">
                  <span>mid {view.mid ?? '–'}</span>
                  <span>spread {view.spread ?? '–'}{view.spreadBps !== undefined ? ` (${view.spreadBps.toFixed(1)} bp)` : ''}</span>
                </div>
                <div className="book-side book-bids">
                  {view.bids.map((row, i) => (
                    <Row key={i} side="bid" row={row} index={asksShown.length + i} cursor={cursor === asksShown.length + i} />
                  ))}
                </div>
              </>
            )}
          </div>
        </div>
      </div>
    </Pane>
  );
}
