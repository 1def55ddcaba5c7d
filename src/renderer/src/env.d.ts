import type { TerminalApi } from '../../shared/api';

declare global {
  interface Window {
    /** The only door to the engine (architecture.md rule 3). Installed by the preload or the browser host. */
    readonly terminal: TerminalApi;
  }
}

export {};
