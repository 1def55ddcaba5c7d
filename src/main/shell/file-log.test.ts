import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLog, redactLine } from './file-log';

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'file-log-'));
  dirs.push(dir);
  return dir;
};

describe('the log file', () => {
  it('writes each line to <data>/logs/<name>.log at once', () => {
    const dataDir = tempDir();
    const log = createFileLog({ dataDir, name: 'main', echo: false });
    log.write('engine started');
    log.error('accounts: a1 did not connect');
    expect(log.file).toBe(join(dataDir, 'logs', 'main.log'));
    const text = readFileSync(log.file, 'utf8');
    expect(text).toMatch(/\[info\]\s+engine started\n/);
    expect(text).toMatch(/\[error\] accounts: a1 did not connect\n/);
  });

  it.skipIf(process.platform === 'win32')('is readable by the user only (POSIX modes)', () => {
    const log = createFileLog({ dataDir: tempDir(), name: 'main', echo: false });
    log.write('engine started');
    expect(statSync(log.file).mode & 0o777).toBe(0o600);
  });

  it('rotates past its size into <name>.old.log and keeps writing', () => {
    const dataDir = tempDir();
    const log = createFileLog({ dataDir, name: 'browser-host', maxBytes: 2_000, echo: false });
    for (let i = 0; i < 60; i++) log.write(`line ${i} ${'x'.repeat(40)}`);
    const old = join(dataDir, 'logs', 'browser-host.old.log');
    expect(existsSync(old)).toBe(true);
    expect(statSync(log.file).size).toBeLessThanOrEqual(2_000 + 200);
    expect(readFileSync(log.file, 'utf8')).toContain('line 59 ');
    expect(readFileSync(old, 'utf8')).not.toContain('line 59 ');
  });

  it('keeps secrets out of the file', () => {
    const dataDir = tempDir();
    const log = createFileLog({ dataDir, name: 'main', echo: false });
    const secret = 'Zm9vYmFyc2VjcmV0MTIzNDU2Nzg5MA';
    log.write(`POST /private/create-order {"api_key":"${secret}","sig":"${secret}"}`);
    log.write(`GET /v1/balance?apiKey=${secret}&signature=${secret} failed`);
    log.write(`authorization: Bearer ${secret}`);
    log.write(`browser host ready. Open:\n  http://127.0.0.1:5174/#token=${secret}`);
    const text = readFileSync(log.file, 'utf8');
    expect(text).not.toContain(secret);
    expect(text.match(/\[redacted\]/g)).toHaveLength(6);
  });
});

describe('redactLine', () => {
  it('leaves ordinary lines alone', () => {
    const line = 'orders: placed BTCUSDT buy 0.01 @ 87151.5 (client id kt-7f3a9c01)';
    expect(redactLine(line)).toBe(line);
  });

  it.each([
    ['apiSecret=abcd1234', 'apiSecret=[redacted]'],
    ['"password": "hunter22"', '"password": "[redacted]"'],
    ['Authorization: Basic dXNlcjpwYXNz', 'Authorization: [redacted]'],
    ['token: abc.def', 'token: [redacted]'],
  ])('%s', (input, output) => {
    expect(redactLine(input)).toBe(output);
  });
});
