import type { TerminalNotification } from '../../../shared';

/** The three sounds (ux: distinct for a buy fill, a sell fill and an alert). */
export type SoundKind = 'buy-fill' | 'sell-fill' | 'alert';
export const SOUND_KINDS: readonly SoundKind[] = ['buy-fill', 'sell-fill', 'alert'];
export const SOUND_LABELS: Record<SoundKind, string> = { 'buy-fill': 'Buy fill', 'sell-fill': 'Sell fill', alert: 'Price alert' };

/** What the trader chose for notifications in this window (saved in localStorage). */
export interface NotifySettings {
  /** 0 (silent) to 1. */
  volume: number;
  /** Per sound on/off. */
  sounds: Record<SoundKind, boolean>;
  /** Browser host only: also raise the page's own desktop notification when the tab is hidden. */
  desktop: boolean;
}

export const DEFAULT_NOTIFY: NotifySettings = { volume: 0.5, sounds: { 'buy-fill': true, 'sell-fill': true, alert: true }, desktop: true };

/** A saved value back to settings; anything damaged falls back to the default for that part. */
export function parseNotifySettings(saved: unknown): NotifySettings {
  if (!saved || typeof saved !== 'object') return structuredClone(DEFAULT_NOTIFY);
  const s = saved as { volume?: unknown; sounds?: unknown; desktop?: unknown };
  const volume = typeof s.volume === 'number' && Number.isFinite(s.volume) ? Math.min(1, Math.max(0, s.volume)) : DEFAULT_NOTIFY.volume;
  const raw = (s.sounds && typeof s.sounds === 'object' ? s.sounds : {}) as Record<string, unknown>;
  const sounds = Object.fromEntries(SOUND_KINDS.map((k) => [k, typeof raw[k] === 'boolean' ? raw[k] : DEFAULT_NOTIFY.sounds[k]])) as Record<SoundKind, boolean>;
  return { volume, sounds, desktop: typeof s.desktop === 'boolean' ? s.desktop : DEFAULT_NOTIFY.desktop };
}

/** The sound a notification plays, if any: fills by side, alerts; an order the exchange ended has none (the toast says it). */
export function soundOf(notice: Pick<TerminalNotification, 'kind' | 'side'>, settings: NotifySettings): SoundKind | undefined {
  let kind: SoundKind | undefined;
  if (notice.kind === 'alert') kind = 'alert';
  else if ((notice.kind === 'fill' || notice.kind === 'partial-fill') && notice.side) kind = notice.side === 'buy' ? 'buy-fill' : 'sell-fill';
  if (!kind || settings.volume <= 0 || !settings.sounds[kind]) return undefined;
  return kind;
}
