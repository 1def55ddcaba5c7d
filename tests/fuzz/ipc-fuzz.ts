import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { Engine } from '../../src/main/engine';
import type { ConnectorFactories } from '../../src/main/accounts/runtime';
import { connectorFactories } from '../../src/main/exchanges/registry';
import { createHandle } from '../../src/main/ipc/handle';
import { createSenderPolicy } from '../../src/main/ipc/sender-policy';
import { invokeChannels, isInvokeChannel, resultSchema, type Endpoints } from '../../src/shared';
import { MemorySecretStore } from '../support/memory-secret-store';
import { fuzzCase, OUR_CONTENTS, OUR_PAGE, type FuzzCase } from './ipc-cases';
import { preview } from './monitor';

// Phase 1 of the fuzz suite: malformed payloads through the real handle() (sender policy,
// schema parse, reply check) into a demo-mode engine whose accounts trade on the real
// simulators. Every answer must be a Result in the channel's contract and not INTERNAL,
// within SLOW_MS; the prototype of Object stays clean; read-only mode is only ever turned
// off by an explicit `readOnly: false`.

export const BATCH = 100;

export interface Finding {
  phase: string;
  seed: number;
  index: number;
  channel: string;
  sender: string;
  recipe: string;
  reason: string;
  payload: string;
  ms: number;
}

export interface IpcFuzzReport {
  seed: number;
  sent: number;
  rejected: number;
  accepted: number;
  crashed: number;
  hung: number;
  misled: number;
  slowestMs: number;
  codes: Record<string, number>;
  /** Total ms spent per channel (where the run's time goes). */
  msByChannel: Record<string, number>;
  findings: Finding[];
}

const anyResult = resultSchema(z.unknown());
/**
 * Channels whose answer waits on an exchange (here the simulators, with their rate limits and
 * the connectors' back-offs): bounded by `exchangeMs`. Every other answer is main's own work
 * and must come within `slowMs` (1 s). A frozen event loop is caught either way: it delays
 * every answer in flight and shows in the loop-block measure.
 */
const EXCHANGE_BOUND = /^(accounts:(add|test)|balances:|market:|orders:)/;
const isLoopback = (url: string | undefined) => !!url && /^(https?|wss?):\/\/127\.0\.0\.1:\d+(\/|$)/.test(url);

/** The generated case number `index` of a run (batches keep memory flat: payloads hold 1 MB strings). */
export function casesOf(arb: fc.Arbitrary<FuzzCase>, seed: number, batch: number): FuzzCase[] {
  return fc.sample(arb, { seed: (seed + batch * 7919) | 0, numRuns: BATCH });
}

