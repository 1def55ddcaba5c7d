import { Fragment, type ReactNode } from 'react';
import { paneKey, paneTitle, resizeColumns, resizeRows, type PaneId } from '../lib/layout';
import { app } from '../state/app-state';
import { PaneSlotContext } from '../state/pane-slot';
import { useStore } from '../state/store';
import { ErrorBoundary } from './ErrorBoundary';
import { Splitter } from './Splitter';

/**
 * Columns of stacked panes with splitters between them; sizes come from (and go to) the saved
 * layout. Each pane is drawn inside its slot (pane-slot.ts): a copy of a pane is the same
 * component in another slot, with its own pin.
 */
export function Layout({ panes }: { panes: Record<PaneId, ReactNode> }) {
  const layout = useStore(app, (s) => s.layout);
  return (
    <main className="layout" data-testid="layout">
      {layout.columns.map((column, c) => (
        <Fragment key={column.panes.map(paneKey).join('+')}>
          {c > 0 && (
            <Splitter
              orientation="vertical"
              label={`Resize between column ${c} and ${c + 1}`}
              value={layout.columns[c - 1]!.width}
              onResize={(delta) => app.set((s) => ({ layout: resizeColumns(s.layout, c - 1, delta) }))}
            />
          )}
          <div className="layout-column" style={{ flexGrow: column.width }} data-testid={`column-${c}`}>
            {column.panes.map((pane, r) => (
              <Fragment key={paneKey(pane)}>
                {r > 0 && (
                  <Splitter
                    orientation="horizontal"
                    label={`Resize between ${paneTitle(column.panes[r - 1]!)} and ${paneTitle(pane)}`}
                    value={column.panes[r - 1]!.height}
                    onResize={(delta) => app.set((s) => ({ layout: resizeRows(s.layout, c, r - 1, delta) }))}
                  />
                )}
                <div className="layout-cell" style={{ flexGrow: pane.height }} data-testid={`cell-${paneKey(pane)}`}>
                  <PaneSlotContext.Provider value={slotOf(pane)}>
                    <ErrorBoundary name={`${paneTitle(pane)} pane`}>{panes[pane.id]}</ErrorBoundary>
                  </PaneSlotContext.Provider>
                </div>
              </Fragment>
            ))}
          </div>
        </Fragment>
      ))}
    </main>
  );
}

/** One object per slot key, so a provider's value changes only when the slot does. */
const slots = new Map<string, { key: string; id: PaneId; copy?: number }>();
function slotOf(pane: { id: PaneId; copy?: number }): { key: string; id: PaneId; copy?: number } {
  const key = paneKey(pane);
  let slot = slots.get(key);
  if (!slot) slots.set(key, (slot = pane.copy ? { key, id: pane.id, copy: pane.copy } : { key, id: pane.id }));
  return slot;
}
