import { memo, type ReactNode } from 'react';
import { describeChord, shortChord, type KeyContext } from '../lib/keymap';
import { paneNumber, paneTitle, type PaneId } from '../lib/layout';
import { app } from '../state/app-state';
import { usePanePin, usePaneSlot } from '../state/pane-slot';
import { useStore } from '../state/store';
import { PaneAccount } from './PaneAccount';

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

/**
 * A titled, focusable region of the layout (the layout wraps each in its own error boundary).
 * A market pane renders on every push; its header does not, as long as the pane passes the
 * same `tools` and `badge` elements (memoized): re-rendering a header's selects and inputs
 * writes to them even when nothing changed, and the header is outside the body's containment
 * (issue 19 #5).
 */
export function Pane({ id, tools, badge, subject, keyContext, children }: PaneProps) {
  const slot = usePaneSlot();
  const copy = slot?.copy;
  const pinned = usePanePin() !== undefined;
  return (
    <section
      className={`pane pane-${id}${pinned ? ' is-pinned' : ''}`}
      aria-label={paneTitle({ id, copy })}
      data-pane={id}
      data-pane-key={slot?.key ?? id}
      data-pane-copy={copy}
      data-key-context={keyContext}
      tabIndex={-1}
    >
      <PaneHeader id={id} copy={copy} subject={subject} badge={badge} tools={tools} />
      <div className="pane-body">
        {children}
      </div>
    </section>
  );
}

/** The pane's title bar: name, subject, badge, tools, account marker and focus chord. */
const PaneHeader = memo(function PaneHeader({ id, copy, subject, badge, tools }: { id: PaneId; copy: number | undefined; subject?: string; badge?: ReactNode; tools?: ReactNode }) {
  const title = paneTitle({ id, copy });
  // The chord that focuses this pane, as the keymap has it (Cmd on a Mac, rebindable); copies have none.
  const rest = subject?.indexOf(' · ') ?? -1;
  const focusChord = useStore(app, (s) => (copy ? '' : (s.keymap[`pane.focus-${paneNumber(id)}` as keyof typeof s.keymap] ?? '')));
  return (
    <header className="pane-title">
      <span className="pane-name">{title}</span>
      {subject && (
        <span className="pane-subject" data-testid={`${id}-subject`} title={subject}>
          {/* The market (before the first " · ") never shortens; the account after it may. */}
          <span className="subject-market">{rest < 0 ? subject : subject.slice(0, rest)}</span>
          {/* A flex item drops its leading space: a no-break space keeps the gap before the dot. */}
          {rest >= 0 && <span className="subject-rest">{`\u00a0${subject.slice(rest + 1)}`}</span>}
        </span>
      )}
      {badge}
      <span className="pane-tools">{tools}</span>
      <PaneAccount id={id} title={title} />
      {focusChord && <kbd title={`${describeChord(focusChord)} focuses this pane`}>{shortChord(focusChord)}</kbd>}
    </header>
  );
});
