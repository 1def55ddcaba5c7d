import { useEffect, useMemo, useRef } from 'react';
import type { BookSnapshot, Market } from '../../../../shared';
import { cumulativeDepth, type Depth } from '../../lib/depth';
import { formatPrice, formatSize } from '../../lib/format';

/** Colours from the theme's CSS variables (read at draw time, so a theme switch recolours). */
function colors(element: HTMLElement) {
  const css = getComputedStyle(element);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { buy: v('--buy', '#26a69a'), sell: v('--sell', '#ef5350'), text: v('--muted', '#7d8796'), line: v('--line', '#262d38') };
}

const PAD = { top: 16, bottom: 16, side: 4 };

/**
 * Draws the curve. Sums are decimal (lib/depth.ts); floats only turn them into pixels here.
 * Price runs left to right (bids left of the mid, asks right), the cumulative size upwards.
 */
function draw(canvas: HTMLCanvasElement, depth: Depth, label: (price: string) => string, stale: boolean): void {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (width === 0 || height === 0) return;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const g = canvas.getContext('2d');
  if (!g) return;
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  const c = colors(canvas);
  const lowest = depth.bids[depth.bids.length - 1]?.price ?? depth.asks[0]?.price;
  const highest = depth.asks[depth.asks.length - 1]?.price ?? depth.bids[0]?.price;
  const max = Number(depth.max);
  if (!lowest || !highest || !(max > 0)) return;
  const lo = Number(lowest);
  const hi = Number(highest);
  const span = hi - lo || 1;
  const x = (price: string) => PAD.side + ((Number(price) - lo) / span) * (width - 2 * PAD.side);
  const y = (total: string) => height - PAD.bottom - (Number(total) / max) * (height - PAD.top - PAD.bottom);
  const base = height - PAD.bottom;
  g.globalAlpha = stale ? 0.45 : 1;
  for (const [steps, color] of [[depth.bids, c.buy], [depth.asks, c.sell]] as const) {
    if (steps.length === 0) continue;
    g.beginPath();
    g.moveTo(x(steps[0]!.price), base);
    let previous = base;
    for (const s of steps) {
      // A step curve: the total holds until the next level.
      g.lineTo(x(s.price), previous);
      previous = y(s.total);
      g.lineTo(x(s.price), previous);
    }
    g.lineTo(x(steps[steps.length - 1]!.price), base);
    g.closePath();
    g.fillStyle = `${color}40`;
    g.fill();
    g.strokeStyle = color;
    g.lineWidth = 1.5;
    g.stroke();
  }
  g.globalAlpha = 1;
  g.fillStyle = c.text;
  g.font = '10px system-ui, sans-serif';
  g.textBaseline = 'bottom';
  g.textAlign = 'left';
  g.fillText(label(lowest), PAD.side, height - 2);
  g.textAlign = 'right';
  g.fillText(label(highest), width - PAD.side, height - 2);
  g.strokeStyle = c.line;
  g.beginPath();
  g.moveTo(0, base + 0.5);
  g.lineTo(width, base + 0.5);
  g.stroke();
}

/** Cumulative bid/ask depth of the book the pane already streams (no subscription of its own). */
export function DepthChart({ book, market, primary }: { book: BookSnapshot | undefined; market: Market | undefined; primary: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const depth = useMemo(() => (book ? cumulativeDepth(book.bids, book.asks) : undefined), [book]);
  const stale = book?.stale === true;
  useEffect(() => {
    const element = canvas.current;
    if (!element || !depth) return;
    const paint = () => draw(element, depth, (p) => formatPrice(p, market), stale);
    paint();
    const observer = new ResizeObserver(paint);
    observer.observe(element);
    return () => observer.disconnect();
  }, [depth, market, stale]);
  const bidTotal = depth?.bids[depth.bids.length - 1]?.total;
  const askTotal = depth?.asks[depth.asks.length - 1]?.total;
  return (
    <div className="depth" tabIndex={primary ? 0 : undefined} data-pane-primary={primary ? true : undefined} data-testid="depth-chart" data-bid-total={bidTotal} data-ask-total={askTotal} data-bid-levels={depth?.bids.length ?? 0} data-ask-levels={depth?.asks.length ?? 0}>
      <canvas ref={canvas} className="depth-canvas" role="img" aria-label={depth ? `Depth: ${formatSize(bidTotal ?? '0', market)} bid over ${depth.bids.length} levels, ${formatSize(askTotal ?? '0', market)} ask over ${depth.asks.length} levels` : 'Depth: no book yet'} />
      {depth && (
        <p className="depth-legend">
          <span className="side-buy">bids {formatSize(bidTotal ?? '0', market)}</span>
          <span className="side-sell">asks {formatSize(askTotal ?? '0', market)}</span>
        </p>
      )}
    </div>
  );
}
