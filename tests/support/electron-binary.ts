import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Where the Electron binary is, or why there is none (installs here skip its download). */
export function findElectronBinary(): { path: string } | { missing: string } {
  try {
    const require = createRequire(__filename);
    const path = require('electron') as unknown as string;
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { missing: `the electron package points at ${String(path)}, which does not exist` };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { missing: `no Electron binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1?): ${reason}` };
  }
}
