import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkg from '../../../package.json';
import { startBrowserHost, type BrowserHost } from '../../../src/browser-host/server/host';
import type { ExchangeId } from '../../../src/shared';
import { generateDemoCredentials, type SimulatorLauncher } from '../../../src/main/accounts/demo';
import { Engine } from '../../../src/main/engine';
import { createKeytarSecretStore, type SecretStore } from '../../../src/main/secrets';
import { availableExchanges, simAccountId, simEndpoints, simulatorBalances, startSimulators, type StartedSimulators } from '../../../src/main/sim';

/**
 * The terminal as a trader runs it in demo mode: the real engine (accounts, connectors,
 * trading, market hub) against the embedded simulators on loopback, served to Chromium by the
 * browser host. Tests and the UI benchmark get the simulators too, to inject faults and to see
 * what arrived at the "exchange".
 */
export interface DemoTerminal {
  host: BrowserHost;
  engine: Engine;
  /** The simulators demo mode started (faults, matching engines). */
  sims: StartedSimulators;
  /** The demo account's id inside an exchange's simulator, to see what arrived there. */
  simAccount(exchange: ExchangeId): string;
  /**
   * A second Icrypex key the simulator knows but no terminal account uses yet: tests add it as
   * another (live-mode) account, pointed at the simulator, and remove it when done.
   */
  spareIcrypex: { apiKey: string; apiSecret: string; endpoints: { rest: string; ws: string } };
  stop(): Promise<void>;
}

export interface DemoTerminalOptions {
  /** Default: the OS keychain under a service of its own, emptied on stop. */
  secretStore?: SecretStore;
  /** Book changes per second over all markets of each simulator (sim default 30). */
  bookChangesPerSecond?: number;
  seed?: number;
  log?: (line: string) => void;
  /** The built renderer to serve (default TERMINAL_RENDERER_DIR, else `out/renderer`): to compare or check two builds. */
  rendererDir?: string;
}

/** Starts engine, simulators and browser host; `stop()` undoes all of it. */
export async function startDemoTerminal(options: DemoTerminalOptions = {}): Promise<DemoTerminal> {
  const dataDir = mkdtempSync(join(tmpdir(), 'terminal-e2e-'));
  // A keychain service of its own: demo keys never outlive the run.
  const secretStore = options.secretStore ?? createKeytarSecretStore({ service: `keyboard-terminal-e2e-${process.pid}-${Date.now()}` });
  let sims: StartedSimulators | undefined;
  const spare = generateDemoCredentials();
  const demoKeys: Partial<Record<ExchangeId, string>> = {};
  const simulators: SimulatorLauncher = {
    exchanges: availableExchanges(),
    async start(accounts) {
      for (const a of accounts) demoKeys[a.exchange] ??= a.apiKey;
      sims = await startSimulators({
        seed: options.seed ?? 7,
        bookChangesPerSecond: options.bookChangesPerSecond,
        accounts: [
          ...accounts.map((a) => ({
            exchange: a.exchange,
            apiKey: a.apiKey,
            apiSecret: a.apiSecret,
            balances: simulatorBalances(a.exchange),
          })),
          { exchange: 'icrypex' as const, ...spare, balances: simulatorBalances('icrypex') },
        ],
      });
      return {
        endpoints: simEndpoints(sims),
        fault: (request) => sims!.fault(request),
        stop: () => sims!.stop(),
      };
    },
  };
  const engine = new Engine({
    name: pkg.productName,
    version: pkg.version,
    platform: process.platform,
    host: 'browser-host',
    dataDir,
    secretStore,
    simulators,
    log: options.log,
  });
  await engine.start();
  if (!sims) throw new Error('demo mode did not start the simulators (see accounts:problems)');
  const host = await startBrowserHost({ engine, log: options.log, rendererDir: options.rendererDir ?? process.env['TERMINAL_RENDERER_DIR'] });
  return {
    host,
    engine,
    sims,
    spareIcrypex: { ...spare, endpoints: { rest: sims.icrypex.rest, ws: sims.icrypex.ws } },
    simAccount(exchange) {
      const key = demoKeys[exchange];
      const id = key === undefined ? undefined : simAccountId(sims!, exchange, key);
      if (!id || !sims![exchange].sim.engine.hasAccount(id)) throw new Error(`no ${exchange} demo account in the simulator`);
      return id;
    },
    async stop() {
      await host.close();
      await engine.stop();
      if (!options.secretStore) {
        const keys = await secretStore.list();
        if (keys.ok) for (const id of keys.value) await secretStore.delete(id);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
