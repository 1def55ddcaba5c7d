import type { SimulatorLauncher } from '../accounts/demo';
import { availableExchanges, simEndpoints, simulatorBalances, startSimulators } from '../sim';

/** Demo mode's embedded exchanges (src/main/sim), on loopback ports chosen at each start. */
export const defaultSimulators: SimulatorLauncher = {
  exchanges: availableExchanges(),
  async start(accounts) {
    // Simulator state lives in memory, so demo balances reset every start.
    const sims = await startSimulators({
      accounts: accounts.map((a) => ({ exchange: a.exchange, apiKey: a.apiKey, apiSecret: a.apiSecret, balances: simulatorBalances(a.exchange) })),
    });
    return { endpoints: simEndpoints(sims), fault: (request) => sims.fault(request), stop: () => sims.stop() };
  },
};
