import { useEffect, useMemo, useRef, useState } from 'react';
import { RESOLUTION_SECONDS, type Candle, type Fill, type Resolution } from '../../../../shared';
import { Pane } from '../../components/Pane';
import { StreamBadge } from '../../components/StreamBadge';
import { dateTime, formatPrice, trimZeros } from '../../lib/format';
import { describeChord } from '../../lib/keymap';
import { paneSubject } from '../../lib/market-label';
import { ownStreams, paneStreamState, worstOf } from '../../lib/stream-state';
import { useStaleHold } from '../../state/use-stale-hold';
import { app } from '../../state/app-state';
import { chartState, effectiveResolution, resolutionsOf } from '../../state/chart-state';
import { feedFor, useFeed } from '../../state/feeds';
import { moveOrder } from '../../state/move-order';
import { useActive } from '../../state/selectors';
import { usePanePin } from '../../state/pane-slot';
import { useStore } from '../../state/store';
import { ChartHistory } from './chart-history';
import { ChartView, themeColors, type ChartProbe } from './chart-view';
import { useChartFills } from './use-chart-fills';

/** What the chart says when scrolling back finds nothing older. */
function historyEnd(exchange: string | undefined, count: number): string {
  return exchange === 'cryptocom' ? `Crypto.com V1 serves only its newest ~${count} candles: nothing older` : 'no older candles on the exchange';
}

/** Candles and volume, history from REST then live without holes; open orders as draggable price lines; my fills as markers. */
export function ChartPane() {
  const { account, symbol, market, streamable, source } = useActive();
  const pinned = usePanePin() !== undefined;
  const theme = useStore(app, (s) => s.appliedTheme);
  const allOpen = useStore(app, (s) => s.openOrders);
  const alertKey = useStore(app, (s) => s.keymap['chart.alert']);
  const chosen = useStore(chartState, (s) => s.resolution);
  const resolution = effectiveResolution(chosen, account?.exchange);
  const offered = resolutionsOf(account?.exchange);
  const [problem, setProblem] = useState<string | undefined>();
  const [end, setEnd] = useState<string | undefined>();
  const [hover, setHover] = useState<Candle | undefined>();
  const [last, setLast] = useState<Candle | undefined>();
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<ChartView | null>(null);
  const history = useRef<ChartHistory | null>(null);
  const accountId = account?.id;
  const orders = useMemo(
    () => allOpen.filter((o) => o.accountId === accountId && o.symbol === symbol && (o.price ?? o.triggerPrice) !== undefined),
    [allOpen, accountId, symbol],
  );
  const fills: readonly Fill[] = useChartFills(accountId, symbol);
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
    chart.onHover = setHover;
    chart.onNearStart = () => void history.current?.older();
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
    const step = RESOLUTION_SECONDS[resolution];
    chart.setStep(step);
    setEnd(undefined);
    const loaded = new ChartHistory({
      step,
      now: () => Math.floor(Date.now() / 1000),
      read: (from, to) => window.terminal.market.candles({ ...source, symbol, resolution, from, to }),
      onChange: (change) => {
        if (change.kind === 'live') {
          chart.update(change.candle);
          setLast(change.candle);
          return;
        }
        chart.setCandles(change.candles, change.kind, change.added);
        setLast(change.candles[change.candles.length - 1]);
        if (change.kind === 'older' && loaded.exhausted) setEnd(historyEnd(account?.exchange, change.candles.length));
      },
      onProblem: (error) => setProblem(error ? `chart history: ${error.message}` : undefined),
    });
    history.current = loaded;
    const feed = feedFor({ stream: 'candles', ...source, symbol, resolution });
    feed.acquire();
    const stop = feed.listen((snapshot) => {
      if (snapshot.value) loaded.live(snapshot.value);
    });
    void loaded.start().then(() => {
      if (feed.snapshot.value) loaded.live(feed.snapshot.value);
    });
    return () => {
      loaded.dispose();
      if (history.current === loaded) history.current = null;
      stop();
      feed.release();
    };
    // account?.exchange follows source.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, streamable, symbol, resolution]);

  // The stream back after a drop: read what it missed (a live candle that skips buckets does too).
  // A connected stream whose `since` moved went down and up between two status pushes (lib/stale-hold.ts).
  const since = streams.reduce((latest, s) => Math.max(latest, s.since), 0);
  const previousState = useRef<{ state: string | undefined; since: number }>({ state: streamState, since });
  useEffect(() => {
    const before = previousState.current;
    previousState.current = { state: streamState, since };
    if (streamState === 'connected' && (before.state !== 'connected' || before.since !== since)) history.current?.reconnected();
  }, [streamState, since]);

  useEffect(() => {
    view.current?.setOrders(orders);
  }, [orders]);

  useEffect(() => {
    view.current?.setFills(fills);
  }, [fills]);

  const shown = hover ?? last;
  const price = (v: number) => formatPrice(String(v), market);
  return (
    <Pane
      id="chart"
      subject={paneSubject(symbol, account, pinned)}
      badge={<StreamBadge state={state} testId="chart-state" title={feed.error?.message ?? (streamState ? `candle stream ${streamState}` : undefined)} />}
      tools={
        <span className="tabs" role="radiogroup" aria-label="Resolution">
          {offered.map((r: Resolution) => (
            <button key={r} type="button" role="radio" aria-checked={r === resolution} className={r === resolution ? 'is-on' : ''} onClick={() => chartState.set({ resolution: r })} data-testid={`resolution-${r}`}>
              {r === '1month' ? '1M' : r}
            </button>
          ))}
        </span>
      }
    >
      <div className="chart-wrap">
        <div className="chart" ref={container} data-testid="chart" data-key-context="chart" tabIndex={0} data-pane-primary aria-label={`Chart ${symbol} ${resolution}: drag an order line to move the order; ${describeChord(alertKey)} sets a price alert at the crosshair`} />
        {shown && (
          <p className="chart-legend" data-testid="chart-legend" aria-live="off">
            <span className="muted">{dateTime(shown.time * 1000)}</span> O <b>{price(shown.open)}</b> H <b>{price(shown.high)}</b> L <b>{price(shown.low)}</b> C{' '}
            <b className={shown.close >= shown.open ? 'side-buy' : 'side-sell'}>{price(shown.close)}</b> V <b>{trimZeros(shown.volume.toFixed(8))}</b>
          </p>
        )}
        {problem && <p className="chart-problem error">{problem}</p>}
        {end && !problem && (
          <p className="chart-problem muted" data-testid="chart-history-end">
            {end}
          </p>
        )}
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
