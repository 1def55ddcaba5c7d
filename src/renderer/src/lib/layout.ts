/**
 * The pane layout: columns of stacked panes, each with a size fraction. Pure functions for
 * resizing, moving and restoring a saved layout, so the splitters and the persistence are
 * unit tested without a DOM.
 */

export const PANE_IDS = ['chart', 'book', 'tape', 'ticket', 'orders', 'balances', 'accounts', 'watchlist'] as const;
export type PaneId = (typeof PANE_IDS)[number];

export const PANE_TITLES: Record<PaneId, string> = {
  chart: 'Chart',
  book: 'Order book',
  tape: 'Trades',
  ticket: 'Order ticket',
  orders: 'Orders',
  balances: 'Balances',
  accounts: 'Accounts',
  watchlist: 'Watchlist',
};

/**
 * Panes added after layouts were first saved: a saved layout without them is still the
 * trader's layout, and gets them at the bottom of its last column instead of being reset.
 */
const ADDED_LATER: readonly PaneId[] = ['watchlist'];

export interface LayoutColumn {
  /** Fraction of the window width; columns sum to 1. */
  width: number;
  panes: { id: PaneId; height: number }[];
}

export interface Layout {
  version: 1;
  columns: LayoutColumn[];
}

/** The smallest share a column or pane can be resized to. */
export const MIN_FRACTION = 0.08;

export const DEFAULT_LAYOUT: Layout = {
  version: 1,
  columns: [
    { width: 0.47, panes: [{ id: 'chart', height: 0.62 }, { id: 'orders', height: 0.24 }, { id: 'accounts', height: 0.14 }] },
    { width: 0.22, panes: [{ id: 'book', height: 0.64 }, { id: 'tape', height: 0.36 }] },
    { width: 0.31, panes: [{ id: 'ticket', height: 0.46 }, { id: 'watchlist', height: 0.3 }, { id: 'balances', height: 0.24 }] },
  ],
};

/** Ctrl+<n> focuses the pane with this number (ux.md keymap), whatever its place. */
export function paneNumber(id: PaneId): number {
  return PANE_IDS.indexOf(id) + 1;
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

/** Moves the border after item `index` by `delta` (a fraction of the whole), keeping both sides at least MIN_FRACTION. */
function moveBorder(sizes: number[], index: number, delta: number): number[] {
  const a = sizes[index];
  const b = sizes[index + 1];
  if (a === undefined || b === undefined) return sizes;
  const pair = a + b;
  const nextA = clamp(a + delta, MIN_FRACTION, pair - MIN_FRACTION);
  const out = [...sizes];
  out[index] = nextA;
  out[index + 1] = pair - nextA;
  return out;
}

/** Resizes the border between column `index` and the next. */
export function resizeColumns(layout: Layout, index: number, delta: number): Layout {
  const widths = moveBorder(layout.columns.map((c) => c.width), index, delta);
  return { ...layout, columns: layout.columns.map((c, i) => ({ ...c, width: widths[i]! })) };
}

/** Resizes the border between pane `index` and the next in column `column`. */
export function resizeRows(layout: Layout, column: number, index: number, delta: number): Layout {
  return {
    ...layout,
    columns: layout.columns.map((c, i) => {
      if (i !== column) return c;
      const heights = moveBorder(c.panes.map((p) => p.height), index, delta);
      return { ...c, panes: c.panes.map((p, j) => ({ ...p, height: heights[j]! })) };
    }),
  };
}

function normalize(values: number[]): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  return sum > 0 ? values.map((v) => v / sum) : values.map(() => 1 / values.length);
}

/** Moves a pane one step: up/down within its column, left/right into the neighbouring column. */
export function movePane(layout: Layout, id: PaneId, direction: 'up' | 'down' | 'left' | 'right'): Layout {
  const col = layout.columns.findIndex((c) => c.panes.some((p) => p.id === id));
  if (col < 0) return layout;
  const columns = layout.columns.map((c) => ({ ...c, panes: [...c.panes] }));
  const from = columns[col]!;
  const at = from.panes.findIndex((p) => p.id === id);
  if (direction === 'up' || direction === 'down') {
    const to = at + (direction === 'up' ? -1 : 1);
    if (to < 0 || to >= from.panes.length) return layout;
    [from.panes[at], from.panes[to]] = [from.panes[to]!, from.panes[at]!];
    return { ...layout, columns };
  }
  const target = columns[col + (direction === 'left' ? -1 : 1)];
  if (!target || from.panes.length === 1) return layout;
  const [pane] = from.panes.splice(at, 1);
  target.panes.push({ id: pane!.id, height: 1 / (target.panes.length + 1) });
  for (const c of [from, target]) {
    const heights = normalize(c.panes.map((p) => p.height));
    c.panes = c.panes.map((p, i) => ({ ...p, height: heights[i]! }));
  }
  return { ...layout, columns };
}

/**
 * Restores a saved layout. Anything that does not describe every pane exactly once with sane
 * sizes gives the default layout: a damaged file must never hide a pane.
 */
export function parseLayout(saved: unknown): Layout {
  if (!saved || typeof saved !== 'object') return DEFAULT_LAYOUT;
  const s = saved as { version?: unknown; columns?: unknown };
  if (s.version !== 1 || !Array.isArray(s.columns) || s.columns.length === 0 || s.columns.length > 6) return DEFAULT_LAYOUT;
  const seen = new Set<string>();
  const columns: LayoutColumn[] = [];
  for (const raw of s.columns as unknown[]) {
    const c = raw as { width?: unknown; panes?: unknown };
    if (typeof c?.width !== 'number' || !(c.width > 0) || !Array.isArray(c.panes) || c.panes.length === 0) return DEFAULT_LAYOUT;
    const panes: LayoutColumn['panes'] = [];
    for (const p of c.panes as { id?: unknown; height?: unknown }[]) {
      if (typeof p?.id !== 'string' || !(PANE_IDS as readonly string[]).includes(p.id) || seen.has(p.id)) return DEFAULT_LAYOUT;
      if (typeof p.height !== 'number' || !(p.height > 0)) return DEFAULT_LAYOUT;
      seen.add(p.id);
      panes.push({ id: p.id as PaneId, height: p.height });
    }
    columns.push({ width: c.width, panes });
  }
  const missing = PANE_IDS.filter((id) => !seen.has(id));
  if (missing.some((id) => !ADDED_LATER.includes(id))) return DEFAULT_LAYOUT;
  const last = columns[columns.length - 1]!;
  for (const id of missing) last.panes.push({ id, height: 1 / last.panes.length });
  const widths = normalize(columns.map((c) => c.width));
  return {
    version: 1,
    columns: columns.map((c, i) => {
      const heights = normalize(c.panes.map((p) => p.height));
      return { width: widths[i]!, panes: c.panes.map((p, j) => ({ ...p, height: heights[j]! })) };
    }),
  };
}
