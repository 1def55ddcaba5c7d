import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, MIN_FRACTION, PANE_IDS, movePane, paneNumber, parseLayout, resizeColumns, resizeRows } from './layout';

const ids = (layout: typeof DEFAULT_LAYOUT) => layout.columns.map((c) => c.panes.map((p) => p.id));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('layout', () => {
  it('shows every pane exactly once by default and numbers them for Ctrl+1..8', () => {
    expect(ids(DEFAULT_LAYOUT).flat().sort()).toEqual([...PANE_IDS].sort());
    expect(paneNumber('chart')).toBe(1);
    expect(paneNumber('book')).toBe(2);
  });

  it('resizes a column border, keeping the total and a minimum on each side', () => {
    const wider = resizeColumns(DEFAULT_LAYOUT, 0, 0.1);
    expect(wider.columns[0]!.width).toBeCloseTo(0.57);
    expect(wider.columns[1]!.width).toBeCloseTo(0.12);
    expect(sum(wider.columns.map((c) => c.width))).toBeCloseTo(1);
    const squeezed = resizeColumns(DEFAULT_LAYOUT, 0, 5);
    expect(squeezed.columns[1]!.width).toBeCloseTo(MIN_FRACTION);
  });

  it('resizes a row border in one column only', () => {
    const next = resizeRows(DEFAULT_LAYOUT, 2, 0, -0.1);
    expect(next.columns[2]!.panes[0]!.height).toBeCloseTo(0.36);
    expect(next.columns[2]!.panes[1]!.height).toBeCloseTo(0.4);
    expect(next.columns[0]).toEqual(DEFAULT_LAYOUT.columns[0]);
  });

  it('moves a pane within and across columns, and never empties a column', () => {
    expect(ids(movePane(DEFAULT_LAYOUT, 'orders', 'up'))[0]).toEqual(['orders', 'chart', 'accounts']);
    const moved = movePane(DEFAULT_LAYOUT, 'tape', 'right');
    expect(ids(moved)).toEqual([['chart', 'orders', 'accounts'], ['book'], ['ticket', 'watchlist', 'balances', 'tape']]);
    expect(sum(moved.columns[2]!.panes.map((p) => p.height))).toBeCloseTo(1);
    const single = movePane(moved, 'book', 'left');
    expect(ids(single)).toEqual(ids(moved));
  });

  it('restores a saved layout through JSON and rejects damaged ones', () => {
    const saved = JSON.parse(JSON.stringify(resizeColumns(DEFAULT_LAYOUT, 1, 0.05))) as unknown;
    expect(parseLayout(saved)).toEqual(resizeColumns(DEFAULT_LAYOUT, 1, 0.05));
    const missing = { version: 1, columns: [{ width: 1, panes: [{ id: 'chart', height: 1 }] }] };
    expect(parseLayout(missing)).toBe(DEFAULT_LAYOUT);
    const duplicated = JSON.parse(JSON.stringify(DEFAULT_LAYOUT)) as { columns: { panes: { id: string }[] }[] };
    duplicated.columns[0]!.panes[1]!.id = 'chart';
    expect(parseLayout(duplicated)).toBe(DEFAULT_LAYOUT);
    expect(parseLayout({ ...DEFAULT_LAYOUT, version: 2 })).toBe(DEFAULT_LAYOUT);
    expect(parseLayout('nope')).toBe(DEFAULT_LAYOUT);
  });

  it('normalizes saved sizes that do not add up', () => {
    const scaled = { version: 1, columns: DEFAULT_LAYOUT.columns.map((c) => ({ width: c.width * 3, panes: c.panes.map((p) => ({ ...p, height: p.height * 2 })) })) };
    const parsed = parseLayout(scaled);
    expect(sum(parsed.columns.map((c) => c.width))).toBeCloseTo(1);
    expect(parsed.columns[0]!.panes[0]!.height).toBeCloseTo(0.62);
  });
});

describe('layouts saved before the watchlist', () => {
  it('keep their shape and get the watchlist at the bottom of the last column', () => {
    const old = {
      version: 1,
      columns: [
        { width: 0.6, panes: [{ id: 'chart', height: 0.7 }, { id: 'orders', height: 0.3 }] },
        { width: 0.4, panes: [{ id: 'book', height: 0.3 }, { id: 'tape', height: 0.2 }, { id: 'ticket', height: 0.3 }, { id: 'balances', height: 0.1 }, { id: 'accounts', height: 0.1 }] },
      ],
    };
    const parsed = parseLayout(old);
    expect(parsed.columns.map((c) => c.panes.map((p) => p.id))).toEqual([
      ['chart', 'orders'],
      ['book', 'tape', 'ticket', 'balances', 'accounts', 'watchlist'],
    ]);
    expect(parsed.columns[0]!.width).toBeCloseTo(0.6);
    expect(parsed.columns[1]!.panes.reduce((a, p) => a + p.height, 0)).toBeCloseTo(1);
  });
});
