import type { ReactNode } from 'react';

export interface PaneProps {
  id: string;
  title: string;
  /** Ctrl+<hotkey> focuses the pane (ux.md keymap). */
  hotkey: number;
  children?: ReactNode;
}

/** A titled, focusable region of the layout. */
export function Pane({ id, title, hotkey, children }: PaneProps) {
  return (
    <section className={`pane pane-${id}`} aria-label={title} data-pane={id} tabIndex={-1}>
      <header className="pane-title">
        <span>{title}</span>
        <kbd>Ctrl+{hotkey}</kbd>
      </header>
      <div className="pane-body">{children}</div>
    </section>
  );
}
