import Big from 'big.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { CdxConnector } from '../../src/main/exchanges/cryptocom-exchange';
import { CDX } from '../../src/main/exchanges/cryptocom-exchange/endpoints';
import { signingKey } from '../../src/main/secrets';
import { type CdcxSimulator, startCdcxSimulator } from '../../src/main/sim/cryptocom-exchange';
import { TradingService } from '../../src/main/trading/service';
import { ok, type Account, type Settings } from '../../src/shared';
import { assertOk } from '../support/result';
import { seedCdxBook } from '../support/cdx-sim';

// orders:move through the trading service to the Crypto.com Exchange connector and its simulator
// (issue 17 point 1): private/amend-order keeps the order id and, as the terminal sends no new
// client_oid, the client_oid (spec §5.9); the book shows the order at its new price only.
const me = { apiKey: 'moveKey0123456789abcdef', apiSecret: 'moveSecret0123456789ab' };
const account: Account = { id: 'cdx-move', exchange: CDX, label: 'CDX', mode: 'demo', keyLast4: 'cdef', endpoints: {}, createdAt: 0 };
const settings: Settings = { readOnly: false, priceBandPercent: 10, symbolLimits: {}, accountGroups: [] };
let sim: CdcxSimulator;
let connector: CdxConnector;
let service: TradingService;

beforeAll(async () => {
  sim = await startCdcxSimulator({ synthetic: false, accounts: [{ ...me, balances: { USDT: '100000', BTC: '2' } }] });
  seedCdxBook(sim.engine, 5);
  connector = new CdxConnector({
    accountId: account.id,
    endpoints: { rest: sim.apiRoot, ws: sim.wsUrl },
    credentials: async () => signingKey(me),
    tuning: { rest: { timeoutMs: 3_000, createTimeoutMs: 800 } },
  });
  service = new TradingService({ source: { connector: async () => ok(connector), account: () => account, accountIds: () => [account.id] }, settings: () => settings });
});
afterEach(async () => {
  sim.faults.reset();
  assertOk(await connector.cancelAll('BTCUSDT'));
});
afterAll(async () => {
  await connector.stop();
  await sim.stop();
});

/** The bids at `price` in the book as the product reads it (REST, §5.2). */
async function bidsAt(price: string): Promise<string[]> {
  const book = await connector.orderBook('BTCUSDT', 50);
  assertOk(book);
  return book.value.bids.filter(([p]) => new Big(p).eq(price)).map(([, q]) => new Big(q).toString());
}

const rest = async (clientId: string) => {
  const placed = await service.place({ accountId: account.id, symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '49500', quantity: '0.01', clientId });
  assertOk(placed);
  return placed.value;
};

describe('orders:move on Crypto.com Exchange', () => {
  it('amends in place: the same order id and client_oid, and the book shows the order at the new price only', async () => {
    const original = await rest('move-amend-0001');
    expect(await bidsAt('49500')).toEqual(['0.01']);
    const moved = await service.move({ accountId: account.id, symbol: 'BTCUSDT', orderId: original.id, price: '49400', clientId: 'move-amend-0002' });
    assertOk(moved);
    expect(moved.value).toMatchObject({ kind: 'amended', order: { id: original.id, clientId: 'move-amend-0001', status: 'open' } });
    expect(moved.value.kind === 'amended' && new Big(moved.value.order.price!).toString()).toBe('49400');
    const open = await connector.openOrders('BTCUSDT');
    assertOk(open);
    expect(open.value.map((o) => [o.id, o.clientId, new Big(o.price!).toString(), new Big(o.quantity).toString()])).toEqual([[original.id, 'move-amend-0001', '49400', '0.01']]);
    expect(await bidsAt('49500')).toEqual([]);
    expect(await bidsAt('49400')).toEqual(['0.01']);
    // The replacement's client id was never used: no order was placed under it.
    expect(sim.engine.ordersOf(sim.accountIdOf(me.apiKey)!).filter((o) => o.clientId === 'move-amend-0002')).toEqual([]);
  });

  it('when the amend is not there (HTTP 404), cancels and places a new order under the move client id', async () => {
    const original = await rest('move-fallback-1');
    sim.faults.failNext({ status: 404, match: { method: 'POST', path: /\/private\/amend-order$/ } });
    const moved = await service.move({ accountId: account.id, symbol: 'BTCUSDT', orderId: original.id, price: '49300', clientId: 'move-fallback-2' });
    assertOk(moved);
    expect(moved.value).toMatchObject({ kind: 'replaced', canceled: { id: original.id }, order: { clientId: 'move-fallback-2' } });
    const replaced = moved.value.kind === 'replaced' ? moved.value.order : undefined;
    expect(replaced?.id).not.toBe(original.id);
    const open = await connector.openOrders('BTCUSDT');
    assertOk(open);
    expect(open.value.map((o) => [o.id, o.clientId, new Big(o.price!).toString()])).toEqual([[replaced?.id, 'move-fallback-2', '49300']]);
    expect(await bidsAt('49500')).toEqual([]);
    expect(await bidsAt('49300')).toEqual(['0.01']);
  });

  it('a move to a price off the tick is refused before anything is sent; the order stays', async () => {
    const original = await rest('move-refused-1');
    const moved = await service.move({ accountId: account.id, symbol: 'BTCUSDT', orderId: original.id, price: '49400.001', clientId: 'move-refused-2' });
    expect(moved).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'price' } });
    expect(await bidsAt('49500')).toEqual(['0.01']);
  });
});
