import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { ExchangeConnector } from '../../src/main/exchanges/connector';
import { connectorFactories } from '../../src/main/exchanges/registry';
import { Balance, BookSnapshot, Candle, ErrorCode, Fill, Market, Order, resultSchema, Ticker, Trade, type ExchangeId } from '../../src/shared';
import { ATTACKS, type Attack } from './hostile-attacks';
import type { Finding } from './ipc-fuzz';
import { signingKey } from '../../src/main/secrets';

// Phase 2 of the fuzz suite: both real connectors (production factories and timings) against
// the malicious exchange (tests/fuzz/hostile-exchange.ts, its own process). Each attack runs
// for a while on a share of the messages, while REST calls loop and the four streams stay
// subscribed; then the exchange turns honest and both connectors must recover. Every call must
// settle as a Result in the model, every push must be in the model, Object.prototype clean.

const SYMBOL = 'BTCUSDT';

export interface ServerFuzzReport {
  seed: number;
  attacks: Record<string, { calls: number; ok: number; errors: number; crashed: number; hung: number; pushes: number; badPushes: number; slowestMs: number; attackedMessages: number }>;
  calls: number;
  crashed: number;
  hung: number;
  badPushes: number;
  pushes: number;
  recovered: Record<string, boolean>;
  relayStats: unknown;
  findings: Finding[];
}

const calls: Array<[string, z.ZodType, (c: ExchangeConnector) => Promise<unknown>]> = [
  ['markets', z.array(Market), (c) => c.markets()],
  ['tickers', z.array(Ticker), (c) => c.tickers()],
  ['orderBook', BookSnapshot, (c) => c.orderBook(SYMBOL, 20)],
  ['recentTrades', z.array(Trade), (c) => c.recentTrades(SYMBOL)],
  ['candles', z.array(Candle), (c) => c.candles(SYMBOL, '1m', Math.floor(Date.now() / 1000) - 3600, Math.floor(Date.now() / 1000))],
  ['balances', z.array(Balance), (c) => c.balances()],
  ['openOrders', z.array(Order), (c) => c.openOrders(SYMBOL)],
  ['fills', z.array(Fill), (c) => c.fills({ symbol: SYMBOL })],
];
const pushSchemas = { book: BookSnapshot, trades: z.array(Trade), ticker: Ticker, candle: Candle };
const settleCheck = resultSchema(z.unknown());

interface Exchange {
  send(line: string): Promise<string>;
  ready: { endpoints: Record<ExchangeId, { rest: string; ws: string }>; accounts: Record<ExchangeId, { apiKey: string; apiSecret: string }> };
  stop(): Promise<void>;
}

