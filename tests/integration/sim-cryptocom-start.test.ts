import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { describe, expect, it } from 'vitest';

import { startSimulators } from '../../src/main/sim';
import { get, onChannel, RawWs, signedPost } from '../support/cryptocom-sim';
import { CRYPTOCOM_PROFILES } from '../../src/main/sim/cryptocom/markets';

/** Every 2020 V1 market the simulator lists, in its order (specs/cryptocom-v1.md §1). */
const V1_SYMBOLS = CRYPTOCOM_PROFILES.map((p) => p.market.symbol.toLowerCase());

// The Crypto.com simulator wired into startSimulators and `npm run sim` (sim-api.md).
describe('startSimulators with Crypto.com', () => {
  it('starts a live V1 market with a generated account that can trade every market', async () => {
    const sims = await startSimulators({ bookChangesPerSecond: 400 });
    try {
      const { sim, rest, ws } = sims.cryptocom;
      expect(rest).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(ws).toBe(`${rest.replace('http', 'ws')}/kline-api/ws`);
      const account = sims.accounts.find((a) => a.exchange === 'cryptocom')!;
      expect(account.apiKey).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(Number(account.balances.CRO)).toBeGreaterThan(0);

      const symbols = (await get(sim, '/v1/symbols')).json as { data: { symbol: string }[] };
      expect(symbols.data.map((s) => s.symbol)).toEqual(V1_SYMBOLS);
      expect(V1_SYMBOLS).toEqual(expect.arrayContaining(['crousdt', 'crobtc', 'ethcro', 'usdcusdt', 'crousdc']));
      expect(V1_SYMBOLS).not.toContain('shibusdt');
      const acct = await signedPost(sim, '/v1/account', {}, account, Date.now());
      expect(acct.json).toMatchObject({ code: '0' });

      // The synthetic market moves every pair, the very-small-price one included.
      const client = await RawWs.open(ws);
      try {
        for (const sym of ['btcusdt', 'crobtc', 'crousdt']) client.sub(`market_${sym}_trade_ticker`);
        for (const sym of ['btcusdt', 'crobtc', 'crousdt']) await client.next(onChannel(`market_${sym}_trade_ticker`), 15_000);
      } finally {
        client.close();
      }
    } finally {
      await sims.stop();
    }
  });
});

describe('npm run sim -- --json', () => {
  it('prints one JSON line naming the Crypto.com REST and WS URLs and the given account', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/sim/cli.ts', '--json', '--account', 'cryptocom:cliKey:cliSecret:USDT=5,CRO=7'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const rl = createInterface({ input: child.stdout! });
        rl.once('line', resolve);
        child.once('exit', (code) => reject(new Error(`sim exited with ${code}`)));
      });
      const summary = JSON.parse(line) as { cryptocom: { rest: string; ws: string }; accounts: { exchange: string; apiKey: string; apiSecret: string }[] };
      expect(summary.cryptocom.ws).toBe(`${summary.cryptocom.rest.replace('http', 'ws')}/kline-api/ws`);
      expect(summary.accounts).toContainEqual({ exchange: 'cryptocom', apiKey: 'cliKey', apiSecret: 'cliSecret' });
      const sim = { restUrl: summary.cryptocom.rest } as Parameters<typeof get>[0];
      const acct = await signedPost(sim, '/v1/account', {}, { apiKey: 'cliKey', apiSecret: 'cliSecret' }, Date.now());
      const coins = (acct.json as { data: { coin_list: { coin: string; normal: string }[] } }).data.coin_list;
      expect(coins.find((c) => c.coin === 'cro')!.normal).toBe('7.00000000');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
