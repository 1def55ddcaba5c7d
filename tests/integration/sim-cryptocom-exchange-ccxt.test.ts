import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type CdcxSimulator, startCdcxSimulator } from '../../src/main/sim/cryptocom-exchange';

// Issue 17 point 4: a third-party client written for the real exchange (ccxt 4.5.84's
// `cryptocom`, a dev dependency), unmodified except for its base URLs, reads markets, streams
// books and trades against the simulator. Two settings only: ccxt fetches currency networks
// (a wallet method, not simulated) when it has keys, and wants an agent for plain ws:// URLs.
let sim: CdcxSimulator;
let ex: InstanceType<typeof ccxt.pro.cryptocom>;

beforeAll(async () => {
  sim = await startCdcxSimulator({ quirks: { firstSnapshotDelayMs: 0 } });
  const account = sim.accounts[0]!;
  ex = new ccxt.pro.cryptocom({ apiKey: account.apiKey, secret: account.apiSecret });
  ex.has['fetchCurrencies'] = false;
  await ex.loadHttpProxyAgent();
  ex.urls['api'] = { ...(ex.urls['api'] as object), v1: sim.apiRoot, v2: sim.apiRoot, derivatives: sim.apiRoot, ws: { public: sim.wsUrl, private: sim.userWsUrl } };
});
afterAll(async () => {
  await ex.close();
  await sim.stop();
});

describe('ccxt cryptocom against the simulator', () => {
  it('reads markets, book, candles and balance over REST', async () => {
    const markets = await ex.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USD', 'BTC/USDT', 'CRO/USDT', 'ETH/BTC', 'ETH/USDT']);
    expect(markets['BTC/USDT']!.precision).toMatchObject({ price: 0.01, amount: 0.00001 });
    const book = await ex.fetchOrderBook('BTC/USDT', 10);
    expect(book.bids.length).toBe(10);
    expect(book.bids[0]![0]).toBeLessThan(book.asks[0]![0]!);
    expect((await ex.fetchOHLCV('BTC/USDT', '1m', undefined, 5)).length).toBe(5);
    const total = (await ex.fetchBalance()).total as unknown as Record<string, number>;
    expect(total.USDT).toBe(100000);
  });

  it('places, looks up and cancels a limit order, and fills a market buy', async () => {
    const order = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 80000);
    const id = order.id ?? '';
    expect(id).toMatch(/^\d{19}$/);
    expect((await ex.fetchOrder(id, 'BTC/USDT')).status).toBe('open');
    expect((await ex.fetchOpenOrders('BTC/USDT')).map((o) => o.id)).toContain(id);
    await ex.cancelOrder(id, 'BTC/USDT');
    expect((await ex.fetchOrder(id, 'BTC/USDT')).status).toBe('canceled');
    const market = await ex.createOrder('BTC/USDT', 'market', 'buy', 0.001, 87100);
    expect((await ex.fetchOrder(market.id ?? '', 'BTC/USDT')).status).toBe('closed');
    expect((await ex.fetchMyTrades('BTC/USDT')).some((t) => t.order === market.id)).toBe(true);
  });

  it('streams the book and the own orders over the sockets', async () => {
    const book = await ex.watchOrderBook('BTC/USDT');
    expect(book.bids.length).toBeGreaterThan(0);
    const orders = ex.watchOrders('BTC/USDT');
    // The user socket is subscribed once watchOrders has sent; an order then must come through.
    const placed = await ex.createOrderWs('BTC/USDT', 'limit', 'buy', 0.001, 80000);
    expect(placed.id).toMatch(/^\d{19}$/);
    const seen = await orders;
    expect(seen.length).toBeGreaterThan(0);
  });
});
