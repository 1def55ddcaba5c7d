import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 12, must-have 6: with the last-resort handlers installed, a real Node process logs an
// unhandled rejection and an uncaught exception and carries on (without them it exits with 1).

const root = join(__dirname, '../..');

describe('the last-resort handlers in a real process', () => {
  it('log both failures with context and keep the process running', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'tests/support/last-resort-child.ts')], { cwd: root, encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toMatch(/\[child\] unhandled rejection \(kept running\): Error: a poll that nobody awaited/);
    expect(run.stderr).toMatch(/\[child\] uncaught exception \(kept running\): Error: a throw inside a timer/);
    expect(run.stdout.trim()).toBe('still running');
    expect(run.status).toBe(0);
  });
});
