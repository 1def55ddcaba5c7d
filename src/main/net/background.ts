/**
 * Starts work nobody awaits (a timer's poll, a socket callback, a follow-up read) so that a
 * failure is logged with what was running and never becomes an unhandled rejection (issue 12:
 * one rejected reconcile poll was enough to end the process). Synchronous throws are caught
 * too. The log line names the task and the error's type and message only: never arguments,
 * which may be signed requests.
 */
export function background(what: string, task: () => unknown, log?: (line: string) => void): void {
  const report = (error: unknown): void => {
    try {
      log?.(`${what} failed: ${describeError(error)}`);
    } catch {
      // A broken logger must not turn a handled failure into an unhandled one.
    }
  };
  try {
    const result = task();
    if (result instanceof Promise) result.catch(report);
  } catch (error) {
    report(error);
  }
}

/** `Name: message`, cut to one short line. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : typeof error === 'string' ? error : 'non-Error value thrown';
  return text.replace(/\s+/g, ' ').slice(0, 300);
}
