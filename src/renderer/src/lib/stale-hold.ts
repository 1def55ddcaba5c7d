import type { StreamState, StreamStatus } from '../../../shared';

/**
 * A pane that was out of sync stays marked STALE for at least this long (docs/ui.md): a resync or
 * reconnect on a fast link takes milliseconds, and a flag nobody can see tells the trader nothing.
 */
export const STALE_HOLD_MS = 1_500;

/** Pushes are drawn on the next animation frame (feeds.ts); a busy page may take a few. */
const RENDER_SLACK_MS = 150;

/**
 * How long a hold runs from the push that started it: the hold, plus room for the frame the
 * render waits for, so what the trader sees lasts the whole STALE_HOLD_MS.
 */
export const HELD_FOR_MS = STALE_HOLD_MS + RENDER_SLACK_MS;

const BAD: ReadonlySet<StreamState> = new Set(['stale', 'reconnecting', 'closed']);

/** One status entry's identity across pushes. */
export const streamKey = (s: StreamStatus): string => `${s.exchange}|${s.accountId ?? ''}|${s.key}`;

/** Stream key → until when (the caller's clock) its panes must show STALE. */
export type StaleHolds = Readonly<Record<string, number>>;

/**
 * Remembers what each status entry last looked like, so an outage is shown even when it began
 * and ended between two status pushes (the engine pushes at most every 250 ms and only the latest
 * facts). A connected entry whose `since` moved while we were not looking went through another
 * state meanwhile: a missed outage, held like a seen one. A first connect (connecting →
 * connected) is not an outage; an entry first seen already down is.
 */
export class StaleTracker {
  private readonly last = new Map<string, { state: StreamState; since: number }>();
  private holds: Record<string, number> = {};

  /** Takes the latest entries; answers the holds still running at `now`. */
  observe(streams: readonly StreamStatus[], now: number): StaleHolds {
    for (const s of streams) {
      const key = streamKey(s);
      const before = this.last.get(key);
      this.last.set(key, { state: s.state, since: s.since });
      const wentBad = BAD.has(s.state) && (!before || !BAD.has(before.state));
      const missed = s.state === 'connected' && before?.state === 'connected' && s.since !== before.since;
      if (wentBad || missed) this.holds[key] = now + HELD_FOR_MS;
    }
    return this.running(now);
  }

  /** The holds still running at `now` (expired ones are forgotten). */
  running(now: number): StaleHolds {
    this.holds = Object.fromEntries(Object.entries(this.holds).filter(([, until]) => until > now));
    return this.holds;
  }
}
