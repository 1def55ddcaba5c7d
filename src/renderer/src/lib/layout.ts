import { z } from 'zod';

/**
 * The pane layout: columns of stacked panes, each with a size fraction. Pure functions for
 * resizing, moving and restoring a saved layout, so the splitters and the persistence are
 * unit tested without a DOM.
 *
 * Issue 13 #3: a pane either follows the active account or is pinned to one (`pin`, an account
 * id), and the market panes can be duplicated (`copy` 2, 3…) so two books of one symbol on two
 * accounts sit side by side. Both are saved with the layout.
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

/** Panes that can be pinned to an account (the accounts pane lists them all: nothing to pin). */
export const PINNABLE: readonly PaneId[] = ['chart', 'book', 'tape', 'ticket', 'orders', 'balances', 'watchlist'];
/** Panes that can be duplicated: the ones that only show (the ticket and orders keep one state each). */
export const DUPLICABLE: readonly PaneId[] = ['chart', 'book', 'tape', 'balances'];
/**
 * The most panes of one kind (original and copies): eight books and eight tapes is the largest
 * screen the renderer bench measures (issue 19); each market pane holds a stream or two, well
 * under MAX_STREAMS_PER_RENDERER (64) even with every kind duplicated.
 */
export const MAX_COPIES = 8;

export interface LayoutPane {
  id: PaneId;
  height: number;
  /** A duplicate: 2, 3…; the original has none. */
  copy?: number;
  /** The account this pane shows, whatever the active account; none: it follows the active one. */
  pin?: string;
}

