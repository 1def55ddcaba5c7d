/**
 * What the shell does when a process dies or the window is closed with orders open (issue 15,
 * must-haves 1 and 4). Electron-free: the shell passes its dialogs and the window's reload in,
 * so the decisions are unit tested.
 */

/** The fields of Electron's RenderProcessGoneDetails / Details that we log. */
export interface GoneDetails {
  reason: string;
  exitCode: number;
  /** child-process-gone only: `GPU`, `Utility`, … */
  type?: string;
  name?: string;
  serviceName?: string;
}

/** One log line for a process that went away (never more than the reason and codes). */
export function describeGone(what: string, details: GoneDetails): string {
  const kind = details.type ? ` ${details.type}${details.name ? ` "${details.name.slice(0, 60)}"` : ''}` : '';
  return `${what}${kind} process gone: ${details.reason} (exit code ${details.exitCode})`;
}

export interface RendererRecoveryOptions {
  log: (line: string) => void;
  /** Asks whether to reload the window; true = reload. */
  ask: (message: string, detail: string) => Promise<boolean>;
  reload: () => void;
}

/**
 * A dead renderer leaves a blank window while orders stay live on the exchanges: log it and
 * offer a reload (the engine in main kept running, so nothing is lost). A clean exit (the
 * window closing) is not a crash and asks nothing.
 */
export function createRendererRecovery(options: RendererRecoveryOptions): (details: GoneDetails) => Promise<'reloaded' | 'declined' | 'ignored'> {
  return async (details) => {
    options.log(describeGone('renderer', details));
    if (details.reason === 'clean-exit') return 'ignored';
    const reload = await options.ask(
      'The trading window stopped working.',
      `Its page ended (${details.reason}). The engine kept running: your accounts and open orders are as they were. Reload the window?`,
    ).catch(() => false);
    if (!reload) return 'declined';
    options.reload();
    return 'reloaded';
  };
}

export interface CloseGuardOptions {
  /** Open orders over every account (the engine's `orders:open`); undefined when it cannot tell. */
  openOrders: () => Promise<number | undefined>;
  /** The trader's choice (File → Ask Before Closing With Open Orders). */
  enabled: () => boolean;
  /** Asks; true = close anyway. */
  ask: (message: string, detail: string) => Promise<boolean>;
}

/**
 * Whether the app may close now. Open orders stay open on the exchanges after the terminal
 * closes, with nobody watching them, so closing with any open asks first; so does a count the
 * engine cannot give (an account that does not answer).
 */
export function createCloseGuard(options: CloseGuardOptions): () => Promise<boolean> {
  return async () => {
    if (!options.enabled()) return true;
    const count = await options.openOrders().catch(() => undefined);
    if (count === 0) return true;
    const message = count === undefined ? 'Close the terminal? Open orders could not be counted.' : `Close the terminal with ${count} open order${count === 1 ? '' : 's'}?`;
    return options
      .ask(message, 'Open orders stay on the exchanges after the terminal closes, and nothing here watches them until you start it again.')
      .catch(() => false);
  };
}
