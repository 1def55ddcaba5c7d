import { createContext, useContext } from 'react';
import { closePane, duplicatePane, findPane, paneTitle, pinPane, type PaneId } from '../lib/layout';
import { accountLabel, app, notify, type AppState } from './app-state';
import { useStore } from './store';

/**
 * Which pane of the layout a pane component is drawn in (issue 13 #3): its key (`book`,
 * `book-2`), kind and copy number. The pin itself is read from the layout in the store, so a
 * pin set from the palette re-renders the pane at once.
 */
export interface PaneSlot {
  key: string;
  id: PaneId;
  copy?: number;
}

export const PaneSlotContext = createContext<PaneSlot | undefined>(undefined);

/** The slot of the pane being drawn (outside the layout: the original pane of its kind). */
export function usePaneSlot(): PaneSlot | undefined {
  return useContext(PaneSlotContext);
}

/** The account pane `key` is pinned to, when that account exists (a pin to a removed account follows). */
export function pinnedAccountId(state: AppState, key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const pin = findPane(state.layout, key)?.pin;
  return pin !== undefined && state.accounts.some((a) => a.id === pin) ? pin : undefined;
}

/** The account pane `key` shows: its pin, else the active account. */
export function paneAccountId(state: AppState, key: string | undefined): string | undefined {
  return pinnedAccountId(state, key) ?? state.activeAccountId;
}

/** The account the pane being drawn shows, re-rendering when its pin or the active account changes. */
export function usePaneAccountId(): string | undefined {
  const slot = usePaneSlot();
  return useStore(app, (s) => paneAccountId(s, slot?.key));
}

/** The pane's pin (an account that exists), or undefined while it follows. */
export function usePanePin(): string | undefined {
  const slot = usePaneSlot();
  return useStore(app, (s) => pinnedAccountId(s, slot?.key));
}

/** Pins pane `key` to an account (undefined: follow the active account) and says so. */
export function pinPaneTo(key: string, accountId: string | undefined): void {
  const state = app.get();
  const pane = findPane(state.layout, key);
  if (!pane) return;
  app.set({ layout: pinPane(state.layout, key, accountId) });
  const title = paneTitle(pane);
  notify('info', accountId === undefined ? `${title} follows the active account` : `${title} is pinned to ${accountLabel(state.accounts, accountId)}`);
}

/** Adds a copy of pane `key` below it (pinned to `pin` when given); answers the copy's key or says why not. */
export function duplicatePaneOf(key: string, pin?: string): { ok: true; key: string } | { ok: false; message: string } {
  const made = duplicatePane(app.get().layout, key, pin);
  if (made.problem !== undefined || made.key === undefined) return { ok: false, message: made.problem ?? `could not duplicate ${key}` };
  app.set({ layout: made.layout });
  return { ok: true, key: made.key };
}

export function closePaneCopy(key: string): void {
  app.set((s) => ({ layout: closePane(s.layout, key) }));
}
