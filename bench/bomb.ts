import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { result } from './stats';

// `npm run bench -- bomb`: what a gzip bomb costs (issue 12, must-have 2). A 1 MiB gzip frame
// that inflates to 1 GiB, and a 16 MiB one that inflates to 16 GiB, fed to the Crypto.com
// frame decoder and to the REST client. `before` runs the old uncapped gunzipSync; `after`
// the capped decoders. Each scenario runs in its own process so peak RSS is its own; the
// event loop's worst stall is measured with perf_hooks.monitorEventLoopDelay.
// The 16 GiB `before` case is skipped by default (it allocates ~4 GiB); BOMB_BEFORE_16G=1 runs it.

const scenarios: Array<[string, '1g' | '16g']> = [
  ['ws-before', '1g'],
  ['ws-after', '1g'],
  ['ws-after', '16g'],
  ['rest-after', '1g'],
  ['rest-after', '16g'],
];
if (process.env['BOMB_BEFORE_16G'] === '1') scenarios.splice(2, 0, ['ws-before', '16g']);

export async function bombBenchmark(): Promise<void> {
  const rows: Array<Record<string, unknown>> = [];
  for (const [scenario, size] of scenarios) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'bomb-child.ts'), scenario, size], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const line = run.stdout.trim().split('\n').at(-1) ?? '';
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      row = { scenario, size, outcome: `child failed (${run.status ?? run.signal}): ${run.stderr.slice(-200)}` };
    }
    rows.push(row);
    console.log(`${scenario.padEnd(11)} ${size.padEnd(4)} ${Number(row.ms ?? NaN).toFixed(0).padStart(6)} ms  loop blocked ≤ ${Number(row.blockedMaxMs ?? NaN).toFixed(0).padStart(5)} ms  peak RSS ${Number(row.peakRssMiB ?? NaN).toFixed(0).padStart(5)} MiB (start ${Number(row.rssBeforeMiB ?? NaN).toFixed(0)})  ${String(row.outcome)}`);
  }
  for (const row of rows) {
    const name = `bomb-${String(row.scenario)}-${String(row.size)}`;
    result({ name, metric: 'peak_rss', value: Math.round(Number(row.peakRssMiB)), unit: 'MiB', startRssMiB: Math.round(Number(row.rssBeforeMiB)), compressedBytes: row.compressedBytes });
    result({ name, metric: 'event_loop_blocked_max', value: Math.round(Number(row.blockedMaxMs)), unit: 'ms' });
  }
}
