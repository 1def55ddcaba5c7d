import type { SimulatorLauncher } from '../accounts/demo';

/**
 * Demo mode's embedded exchanges (src/main/sim). Undefined until the simulator lands in this
 * build; the engine then starts no simulators and creates no demo accounts.
 */
export const defaultSimulators: SimulatorLauncher | undefined = undefined;
