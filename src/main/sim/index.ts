import { type IcrypexSimulator, startIcrypexSimulator } from './icrypex';
import { generateAccount } from './shared/accounts';
import { type RunningSim, type SimAccountConfig, type SimExchange, type SimStartOptions } from './types';

export { type SimAccountConfig, type SimExchange, type RunningSim, type SimStartOptions } from './types';
export { startIcrypexSimulator, type IcrypexSimulator, type IcrypexQuirks } from './icrypex';
export { MatchingEngine } from './matching';
export { Faults } from './shared/faults';

/**
 * The Crypto.com simulator as startSimulators sees it. sim-cdc: replace this alias with
 * `CryptocomSimulator` and set CRYPTOCOM_LAUNCHER below; then drop the `| null` in StartedSimulators.
 */
export type CryptocomSimLike = RunningSim<unknown>;

/** Starts one exchange's simulator from the common options. */
export type SimLauncher<S> = (options: SimStartOptions<never> & { port?: number }) => Promise<S>;

/** Wiring point for the Crypto.com simulator; null until it exists on this branch. */
const CRYPTOCOM_LAUNCHER: SimLauncher<CryptocomSimLike> | null = null;

export interface StartSimulatorsOptions {
  seed?: number;
  /** When an exchange has no account here, one is generated with random credentials. */
  accounts?: readonly SimAccountConfig[];
  bookChangesPerSecond?: number;
  /** Run the synthetic traders (default true). */
  synthetic?: boolean;
  ports?: { icrypex?: number; cryptocom?: number };
}

export interface StartedSimulators {
  icrypex: { rest: string; ws: string; sim: IcrypexSimulator };
  /** null while the Crypto.com simulator is not wired in (see CRYPTOCOM_LAUNCHER). */
  cryptocom: { rest: string; ws: string; sim: CryptocomSimLike } | null;
  /** Every account the simulators accept (given or generated). */
  accounts: SimAccountConfig[];
  stop(): Promise<void>;
}

/** The exchanges this build can simulate. */
export function availableExchanges(): SimExchange[] {
  return CRYPTOCOM_LAUNCHER ? ['icrypex', 'cryptocom'] : ['icrypex'];
}

/** Starts every simulator on loopback (sim-api.md "Starting simulators"). */
export async function startSimulators(options: StartSimulatorsOptions = {}): Promise<StartedSimulators> {
  const available = availableExchanges();
  const accounts = (options.accounts ?? []).filter((account) => available.includes(account.exchange));
  for (const exchange of available) {
    if (!accounts.some((account) => account.exchange === exchange)) accounts.push(generateAccount(exchange));
  }
  const common = { seed: options.seed, accounts, bookChangesPerSecond: options.bookChangesPerSecond, synthetic: options.synthetic };
  const icrypex = await startIcrypexSimulator({ ...common, port: options.ports?.icrypex });
  let cryptocom: CryptocomSimLike | null = null;
  try {
    const launch = CRYPTOCOM_LAUNCHER as SimLauncher<CryptocomSimLike> | null;
    if (launch) cryptocom = await launch({ ...common, port: options.ports?.cryptocom });
  } catch (error) {
    await icrypex.stop();
    throw error;
  }
  return {
    icrypex: { rest: icrypex.restUrl, ws: icrypex.wsUrl, sim: icrypex },
    cryptocom: cryptocom ? { rest: cryptocom.restUrl, ws: cryptocom.wsUrl, sim: cryptocom } : null,
    accounts,
    stop: async () => {
      await Promise.all([icrypex.stop(), cryptocom?.stop()]);
    },
  };
}
