// Links that would leave the app (window.open, a navigation away from our page). The one link
// the app shows is TradingView's, in Settings → About (lightweight-charts' licence asks for it);
// every other link is denied and logged. A host added here opens in the system browser only over https and only
// after the user confirms (issue 12, SECURITY.md "The window"). Electron-free: the shell
// (src/main/window.ts) passes the dialog and shell.openExternal in.

/** Hosts (exact, lower case) whose https links may open in the system browser, after a confirmation. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['www.tradingview.com'];

export type LinkOutcome = 'opened' | 'declined' | 'denied';

export interface ExternalLinkOptions {
  allowedHosts?: readonly string[];
  /** Asks the user; true means open it. */
  confirm: (url: string) => Promise<boolean>;
  open: (url: string) => Promise<void>;
  log: (line: string) => void;
}

/** Returns the function the window calls for every link that would leave the app. */
export function createExternalLinkPolicy(options: ExternalLinkOptions): (url: string) => Promise<LinkOutcome> {
  const allowed = new Set((options.allowedHosts ?? EXTERNAL_LINK_HOSTS).map((h) => h.toLowerCase()));
  const shown = (url: string) => JSON.stringify(url.slice(0, 200));
  return async (url) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    const usable = parsed && parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '';
    if (!parsed || !usable || !allowed.has(parsed.hostname)) {
      options.log(`link: denied ${shown(url)} (not an https link to an allowed host)`);
      return 'denied';
    }
    try {
      if (!(await options.confirm(parsed.href))) {
        options.log(`link: declined by the user ${shown(parsed.href)}`);
        return 'declined';
      }
      await options.open(parsed.href);
    } catch (cause) {
      options.log(`link: could not open ${shown(parsed.href)}: ${cause instanceof Error ? cause.message : String(cause)}`);
      return 'denied';
    }
    options.log(`link: opened ${shown(parsed.href)} in the system browser`);
    return 'opened';
  };
}
