import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type IcrypexSimulator, ICRYPEX_RATE_TABLE, startIcrypexSimulator } from '../../src/main/sim/icrypex';
import { generateAccount } from '../../src/main/sim/shared/accounts';
import { manualClock } from '../../src/main/sim/shared/clock';
import { rawRequest, signedHeaders } from '../support/icrypex-sim';

// specs/icrypex.md §5: per IP and per key over 60 s, 429 with an empty body, then 60 s of rejections.
// The clock is injected, so nothing here waits a minute. Two loopback source addresses play two IPs.
const clock = manualClock(Date.UTC(2026, 5, 1));
const alice = generateAccount('icrypex');
const bob = generateAccount('icrypex');
const IP_A = '127.0.0.1';
const IP_B = '127.0.0.2';
let sim: IcrypexSimulator;

const orderbook = (ip: string) => rawRequest(`${sim.restUrl}/v1/orderbook?symbol=BTCUSDT`, { localAddress: ip });
const wallet = (account: typeof alice, ip: string) => rawRequest(`${sim.restUrl}/sapi/v1/wallet`, { localAddress: ip, headers: signedHeaders(account, clock.now()) });

beforeAll(async () => {
  sim = await startIcrypexSimulator({ accounts: [alice, bob], synthetic: false, historyMinutes: 10, now: clock.now });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => sim.resetRateLimits());

describe('Icrypex rate limits (§5)', () => {
  it('allows 240 orderbook calls a minute per IP, then answers 429 with an empty body for 60 s', async () => {
    expect(ICRYPEX_RATE_TABLE.orderbook.limit).toBe(240);
    for (let i = 0; i < 240; i++) {
      const reply = await orderbook(IP_A);
      if (reply.status !== 200) throw new Error(`call ${i + 1} answered ${reply.status}`);
    }
    const limited = await orderbook(IP_A);
    expect(limited).toMatchObject({ status: 429, text: '' });
    // Another IP has its own counter.
    expect((await orderbook(IP_B)).status).toBe(200);
    // The window has passed but the rejection period (60 s from the 429) has not.
    clock.advance(59_999);
    expect((await orderbook(IP_A)).status).toBe(429);
    clock.advance(1);
    expect((await orderbook(IP_A)).status).toBe(200);
  });

  it('counts account rules per key as well as per IP: a limited key is refused from any IP', async () => {
    expect(ICRYPEX_RATE_TABLE.wallet).toMatchObject({ limit: 120, policy: 'ip+account' });
    for (let i = 0; i < 60; i++) expect((await wallet(alice, IP_A)).status).toBe(200);
    for (let i = 0; i < 60; i++) expect((await wallet(alice, IP_B)).status).toBe(200);
    // 120 on alice's key (60 per IP): the key is over, both IPs are not.
    expect((await wallet(alice, IP_A)).status).toBe(429);
    expect((await wallet(alice, IP_B)).status).toBe(429);
    expect((await wallet(bob, IP_B)).status).toBe(200);
    clock.advance(60_000);
    expect((await wallet(alice, IP_B)).status).toBe(200);
  });

  it('counts account rules per IP too: one IP over the limit is refused for every key', async () => {
    for (let i = 0; i < 120; i++) expect((await wallet(i % 2 ? alice : bob, IP_A)).status).toBe(200);
    expect((await wallet(alice, IP_A)).status).toBe(429);
    expect((await wallet(bob, IP_A)).status).toBe(429);
    expect((await wallet(bob, IP_B)).status).toBe(200);
  });

  it('keeps separate counters per rule and leaves exchange info unlimited', async () => {
    for (let i = 0; i < 240; i++) await orderbook(IP_A);
    expect((await orderbook(IP_A)).status).toBe(429);
    expect((await rawRequest(`${sim.restUrl}/v1/tickers`, { localAddress: IP_A })).status).toBe(200);
    for (let i = 0; i < 310; i++) {
      const reply = await rawRequest(`${sim.restUrl}/v1/exchange/info`, { localAddress: IP_A });
      if (reply.status !== 200) throw new Error(`exchange info call ${i + 1} answered ${reply.status}`);
    }
  });

  it('applies the Order Insert rule (300) to the place endpoint', async () => {
    const body = JSON.stringify({ symbol: 'BTCUSDT', type: 'LIMIT', side: 'BUY', price: 'x', quantity: '1' });
    for (let i = 0; i < 300; i++) {
      const reply = await rawRequest(`${sim.restUrl}/sapi/v1/orders`, { method: 'POST', localAddress: IP_A, headers: signedHeaders(alice, clock.now()), body });
      if (reply.status !== 400) throw new Error(`place ${i + 1} answered ${reply.status}`);
    }
    const limited = await rawRequest(`${sim.restUrl}/sapi/v1/orders`, { method: 'POST', localAddress: IP_A, headers: signedHeaders(alice, clock.now()), body });
    expect(limited).toMatchObject({ status: 429, text: '' });
  });
});