export interface LayoutColumn {
  /** Fraction of the window width; columns sum to 1. */
  width: number;
  panes: LayoutPane[];
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

/** What names one pane in the layout: `book` for the original, `book-2` for its first copy. */
export function paneKey(pane: Pick<LayoutPane, 'id' | 'copy'>): string {
  return pane.copy ? `${pane.id}-${pane.copy}` : pane.id;
}

/** A pane's title with its copy number (`Order book 2`). */
export function paneTitle(pane: Pick<LayoutPane, 'id' | 'copy'>): string {
  return pane.copy ? `${PANE_TITLES[pane.id]} ${pane.copy}` : PANE_TITLES[pane.id];
}

export function findPane(layout: Layout, key: string): LayoutPane | undefined {
  for (const column of layout.columns) for (const pane of column.panes) if (paneKey(pane) === key) return pane;
  return undefined;
}

function mapPane(layout: Layout, key: string, change: (pane: LayoutPane) => LayoutPane): Layout {
  return { ...layout, columns: layout.columns.map((c) => ({ ...c, panes: c.panes.map((p) => (paneKey(p) === key ? change(p) : p)) })) };
}

/** Pins pane `key` to an account, or (undefined) lets it follow the active account again. */
export function pinPane(layout: Layout, key: string, accountId: string | undefined): Layout {
  const pane = findPane(layout, key);
  if (!pane || !PINNABLE.includes(pane.id) || pane.pin === accountId) return layout;
  return mapPane(layout, key, ({ pin: _old, ...rest }) => (accountId === undefined ? rest : { ...rest, pin: accountId }));
}

/**
 * A copy of pane `key` right below it in its column (sharing its height), pinned to `pin` when
 * given, else like the original. Answers the layout unchanged (and why) when it cannot.
 */
export function duplicatePane(layout: Layout, key: string, pin?: string): { layout: Layout; key?: string; problem?: string } {
  const pane = findPane(layout, key);
  if (!pane) return { layout, problem: `there is no pane ${key}` };
  if (!DUPLICABLE.includes(pane.id)) return { layout, problem: `${PANE_TITLES[pane.id]} cannot be duplicated (only ${DUPLICABLE.map((id) => PANE_TITLES[id]).join(', ')})` };
  const taken = new Set(layout.columns.flatMap((c) => c.panes.filter((p) => p.id === pane.id).map((p) => p.copy ?? 1)));
  if (taken.size >= MAX_COPIES) return { layout, problem: `${MAX_COPIES} ${PANE_TITLES[pane.id]} panes are the most a layout holds` };
  let copy = 2;
  while (taken.has(copy)) copy++;
  const made: LayoutPane = { id: pane.id, height: pane.height / 2, copy };
  const keep = pin ?? pane.pin;
  if (keep !== undefined) made.pin = keep;
  const columns = layout.columns.map((c) => {
    const at = c.panes.findIndex((p) => paneKey(p) === key);
    if (at < 0) return c;
    const panes = [...c.panes];
    panes[at] = { ...pane, height: pane.height / 2 };
    panes.splice(at + 1, 0, made);
    return { ...c, panes };
  });
  return { layout: { ...layout, columns }, key: paneKey(made) };
}

/** Closes a copy (an original pane always stays: the layout shows every kind of pane). */
export function closePane(layout: Layout, key: string): Layout {
  const pane = findPane(layout, key);
  if (!pane?.copy) return layout;
  const columns = layout.columns.map((c) => {
    const at = c.panes.findIndex((p) => paneKey(p) === key);
    if (at < 0) return c;
    const panes = c.panes.filter((_, i) => i !== at);
    // The freed height goes to the pane above (or below, for the first).
    const heir = panes[Math.max(0, at - 1)]!;
    return { ...c, panes: panes.map((p) => (p === heir ? { ...p, height: p.height + pane.height } : p)) };
  });
  return { ...layout, columns };
}

/**
 * Pins to accounts that no longer exist become following again (never a pane that shows
 * nothing): answers the new layout and the panes that changed, to say so.
 */
export function dropMissingPins(layout: Layout, accountIds: readonly string[]): { layout: Layout; dropped: { key: string; title: string; accountId: string }[] } {
  const known = new Set(accountIds);
  const dropped: { key: string; title: string; accountId: string }[] = [];
  let next = layout;
  for (const column of layout.columns) {
    for (const pane of column.panes) {
      if (pane.pin === undefined || known.has(pane.pin)) continue;
      dropped.push({ key: paneKey(pane), title: paneTitle(pane), accountId: pane.pin });
      next = pinPane(next, paneKey(pane), undefined);
    }
  }
  return { layout: next, dropped };
}

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
export function movePane(layout: Layout, key: string, direction: 'up' | 'down' | 'left' | 'right'): Layout {
  const col = layout.columns.findIndex((c) => c.panes.some((p) => paneKey(p) === key));
  if (col < 0) return layout;
  const columns = layout.columns.map((c) => ({ ...c, panes: [...c.panes] }));
  const from = columns[col]!;
  const at = from.panes.findIndex((p) => paneKey(p) === key);
  if (direction === 'up' || direction === 'down') {
    const to = at + (direction === 'up' ? -1 : 1);
    if (to < 0 || to >= from.panes.length) return layout;
    [from.panes[at], from.panes[to]] = [from.panes[to]!, from.panes[at]!];
    return { ...layout, columns };
  }
  const target = columns[col + (direction === 'left' ? -1 : 1)];
  if (!target || from.panes.length === 1) return layout;
  const [pane] = from.panes.splice(at, 1);
  target.panes.push({ ...pane!, height: 1 / (target.panes.length + 1) });
  for (const c of [from, target]) {
    const heights = normalize(c.panes.map((p) => p.height));
    c.panes = c.panes.map((p, i) => ({ ...p, height: heights[i]! }));
  }
  return { ...layout, columns };
}

const SavedPane = z.object({
  id: z.enum(PANE_IDS),
  height: z.number().positive().finite(),
  copy: z.number().int().min(2).max(MAX_COPIES).optional(),
  // An account id as the contract spells one (AccountId): anything else is no pin (the pane follows).
  pin: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().catch(undefined),
});
const SavedLayout = z.object({
  version: z.literal(1),
  columns: z.array(z.object({ width: z.number().positive().finite(), panes: z.array(SavedPane).min(1).max(24) })).min(1).max(6),
});

/**
 * Restores a saved layout. Anything that does not describe every pane exactly once (plus
 * copies of the duplicable ones) with sane sizes gives the default layout: a damaged file must
 * never hide a pane. A pin or copy where none can be is dropped with the pane kept.
 */
export function parseLayout(saved: unknown): Layout {
  const parsed = SavedLayout.safeParse(saved);
  if (!parsed.success) return DEFAULT_LAYOUT;
  const seen = new Set<string>();
  const columns: LayoutColumn[] = [];
  for (const c of parsed.data.columns) {
    const panes: LayoutPane[] = [];
    for (const p of c.panes) {
      const pane: LayoutPane = { id: p.id, height: p.height };
      if (p.copy !== undefined) {
        if (!DUPLICABLE.includes(p.id)) continue;
        pane.copy = p.copy;
      }
      if (p.pin !== undefined && PINNABLE.includes(p.id)) pane.pin = p.pin;
      const key = paneKey(pane);
      if (seen.has(key)) return DEFAULT_LAYOUT;
      seen.add(key);
      panes.push(pane);
    }
    if (panes.length === 0) return DEFAULT_LAYOUT;
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
