import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareDataDir } from './data-dir';

// Issue 12, must-have 5: the browser host's data folder is private and not a predictable shared path.

const posix = process.platform !== 'win32';
let base: string;
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe.runIf(posix)('prepareDataDir', () => {
  it('makes a new 0700 folder with an unguessable name by default', () => {
    base = mkdtempSync(join(tmpdir(), 'data-dir-test-'));
    const a = prepareDataDir(undefined, base);
    const b = prepareDataDir(undefined, base);
    expect(a).not.toBe(b);
    for (const dir of [a, b]) {
      expect(dir.startsWith(join(base, 'keyboard-terminal-browser-host-'))).toBe(true);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    }
  });

  it('creates a missing --data-dir 0700 and takes group and other access off an existing one', () => {
    base = mkdtempSync(join(tmpdir(), 'data-dir-test-'));
    const fresh = join(base, 'fresh');
    expect(prepareDataDir(fresh)).toBe(fresh);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    const open = join(base, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    prepareDataDir(open);
    expect(statSync(open).mode & 0o777).toBe(0o700);
  });

  it('refuses a link or a file as --data-dir', () => {
    base = mkdtempSync(join(tmpdir(), 'data-dir-test-'));
    const target = join(base, 'target');
    mkdirSync(target);
    symlinkSync(target, join(base, 'link'));
    expect(() => prepareDataDir(join(base, 'link'))).toThrow(/must be a folder, not a link/);
    writeFileSync(join(base, 'file'), '');
    expect(() => prepareDataDir(join(base, 'file'))).toThrow();
  });
});
