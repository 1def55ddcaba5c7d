import type { ReactNode } from 'react';
import type { KeyContext } from '../lib/keymap';
import { paneNumber, PANE_TITLES, type PaneId } from '../lib/layout';

export interface PaneProps {
  id: PaneId;
  /** Controls in the title bar (grouping, filters, tabs). */
  tools?: ReactNode;
  /** A state shown next to the title (e.g. STALE on the book). */
  badge?: ReactNode;
  /** What the pane shows (market and account), right after its name. */
  subject?: string;
  keyContext?: KeyContext;
  children?: ReactNode;
}

/** A titled, focusable region of the layout (the layout wraps each in its own error boundary). */
export function Pane({ id, tools, badge, subject, keyContext, children }: PaneProps) {
  const title = PANE_TITLES[id];
  return (
    <section className={`pane pane-${id}`} aria-label={title} data-pane={id} data-key-context={keyContext} tabIndex={-1}>
      <header className="pane-title">
        <span className="pane-name">{title}</span>
        {subject && (
          <span className="pane-subject" data-testid={`${id}-subject`} title={subject}>
            {subject}
          </span>
        )}
        {badge}
        <span className="pane-tools">{tools}</span>
        <kbd title={`Ctrl+${paneNumber(id)} focuses this pane`}>^{paneNumber(id)}</kbd>
      </header>
      <div className="pane-body">
        {children}
      </div>
    </section>
  );
}
