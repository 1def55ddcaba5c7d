import { Fragment, type ReactNode } from 'react';
import { PANE_TITLES, resizeColumns, resizeRows, type PaneId } from '../lib/layout';
import { app } from '../state/app-state';
import { useStore } from '../state/store';
import { ErrorBoundary } from './ErrorBoundary';
import { Splitter } from './Splitter';

/** Columns of stacked panes with splitters between them; sizes come from (and go to) the saved layout. */
export function Layout({ panes }: { panes: Record<PaneId, ReactNode> }) {
  const layout = useStore(app, (s) => s.layout);
  return (
    <main className="layout" data-testid="layout">
      {layout.columns.map((column, c) => (
        <Fragment key={column.panes.map((p) => p.id).join('+')}>
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
              <Fragment key={pane.id}>
                {r > 0 && (
                  <Splitter
                    orientation="horizontal"
                    label={`Resize between ${PANE_TITLES[column.panes[r - 1]!.id]} and ${PANE_TITLES[pane.id]}`}
                    value={column.panes[r - 1]!.height}
                    onResize={(delta) => app.set((s) => ({ layout: resizeRows(s.layout, c, r - 1, delta) }))}
                  />
                )}
                <div className="layout-cell" style={{ flexGrow: pane.height }} data-testid={`cell-${pane.id}`}>
                  <ErrorBoundary name={`${PANE_TITLES[pane.id]} pane`}>{panes[pane.id]}</ErrorBoundary>
                </div>
              </Fragment>
            ))}
          </div>
        </Fragment>
      ))}
    </main>
  );
}
