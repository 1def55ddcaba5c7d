import type { ReactNode } from 'react';
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

/** A titled, focusable region of the layout (the layout wraps each in its own error boundary). */
export function Pane({ id, tools, badge, subject, keyContext, children }: PaneProps) {
  const slot = usePaneSlot();
  const copy = slot?.copy;
  const title = paneTitle({ id, copy });
  const pinned = usePanePin() !== undefined;
  // The chord that focuses this pane, as the keymap has it (Cmd on a Mac, rebindable); copies have none.
  const rest = subject?.indexOf(' · ') ?? -1;
  const focusChord = useStore(app, (s) => (copy ? '' : (s.keymap[`pane.focus-${paneNumber(id)}` as keyof typeof s.keymap] ?? '')));
  return (
    <section
      className={`pane pane-${id}${pinned ? ' is-pinned' : ''}`}
      aria-label={title}
      data-pane={id}
      data-pane-key={slot?.key ?? id}
      data-pane-copy={copy}
      data-key-context={keyContext}
      tabIndex={-1}
    >
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
      <div className="pane-body">
        {children}
      </div>
    </section>
  );
}
