import { spawn } from 'node:child_process';
import { writeFileSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Finding } from './ipc-fuzz';
import { startMonitor } from './monitor';

// `npm run fuzz`: the fuzz suite (issue 12 §9). Two phases, each in its own Node process so
// a crash, a freeze or a memory blow-up is seen from outside and one phase cannot hide another:
//   ipc     malformed payloads through handle() into a demo engine on the simulators
//   server  both connectors against a malicious exchange (tests/fuzz/hostile-exchange.ts)
// Every finding is printed with its seed and case index; `--seed S --only I` replays one case.
//   npm run fuzz -- --count 100000 --seed 42 --phase ipc
//   npm run fuzz -- --phase server --case-ms 5000 --bomb-mb 1024
// Prints `FUZZ_REPORT {json}` last; exits 1 on any finding.

const childAt = process.argv.indexOf('--child');
const childPhase = childAt >= 0 ? (process.argv.splice(childAt, 2)[1] as 'ipc' | 'server') : undefined;

const { values } = parseArgs({
  options: {
    phase: { type: 'string', default: 'all' },
    seed: { type: 'string' },
    count: { type: 'string', default: '50000' },
    concurrency: { type: 'string', default: '16' },
    only: { type: 'string' },
    'slow-ms': { type: 'string', default: '1000' },
    'exchange-ms': { type: 'string', default: '10000' },
    'stall-s': { type: 'string', default: '60' },
    'case-ms': { type: 'string', default: '4000' },
    rate: { type: 'string', default: '0.5' },
    'pace-ms': { type: 'string', default: '1000' },
    'bomb-mb': { type: 'string', default: '1024' },
    deep: { type: 'string', default: '1000000' },
    'oversize-mb': { type: 'string', default: '17' },
    'recover-ms': { type: 'string', default: '20000' },
    'call-limit-ms': { type: 'string', default: '15000' },
    'max-rss-mb': { type: 'string', default: '512' },
    'max-old-space-mb': { type: 'string', default: '1536' },
    'timeout-s': { type: 'string', default: '1800' },
    json: { type: 'string' },
    attacks: { type: 'string' },
  },
});
const num = (name: keyof typeof values) => Number(values[name]);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);

/**
 * Child output is written synchronously: console.log to a pipe is asynchronous, and a frozen
 * event loop would keep the last lines (the cases in flight) from ever reaching the parent.
 */
const emit = (line: string) => void writeSync(1, `${line}\n`);

async function child(phase: 'ipc' | 'server') {
  let monitor: ReturnType<typeof startMonitor> | undefined;
  // Measured from when the engine (or the connectors) are up: start-up is not under attack.
  const startMeasuring = () => void (monitor = startMonitor());
  const harnessWork = <T>(work: () => T): T => {
    monitor?.pause();
    try {
      return work();
    } finally {
      monitor?.resume();
    }
  };
  const findings: Finding[] = [];
  const onFinding = (f: Finding) => {
    findings.push(f);
    if (findings.length <= 50) emit(`FUZZ_FINDING ${JSON.stringify(f)}`);
  };
  const progress = (line: string) => emit(`FUZZ_PROGRESS ${line}`);
  const uncaught: string[] = [];
  // Counted as crashes, so one run reports every one of them instead of stopping at the first.
  process.on('uncaughtException', (e) => void uncaught.push(`uncaughtException: ${String(e?.stack ?? e).slice(0, 400)}`));
  process.on('unhandledRejection', (e) => void uncaught.push(`unhandledRejection: ${String((e as Error)?.stack ?? e).slice(0, 400)}`));
  const runner: Promise<object> =
    phase === 'ipc'
      ? (await import('./ipc-fuzz')).runIpcFuzz({ startMeasuring, harnessWork, concurrency: num('concurrency'), seed, count: num('count'), slowMs: num('slow-ms'), exchangeMs: num('exchange-ms'), trace: (line) => emit(`FUZZ_TRACE ${line}`), only: values.only !== undefined ? Number(values.only) : undefined, onFinding, progress })
      : (await import('./server-fuzz')).runServerFuzz({ startMeasuring, paceMs: num('pace-ms'), seed, caseMs: num('case-ms'), rate: num('rate'), bombMb: num('bomb-mb'), deep: num('deep'), oversizeMb: num('oversize-mb'), recoverMs: num('recover-ms'), attacks: values.attacks?.split(',').filter(Boolean), callLimitMs: num('call-limit-ms'), onFinding, progress });
  // A bug in the fuzz harness itself must stop the run loudly, not hide among the findings.
  const report = await runner.catch((error: unknown) => {
    emit(`FUZZ_HARNESS_ERROR ${String((error as Error)?.stack ?? error).replace(/\n/g, ' | ')}`);
    process.exit(2);
  });
  const measured = monitor?.stop() ?? {};
  for (const u of uncaught) onFinding({ phase, seed, index: -1, channel: '', sender: '', recipe: '', reason: u, payload: '', ms: 0 });
  emit(`FUZZ_PHASE ${JSON.stringify({ phase, ...report, findings: undefined, uncaught: uncaught.length, ...measured })}`);
  process.exit(0);
}

interface PhaseOutcome {
  phase: string;
  exit: string;
  report?: Record<string, unknown>;
  findings: Finding[];
  lastProgress: string;
  stderrTail: string;
  /** Cases started and not answered when the process ended (names a freeze or a crash). */
  inFlight: string[];
}

