import { findPane, paneTitle } from '../../lib/layout';
import { matchAccount } from '../../lib/palette-grammar';
import type { PaneCommand } from '../../lib/palette-panes';
import { app, notify } from '../../state/app-state';
import { closePaneCopy, duplicatePaneOf, pinPaneTo } from '../../state/pane-slot';

/** Runs a pane command (pin, unpin, duplicate, close); answers what it could not do. */
export function runPaneCommand(command: PaneCommand): string | undefined {
  const state = app.get();
  const pane = findPane(state.layout, command.pane);
  if (!pane) return `there is no ${command.pane} pane in the layout${command.pane.includes('-') ? ' (duplicate one first)' : ''}`;
  let accountId: string | undefined;
  if (command.kind !== 'close-pane' && command.account !== undefined) {
    const found = matchAccount(command.account, state.accounts);
    if (!found.ok) return found.message;
    accountId = found.account.id;
  }
  switch (command.kind) {
    case 'pin':
      pinPaneTo(command.pane, accountId);
      return undefined;
    case 'duplicate': {
      const made = duplicatePaneOf(command.pane, accountId);
      if (!made.ok) return made.message;
      const copy = findPane(app.get().layout, made.key);
      notify('info', `${copy ? paneTitle(copy) : made.key} added${accountId ? `, pinned to ${state.accounts.find((a) => a.id === accountId)?.label ?? accountId}` : ''}`);
      return undefined;
    }
    case 'close-pane':
      closePaneCopy(command.pane);
      return undefined;
  }
}
