import { exchangeEntry, Resolution, type ExchangeId } from '../../../shared';
import { load, save } from './persist';
import { createStore } from './store';

/** How the book pane shows the book: the ladder, the cumulative depth chart, or both side by side. */
export type BookView = 'book' | 'depth' | 'both';
export const BOOK_VIEWS: readonly BookView[] = ['book', 'both', 'depth'];

export interface ChartState {
  /** The chosen candle length (the palette's `chart 30m` and the chart's buttons). */
  resolution: Resolution;
  bookView: BookView;
}

function saved(): ChartState {
  const r = Resolution.safeParse(load('resolution'));
  const v = load('bookView');
  return { resolution: r.success ? r.data : '1m', bookView: BOOK_VIEWS.includes(v as BookView) ? (v as BookView) : 'book' };
}

export const chartState = createStore<ChartState>(saved());

chartState.subscribe(() => {
  const s = chartState.get();
  save('resolution', s.resolution);
  save('bookView', s.bookView);
});

/** The resolutions an exchange serves (its catalog entry), shortest first. */
export function resolutionsOf(exchange: ExchangeId | undefined): Resolution[] {
  const all = Resolution.options;
  if (!exchange) return all.filter((r) => r !== '1month');
  const offered = exchangeEntry(exchange).resolutions;
  return all.filter((r) => offered.includes(r));
}

/** The chosen resolution if the exchange serves it, else the longest one it has below it (1month on Icrypex: 1w). */
export function effectiveResolution(chosen: Resolution, exchange: ExchangeId | undefined): Resolution {
  const offered = resolutionsOf(exchange);
  if (offered.includes(chosen)) return chosen;
  const below = offered.filter((r) => Resolution.options.indexOf(r) < Resolution.options.indexOf(chosen));
  return below[below.length - 1] ?? offered[0] ?? '1m';
}
