import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';

/** The file operations the atomic write uses; injectable so tests can fail one step. */
export interface FileOps {
  rename(from: string, to: string): Promise<void>;
}

export interface WriteOptions {
  ops?: FileOps;
  /** Called after the temp file is written and synced, before the rename (crash tests). */
  beforeRename?: (tempFile: string) => Promise<void> | void;
}

const TEMP_MARK = '.tmp-';

/**
 * Writes JSON so that a crash at any point leaves either the old file or the new one, never a
 * mix: write a temp file next to it (mode 0600), fsync, rename over the target, fsync the folder.
 */
export async function writeJsonAtomic(file: string, value: unknown, options: WriteOptions = {}): Promise<void> {
  const dir = dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const temp = join(dir, `${basename(file)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.(temp);
    await (options.ops ?? fs).rename(temp, file);
  } catch (cause) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw cause;
  }
  await syncDir(dir);
}

/** Makes the rename itself durable (POSIX); Windows cannot open a folder, and does not need to. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on a folder; the rename is still atomic there.
  } finally {
    await handle.close();
  }
}

export type LoadOutcome<T> =
  | { kind: 'missing' }
  | { kind: 'ok'; value: T }
  /** The file could not be used; it was renamed to `movedTo` and is never overwritten. */
  | { kind: 'set-aside'; movedTo: string; reason: string };

/**
 * Reads a JSON file written by writeJsonAtomic. A file that does not parse or does not match
 * the schema is renamed to `<name>.corrupt-<time>` (kept for the user, never replaced) and
 * reported; leftovers of interrupted writes (`<name>.tmp-*`) are removed.
 */
export async function loadJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
  options: { now?: () => number; label?: string } = {},
): Promise<LoadOutcome<z.output<S>>> {
  await removeLeftovers(file);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw cause;
  }
  let reason: string;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return { kind: 'ok', value: parsed.data };
    const issue = parsed.error.issues[0];
    reason = `it does not have the expected shape (${issue ? `${issue.path.map(String).join('.') || 'file'}: ${issue.message}` : 'unknown'})`;
  } catch (cause) {
    reason = `it is not valid JSON (${cause instanceof Error ? cause.message.slice(0, 120) : 'parse error'})`;
  }
  const stamp = new Date((options.now ?? Date.now)()).toISOString().replace(/[:.]/g, '-');
  const movedTo = await freeName(`${file}.corrupt-${stamp}`);
  await fs.rename(file, movedTo);
  return { kind: 'set-aside', movedTo, reason };
}

async function freeName(base: string): Promise<string> {
  for (let n = 0; ; n++) {
    const candidate = n === 0 ? base : `${base}-${n}`;
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
}

async function removeLeftovers(file: string): Promise<void> {
  const dir = dirname(file);
  const prefix = `${basename(file)}${TEMP_MARK}`;
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => fs.rm(join(dir, n), { force: true })));
}
