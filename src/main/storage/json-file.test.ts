import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadJsonFile, writeJsonAtomic } from './json-file';

const Shape = z.object({ n: z.number() });
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'json-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeJsonAtomic', () => {
  it('writes the value readable by loadJsonFile, owner-only, with no temp file left', async () => {
    const file = join(dir, 'a.json');
    await writeJsonAtomic(file, { n: 1 });
    expect(await loadJsonFile(file, Shape)).toEqual({ kind: 'ok', value: { n: 1 } });
    expect(readdirSync(dir)).toEqual(['a.json']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps the old file whole when the rename fails, and removes its temp file', async () => {
    const file = join(dir, 'a.json');
    await writeJsonAtomic(file, { n: 1 });
    const failing = { rename: async () => Promise.reject(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })) };
    await expect(writeJsonAtomic(file, { n: 2 }, { ops: failing })).rejects.toThrow('EIO');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ n: 1 });
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('has the full new content in the temp file before the rename', async () => {
    const file = join(dir, 'a.json');
    let seen = '';
    await writeJsonAtomic(file, { n: 3 }, { beforeRename: (temp) => void (seen = readFileSync(temp, 'utf8')) });
    expect(JSON.parse(seen)).toEqual({ n: 3 });
  });
});

describe('loadJsonFile', () => {
  it('reports a missing file as missing', async () => {
    expect(await loadJsonFile(join(dir, 'none.json'), Shape)).toEqual({ kind: 'missing' });
  });

  it('sets a file that is not JSON aside under a .corrupt- name, keeping its bytes, and reports why', async () => {
    const file = join(dir, 'a.json');
    writeFileSync(file, '{"n": 1,,,');
    const outcome = await loadJsonFile(file, Shape, { now: () => Date.UTC(2025, 0, 2, 3, 4, 5) });
    expect(outcome.kind).toBe('set-aside');
    if (outcome.kind !== 'set-aside') return;
    expect(outcome.movedTo).toBe(`${file}.corrupt-2025-01-02T03-04-05-000Z`);
    expect(outcome.reason).toMatch(/not valid JSON/);
    expect(readFileSync(outcome.movedTo, 'utf8')).toBe('{"n": 1,,,');
    expect(readdirSync(dir)).toEqual(['a.json.corrupt-2025-01-02T03-04-05-000Z']);
  });

  it('sets aside a file of the wrong shape, naming the field, and never overwrites an earlier one', async () => {
    const file = join(dir, 'a.json');
    const now = () => 0;
    writeFileSync(file, '{"n":"x"}');
    const first = await loadJsonFile(file, Shape, { now });
    writeFileSync(file, '{"n":"y"}');
    const second = await loadJsonFile(file, Shape, { now });
    expect(first.kind === 'set-aside' && first.reason).toMatch(/n: /);
    expect(first.kind === 'set-aside' && second.kind === 'set-aside' && first.movedTo !== second.movedTo).toBe(true);
    expect(readdirSync(dir).sort()).toHaveLength(2);
  });

  it('removes leftovers of an interrupted write and reads the intact file', async () => {
    const file = join(dir, 'a.json');
    await writeJsonAtomic(file, { n: 5 });
    writeFileSync(`${file}.tmp-999-deadbeef`, '{"n": 6');
    expect(await loadJsonFile(file, Shape)).toEqual({ kind: 'ok', value: { n: 5 } });
    expect(readdirSync(dir)).toEqual(['a.json']);
  });
});
