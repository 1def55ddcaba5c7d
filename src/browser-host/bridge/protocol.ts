/** Frames on the browser host's loopback socket. Test and development only, never a product surface. */
export type ClientFrame = { t: 'invoke'; id: number; channel: string; payload?: unknown };
export type ServerFrame =
  | { t: 'result'; id: number; result: unknown }
  | { t: 'event'; channel: string; payload: unknown };

export const BRIDGE_PATH = '/__host/bridge';
export const BRIDGE_SCRIPT_PATH = '/__host/bridge.js';
export const TOKEN_STORAGE_KEY = 'terminal.browser-host.token';