export async function runIpcFuzz(options: { startMeasuring: () => void; harnessWork: <T>(work: () => T) => T; concurrency: number; seed: number; count: number; slowMs: number; exchangeMs: number; trace: (line: string) => void; only?: number; onFinding: (f: Finding) => void; progress: (line: string) => void }): Promise<IpcFuzzReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fuzz-ipc-'));
  const logs: string[] = [];
  // Every connector stays on the loopback simulators, whatever endpoints a payload names.
  const simEndpoints: Partial<Record<string, Endpoints>> = {};
  const sandboxed: ConnectorFactories = {};
  for (const [exchange, factory] of Object.entries(connectorFactories)) {
    sandboxed[exchange as keyof ConnectorFactories] = (o) =>
      factory({ ...o, endpoints: isLoopback(o.endpoints?.rest) && isLoopback(o.endpoints?.ws) ? o.endpoints : simEndpoints[exchange] });
  }
  const engine = new Engine({ name: 'Fuzz', version: '0.0.0', platform: 'linux', host: 'node', dataDir, heartbeatMs: 0, demo: true, secretStore: new MemorySecretStore(), connectorFactories: sandboxed, log: (l) => logs.length < 10_000 && logs.push(l) });
  const handle = createHandle({ handlers: engine.handlers, isTrustedSender: createSenderPolicy(OUR_PAGE, new Set([OUR_CONTENTS])), checkResponses: true, log: (l) => logs.length < 10_000 && logs.push(l) });
  let pushes = 0;
  engine.subscribe(() => void pushes++);
  await engine.start();
  const accounts = [...engine.registry.list()];
  for (const a of accounts) simEndpoints[a.exchange] = a.endpoints;
  const cryptocom = accounts.find((a) => a.exchange === 'cryptocom');
  // Templates name the Crypto.com account first: its budgets are per second (§3), so the fuzz's
  // flood queues for moments. Icrypex budgets are per minute (wallet: 120/min) and the
  // connector rightly queues rather than break them: it is reached through basket legs and
  // all-account calls here, and wire-fuzzed in the server phase.
  accounts.sort((a, b) => (a.exchange === 'cryptocom' ? -1 : b.exchange === 'cryptocom' ? 1 : 0));
  const ctx = { accounts: accounts.map((a) => a.id), endpoints: { rest: cryptocom?.endpoints.rest ?? '', ws: cryptocom?.endpoints.ws ?? '' } };
  if (accounts.length < 2) throw new Error(`demo mode gave ${accounts.length} account(s); the fuzz needs one per exchange`);
  const arb = fuzzCase(ctx);
  options.startMeasuring();

  const report: IpcFuzzReport = { seed: options.seed, sent: 0, rejected: 0, accepted: 0, crashed: 0, hung: 0, misled: 0, slowestMs: 0, codes: {}, msByChannel: {}, findings: [] };
  const find = (index: number, c: FuzzCase, reason: string, ms: number) => {
    const f: Finding = { phase: 'ipc', seed: options.seed, index, channel: c.channel.slice(0, 60), sender: c.sender.frameUrl.slice(0, 60), recipe: c.recipe, reason, payload: preview(c.payload), ms };
    if (report.findings.length < 200) report.findings.push(f);
    options.onFinding(f);
  };

  const runCase = async (index: number, c: FuzzCase): Promise<void> => {
    const readOnlyBefore = engine.settings.get().readOnly;
    report.sent++;
    // The parent keeps the cases in flight, to name them if this process freezes or dies.
    options.trace(`START ${JSON.stringify({ index, channel: c.channel.slice(0, 60), recipe: c.recipe, payload: preview(c.payload, 200) })}`);
    const limit = EXCHANGE_BOUND.test(c.channel) ? options.exchangeMs : options.slowMs;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const answer = await Promise.race([
      handle(c.channel, c.sender, c.payload).then((value) => ({ value }), (error: unknown) => ({ thrown: error })),
      new Promise<{ hung: true }>((resolve) => (timer = setTimeout(() => resolve({ hung: true }), limit * 2))),
    ]);
    clearTimeout(timer);
    options.trace(`END ${index}`);
    const ms = Math.round(performance.now() - started);
    report.slowestMs = Math.max(report.slowestMs, ms);
    const key = isInvokeChannel(c.channel) ? c.channel : '(unknown)';
    report.msByChannel[key] = (report.msByChannel[key] ?? 0) + ms;
    if ('hung' in answer || ms > limit) {
      report.hung++;
      return find(index, c, 'hung' in answer ? 'no answer' : `answered after ${ms} ms`, ms);
    }
    if ('thrown' in answer) {
      report.crashed++;
      return find(index, c, `handle() threw: ${String(answer.thrown).slice(0, 200)}`, ms);
    }
    const result = answer.value;
    const schema = isInvokeChannel(c.channel) ? resultSchema(invokeChannels[c.channel].response) : anyResult;
    const shaped = schema.safeParse(result);
    const code = result.ok ? 'ok' : result.error.code;
    report.codes[code] = (report.codes[code] ?? 0) + 1;
    let problem: string | undefined;
    if (!shaped.success) problem = `answer outside the contract: ${shaped.error.issues[0]?.message ?? ''}`;
    else if (c.expect && code !== c.expect) problem = `expected ${c.expect}, got ${code}`;
    else if (code === 'INTERNAL') problem = `INTERNAL: ${result.ok ? '' : result.error.message.slice(0, 200)}`;
    if (({} as Record<string, unknown>)['polluted'] !== undefined) {
      problem = 'Object.prototype was polluted';
      delete (Object.prototype as Record<string, unknown>)['polluted'];
    }
    if (problem) {
      report.crashed++;
      return find(index, c, problem, ms);
    }
    // Issue 12 §4: read-only mode is turned off only by an explicit `false`.
    const payloadReadOnly = c.payload && typeof c.payload === 'object' && Object.hasOwn(c.payload, 'readOnly') ? (c.payload as { readOnly: unknown }).readOnly : 'absent';
    if (c.channel === 'settings:set' && readOnlyBefore && !engine.settings.get().readOnly && payloadReadOnly !== false) {
      report.misled++;
      find(index, c, `read-only mode turned off by readOnly=${preview(payloadReadOnly, 40)}`, ms);
      await handle('settings:set', { id: OUR_CONTENTS, frameUrl: OUR_PAGE, isTopFrame: true }, { readOnly: true });
      return;
    }
    if (result.ok) report.accepted++;
    else report.rejected++;
  };

  // A renderer may have several invokes in flight. Writes to the data folder run one at a
  // time: the read-only check above then sees only its own effect, and a write is timed
  // alone rather than behind fifteen others' fsyncs.
  let settingsTurn: Promise<void> = Promise.resolve();
  const run = (index: number, c: FuzzCase) => {
    if (c.channel !== 'settings:set' && c.channel !== 'accounts:rename') return runCase(index, c);
    const turn = settingsTurn.then(() => runCase(index, c));
    settingsTurn = turn;
    return turn;
  };
  // Workers pull from one stream of cases, made a batch at a time (a slow case never holds
  // back the next batch).
  let pending: Array<{ index: number; c: FuzzCase }> = [];
  let nextBatch = 0;
  const take = (): { index: number; c: FuzzCase } | undefined => {
    while (pending.length === 0 && nextBatch * BATCH < options.count) {
      const batch = nextBatch++;
      pending = options.harnessWork(() => casesOf(arb, options.seed, batch))
        .map((c, i) => ({ index: batch * BATCH + i, c }))
        .filter(({ index }) => index < options.count && (options.only === undefined || index === options.only));
      if (batch % 10 === 9) options.progress(`ipc: ${report.sent} sent, ${report.crashed + report.hung + report.misled} findings, ${pushes} pushes`);
    }
    return pending.shift();
  };
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      for (let item = take(); item; item = take()) await run(item.index, item.c);
    }),
  );
  await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
  return report;
}
