import type { StreamStatus } from '../../../shared';
import { streamKey } from '../lib/stale-hold';
import { app } from './app-state';
import { useStore } from './store';

/**
 * True while a pane must still show STALE for a recent outage of its own stream entries, seen or
 * missed between two status pushes (lib/stale-hold.ts; actions.ts drops holds as they end).
 */
export function useStaleHold(streams: readonly StreamStatus[]): boolean {
  const holds = useStore(app, (s) => s.staleHolds);
  return streams.some((s) => holds[streamKey(s)] !== undefined);
}