async function startExchange(args: { seed: number; bombMb: number; deep: number; oversizeMb: number }): Promise<Exchange> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'hostile-exchange.ts'), String(args.seed), String(args.bombMb), String(args.deep), String(args.oversizeMb)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const waiters: Array<(line: string) => void> = [];
  lines.on('line', (line) => waiters.shift()?.(line));
  const nextLine = () => new Promise<string>((resolve) => waiters.push(resolve));
  const first = await nextLine();
  if (!first.startsWith('HOSTILE_READY ')) throw new Error(`the hostile exchange did not start: ${first}`);
  return {
    ready: JSON.parse(first.slice('HOSTILE_READY '.length)) as Exchange['ready'],
    async send(line) {
      const answer = nextLine();
      child.stdin!.write(`${line}\n`);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the hostile exchange did not take "${line}" within 30 s (the harness, not the connectors)`)), 30_000)));
      return Promise.race([answer, late]).finally(() => clearTimeout(timer));
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.end('stop\n');
      await exited;
    },
  };
}

export async function runServerFuzz(options: { startMeasuring: () => void; attacks?: string[]; paceMs: number; seed: number; caseMs: number; rate: number; bombMb: number; deep: number; oversizeMb: number; recoverMs: number; callLimitMs: number; onFinding: (f: Finding) => void; progress: (line: string) => void }): Promise<ServerFuzzReport> {
  const exchange = await startExchange(options);
  const report: ServerFuzzReport = { seed: options.seed, attacks: {}, calls: 0, crashed: 0, hung: 0, badPushes: 0, pushes: 0, recovered: {}, relayStats: undefined, findings: [] };
  let current: Attack = 'clean';
  const stat = (attack: string) => (report.attacks[attack] ??= { calls: 0, ok: 0, errors: 0, crashed: 0, hung: 0, pushes: 0, badPushes: 0, slowestMs: 0, attackedMessages: 0 });
  const find = (exchangeId: string, what: string, reason: string, ms = 0) => {
    const f: Finding = { phase: 'server', seed: options.seed, index: -1, channel: `${exchangeId}.${what}`, sender: 'hostile exchange', recipe: current, reason, payload: '', ms };
    if (report.findings.length < 200) report.findings.push(f);
    options.onFinding(f);
  };

  const connectors = (['icrypex', 'cryptocom'] as const).map((id) => {
    const factory = connectorFactories[id]!;
    const creds = exchange.ready.accounts[id];
    const connector = factory({ accountId: `fuzz-${id}`, endpoints: exchange.ready.endpoints[id], credentials: async () => signingKey(creds), log: () => {} });
    return { id, connector, lastLiveBook: 0 };
  });
  for (const entry of connectors) {
    await entry.connector.start();
    const push = (kind: keyof typeof pushSchemas) => (value: unknown) => {
      report.pushes++;
      stat(current).pushes++;
      if (kind === 'book' && !(value as { stale?: boolean }).stale) entry.lastLiveBook = Date.now();
      const checked = pushSchemas[kind].safeParse(value);
      if (!checked.success) {
        report.badPushes++;
        stat(current).badPushes++;
        find(entry.id, `watch ${kind}`, `push outside the model: ${checked.error.issues[0]?.path.join('.')} ${checked.error.issues[0]?.message}`);
      }
    };
    entry.connector.watchBook(SYMBOL, push('book'));
    entry.connector.watchTrades(SYMBOL, push('trades'));
    entry.connector.watchTicker(SYMBOL, push('ticker'));
    entry.connector.watchCandles(SYMBOL, '1m', push('candle'));
  }

  options.startMeasuring();
  // A heartbeat: silence from this process means its event loop is frozen, not that it waits.
  const heartbeat = setInterval(() => options.progress(`server: ${current}, ${report.calls} calls, ${report.pushes} pushes`), 2_000);
  heartbeat.unref();
  const callOnce = async (entry: (typeof connectors)[number], name: string, schema: z.ZodType, run: (c: ExchangeConnector) => Promise<unknown>) => {
    const s = stat(current);
    report.calls++;
    s.calls++;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      run(entry.connector).then((value) => ({ value }), (thrown: unknown) => ({ thrown })),
      new Promise<{ hung: true }>((resolve) => (timer = setTimeout(() => resolve({ hung: true }), options.callLimitMs))),
    ]);
    clearTimeout(timer);
    const ms = Math.round(performance.now() - started);
    s.slowestMs = Math.max(s.slowestMs, ms);
    if ('hung' in outcome) {
      report.hung++;
      s.hung++;
      return find(entry.id, name, `no answer within ${options.callLimitMs} ms`, ms);
    }
    const problem = (() => {
      if ('thrown' in outcome) return `rejected instead of answering a Result: ${String(outcome.thrown).slice(0, 200)}`;
      const shaped = settleCheck.safeParse(outcome.value);
      if (!shaped.success) return 'answer is not a Result';
      const result = shaped.data;
      if (!result.ok) return ErrorCode.safeParse(result.error.code).success ? (result.error.code === 'INTERNAL' ? `INTERNAL: ${result.error.message.slice(0, 200)}` : undefined) : 'unknown error code';
      const valued = schema.safeParse(result.value);
      return valued.success ? undefined : `value outside the model: ${valued.error.issues[0]?.path.join('.')} ${valued.error.issues[0]?.message}`;
    })();
    if (({} as Record<string, unknown>)['polluted'] !== undefined) {
      delete (Object.prototype as Record<string, unknown>)['polluted'];
      report.crashed++;
      s.crashed++;
      return find(entry.id, name, 'Object.prototype was polluted', ms);
    }
    if (problem) {
      report.crashed++;
      s.crashed++;
      return find(entry.id, name, problem, ms);
    }
    const ok = (outcome as { value: { ok: boolean } }).value.ok;
    if (ok) s.ok++;
    else s.errors++;
  };

  // One caller per connector runs through every attack; a call counts for the attack under
  // which it started (a slow one may end after the switch: the next attack is not held back).
  let calling = true;
  const callers = connectors.map(async (entry) => {
    for (let i = 0; calling; i++) {
      const [name, schema, run] = calls[i % calls.length]!;
      await callOnce(entry, name, schema, run);
      // Paced under the exchanges' per-minute budgets (Icrypex exchange info: 30/min), so a
      // call waits on the attack, never on the connector's rate queue.
      await new Promise((r) => setTimeout(r, options.paceMs));
    }
  });

  const attackedSoFar = (ack: string) => (JSON.parse(ack.replace(/^ATTACK \S+ /, '')) as { attacked: number }).attacked;
  let attacked = 0;
  const chosen = ATTACKS.filter((a) => !options.attacks || options.attacks.includes(a));
  for (const attack of chosen) {
    const ack = await exchange.send(`attack ${attack} ${options.rate}`);
    stat(current).attackedMessages += attackedSoFar(ack) - attacked;
    attacked = attackedSoFar(ack);
    current = attack;
    options.progress(`server: ${attack} (${ack.slice(0, 80)})`);
    await new Promise((r) => setTimeout(r, options.caseMs));
  }
  // The exchange turns honest: both connectors must serve a live book and REST again.
  const honest = await exchange.send('attack clean');
  stat(current).attackedMessages += attackedSoFar(honest) - attacked;
  current = 'clean';
  calling = false;
  await Promise.all(callers);
  const honestSince = Date.now();
  const deadline = honestSince + options.recoverMs;
  for (const entry of connectors) {
    let recovered = false;
    while (!recovered && Date.now() < deadline) {
      const markets = await entry.connector.markets();
      recovered = markets.ok && entry.lastLiveBook > honestSince;
      if (!recovered) await new Promise((r) => setTimeout(r, 100));
    }
    report.recovered[entry.id] = recovered;
    if (!recovered) find(entry.id, 'recovery', `no live book and markets within ${options.recoverMs} ms of the exchange turning honest`);
  }
  report.relayStats = JSON.parse(honest.replace(/^ATTACK clean /, '')) as unknown;
  clearInterval(heartbeat);
  for (const entry of connectors) await entry.connector.stop();
  await exchange.stop();
  return report;
}
