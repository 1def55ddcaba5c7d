import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ICRYPEX_QUIRKS, type IcrypexSimulator, startIcrypexSimulator } from '../../src/main/sim/icrypex';
import { generateAccount } from '../../src/main/sim/shared/accounts';
import { FrameClient, signedHeaders } from '../support/icrypex-sim';

// Each specs/icrypex.md §9 switch not covered elsewhere, flipped and observed on the wire.
const trader = generateAccount('icrypex', { USDT: '100000', BTC: '2' });
let sim: IcrypexSimulator;
const clients: FrameClient[] = [];
const signed = async (path: string, method = 'GET', body?: unknown) => {
  const res = await fetch(sim.restUrl + path, { method, headers: signedHeaders(trader, Date.now()), body: body === undefined ? undefined : JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
};

beforeAll(async () => {
  sim = await startIcrypexSimulator({ seed: 12, accounts: [trader], synthetic: false, historyMinutes: 30 });
  await signed('/sapi/v1/orders', 'POST', { symbol: 'BTCUSDT', type: 'MARKET', side: 'BUY', total: '100' });
  await signed('/sapi/v1/orders', 'POST', { symbol: 'BTCUSDT', type: 'LIMIT', side: 'BUY', price: '60000', quantity: '0.01' });
});
afterEach(() => {
  Object.assign(sim.quirks, DEFAULT_ICRYPEX_QUIRKS);
  for (const client of clients.splice(0)) client.close();
});
afterAll(async () => {
  await sim.stop();
});

describe('Icrypex quirks (§9)', () => {
  it('orderTotalKey: total, totalQuote or both on list orders', async () => {
    const items = async () => ((await signed('/sapi/v1/orders')).items as Array<Record<string, unknown>>)[0]!;
    expect(await items()).toMatchObject({ total: '600' });
    expect(await items()).not.toHaveProperty('totalQuote');
    sim.quirks.orderTotalKey = 'totalQuote';
    expect(await items()).toMatchObject({ totalQuote: '600' });
    expect(await items()).not.toHaveProperty('total');
    sim.quirks.orderTotalKey = 'both';
    expect(await items()).toMatchObject({ total: '600', totalQuote: '600' });
  });

  it('orderDateUnit, tradeDateUnit and queryTimeUnit switch between seconds and milliseconds', async () => {
    const nowMs = Date.now();
    const orderDate = async () => ((await signed('/sapi/v1/orders')).items as Array<{ createdDate: number }>)[0]!.createdDate;
    expect(Math.abs((await orderDate()) - nowMs)).toBeLessThan(60_000);
    sim.quirks.orderDateUnit = 's';
    expect(Math.abs((await orderDate()) - nowMs / 1000)).toBeLessThan(60);
    const s = Math.floor(nowMs / 1000);
    const tradeDate = async (query: string) => ((await signed(`/sapi/v1/trades?${query}`)).items as Array<{ date: number }>)[0]?.date;
    expect(Math.abs((await tradeDate(`from=${s - 600}&to=${s + 600}`))! - s)).toBeLessThan(60);
    sim.quirks.tradeDateUnit = 'ms';
    expect(Math.abs((await tradeDate(`from=${s - 600}&to=${s + 600}`))! - nowMs)).toBeLessThan(60_000);
    // Seconds read as milliseconds fall in 1970: nothing matches until the unit is switched.
    sim.quirks.queryTimeUnit = 'ms';
    expect(await tradeDate(`from=${s - 600}&to=${s + 600}`)).toBeUndefined();
    expect(await tradeDate(`from=${nowMs - 600_000}&to=${nowMs + 600_000}`)).toBeDefined();
  });

  it('walletExtraFields and assetLimitFields add or drop the optional keys', async () => {
    sim.quirks.walletExtraFields = false;
    const wallet = (await fetch(`${sim.restUrl}/sapi/v1/wallet`, { headers: signedHeaders(trader, Date.now()) }).then((r) => r.json())) as Array<Record<string, string>>;
    expect(Object.keys(wallet[0]!).sort()).toEqual(['asset', 'available', 'blocked', 'order', 'request', 'total']);
    sim.quirks.assetLimitFields = true;
    const info = (await fetch(`${sim.restUrl}/v1/exchange/info`).then((r) => r.json())) as { assets: Array<Record<string, unknown>> };
    expect(info.assets[0]).toMatchObject({ limitWithdrawal24h: '0', limitWithdrawal30d: '0', limitDeposit24h: '0', limitDeposit30d: '0' });
  });

  it('emptyKlines answers {"s":"ok"} with empty arrays when switched', async () => {
    sim.quirks.emptyKlines = 'ok';
    const reply = await fetch(`${sim.restUrl}/v1/trades/kline?symbol=BTCUSDT&resolution=1&from=1000&to=2000`).then((r) => r.json());
    expect(reply).toEqual({ s: 'ok', t: [], o: [], h: [], l: [], c: [], v: [] });
  });

  it('shortBookCs, tickerAssetKeys, tradeM and unsubscribeAck change the WS frames', async () => {
    Object.assign(sim.quirks, { shortBookCs: true, tickerAssetKeys: false, tradeM: false, unsubscribeAck: true });
    const client = await FrameClient.connect(sim.wsUrl);
    clients.push(client);
    client.send('subscribe|{"c":"orderbook-short@btcusdt","s":true}');
    expect((await client.next('orderbook')).body).toHaveProperty('cs');
    client.send('subscribe|{"c":"ticker@btcusdt","s":true}');
    await client.waitFor((f) => f.includes('ticker@btcusdt'));
    sim.pushTickers();
    const ticker = await client.next('ticker');
    expect(ticker.body).not.toHaveProperty('bs');
    expect(ticker.body).not.toHaveProperty('qs');
    client.send('subscribe|{"c":"trade@btcusdt","s":true}');
    const batch = await client.next('trades');
    expect((batch.body.ts as Array<Record<string, unknown>>)[0]).not.toHaveProperty('m');
    client.send('subscribe|{"c":"trade@btcusdt","s":false}');
    expect((await client.waitFor((f) => f.startsWith('subscribe-response|{"c":"trade@btcusdt"'), { from: batch.index })).frame).toBe('subscribe-response|{"c":"trade@btcusdt","s":true}');
  });
});
