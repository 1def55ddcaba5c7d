import type { SimFaultRequest } from '../../../shared/contract/sim';
import type { SimExchange } from '../types';

/**
 * What demo mode's main process and its simulator process (host/main.ts) say to each other
 * over the process channel (Electron's utility-process port, or Node's fork IPC). Both ends are
 * this app, so messages are plain structured-clone data; secrets travel here, never in argv or
 * the environment, where `ps` would show them.
 */

/** One demo account the simulators must accept (its balances are the simulator's demo set). */
export interface HostAccount {
  exchange: SimExchange;
  apiKey: string;
  apiSecret: string;
}

export type ToHost =
  | { type: 'start'; accounts: HostAccount[]; seed?: number }
  | { type: 'fault'; id: number; request: SimFaultRequest }
  | { type: 'stop' };

export type FromHost =
  | { type: 'ready'; endpoints: Partial<Record<SimExchange, { rest: string; ws: string }>> }
  | { type: 'failed'; message: string }
  | { type: 'fault-result'; id: number; applied?: string[]; error?: string }
  | { type: 'stopped' };

/** The argument that names the process the simulator host must not outlive. */
export const PARENT_PID_ARG = '--parent-pid=';
