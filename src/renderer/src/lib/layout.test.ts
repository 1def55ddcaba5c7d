import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, MAX_COPIES, MIN_FRACTION, PANE_IDS, closePane, dropMissingPins, duplicatePane, findPane, movePane, paneKey, paneNumber, paneTitle, parseLayout, pinPane, resizeColumns, resizeRows } from './layout';

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

describe('pins and copies (issue 13 #3)', () => {
  it('pins a pane to an account and lets it follow again', () => {
    const pinned = pinPane(DEFAULT_LAYOUT, 'book', 'icx-2');
    expect(findPane(pinned, 'book')?.pin).toBe('icx-2');
    expect(findPane(pinned, 'tape')?.pin).toBeUndefined();
    expect(findPane(pinPane(pinned, 'book', undefined), 'book')).toEqual(findPane(DEFAULT_LAYOUT, 'book'));
    // The accounts pane lists every account: it has nothing to pin.
    expect(pinPane(DEFAULT_LAYOUT, 'accounts', 'icx-2')).toBe(DEFAULT_LAYOUT);
  });

  it('duplicates a book below the original, sharing its height, pinned to another account', () => {
    const made = duplicatePane(pinPane(DEFAULT_LAYOUT, 'book', 'a'), 'book', 'b');
    expect(made.key).toBe('book-2');
    expect(made.layout.columns[1]!.panes.map(paneKey)).toEqual(['book', 'book-2', 'tape']);
    expect(made.layout.columns[1]!.panes.map((p) => p.pin)).toEqual(['a', 'b', undefined]);
    expect(sum(made.layout.columns[1]!.panes.map((p) => p.height))).toBeCloseTo(1);
    expect(paneTitle(findPane(made.layout, 'book-2')!)).toBe('Order book 2');
    // Without a pin the copy keeps the original's.
    expect(findPane(duplicatePane(made.layout, 'book').layout, 'book-3')?.pin).toBe('a');
  });

  it('refuses to duplicate the ticket or past the most copies, saying why', () => {
    expect(duplicatePane(DEFAULT_LAYOUT, 'ticket').problem).toMatch(/cannot be duplicated/);
    let layout = DEFAULT_LAYOUT;
    for (let i = 0; i < MAX_COPIES - 1; i++) layout = duplicatePane(layout, 'chart').layout;
    const refused = duplicatePane(layout, 'chart');
    expect(refused.layout).toBe(layout);
    expect(refused.problem).toMatch(`${MAX_COPIES} Chart panes`);
  });

  it('closes a copy (its height goes to its neighbour) but never an original', () => {
    const made = duplicatePane(DEFAULT_LAYOUT, 'tape').layout;
    const closed = closePane(made, 'tape-2');
    expect(closed.columns[1]!.panes.map(paneKey)).toEqual(['book', 'tape']);
    expect(sum(closed.columns[1]!.panes.map((p) => p.height))).toBeCloseTo(1);
    expect(closePane(DEFAULT_LAYOUT, 'tape')).toBe(DEFAULT_LAYOUT);
  });

  it('saves pins and copies with the layout and restores them through JSON', () => {
    const layout = duplicatePane(pinPane(DEFAULT_LAYOUT, 'orders', 'icx-main'), 'book', 'cdc-1').layout;
    expect(parseLayout(JSON.parse(JSON.stringify(layout)) as unknown)).toEqual(layout);
  });

  it('drops a pin or copy that cannot be, and rejects a pane twice', () => {
    const saved = JSON.parse(JSON.stringify(DEFAULT_LAYOUT)) as { columns: { panes: Record<string, unknown>[] }[] };
    saved.columns[0]!.panes[2]!['pin'] = 'icx'; // accounts: not pinnable
    saved.columns[2]!.panes.push({ id: 'ticket', height: 0.1, copy: 2 }); // not duplicable
    saved.columns[1]!.panes[0]!['pin'] = 'no spaces allowed';
    const parsed = parseLayout(saved);
    expect(findPane(parsed, 'accounts')?.pin).toBeUndefined();
    expect(findPane(parsed, 'ticket-2')).toBeUndefined();
    expect(findPane(parsed, 'book')?.pin).toBeUndefined();
    expect(parsed).not.toBe(DEFAULT_LAYOUT);
    const twice = JSON.parse(JSON.stringify(duplicatePane(DEFAULT_LAYOUT, 'book').layout)) as { columns: { panes: Record<string, unknown>[] }[] };
    twice.columns[1]!.panes[1]!['copy'] = undefined;
    expect(parseLayout(twice)).toBe(DEFAULT_LAYOUT);
  });

  it('turns pins to accounts that no longer exist into following, naming each', () => {
    const layout = duplicatePane(pinPane(DEFAULT_LAYOUT, 'book', 'gone'), 'book', 'kept').layout;
    const { layout: next, dropped } = dropMissingPins(layout, ['kept']);
    expect(dropped).toEqual([{ key: 'book', title: 'Order book', accountId: 'gone' }]);
    expect(findPane(next, 'book')?.pin).toBeUndefined();
    expect(findPane(next, 'book-2')?.pin).toBe('kept');
    expect(dropMissingPins(next, ['kept']).layout).toBe(next);
  });

  it('moves a copy by its key', () => {
    const made = duplicatePane(DEFAULT_LAYOUT, 'book').layout;
    expect(movePane(made, 'book-2', 'left').columns[0]!.panes.map(paneKey)).toEqual(['chart', 'orders', 'accounts', 'book-2']);
  });
});