function runPhase(phase: 'ipc' | 'server'): Promise<PhaseOutcome> {
  const args = ['--import', 'tsx', `--max-old-space-size=${num('max-old-space-mb')}`, __filename, '--child', phase, '--seed', String(seed)];
  for (const [k, v] of Object.entries(values)) if (v !== undefined && k !== 'phase' && k !== 'seed' && k !== 'json') args.push(`--${k}`, String(v));
  const started = Date.now();
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const outcome: PhaseOutcome = { phase, exit: '', findings: [], lastProgress: '', stderrTail: '', inFlight: [] };
    const inFlight = new Map<string, string>();
    let lastOutput = Date.now();
    // A frozen child prints nothing: kill it after `stall-s` and name what it was handling.
    const stall = setInterval(() => {
      if (Date.now() - lastOutput > num('stall-s') * 1000) {
        outcome.stderrTail += `\n(no output for ${num('stall-s')} s: killed as frozen)`;
        proc.kill('SIGKILL');
      }
    }, 1000);
    let buffer = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      lastOutput = Date.now();
      for (const line of lines) {
        if (line.startsWith('FUZZ_TRACE START ')) {
          const started = JSON.parse(line.slice(17)) as { index: number };
          inFlight.set(String(started.index), line.slice(17));
        } else if (line.startsWith('FUZZ_TRACE END ')) inFlight.delete(line.slice(15));
        else if (line.startsWith('FUZZ_FINDING ')) {
          const f = JSON.parse(line.slice(13)) as Finding;
          outcome.findings.push(f);
          console.log(`  finding [${f.phase}] seed=${f.seed} case=${f.index} ${f.channel} (${f.recipe}; sender ${f.sender}): ${f.reason}${f.payload ? `\n    payload: ${f.payload}` : ''}`);
        } else if (line.startsWith('FUZZ_PHASE ')) outcome.report = JSON.parse(line.slice(11)) as Record<string, unknown>;
        else if (line.startsWith('FUZZ_HARNESS_ERROR ')) outcome.stderrTail += `\n${line}`;
        else if (line.startsWith('FUZZ_PROGRESS ')) {
          outcome.lastProgress = line.slice(14);
          console.log(`  ${outcome.lastProgress}`);
        }
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (outcome.stderrTail = (outcome.stderrTail + chunk.toString('utf8')).slice(-2000)));
    const timer = setTimeout(() => proc.kill('SIGKILL'), num('timeout-s') * 1000);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearInterval(stall);
      outcome.inFlight = [...inFlight.values()];
      outcome.exit = signal ? `killed by ${signal}${Date.now() - started >= num('timeout-s') * 1000 ? ' (timeout)' : ''}` : `exit ${code}`;
      resolve(outcome);
    });
  });
}

async function parent() {
  const phases = values.phase === 'all' ? (['ipc', 'server'] as const) : ([values.phase] as Array<'ipc' | 'server'>);
  console.log(`fuzz: seed ${seed} (replay with --seed ${seed}), phases ${phases.join(', ')}`);
  const outcomes: PhaseOutcome[] = [];
  for (const phase of phases) {
    console.log(`━━ fuzz ${phase} ━━`);
    outcomes.push(await runPhase(phase));
  }
  const failures: string[] = [];
  for (const o of outcomes) {
    const r = o.report;
    if (!r) {
      const stderr = o.stderrTail.split('\n').filter(Boolean);
      const cause = stderr.filter((l) => /FATAL|out of memory|Error|frozen|HARNESS/.test(l)).slice(-2);
      failures.push(`${o.phase}: the process died (${o.exit}) after "${o.lastProgress}": ${(cause.length ? cause : stderr.slice(-3)).join(' | ')}`);
      for (const c of o.inFlight) failures.push(`${o.phase}: in flight when it died (seed ${seed}): ${c}`);
      continue;
    }
    const peak = Number(r['peakRssMb']);
    const block = Number(r['worstLoopBlockMs']);
    if (o.findings.length) failures.push(`${o.phase}: ${o.findings.length} finding(s)`);
    if (peak > num('max-rss-mb')) failures.push(`${o.phase}: peak RSS ${peak} MB over the ${num('max-rss-mb')} MB bound`);
    if (block > num('slow-ms')) failures.push(`${o.phase}: the event loop was blocked ${block} ms (bound ${num('slow-ms')} ms)`);
    if (o.phase === 'ipc') console.log(`ipc: sent ${r['sent']} rejected ${r['rejected']} accepted ${r['accepted']} crashed ${r['crashed']} hung ${r['hung']} misled ${r['misled']} slowest ${r['slowestMs']} ms; peak RSS ${peak} MB; worst loop block ${block} ms`);
    else console.log(`server: calls ${r['calls']} crashed ${r['crashed']} hung ${r['hung']} pushes ${r['pushes']} bad pushes ${r['badPushes']} recovered ${JSON.stringify(r['recovered'])}; peak RSS ${peak} MB; worst loop block ${block} ms`);
  }
  const summary = { seed, ok: failures.length === 0, failures, phases: outcomes.map((o) => ({ phase: o.phase, exit: o.exit, report: o.report, findings: o.findings })) };
  if (values.json) writeFileSync(values.json, JSON.stringify(summary, null, 2));
  console.log(failures.length ? `FUZZ FAILED:\n- ${failures.join('\n- ')}` : 'fuzz: no findings');
  console.log(`FUZZ_REPORT ${JSON.stringify({ ...summary, phases: summary.phases.map((p) => ({ ...p, findings: p.findings.length })) })}`);
  process.exit(failures.length ? 1 : 0);
}

if (childPhase) void child(childPhase);
else void parent();
