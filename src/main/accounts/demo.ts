import { randomBytes } from 'node:crypto';
import { exchangeName, type Account, type Endpoints, type ExchangeId, type SimFaultRequest, type StartupProblem } from '../../shared';
import type { Credentials } from '../secrets';
import type { SecretStore } from '../secrets';
import type { AccountRegistry } from './registry';

/** One simulator account: the demo account's keychain credentials (the launcher gives it starting balances). */
export interface DemoAccountConfig extends Credentials {
  exchange: ExchangeId;
}

export interface RunningDemo {
  /** Where each simulated exchange listens in this run (new ports every start). */
  endpoints: Partial<Record<ExchangeId, Endpoints>>;
  /** Injects a fault into the simulators (the palette's `sim …` commands); says what each did. */
  fault?(request: SimFaultRequest): string[] | Promise<string[]>;
  stop(): Promise<void>;
}

/** Starts the embedded simulators (src/main/sim) with the given accounts; see engine/simulators.ts. */
export interface SimulatorLauncher {
  /** Exchanges this build can simulate. */
  readonly exchanges: readonly ExchangeId[];
  start(accounts: DemoAccountConfig[]): Promise<RunningDemo>;
}

/** Random demo credentials; the secret is base64 of 32 bytes, the shape Icrypex signs with (specs/icrypex.md §3). */
export function generateDemoCredentials(): Credentials {
  return { apiKey: randomBytes(16).toString('hex'), apiSecret: randomBytes(32).toString('base64') };
}

export interface DemoSetup {
  registry: AccountRegistry;
  secrets: SecretStore;
  launcher: SimulatorLauncher;
  /** Exchanges this build has a connector for. */
  supports: (exchange: ExchangeId) => boolean;
  report: (problem: StartupProblem) => void;
  newId: (exchange: ExchangeId) => string;
  now?: () => number;
  log?: (line: string) => void;
}

/**
 * Demo mode: creates a demo account for each simulated exchange that never had one (or for all
 * of them when there are no accounts at all), keeps demo keys in the keychain like any other,
 * starts the simulators with those keys when at least one demo account exists, and points the
 * demo accounts at this run's simulator URLs. Never throws: every failure is reported.
 */
export async function startDemo(setup: DemoSetup): Promise<RunningDemo | undefined> {
  const { registry, secrets, launcher, report } = setup;
  const now = setup.now ?? Date.now;
  const problem = (kind: StartupProblem['kind'], message: string, accountId?: string) => report({ kind, message, accountId, time: now() });
  const exchanges = launcher.exchanges.filter((e) => setup.supports(e));
  const empty = registry.list().length === 0;
  const seeded = new Set(registry.demoSeeded());
  /** The keychain refused: no demo account can trade, but the markets should still stream. */
  let keychainDown = false;

  for (const exchange of exchanges) {
    if (!empty && seeded.has(exchange)) continue;
    if (registry.list().some((a) => a.mode === 'demo' && a.exchange === exchange)) continue;
    const credentials = generateDemoCredentials();
    const account: Account = {
      id: setup.newId(exchange),
      exchange,
      label: `${exchangeName(exchange)} demo`,
      mode: 'demo',
      keyLast4: credentials.apiKey.slice(-4),
      endpoints: {},
      createdAt: now(),
    };
    const stored = await secrets.set(account.id, credentials);
    if (!stored.ok) {
      keychainDown ||= stored.error.code === 'KEYCHAIN_UNAVAILABLE';
      problem('keychain-unavailable', `No demo account was created for ${exchangeName(exchange)}: ${stored.error.message}`);
      continue;
    }
    try {
      await registry.add(account);
    } catch (cause) {
      await secrets.delete(account.id);
      problem('demo-unavailable', `No demo account was created for ${exchangeName(exchange)}: the account list could not be written (${String(cause)}).`);
    }
  }

  const configs: Array<DemoAccountConfig & { id: string }> = [];
  for (const account of registry.list().filter((a) => a.mode === 'demo')) {
    if (!exchanges.includes(account.exchange)) {
      problem('demo-unavailable', `This build has no ${exchangeName(account.exchange)} simulator; the demo account "${account.label}" cannot trade.`, account.id);
      continue;
    }
    let found = await secrets.get(account.id);
    if (!found.ok && found.error.code === 'NOT_FOUND') {
      // Demo keys are only valid against this run's simulator: a lost one is simply replaced.
      const fresh = generateDemoCredentials();
      const stored = await secrets.set(account.id, fresh);
      found = stored.ok ? { ok: true, value: fresh } : stored;
      if (stored.ok) await registry.update(account.id, { keyLast4: fresh.apiKey.slice(-4) }).catch(() => {});
    }
    if (!found.ok) {
      keychainDown ||= found.error.code === 'KEYCHAIN_UNAVAILABLE';
      problem('keychain-unavailable', `The demo account "${account.label}" cannot start: ${found.error.message}`, account.id);
      continue;
    }
    configs.push({ id: account.id, exchange: account.exchange, ...found.value });
  }
  // With no keychain there is no demo account to trade with, but the demo markets still stream
  // (issue 13 #6): the simulators start without accounts and are watched by exchange.
  if (!configs.length && !(keychainDown && exchanges.length > 0)) return undefined;

  let running: RunningDemo;
  try {
    running = await launcher.start(configs.map(({ id: _id, ...config }) => config));
  } catch (cause) {
    problem('demo-unavailable', `The demo exchanges could not start: ${cause instanceof Error ? cause.message : String(cause)}`);
    return undefined;
  }
  for (const config of configs) {
    const endpoints = running.endpoints[config.exchange];
    if (!endpoints) continue;
    try {
      await registry.update(config.id, { endpoints: { ...endpoints } });
    } catch (cause) {
      problem('demo-unavailable', `The demo account ${config.id} could not be pointed at its simulator: ${String(cause)}`, config.id);
    }
  }
  setup.log?.(`demo: simulators running for ${configs.map((c) => c.exchange).join(', ')}`);
  return running;
}
