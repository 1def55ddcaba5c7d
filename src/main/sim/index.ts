import { type CryptocomSimulator, generateCryptocomAccount, startCryptocomSimulator } from './cryptocom';
import { type IcrypexSimulator, startIcrypexSimulator } from './icrypex';
import { ICRYPEX_PROFILES } from './icrypex/markets';
import { generateAccount } from './shared/accounts';
import { type SimAccountConfig, type SimExchange, type SimStartOptions } from './types';

export { type SimAccountConfig, type SimExchange, type RunningSim, type SimStartOptions } from './types';
export { startIcrypexSimulator, type IcrypexSimulator, type IcrypexQuirks } from './icrypex';
export { startCryptocomSimulator, type CryptocomSimulator, type CryptocomQuirks, type CryptocomSimOptions } from './cryptocom';
export { MatchingEngine } from './matching';
export { Faults } from './shared/faults';

/** The Crypto.com simulator as startSimulators sees it. */
export type CryptocomSimLike = CryptocomSimulator;

/** Starts one exchange's simulator from the common options. */
export type SimLauncher<S> = (options: SimStartOptions<never> & { port?: number }) => Promise<S>;

/** Wiring point for the Crypto.com simulator. */
const CRYPTOCOM_LAUNCHER: SimLauncher<CryptocomSimLike> = (options) => startCryptocomSimulator(options);

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
  cryptocom: { rest: string; ws: string; sim: CryptocomSimLike };
  /** Every account the simulators accept (given or generated). */
  accounts: SimAccountConfig[];
  stop(): Promise<void>;
}

/** The exchanges this build can simulate. */
export function availableExchanges(): SimExchange[] {
  return ['icrypex', 'cryptocom'];
}

/** Starts every simulator on loopback (sim-api.md "Starting simulators"). */
export async function startSimulators(options: StartSimulatorsOptions = {}): Promise<StartedSimulators> {
  const available = availableExchanges();
  const accounts = (options.accounts ?? []).filter((account) => available.includes(account.exchange));
  for (const exchange of available) {
    // Crypto.com's generated account also holds CRO for crobtc.
    if (!accounts.some((account) => account.exchange === exchange)) accounts.push(exchange === 'cryptocom' ? generateCryptocomAccount() : generateAccount(exchange));
  }
  const common = { seed: options.seed, accounts, bookChangesPerSecond: options.bookChangesPerSecond, synthetic: options.synthetic };
  // Demo mode also serves the sub-micro BTTCUSDT, so tiny prices are tried end to end.
  const icrypex = await startIcrypexSimulator({ ...common, profiles: ICRYPEX_PROFILES, port: options.ports?.icrypex });
  let cryptocom: CryptocomSimLike;
  try {
    cryptocom = await CRYPTOCOM_LAUNCHER({ ...common, port: options.ports?.cryptocom });
  } catch (error) {
    await icrypex.stop();
    throw error;
  }
  return {
    icrypex: { rest: icrypex.restUrl, ws: icrypex.wsUrl, sim: icrypex },
    cryptocom: { rest: cryptocom.restUrl, ws: cryptocom.wsUrl, sim: cryptocom },
    accounts,
    stop: async () => {
      await Promise.all([icrypex.stop(), cryptocom.stop()]);
    },
  };
}
