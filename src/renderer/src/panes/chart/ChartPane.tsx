import { useEffect, useMemo, useRef, useState } from 'react';
import type { Resolution } from '../../../../shared';
import { Pane } from '../../components/Pane';
import { StreamBadge } from '../../components/StreamBadge';
import { trimZeros } from '../../lib/format';
import { describeChord } from '../../lib/keymap';
import { paneSubject } from '../../lib/market-label';
import { ownStreams, paneStreamState, worstOf } from '../../lib/stream-state';
import { useStaleHold } from '../../state/use-stale-hold';
import { app } from '../../state/app-state';
import { feedFor, useFeed } from '../../state/feeds';
import { moveOrder } from '../../state/move-order';
import { load, save } from '../../state/persist';
import { useActive } from '../../state/selectors';
import { usePanePin } from '../../state/pane-slot';
import { useStore } from '../../state/store';
import { ChartView, themeColors, type ChartProbe } from './chart-view';

const RESOLUTIONS: Resolution[] = ['1m', '5m', '15m', '1h', '4h', '1d'];

function savedResolution(): Resolution {
  const value = load('resolution');
  return RESOLUTIONS.includes(value as Resolution) ? (value as Resolution) : '1m';
}

/** Candles and volume, history from REST then live; open orders as draggable price lines. */
export function ChartPane() {
  const { account, symbol, market, streamable, source } = useActive();
  const pinned = usePanePin() !== undefined;
  const theme = useStore(app, (s) => s.appliedTheme);
  const allOpen = useStore(app, (s) => s.openOrders);
  const alertKey = useStore(app, (s) => s.keymap['chart.alert']);
  const [resolution, setResolution] = useState<Resolution>(savedResolution);
  const [problem, setProblem] = useState<string | undefined>();
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<ChartView | null>(null);
  const accountId = account?.id;
  const orders = useMemo(
    () => allOpen.filter((o) => o.accountId === accountId && o.symbol === symbol && (o.price ?? o.triggerPrice) !== undefined),
    [allOpen, accountId, symbol],
  );
  // The badge watches the same shared candle feed as the chart (one subscription).
  const candleRequest = useMemo(() => (source && streamable ? { stream: 'candles' as const, ...source, symbol, resolution } : undefined), [source, streamable, symbol, resolution]);
  const feed = useFeed(candleRequest);
  const status = useStore(app, (s) => s.status);
  const streams = ownStreams(status, account, 'candles', symbol);
  const streamState = worstOf(streams);
  const held = useStaleHold(streams);
  const state = paneStreamState({ failed: !!feed.error, ready: !!feed.subscribed, engine: streamState, outOfSync: held });

  // The chart itself lives as long as the pane.
  useEffect(() => {
    if (!container.current) return;
    const element = container.current as HTMLDivElement & { chartProbe?: ChartProbe };
    const chart: ChartView = new ChartView(element, (order, price) => moveOrder(order, chart.formatPrice(price)));
    view.current = chart;
    // Where the order lines are drawn, for tests and assistive tools (no global).
    element.chartProbe = chart.probe;
    return () => {
      delete element.chartProbe;
      chart.dispose();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    if (container.current) view.current?.setColors(themeColors(container.current));
  }, [theme]);

  useEffect(() => {
    if (market) view.current?.setMarket(market.pricePrecision, market.tickSize);
  }, [market]);

  // History first, then the live candle stream; pushes that arrive before the history are held.
  useEffect(() => {
    const chart = view.current;
    if (!chart || !source || !streamable) return;
    let live = true;
    let ready = false;
    const feed = feedFor({ stream: 'candles', ...source, symbol, resolution });
    feed.acquire();
    const stop = feed.listen((snapshot) => {
      if (ready && snapshot.value) chart.update(snapshot.value);
    });
    void window.terminal.market.candles({ ...source, symbol, resolution }).then((result) => {
      if (!live) return;
      if (result.ok) {
        chart.setHistory(result.value);
        setProblem(undefined);
      } else {
        chart.setHistory([]);
        setProblem(`chart history: ${result.error.message}`);
      }
      ready = true;
      if (feed.snapshot.value) chart.update(feed.snapshot.value);
    });
    return () => {
      live = false;
      stop();
      feed.release();
    };
  }, [source, streamable, symbol, resolution]);

  useEffect(() => {
    view.current?.setOrders(orders);
  }, [orders]);

  const choose = (r: Resolution) => {
    setResolution(r);
    save('resolution', r);
  };

  return (
    <Pane
      id="chart"
      subject={paneSubject(symbol, account, pinned)}
      badge={<StreamBadge state={state} testId="chart-state" title={feed.error?.message ?? (streamState ? `candle stream ${streamState}` : undefined)} />}
      tools={
        <span className="tabs" role="radiogroup" aria-label="Resolution">
          {RESOLUTIONS.map((r) => (
            <button key={r} type="button" role="radio" aria-checked={r === resolution} className={r === resolution ? 'is-on' : ''} onClick={() => choose(r)} data-testid={`resolution-${r}`}>
              {r}
            </button>
          ))}
        </span>
      }
    >
      <div className="chart-wrap">
        <div className="chart" ref={container} data-testid="chart" data-key-context="chart" tabIndex={0} data-pane-primary aria-label={`Chart ${symbol} ${resolution}: drag an order line to move the order; ${describeChord(alertKey)} sets a price alert at the crosshair`} />
        {problem && <p className="chart-problem error">{problem}</p>}
        {/* The order lines as text: for screen readers, keyboard users (move from the orders pane) and tests. */}
        <ul className="sr-only" data-testid="chart-order-lines" aria-label="Orders on the chart">
          {orders.map((o) => (
            <li key={`${o.accountId}|${o.id}`} data-order-id={o.id} data-price={o.price} data-trigger={o.triggerPrice}>
              {o.side} {trimZeros(o.quantity)} {o.triggerPrice ? `stop ${o.triggerPrice} then ${o.price ? `limit ${o.price}` : 'market'}` : `at ${o.price}`}
            </li>
          ))}
        </ul>
      </div>
    </Pane>
  );
}

