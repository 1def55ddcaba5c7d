import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The short, deterministic run of the fuzz suite (tests/fuzz/run.ts; `npm run fuzz` is the
// long one): a fixed seed, 10,000 malformed payloads through handle() into a demo engine on
// the simulators, then both connectors against the malicious exchange. Each phase runs in its
// own process, so a crash or a freeze is seen from here. A finding prints its seed and case.

const root = join(__dirname, '../..');
const SEED = 20261203;
const MAX_RSS_MB = 512;

interface PhaseReport {
  phase: string;
  exit: string;
  report?: Record<string, number & Record<string, unknown>>;
  findings: Array<{ reason: string; channel: string; index: number; recipe: string; payload: string }>;
}
let summary: { ok: boolean; failures: string[]; phases: PhaseReport[] };
let output = '';

describe('the fuzz suite, short deterministic run', () => {
  beforeAll(() => {
    mkdirSync(join(root, 'test-results'), { recursive: true });
    const json = join(root, 'test-results', 'fuzz-short.json');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'tests/fuzz/run.ts', '--seed', String(SEED), '--count', '10000', '--case-ms', '1000', '--bomb-mb', '256', '--max-rss-mb', String(MAX_RSS_MB), '--stall-s', '30', '--timeout-s', '240', '--json', json],
      { cwd: root, encoding: 'utf8', timeout: 600_000 },
    );
    output = `${run.stdout}\n${run.stderr}`;
    summary = JSON.parse(readFileSync(json, 'utf8')) as typeof summary;
    // The numbers the issue asks for, in the test log.
    console.log(output.split('\n').filter((l) => /^(ipc|server):|finding|FUZZ FAILED|^- /.test(l.trim())).slice(0, 80).join('\n'));
  }, 600_000);

  const phase = (name: string) => summary.phases.find((p) => p.phase === name);

  it('answers 10,000 malformed payloads on every channel with a typed error or a valid value, each in time, nothing misled', () => {
    const ipc = phase('ipc');
    expect(ipc?.report, `the ipc phase died: ${ipc?.exit}\n${summary.failures.join('\n')}`).toBeDefined();
    const r = ipc!.report!;
    expect(r['sent']).toBeGreaterThanOrEqual(10_000);
    expect(ipc!.findings.map((f) => `case ${f.index} ${f.channel} (${f.recipe}): ${f.reason}; payload ${f.payload}`)).toEqual([]);
    expect({ crashed: r['crashed'], hung: r['hung'], misled: r['misled'] }).toEqual({ crashed: 0, hung: 0, misled: 0 });
    expect(Number(r['rejected']) + Number(r['accepted'])).toBe(r['sent']);
    expect(r['worstLoopBlockMs']).toBeLessThan(1000);
    expect(r['peakRssMb']).toBeLessThan(MAX_RSS_MB);
  });

  it('keeps both connectors alive, in the model, bounded in memory and time, and recovering, against a malicious exchange', () => {
    const server = phase('server');
    expect(server?.report, `the server phase died: ${server?.exit}\n${summary.failures.join('\n')}`).toBeDefined();
    const r = server!.report!;
    expect(server!.findings.map((f) => `${f.channel} (${f.recipe}): ${f.reason}`)).toEqual([]);
    expect(r['calls']).toBeGreaterThan(0);
    expect({ crashed: r['crashed'], hung: r['hung'], badPushes: r['badPushes'], uncaught: r['uncaught'] }).toEqual({ crashed: 0, hung: 0, badPushes: 0, uncaught: 0 });
    expect(r['recovered']).toEqual({ icrypex: true, cryptocom: true });
    expect(r['worstLoopBlockMs']).toBeLessThan(1000);
    expect(r['peakRssMb']).toBeLessThan(MAX_RSS_MB);
  });

  it('reports no other failure (a died process, a bound crossed)', () => {
    expect(summary.failures).toEqual([]);
    expect(summary.ok).toBe(true);
  });
});
