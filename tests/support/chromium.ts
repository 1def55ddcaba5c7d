import { existsSync } from 'node:fs';

/**
 * Debian's Chromium: Playwright cannot download its own browser on our machines.
 * TERMINAL_CHROMIUM overrides the path.
 */
export const chromiumPath = process.env['TERMINAL_CHROMIUM'] ?? '/usr/bin/chromium';

/** Flags that keep a headless Chromium off the (closed) network and out of the root sandbox problem. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--metrics-recording-only',
];

export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath);
}
