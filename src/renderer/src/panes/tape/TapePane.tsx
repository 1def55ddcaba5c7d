import { memo, useMemo } from 'react';
import { useFitRows } from '../../components/use-fit-rows';
import type { Market, Trade } from '../../../../shared';
import { Pane } from '../../components/Pane';
import { StreamBadge } from '../../components/StreamBadge';
import { clock, formatPrice, formatSize } from '../../lib/format';
import { ownStreams, paneStreamState, worstOf } from '../../lib/stream-state';
import { useStaleHold } from '../../state/use-stale-hold';
import { app } from '../../state/app-state';
import { useFeed } from '../../state/feeds';
import { useActive } from '../../state/selectors';
import { useStore } from '../../state/store';

/** Fixed row height (px), matching styles.css `.tape-row`. */
const ROW_HEIGHT = 17;

const TradeRow = memo(function TradeRow({ trade, market }: { trade: Trade; market: Market | undefined }) {
  return (
    <div className={`tape-row side-${trade.side}`} role="row" data-trade-id={trade.id}>
      <span role="cell" className="tape-time">{clock(trade.time)}</span>
      <span role="cell" className="tape-price">{formatPrice(trade.price, market)}</span>
      <span role="cell" className="tape-size">{formatSize(trade.quantity, market)}</span>
    </div>
  );
});

/** Time and sales: the latest trades, newest first, colored by taker side. */
export function TapePane() {
  const { account, symbol, market, streamable, source } = useActive();
  const request = useMemo(() => (source && streamable ? { stream: 'trades' as const, ...source, symbol } : undefined), [source, streamable, symbol]);
  const feed = useFeed(request);
  const status = useStore(app, (s) => s.status);
  const streams = ownStreams(status, account, 'trades', symbol);
  const streamState = worstOf(streams);
  const held = useStaleHold(streams);
  // Trades can be quiet for long: a tape is live once subscribed on a healthy socket, never "silent".
  const state = paneStreamState({ failed: !!feed.error, ready: !!feed.subscribed, engine: streamState, outOfSync: held });
  const badgeTitle = feed.error?.message ?? (streamState ? `trades stream ${streamState}` : undefined);
  // The same element from push to push, so the pane's header does not render again (Pane).
  const badge = useMemo(() => <StreamBadge state={state} testId="tape-state" title={badgeTitle} />, [state, badgeTitle]);
  const [ref, rows] = useFitRows<HTMLDivElement>(ROW_HEIGHT, ROW_HEIGHT, 30);
  // Only the rows that fit: fewer nodes to create and drop on every push.
  // Every trade the tape keeps (not only the rows that fit), as ids: tests compare them with the exchange's.
  const kept = feed.value ?? [];
  const trades = kept.slice(0, rows);
  return (
    <Pane id="tape" badge={badge}>
      <div className="tape" ref={ref} role="table" aria-label={`Trades ${symbol}`} tabIndex={0} data-pane-primary data-testid="tape" data-kept-ids={kept.map((t) => t.id).join(' ')}>
        <div className="tape-row tape-head" role="row">
          <span role="columnheader">time</span>
          <span role="columnheader">price</span>
          <span role="columnheader">size</span>
        </div>
        {feed.error && <p className="error">trades stream: {feed.error.message} (retrying)</p>}
        {trades.map((trade) => (
          <TradeRow key={trade.id} trade={trade} market={market} />
        ))}
      </div>
    </Pane>
  );
}
