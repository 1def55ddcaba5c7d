import {
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  HistogramSeries,
  LineStyle,
  TickMarkType,
  createChart,
  createSeriesMarkers,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type AutoscaleInfo,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Candle, Fill, Order } from '../../../../shared';
import { roundToTick } from '../../lib/decimal';
import { fillMarks } from './fill-marks';

/** Colours of the chart, read from the theme's CSS variables. */
export interface ChartColors {
  background: string;
  text: string;
  grid: string;
  up: string;
  down: string;
}

export function themeColors(element: HTMLElement): ChartColors {
  const css = getComputedStyle(element);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { background: v('--pane', '#151a21'), text: v('--muted', '#7d8796'), grid: v('--line', '#262d38'), up: v('--buy', '#26a69a'), down: v('--sell', '#ef5350') };
}

const two = (n: number) => String(n).padStart(2, '0');
/** Local time, like the tape (lightweight-charts formats in UTC by default). */
function localLabel(time: number, kind?: TickMarkType): string {
  const d = new Date(time * 1000);
  if (kind === TickMarkType.Year) return String(d.getFullYear());
  if (kind === TickMarkType.Month || kind === TickMarkType.DayOfMonth) return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  const hm = `${two(d.getHours())}:${two(d.getMinutes())}`;
  return kind === undefined ? `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${hm}` : hm;
}

/** An order's line: its limit price (draggable), or its stop trigger (drawn apart, never dragged). */
type LineKind = 'limit' | 'stop';

/** The price of an order's line of one kind, if it has one. */
function linePrice(order: Order, kind: LineKind): string | undefined {
  return kind === 'stop' ? order.triggerPrice : order.price;
}

/** The label on the line: the side and size on the limit, "stop <trigger>" on the trigger. */
function lineTitle(order: Order, kind: LineKind): string {
  const side = order.side === 'buy' ? 'BUY' : 'SELL';
  if (kind === 'stop') return `${side} stop ${order.triggerPrice ?? ''}${order.type === 'stop-market' ? ' → market' : ''}`;
  return `${side} ${order.quantity}${order.type === 'stop-limit' ? ' limit' : ''}`;
}

/** What a test (or an assistive tool) can ask the chart: where each order line is drawn. */
export interface ChartProbe {
  lines(): Array<{ key: string; title: string; price: number; y: number | null; height: number }>;
  /** The price under the crosshair, rounded to the tick in decimal; undefined when the pointer is off the chart. */
  crosshairPrice(): string | undefined;
  /** The y coordinate (px) of a price, to point at it in tests. */
  priceY(price: number): number | null;
  /** The candle times shown, oldest first (tests compare them with the exchange's). */
  candleTimes(): number[];
  /** The fill markers drawn: id, candle time, price. */
  markers(): Array<{ id: string; time: number; price: number }>;
  /** Scrolls the view by `bars` (negative: back in time), as a drag would. */
  scrollBars(bars: number): void;
}

/** Drag state of an order line. */
interface Drag {
  key: string;
  order: Order;
  price: number;
}

/**
 * The chart: candles and volume from lightweight-charts, open orders as price lines that can
 * be dragged to a new price. Imperative by nature (a canvas), so it is a small class that the
 * React pane drives.
 */
export class ChartView {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private readonly lines = new Map<string, { line: IPriceLine; order: Order; kind: LineKind }>();
  private lastTime = 0;
  /** The candles shown, oldest first (to recolour volume bars when the theme changes). */
  private data: Candle[] = [];
  private colors: ChartColors;
  private drag: Drag | undefined;
  private tick = 0.01;
  /** The tick as the market states it: dragged prices are rounded to it in decimal. */
  private tickSize = '0.01';
  private readonly detach: () => void;
  /** The crosshair's price (float, from its y), undefined while the pointer is off the price pane. */
  private crosshair: number | undefined;
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  /** Candle length (s): fills are marked on the candle their time falls in. */
  private step = 60;
  private fills: readonly Fill[] = [];
  /** The candle under the crosshair (undefined: off the chart), for the OHLC legend. */
  onHover: (candle: Candle | undefined) => void = () => {};
  /** The view was scrolled to within a few candles of the oldest one shown. */
  onNearStart: () => void = () => {};

