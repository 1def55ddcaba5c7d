import { simulatedExchanges } from '../../shared';
import { type SimFaultRequest } from '../../shared/contract/sim';
import { applySimFault } from './control/apply';
import { startCryptocomSimulator, type CryptocomMarketSet, type CryptocomQuirks, type CryptocomSimulator } from './cryptocom';
import { CRYPTOCOM_DEMO_BALANCES } from './cryptocom/markets';
import { CDCX_DEMO_BALANCES, startCdcxSimulator, type CdcxSimulator } from './cryptocom-exchange';
import { startIcrypexSimulator, type IcrypexSimulator } from './icrypex';
import { ICRYPEX_PROFILES } from './icrypex/markets';
import { DEFAULT_BALANCES, generateAccount } from './shared/accounts';
import { type RunningSim, type SimAccountConfig, type SimExchange, type SimStartOptions } from './types';

export { type SimAccountConfig, type SimExchange, type RunningSim, type SimStartOptions } from './types';
export { startIcrypexSimulator, type IcrypexSimulator, type IcrypexQuirks } from './icrypex';
export { startCryptocomSimulator, type CryptocomSimulator, type CryptocomQuirks, type CryptocomSimOptions, type CryptocomMarketSet } from './cryptocom';
export { startCdcxSimulator, type CdcxSimulator, type CdcxQuirks, type CdcxSimOptions } from './cryptocom-exchange';
export { applySimFault, parseFaultSpec, startSimControl, type SimControl } from './control';
export { MatchingEngine } from './matching';
export { Faults } from './shared/faults';

/** Starts one exchange's simulator from the common options. */
export type SimLauncher<S> = (options: Omit<SimStartOptions<CryptocomQuirks>, 'accounts'> & { accounts: readonly SimAccountConfig[]; port?: number; markets?: CryptocomMarketSet }) => Promise<S>;

interface SimEntry {
  start: SimLauncher<RunningSim<unknown>>;
  /** Starting balances of a generated or demo account: the assets of the simulator's markets. */
  balances: Readonly<Record<string, string>>;
  /** The simulator's own id of the account with this API key (what its engine calls it). */
  accountId(sim: RunningSim<unknown>, apiKey: string): string | undefined;
  /** What a connector's endpoint overrides must say to reach it (default: its restUrl and wsUrl). */
  endpoints?(sim: RunningSim<unknown>): { rest: string; ws: string };
}

/**
 * The simulator of each exchange the catalog (src/shared/exchanges.ts) marks `simulator: true`;
 * a marked exchange without an entry here does not compile.
 */
const SIMULATORS = {
  // Demo mode's Icrypex also serves the sub-micro BTTCUSDT, so tiny prices are tried end to end.
  icrypex: { start: ({ quirks: _cryptocomOnly, markets: _alsoCryptocomOnly, ...options }) => startIcrypexSimulator({ ...options, profiles: ICRYPEX_PROFILES }), balances: DEFAULT_BALANCES, accountId: (_sim, apiKey) => apiKey },
  cryptocom: { start: startCryptocomSimulator, balances: CRYPTOCOM_DEMO_BALANCES, accountId: (sim, apiKey) => (sim as CryptocomSimulator).accountIdOf(apiKey) },
  // Crypto.com Exchange: REST methods hang off `/exchange/v1` (the connector's root), and the
  // connector finds the user socket beside the market one it is given.
  'cryptocom-exchange': {
    start: ({ quirks: _legacyOnly, markets: _alsoLegacyOnly, accounts, ...options }) => startCdcxSimulator({ ...options, accounts: accounts.filter((a) => a.exchange === 'cryptocom-exchange') }),
    balances: CDCX_DEMO_BALANCES,
    accountId: (sim, apiKey) => (sim as CdcxSimulator).accountIdOf(apiKey),
    endpoints: (sim) => ({ rest: (sim as CdcxSimulator).apiRoot, ws: sim.wsUrl }),
  },
} satisfies Record<SimExchange, SimEntry>;

/** The running simulator of one exchange, with its own extras (flushBooks, accountIdOf, ...). */
export type SimulatorOf<E extends SimExchange> = Awaited<ReturnType<(typeof SIMULATORS)[E]['start']>>;

