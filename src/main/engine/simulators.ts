import type { SimulatorLauncher } from '../accounts/demo';
import { availableExchanges, startSimulators, type SimAccountConfig } from '../sim';
import { CRYPTOCOM_DEMO_BALANCES } from '../sim/cryptocom/markets';
import { DEFAULT_BALANCES } from '../sim/shared/accounts';

/** Starting balances of a demo account; simulator state lives in memory, so they reset every start. */
function demoBalances(exchange: SimAccountConfig['exchange']): Record<string, string> {
  // The Crypto.com simulator lists the 2020 V1 markets: its demo account holds those coins.
  return exchange === 'cryptocom' ? { ...CRYPTOCOM_DEMO_BALANCES } : { ...DEFAULT_BALANCES };
}

/** Demo mode's embedded exchanges (src/main/sim), on loopback ports chosen at each start. */
export const defaultSimulators: SimulatorLauncher = {
  exchanges: availableExchanges(),
  async start(accounts) {
    const sims = await startSimulators({
      accounts: accounts.map((a) => ({ exchange: a.exchange, apiKey: a.apiKey, apiSecret: a.apiSecret, balances: demoBalances(a.exchange) })),
    });
    return {
      endpoints: {
        icrypex: { rest: sims.icrypex.rest, ws: sims.icrypex.ws },
        cryptocom: { rest: sims.cryptocom.rest, ws: sims.cryptocom.ws },
      },
      fault: (request) => sims.fault(request),
      stop: () => sims.stop(),
    };
  },
};