  constructor(
    private readonly container: HTMLElement,
    private readonly onMove: (order: Order, price: number) => Promise<boolean>,
  ) {
    this.colors = themeColors(container);
    this.chart = createChart(container, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: this.colors.background }, textColor: this.colors.text, fontSize: 11, attributionLogo: false },
      grid: { vertLines: { color: this.colors.grid }, horzLines: { color: this.colors.grid } },
      crosshair: { mode: CrosshairMode.Normal },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: this.colors.grid, tickMarkFormatter: (time: unknown, kind: TickMarkType) => localLabel(time as number, kind) },
      localization: { timeFormatter: (time: unknown) => localLabel(time as number) },
      rightPriceScale: { borderColor: this.colors.grid },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: this.colors.up,
      downColor: this.colors.down,
      wickUpColor: this.colors.up,
      wickDownColor: this.colors.down,
      borderVisible: false,
      // Keep every open order's lines in view: a limit far from the market would otherwise sit
      // outside the candles' range, visible only in the screen-reader list (issue 11 #9).
      autoscaleInfoProvider: (original: () => AutoscaleInfo | null) => this.withOrderPrices(original()),
    });
    this.candles.priceScale().applyOptions({ scaleMargins: { top: 0.08, bottom: 0.25 } });
    this.volume = this.chart.addSeries(HistogramSeries, { priceFormat: { type: 'volume' }, priceScaleId: 'volume', lastValueVisible: false, priceLineVisible: false });
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });

    this.markers = createSeriesMarkers(this.candles, []);

    this.chart.subscribeCrosshairMove((param) => {
      const price = param.point ? this.candles.coordinateToPrice(param.point.y) : null;
      this.crosshair = price === null || !(price > 0) ? undefined : price;
      const time = param.time as number | undefined;
      this.onHover(time === undefined ? undefined : this.data.find((c) => c.time === time));
    });
    this.chart.timeScale().subscribeVisibleLogicalRangeChange((range) => {
      if (range && range.from < 10 && this.data.length > 0) this.onNearStart();
    });

    const down = (e: PointerEvent) => this.pointerDown(e);
    const move = (e: PointerEvent) => this.pointerMove(e);
    const up = (e: PointerEvent) => void this.pointerUp(e);
    container.addEventListener('pointerdown', down, true);
    container.addEventListener('pointermove', move, true);
    window.addEventListener('pointerup', up, true);
    this.detach = () => {
      container.removeEventListener('pointerdown', down, true);
      container.removeEventListener('pointermove', move, true);
      window.removeEventListener('pointerup', up, true);
    };
  }

  /** Price format of the market (precision and tick). */
  setMarket(pricePrecision: number, tickSize: string): void {
    this.tick = Number(tickSize) || 0.01;
    this.tickSize = Number(tickSize) > 0 ? tickSize : '0.01';
    this.candles.applyOptions({ priceFormat: { type: 'price', precision: pricePrecision, minMove: this.tick } });
  }

  setColors(colors: ChartColors): void {
    this.colors = colors;
    this.chart.applyOptions({
      layout: { background: { type: ColorType.Solid, color: colors.background }, textColor: colors.text },
      grid: { vertLines: { color: colors.grid }, horzLines: { color: colors.grid } },
    });
    this.candles.applyOptions({ upColor: colors.up, downColor: colors.down, wickUpColor: colors.up, wickDownColor: colors.down });
    for (const { line, order, kind } of this.lines.values()) line.applyOptions({ color: this.lineColor(order, kind) });
    this.volume.setData(this.data.map((c) => this.volumeBar(c)));
    this.drawFills();
  }

  private volumeBar(c: Candle) {
    return { time: c.time as UTCTimestamp, value: c.volume, color: c.close >= c.open ? `${this.colors.up}66` : `${this.colors.down}66` };
  }

  /**
   * Shows these candles (oldest first, unique times). `reset`: a new chart, scrolled to now;
   * `older`: `added` candles were prepended, so the view is shifted by as many to stay put;
   * `fill`: missed candles were merged in and the view stays where it is.
   */
  setCandles(candles: readonly Candle[], kind: 'reset' | 'older' | 'fill', added = 0): void {
    const range = this.chart.timeScale().getVisibleLogicalRange();
    this.candles.setData(candles.map((c) => ({ time: c.time as UTCTimestamp, open: c.open, high: c.high, low: c.low, close: c.close })));
    this.volume.setData(candles.map((c) => this.volumeBar(c)));
    this.lastTime = candles[candles.length - 1]?.time ?? 0;
    this.data = [...candles];
    if (kind === 'reset') this.chart.timeScale().scrollToRealTime();
    else if (kind === 'older' && range && added > 0) this.chart.timeScale().setVisibleLogicalRange({ from: range.from + added, to: range.to + added });
    this.drawFills();
  }

  /** Candle length in seconds (where fills are marked). */
  setStep(step: number): void {
    this.step = step;
    this.drawFills();
  }

  /** Marks my fills on the candle they fell in, one arrow per side and candle: B under buys, S over sells. */
  setFills(fills: readonly Fill[]): void {
    this.fills = fills;
    this.drawFills();
  }

  private drawFills(): void {
    const markers: SeriesMarker<Time>[] = fillMarks(this.fills, this.step, this.data[0]?.time ?? Infinity).map((m) => {
      const buy = m.side === 'buy';
      return { time: m.time as UTCTimestamp, position: buy ? 'atPriceBottom' : 'atPriceTop', price: m.price, shape: buy ? 'arrowUp' : 'arrowDown', color: buy ? this.colors.up : this.colors.down, id: m.id, text: m.text };
    });
    this.markers.setMarkers(markers);
  }

  /** The candles shown (for tests and the legend). */
  shown(): readonly Candle[] {
    return this.data;
  }

  /** Extends the chart with the live (possibly still open) candle; an older bucket is ignored. */
  update(c: Candle): void {
    if (c.time < this.lastTime) return;
    this.candles.update({ time: c.time as UTCTimestamp, open: c.open, high: c.high, low: c.low, close: c.close });
    this.volume.update(this.volumeBar(c));
    if (this.data[this.data.length - 1]?.time === c.time) this.data[this.data.length - 1] = c;
    else this.data.push(c);
    this.lastTime = c.time;
  }

  /** The trigger line is drawn in the theme's text colour so it never reads as a second limit. */
  private lineColor(order: Order, kind: LineKind): string {
    if (kind === 'stop') return this.colors.text;
    return order.side === 'buy' ? this.colors.up : this.colors.down;
  }

  /**
   * Draws each open order's lines: the limit price (dashed, side colour, draggable) and, for
   * stop orders, the trigger (dotted, labelled "stop <price>"), and removes lines of orders
   * that are gone.
   */
  setOrders(orders: readonly Order[]): void {
    const keep = new Set<string>();
    for (const order of orders) {
      for (const kind of ['limit', 'stop'] as const) {
        const price = linePrice(order, kind);
        if (!price) continue;
        const key = `${order.accountId}|${order.id}|${kind}`;
        keep.add(key);
        const title = lineTitle(order, kind);
        const color = this.lineColor(order, kind);
        const existing = this.lines.get(key);
        if (existing) {
          if (this.drag?.key !== key) existing.line.applyOptions({ price: Number(price), title, color });
          existing.order = order;
        } else {
          const line = this.candles.createPriceLine({
            price: Number(price),
            color,
            lineWidth: 1,
            lineStyle: kind === 'stop' ? LineStyle.SparseDotted : LineStyle.Dashed,
            axisLabelVisible: true,
            title,
          });
          this.lines.set(key, { line, order, kind });
        }
      }
    }
    for (const [key, { line }] of this.lines) {
      if (!keep.has(key)) {
        this.candles.removePriceLine(line);
        this.lines.delete(key);
      }
    }
  }

  /** Widens the candles' autoscale range to hold every order line (not a line being dragged). */
  private withOrderPrices(base: AutoscaleInfo | null): AutoscaleInfo | null {
    let min = Infinity;
    let max = -Infinity;
    for (const { order, kind } of this.lines.values()) {
      const price = Number(linePrice(order, kind));
      if (!Number.isFinite(price)) continue;
      min = Math.min(min, price);
      max = Math.max(max, price);
    }
    if (min === Infinity) return base;
    const range = base?.priceRange;
    if (!range) return { ...base, priceRange: { minValue: min, maxValue: max } };
    return { ...base, priceRange: { minValue: Math.min(range.minValue, min), maxValue: Math.max(range.maxValue, max) } };
  }

  /** Where the order lines are drawn (y in pixels from the top of the pane, null when off the scale). */
  readonly probe: ChartProbe = {
    lines: () =>
      [...this.lines].map(([key, { line, order, kind }]) => {
        const price = Number(linePrice(order, kind));
        return { key, title: line.options().title, price, y: this.candles.priceToCoordinate(price), height: this.chart.paneSize().height };
      }),
    crosshairPrice: () => (this.crosshair === undefined ? undefined : this.format(Math.max(this.tick, this.crosshair))),
    priceY: (price) => this.candles.priceToCoordinate(price),
    candleTimes: () => this.data.map((c) => c.time),
    markers: () => this.markers.markers().map((m) => ({ id: m.id ?? '', time: m.time as number, price: 'price' in m ? (m.price ?? NaN) : NaN })),
    scrollBars: (bars) => {
      const range = this.chart.timeScale().getVisibleLogicalRange();
      if (range) this.chart.timeScale().setVisibleLogicalRange({ from: range.from + bars, to: range.to + bars });
    },
  };

  private lineNear(y: number): string | undefined {
    for (const [key, { order, kind }] of this.lines) {
      if (kind !== 'limit') continue;
      const at = this.candles.priceToCoordinate(Number(order.price));
      if (at !== null && Math.abs(at - y) <= 5) return key;
    }
    return undefined;
  }

  private localY(e: PointerEvent): number {
    return e.clientY - this.container.getBoundingClientRect().top;
  }

  private pointerDown(e: PointerEvent): void {
    const key = this.lineNear(this.localY(e));
    const entry = key && this.lines.get(key);
    if (!key || !entry || (entry.order.type !== 'limit' && entry.order.type !== 'stop-limit')) return;
    // Take the gesture from the chart: no pan while an order line is being dragged.
    e.stopPropagation();
    e.preventDefault();
    this.chart.applyOptions({ handleScroll: false, handleScale: false });
    this.drag = { key, order: entry.order, price: Number(entry.order.price) };
  }

  private pointerMove(e: PointerEvent): void {
    const y = this.localY(e);
    if (!this.drag) {
      this.container.style.cursor = this.lineNear(y) ? 'ns-resize' : '';
      return;
    }
    e.stopPropagation();
    const raw = this.candles.coordinateToPrice(y);
    if (raw === null) return;
    const price = Math.max(this.tick, Math.round(raw / this.tick) * this.tick);
    this.drag.price = price;
    this.lines.get(this.drag.key)?.line.applyOptions({ price, title: `move → ${this.format(price)}` });
  }

  private format(price: number): string {
    return roundToTick(price, this.tickSize) ?? String(price);
  }

  private async pointerUp(e: PointerEvent): Promise<void> {
    const drag = this.drag;
    if (!drag) return;
    e.stopPropagation();
    this.drag = undefined;
    this.chart.applyOptions({ handleScroll: true, handleScale: true });
    const original = Number(drag.order.price);
    const entry = this.lines.get(drag.key);
    if (Math.abs(drag.price - original) < this.tick / 2) {
      entry?.line.applyOptions({ price: original, title: lineTitle(drag.order, 'limit') });
      return;
    }
    const moved = await this.onMove(drag.order, drag.price);
    if (!moved) entry?.line.applyOptions({ price: original, title: lineTitle(drag.order, 'limit') });
  }

  /** Formats a dragged price for the move (tick decimals). */
  formatPrice(price: number): string {
    return this.format(price);
  }

  dispose(): void {
    this.detach();
    this.chart.remove();
  }
}
