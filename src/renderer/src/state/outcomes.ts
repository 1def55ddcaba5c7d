import type { OrderOutcome, OrderQueued } from '../../../shared';
import { notifySticky, updateNotice } from './app-state';

/**
 * The engine pushes how every sent order ended (`orders:outcome`, keyed by client id). A
 * submission whose answer was unclear follows its client id here until that push arrives, so
 * "looking it up" on screen always turns into placed, filled, cancelled, rejected or not placed
 * without a reload (issue 11 #5). The push can come before the unclear answer: recent outcomes
 * are kept for that.
 */
const recent = new Map<string, OrderOutcome>();
const followers = new Map<string, Array<(outcome: OrderOutcome) => void>>();
const KEEP = 200;

/** Called with every `orders:outcome` push (actions.ts subscribes once). */
export function receiveOutcome(outcome: OrderOutcome): void {
  recent.set(outcome.clientId, outcome);
  if (recent.size > KEEP) recent.delete(recent.keys().next().value!);
  const waiting = followers.get(outcome.clientId);
  followers.delete(outcome.clientId);
  for (const fn of waiting ?? []) fn(outcome);
}

/** Calls `fn` once with the outcome of `clientId` (at once if it already arrived). */
export function onOutcome(clientId: string, fn: (outcome: OrderOutcome) => void): void {
  const known = recent.get(clientId);
  if (known) return fn(known);
  followers.set(clientId, [...(followers.get(clientId) ?? []), fn]);
}

export interface FinalLine {
  level: 'ok' | 'error';
  /** The notice: what was sent, how it ended, and how the terminal knows. */
  text: string;
  /** The ticket's line (two lines at most in a 1280x720 window). */
  short: string;
}

/** The ticket's words for an order the terminal recognised by its fields, not by client id (Crypto.com V1). */
export const MATCHED_SHORT = 'matched by price, size and time (no client id)';

/**
 * An order outcome the exchange did not tie to our client id: the engine found it by side,
 * type, price, size and creation time (issue 20 #3), and the trader is told so.
 */
export function matchedNote(outcome: OrderOutcome | undefined): { text: string; short: string } | undefined {
  if (!outcome || outcome.certain || outcome.state === 'not-placed' || outcome.state === 'rejected') return undefined;
  return { text: ' · matched by side, type, price, size and creation time, not by client id (this exchange has none): check it there if in doubt', short: ` · ${MATCHED_SHORT}` };
}

const queuedListeners = new Set<(queued: OrderQueued) => void>();

/** Called with every `orders:queued` push (actions.ts subscribes once): a sent order waits for the rate budget. */
export function receiveQueued(queued: OrderQueued): void {
  for (const fn of queuedListeners) fn(queued);
}

/** Calls `fn` with every `orders:queued` push; returns the function that stops it. */
export function onQueued(fn: (queued: OrderQueued) => void): () => void {
  queuedListeners.add(fn);
  return () => void queuedListeners.delete(fn);
}

/** The ticket's line while an order waits for the exchange's rate budget (issue 20 #5). */
export function queuedLine(waitMs: number, what: string): string {
  return `queued: sends in ${(Math.max(100, waitMs) / 1000).toFixed(1)} s (exchange rate limit) · ${what}`;
}

/** The outcome pushed for a client id, if it has arrived. */
export function outcomeOf(clientId: string): OrderOutcome | undefined {
  return recent.get(clientId);
}

/** The final line for an outcome, prefixed with what was sent (`BUY 0.001 BTCUSDT @ 48000`). */
export function describeFinal(outcome: OrderOutcome, what: string): FinalLine {
  const order = outcome.order;
  const id = order?.id ?? '?';
  const m = matchedNote(outcome) ?? { text: '', short: '' };
  switch (outcome.state) {
    case 'placed':
      return { level: 'ok', text: `placed ${what} · order ${id} (${order?.status ?? 'open'})${m.text}`, short: `placed · order ${id} (${order?.status ?? 'open'})${m.short}` };
    case 'filled':
      return { level: 'ok', text: `filled ${what} · order ${id}${m.text}`, short: `filled · order ${id}${m.short}` };
    case 'canceled':
      return { level: 'ok', text: `${what} was placed and is now cancelled · order ${id}${m.text}`, short: `placed, now cancelled · order ${id}${m.short}` };
    case 'rejected':
      return { level: 'error', text: `rejected ${what}: ${outcome.message}`, short: `rejected: ${outcome.message}` };
    case 'not-placed':
      return {
        level: 'error',
        text: `${what} ${outcome.message}`,
        short: outcome.certain ? 'not placed (the exchange has no such order; see the notice)' : "not placed, by the terminal's judgement: check the exchange (see the notice)",
      };
  }
}

/**
 * After an unclear answer: a notice that stays until the outcome arrives and then says how the
 * order ended. `also` runs with the final line (the ticket updates its own message with it).
 */
export function followUnclear(clientId: string, what: string, also?: (final: FinalLine, outcome: OrderOutcome) => void): void {
  const id = notifySticky('info', `${what}: not confirmed yet, looking it up by client id ${clientId}; the result will show here`);
  onOutcome(clientId, (outcome) => {
    const final = describeFinal(outcome, what);
    updateNotice(id, final.level, final.text);
    also?.(final, outcome);
  });
}
