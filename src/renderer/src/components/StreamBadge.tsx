import { PANE_STATE_TEXT, type PaneStreamState } from '../lib/stream-state';

/** The LIVE / STALE / … badge of a market pane, about that pane's own stream. */
export function StreamBadge({ state, testId, title }: { state: PaneStreamState; testId: string; title?: string }) {
  return (
    <span className={`badge badge-${state}`} data-testid={testId} data-state={state} title={title}>
      {PANE_STATE_TEXT[state]}
    </span>
  );
}
