#!/usr/bin/env node
// `npm run chaos`: the long run of the fault suite (tests/chaos, issue 20). Each scenario file
// prints RESULT lines with its figures and fails on a divergence. `npm test` runs the short plan.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const child = spawn(npx, ['vitest', 'run', '--project', 'chaos', ...process.argv.slice(2)], {
  cwd: join(import.meta.dirname, '..'),
  stdio: 'inherit',
  env: { ...process.env, CHAOS_LONG: '1' },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
