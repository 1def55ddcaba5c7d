import { generateCryptocomAccount, startCryptocomSimulator, type CryptocomQuirks, type CryptocomSimulator } from '../../src/main/sim/cryptocom';
import { CryptocomConnector, type CryptocomTuning } from '../../src/main/exchanges/cryptocom';
import type { Clock } from '../../src/main/net/clock';
import { CountingProxy } from './counting-proxy';
import { WsTap } from './ws-tap';
import { signingKey } from '../../src/main/secrets';

export { waitFor } from './wait';

/** Fast timings for tests: short timeouts and back-offs, the same code paths as production. */
export const TEST_TUNING: Partial<CryptocomTuning> = {
  rest: { timeoutMs: 3_000, createTimeoutMs: 1_500, base429BackoffMs: 100, max429BackoffMs: 800, max429Retries: 5 },
  stream: { heartbeatWindowMs: 2_000, deadAfterMs: 4_000, backoff: { initialMs: 50, maxMs: 400 }, lingerMs: 200 },
  poller: { fastMs: 300, slowMs: 1_000, recentMs: 3_000 },
  submit: { reconcileWindowMs: 4_000, reconcileIntervalMs: 250, decideWithinMs: 30_000 },
};

export interface CdcRig {
  sim: CryptocomSimulator;
  connector: CryptocomConnector;
  /** Every REST request the connector made (through a recording proxy). */
  proxy: CountingProxy;
  /** Every frame the connector sent on its market socket (through a recording relay). */
  tap: WsTap;
  /** The simulator's engine account id of the connector's key. */
  engineAccount: string;
  logs: string[];
  /** A second connector on the same key with a wrong secret. */
  withSecret(secret: string): CryptocomConnector;
  stop(): Promise<void>;
}

/** Starts a simulator (fresh random credentials) and a connector pointed at it. */
export async function startRig(
  options: { quirks?: Partial<CryptocomQuirks>; synthetic?: boolean; tuning?: Partial<CryptocomTuning>; balances?: Record<string, string>; clock?: Clock } = {},
): Promise<CdcRig> {
  const account = generateCryptocomAccount();
  const config = options.balances ? { ...account, balances: options.balances } : account;
  const sim = await startCryptocomSimulator({ accounts: [config], synthetic: options.synthetic ?? false, ...(options.quirks ? { quirks: options.quirks } : {}) });
  const proxy = await CountingProxy.start(sim.restUrl);
  const tap = await WsTap.start(sim.wsUrl);
  const logs: string[] = [];
  const tuning = { ...TEST_TUNING, ...options.tuning };
  const make = (secret: string) =>
    new CryptocomConnector({
      accountId: 'cdc-test',
      endpoints: { rest: proxy.url, ws: tap.url },
      credentials: async () => signingKey({ apiKey: config.apiKey, apiSecret: secret }),
      tuning,
      ...(options.clock ? { clock: options.clock } : {}),
      log: (line) => logs.push(line),
    });
  const connector = make(config.apiSecret);
  await connector.start();
  const extra: CryptocomConnector[] = [];
  return {
    sim,
    connector,
    proxy,
    tap,
    engineAccount: sim.accountIdOf(config.apiKey)!,
    logs,
    withSecret(secret) {
      const c = make(secret);
      extra.push(c);
      return c;
    },
    async stop() {
      for (const c of extra) await c.stop();
      await connector.stop();
      await proxy.close();
      await tap.close();
      await sim.stop();
      // No secret in any log line (SECURITY.md): fail the test that produced one.
      const leaked = logs.filter((l) => l.includes(config.apiSecret) || l.includes(config.apiKey));
      if (leaked.length) throw new Error(`${leaked.length} log line(s) carry the API key or secret`);
    },
  };
}

