/**
 * Last-resort handlers for the main process and the browser host (issue 12, must-have 6): an
 * unhandled rejection or an uncaught exception is logged with context and the process keeps
 * running, because the terminal runs for days next to open orders and an exit would leave them
 * unwatched. These are a net, not a strategy: every known background task already goes through
 * `background()` (src/main/net/background.ts); a line from here is a bug to fix.
 *
 * Nothing here may throw: a throw inside an uncaughtException handler ends the process. The
 * log line carries the error's name, message and a few stack frames, never the values the
 * failed code was working on (which may be signed requests).
 */

export interface LastResortOptions {
  /** Prefix of every line: `main`, `browser-host`. */
  where: string;
  log: (line: string) => void;
  /** The emitter to listen on; default `process` (a stand-in in unit tests). */
  target?: NodeJS.EventEmitter;
  now?: () => number;
  /** Lines per minute before the rest are only counted. Default 20. */
  burst?: number;
}

const WINDOW_MS = 60_000;
const STACK_FRAMES = 6;

/** Installs the handlers; returns a function that removes them. */
export function installLastResortHandlers(options: LastResortOptions): () => void {
  const target = options.target ?? process;
  const now = options.now ?? Date.now;
  const burst = options.burst ?? 20;
  let windowStart = -Infinity;
  let inWindow = 0;
  let skipped = 0;

  const write = (line: string): void => {
    try {
      options.log(`[${options.where}] ${line}`);
    } catch {
      // Nowhere left to report to; staying alive matters more than this line.
    }
  };

  const report = (kind: string, reason: unknown): void => {
    try {
      const at = now();
      if (at - windowStart >= WINDOW_MS) {
        if (skipped > 0) write(`${skipped} more unhandled errors in the last minute were left out of the log`);
        windowStart = at;
        inWindow = 0;
        skipped = 0;
      }
      if (inWindow >= burst) {
        skipped++;
        return;
      }
      inWindow++;
      write(`${kind} (kept running): ${describe(reason)}`);
    } catch {
      // See the file comment: never throw from here.
    }
  };

  const onRejection = (reason: unknown): void => report('unhandled rejection', reason);
  const onException = (error: unknown): void => report('uncaught exception', error);
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}

function describe(reason: unknown): string {
  try {
    if (reason instanceof Error) {
      const head = `${reason.name}: ${reason.message}`.replace(/\s+/g, ' ').slice(0, 300);
      const frames = (reason.stack ?? '')
        .split('\n')
        .filter((l) => /^\s+at /.test(l))
        .slice(0, STACK_FRAMES)
        .map((l) => l.trim());
      return frames.length ? `${head} | ${frames.join(' | ')}` : head;
    }
    if (typeof reason === 'string') return reason.slice(0, 300);
    return `a non-Error value (${typeof reason})`;
  } catch {
    return 'an error that could not be described';
  }
}
