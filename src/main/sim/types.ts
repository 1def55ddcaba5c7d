import type { SimulatedExchangeId } from '../../shared';
import { type MatchingEngine } from './matching/engine';
import { type SyntheticMarket } from './market/synthetic';
import { type Now } from './shared/clock';
import { type Faults } from './shared/faults';

/** The exchanges we simulate: the catalog's entries with `simulator: true`. */
export type SimExchange = SimulatedExchangeId;

/** An API key pair with starting balances (sim-api.md "Starting simulators"). */
export interface SimAccountConfig {
  readonly exchange: SimExchange;
  readonly apiKey: string;
  readonly apiSecret: string;
  /** Asset to decimal string, e.g. `{ USDT: '100000', BTC: '2' }`. */
  readonly balances: Readonly<Record<string, string>>;
}

/** What every simulator's start function accepts. */
export interface SimStartOptions<Quirks> {
  /** Seed for the engine ids and the synthetic market (default 1). */
  seed?: number;
  /** Accounts of this exchange (others are ignored). */
  accounts: readonly SimAccountConfig[];
  /** Book changes per second of the synthetic market (default 30). */
  bookChangesPerSecond?: number;
  /** Run the synthetic makers/takers (default true). */
  synthetic?: boolean;
  /** Spec variants to serve (defaults: the best-evidenced ones). */
  quirks?: Partial<Quirks>;
  /** Clock in Unix ms (tests inject one; default Date.now). */
  now?: Now;
  /** Port for REST and WS (default 0 = a free port). */
  port?: number;
}

/** What every running simulator exposes. */
export interface RunningSim<Quirks> {
  /** `http://127.0.0.1:<port>` */
  readonly restUrl: string;
  /** `ws://127.0.0.1:<port>/...` */
  readonly wsUrl: string;
  /** The simulator's own state, for tests (book equality, balances). */
  readonly engine: MatchingEngine;
  /** The synthetic traders; drive them with `step()` when `synthetic` is off. */
  readonly market: SyntheticMarket;
  readonly faults: Faults;
  /** Mutable switches for every spec variant. */
  readonly quirks: Quirks;
  stop(): Promise<void>;
}
