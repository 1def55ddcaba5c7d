import { useEffect, useState } from 'react';

/** The last heartbeat from main: its sequence number and the clock difference to ours. */
export function useHeartbeat(): { seq: number; skewMs: number } | undefined {
  const [beat, setBeat] = useState<{ seq: number; skewMs: number }>();
  useEffect(
    () => window.terminal.app.onHeartbeat((event) => setBeat({ seq: event.seq, skewMs: Date.now() - event.time })),
    [],
  );
  return beat;
}