export interface StartSimulatorsOptions {
  seed?: number;
  /** When an exchange has no account here, one is generated with random credentials. */
  accounts?: readonly SimAccountConfig[];
  bookChangesPerSecond?: number;
  /** Run the synthetic traders (default true). */
  synthetic?: boolean;
  ports?: Partial<Record<SimExchange, number>>;
  /** Crypto.com only: which 2020 markets (default all) and quirk overrides (e.g. `orderQueryPer100ms`). */
  cryptocom?: { markets?: CryptocomMarketSet; quirks?: Partial<CryptocomQuirks> };
}

export type SimEndpoints = Record<SimExchange, { rest: string; ws: string }>;

export type StartedSimulators = { [E in SimExchange]: { rest: string; ws: string; sim: SimulatorOf<E> } } & {
  /** Every account the simulators accept (given or generated). */
  accounts: SimAccountConfig[];
  /** Injects a fault into one or both simulators (control/apply.ts); says what each did. */
  fault(request: SimFaultRequest): string[];
  stop(): Promise<void>;
};

/** The exchanges this build can simulate. */
export function availableExchanges(): SimExchange[] {
  return simulatedExchanges();
}

/** Starting balances of an account on an exchange's simulator (demo accounts reset to these every start). */
export function simulatorBalances(exchange: SimExchange): Record<string, string> {
  return { ...SIMULATORS[exchange].balances };
}

/** The id an exchange's simulator gives the account with this API key (Icrypex: the key; Crypto.com: `cdc-<n>`; Crypto.com Exchange: `cdcx-<n>`). */
export function simAccountId(sims: StartedSimulators, exchange: SimExchange, apiKey: string): string | undefined {
  return SIMULATORS[exchange].accountId(sims[exchange].sim, apiKey);
}

/** Each simulator's REST and WebSocket address, as a connector's endpoint overrides take them. */
export function simEndpoints(sims: StartedSimulators): SimEndpoints {
  return Object.fromEntries(availableExchanges().map((e) => [e, { rest: sims[e].rest, ws: sims[e].ws }])) as SimEndpoints;
}

/** Starts every simulator on loopback (sim-api.md "Starting simulators"). */
export async function startSimulators(options: StartSimulatorsOptions = {}): Promise<StartedSimulators> {
  const available = availableExchanges();
  const accounts = (options.accounts ?? []).filter((account) => available.includes(account.exchange));
  for (const exchange of available) {
    if (!accounts.some((account) => account.exchange === exchange)) accounts.push(generateAccount(exchange, SIMULATORS[exchange].balances));
  }
  const common = { seed: options.seed, accounts, bookChangesPerSecond: options.bookChangesPerSecond, synthetic: options.synthetic };
  const started: Array<[SimExchange, RunningSim<unknown>]> = [];
  try {
    for (const exchange of available) {
      // Crypto.com alone takes a market set and quirk overrides (issue 18).
      const extra = exchange === 'cryptocom' ? { markets: options.cryptocom?.markets, quirks: options.cryptocom?.quirks } : {};
      started.push([exchange, await SIMULATORS[exchange].start({ ...common, port: options.ports?.[exchange], ...extra })]);
    }
  } catch (error) {
    await Promise.all(started.map(([, sim]) => sim.stop()));
    throw error;
  }
  const each = Object.fromEntries(started.map(([exchange, sim]) => [exchange, { ...((SIMULATORS[exchange] as SimEntry).endpoints?.(sim) ?? { rest: sim.restUrl, ws: sim.wsUrl }), sim }]));
  return {
    ...(each as { [E in SimExchange]: { rest: string; ws: string; sim: SimulatorOf<E> } }),
    accounts,
    fault: (request) =>
      applySimFault({ icrypex: each.icrypex?.sim as IcrypexSimulator | undefined, cryptocom: each.cryptocom?.sim as CryptocomSimulator | undefined, 'cryptocom-exchange': each['cryptocom-exchange']?.sim as CdcxSimulator | undefined }, request),
    stop: async () => {
      await Promise.all(started.map(([, sim]) => sim.stop()));
    },
  };
}
