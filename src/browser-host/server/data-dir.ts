import { chmodSync, lstatSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The browser host's data folder (account registry, settings). It must be private: another
 * local user who could write it could point an account at their own server, or plant a
 * registry. So by default it is a fresh `mkdtemp` folder (mode 0700, an unguessable name, a new
 * one per run: the dev host starts from demo accounts each time), never a fixed path in the
 * shared temp folder. A folder given with `--data-dir` is created 0700 if missing, and must be
 * a real directory (not a symlink) owned by this user; group and other access is removed.
 */
export function prepareDataDir(explicit?: string, base = tmpdir()): string {
  if (!explicit) return mkdtempSync(join(base, 'keyboard-terminal-browser-host-'));
  mkdirSync(explicit, { recursive: true, mode: 0o700 });
  const stat = lstatSync(explicit);
  if (stat.isSymbolicLink() || !stat.isDirectory()) throw new Error(`--data-dir: ${explicit} must be a folder, not a link or a file`);
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) throw new Error(`--data-dir: ${explicit} belongs to another user; use a folder of your own`);
  if ((stat.mode & 0o077) !== 0) chmodSync(explicit, 0o700);
  return explicit;
}
