import { type SimFaultRequest } from '../../shared/contract/sim';
import { applySimFault } from './control/apply';
import { type CryptocomMarketSet, type CryptocomQuirks, type CryptocomSimulator, generateCryptocomAccount, startCryptocomSimulator } from './cryptocom';
import { type IcrypexSimulator, startIcrypexSimulator } from './icrypex';
import { generateAccount } from './shared/accounts';
import { type SimAccountConfig, type SimExchange, type SimStartOptions } from './types';

export { type SimAccountConfig, type SimExchange, type RunningSim, type SimStartOptions } from './types';
export { startIcrypexSimulator, type IcrypexSimulator, type IcrypexQuirks } from './icrypex';
export { startCryptocomSimulator, type CryptocomSimulator, type CryptocomQuirks, type CryptocomSimOptions, type CryptocomMarketSet } from './cryptocom';
export { applySimFault, parseFaultSpec, startSimControl, type SimControl } from './control';
export { MatchingEngine } from './matching';
export { Faults } from './shared/faults';

/** The Crypto.com simulator as startSimulators sees it. */
export type CryptocomSimLike = CryptocomSimulator;

/** Starts one exchange's simulator from the common options. */
export type SimLauncher<S> = (options: Omit<SimStartOptions<CryptocomQuirks>, 'accounts'> & { accounts: readonly SimAccountConfig[]; port?: number; markets?: CryptocomMarketSet }) => Promise<S>;

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
  /** Crypto.com only: which 2020 markets (default all) and quirk overrides (e.g. `orderQueryPer100ms`). */
  cryptocom?: { markets?: CryptocomMarketSet; quirks?: Partial<CryptocomQuirks> };
}

export interface StartedSimulators {
  icrypex: { rest: string; ws: string; sim: IcrypexSimulator };
  cryptocom: { rest: string; ws: string; sim: CryptocomSimLike };
  /** Every account the simulators accept (given or generated). */
  accounts: SimAccountConfig[];
  /** Injects a fault into one or both simulators (control/apply.ts); says what each did. */
  fault(request: SimFaultRequest): string[];
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
    // Crypto.com's generated account holds the 2020 V1 coins (CRO, USDC, …).
    if (!accounts.some((account) => account.exchange === exchange)) accounts.push(exchange === 'cryptocom' ? generateCryptocomAccount() : generateAccount(exchange));
  }
  const common = { seed: options.seed, accounts, bookChangesPerSecond: options.bookChangesPerSecond, synthetic: options.synthetic };
  const icrypex = await startIcrypexSimulator({ ...common, port: options.ports?.icrypex });
  let cryptocom: CryptocomSimLike;
  try {
    cryptocom = await CRYPTOCOM_LAUNCHER({ ...common, port: options.ports?.cryptocom, markets: options.cryptocom?.markets, quirks: options.cryptocom?.quirks });
  } catch (error) {
    await icrypex.stop();
    throw error;
  }
  return {
    icrypex: { rest: icrypex.restUrl, ws: icrypex.wsUrl, sim: icrypex },
    cryptocom: { rest: cryptocom.restUrl, ws: cryptocom.wsUrl, sim: cryptocom },
    accounts,
    fault: (request) => applySimFault({ icrypex, cryptocom }, request),
    stop: async () => {
      await Promise.all([icrypex.stop(), cryptocom.stop()]);
    },
  };
}
