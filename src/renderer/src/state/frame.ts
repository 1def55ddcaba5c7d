/**
 * Batches work to the next animation frame. Market pushes arrive at most once per frame per
 * subscription (main coalesces them); this merges every pane's update into one frame so the
 * window renders once per frame however many streams are open.
 */
const pending = new Map<unknown, () => void>();
let scheduled = false;

function flush(): void {
  scheduled = false;
  const jobs = [...pending.values()];
  pending.clear();
  for (const job of jobs) {
    try {
      job();
    } catch (error) {
      // One pane's bug must not stop the others' updates; the pane's error boundary shows it.
      console.error(error);
    }
  }
}

/** Runs `job` on the next frame; a later call with the same `key` replaces the earlier job. */
export function onNextFrame(key: unknown, job: () => void): void {
  pending.set(key, job);
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(flush);
  }
}

/** Drops a pending job (a pane that unmounts). */
export function cancelFrame(key: unknown): void {
  pending.delete(key);
}
