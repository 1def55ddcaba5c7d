import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IcrypexSimulator, startIcrypexSimulator } from '../../src/main/sim/icrypex';
import { generateAccount } from '../../src/main/sim/shared/accounts';
import { fixture, shape, signedHeaders } from '../support/icrypex-sim';

// Signed REST of specs/icrypex.md §7.7-§7.13 with the §6 pagination and §9 switches, raw HTTP.
let sim: IcrypexSimulator;
const alice = generateAccount('icrypex', { USDT: '100000', BTC: '2', SHIB: '100000000' });
const bob = generateAccount('icrypex', { USDT: '100000', BTC: '2' });

async function call(method: string, path: string, body?: unknown, account = alice) {
  const res = await fetch(sim.restUrl + path, { method, headers: signedHeaders(account, Date.now()), body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}
const place = (order: Record<string, unknown>, account = alice) => call('POST', '/sapi/v1/orders', order, account);
const nowS = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  sim = await startIcrypexSimulator({ seed: 8, accounts: [alice, bob], synthetic: false, historyMinutes: 60 });
});
afterAll(async () => {
  await sim.stop();
});

describe('POST /sapi/v1/orders (§7.7)', () => {
  it('fills a market BUY sized by total and answers the sample shape: string id, Fill, lastTrades', async () => {
    const ask = sim.engine.top('BTCUSDT').ask!;
    const { status, body } = await place({ symbol: 'BTCUSDT', type: 'MARKET', side: 'BUY', total: '23' });
    expect(status).toBe(200);
    expect(shape(body)).toEqual({
      id: 'string', ok: 'boolean', pairSymbol: 'string', status: 'string', quantity: 'string', leftQuantity: 'string',
      total: 'string', matchedTotal: 'string', lastTrades: [{ quantity: 'string', price: 'string' }],
    });
    expect(body).toMatchObject({ ok: true, pairSymbol: 'BTCUSDT', status: 'Fill', total: '23', leftQuantity: '0' });
    expect((body!.lastTrades as Array<{ price: string }>)[0]!.price).toBe(ask);
    expect(Number(body!.matchedTotal)).toBeLessThanOrEqual(23);
    expect(Number(body!.matchedTotal)).toBeGreaterThan(22.9);
  });

  it('rests a LIMIT order as Open and accepts lower-case enums (§9.9)', async () => {
    const { status, body } = await place({ symbol: 'btcusdt', type: 'limit', side: 'buy', price: '50000', quantity: '0.01', clientId: 'web' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'Open', quantity: '0.01', leftQuantity: '0.01', total: '500', matchedTotal: '0', lastTrades: [] });
    expect(sim.engine.openOrders(alice.apiKey).some((o) => o.id === Number(body!.id) && o.clientId === 'web')).toBe(true);
  });

  it('switches the reply to trades / both, FILL / Filled and integer ids (§9.10, §9.11)', async () => {
    Object.assign(sim.quirks, { placeTradesKey: 'both', placeStatusStyle: 'UPPER', placeIdAsString: false });
    try {
      const { body } = await place({ symbol: 'BTCUSDT', type: 'MARKET', side: 'SELL', quantity: '0.001' });
      expect(body).toMatchObject({ status: 'FILL' });
      expect(typeof body!.id).toBe('number');
      expect(body!.trades).toEqual(body!.lastTrades);
      sim.quirks.placeTradesKey = 'trades';
      sim.quirks.placeStatusStyle = 'table';
      const second = await place({ symbol: 'BTCUSDT', type: 'MARKET', side: 'SELL', quantity: '0.001' });
      expect(second.body).toMatchObject({ status: 'Filled' });
      expect(second.body).not.toHaveProperty('lastTrades');
      const rows = second.body!.trades as Array<{ quantity: string }>;
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows.reduce((sum, row) => sum + Number(row.quantity), 0)).toBeCloseTo(0.001, 10);
    } finally {
      Object.assign(sim.quirks, { placeTradesKey: 'lastTrades', placeStatusStyle: 'Pascal', placeIdAsString: true });
    }
  });

  it('answers validation failures with 400 and business failures with 422, code in snake_case and the field in the message', async () => {
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [{ symbol: 'BTCUSDT', type: 'LIMIT', side: 'BUY', quantity: '1' }, 400, 'invalid_parameter', 'price'],
      [{ symbol: 'BTCUSDT', type: 'ICEBERG', side: 'BUY', price: '1', quantity: '1' }, 400, 'invalid_parameter', 'type'],
      [{ symbol: 'BTCUSDT', type: 'LIMIT', side: 'HOLD', price: '1', quantity: '1' }, 400, 'invalid_parameter', 'side'],
      [{ symbol: 'BTCUSDT', type: 'LIMIT', side: 'BUY', price: '50000.001', quantity: '0.01' }, 400, 'invalid_precision', 'price'],
      [{ symbol: 'NOPEUSDT', type: 'LIMIT', side: 'BUY', price: '1', quantity: '1' }, 400, 'invalid_symbol', 'symbol'],
      [{ symbol: 'BTCUSDT', type: 'LIMIT', side: 'BUY', price: '50000', quantity: '0.0001' }, 422, 'below_min_exchange_value', 'minimum'],
      [{ symbol: 'BTCUSDT', type: 'LIMIT', side: 'BUY', price: '80000', quantity: '5' }, 422, 'insufficient_balance', 'USDT'],
      [{ symbol: 'BTCUSDT', type: 'MARKET', side: 'BUY', total: '5' }, 422, 'below_min_exchange_value', 'total'],
      [{ symbol: 'BTCUSDT', type: 'LIMIT', side: 'BUY', price: '1000', quantity: '0.1' }, 422, 'price_out_of_limit', 'price'],
    ];
    for (const [order, status, code, mention] of cases) {
      const reply = await place(order);
      expect(reply.status, JSON.stringify(order)).toBe(status);
      expect(Object.keys(reply.body!).sort()).toEqual(['code', 'message']);
      expect(reply.body!.code, JSON.stringify(order)).toBe(code);
      expect(String(reply.body!.message)).toContain(mention);
    }
    const notJson = await fetch(`${sim.restUrl}/sapi/v1/orders`, { method: 'POST', headers: signedHeaders(alice, Date.now()), body: '{oops' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: 'invalid_json' });
  });

  it('answers market_disabled exactly like the documented sample for a cancel-only pair', async () => {
    sim.engine.setMarketStatus('BTCUSDT', 'cancel-only');
    try {
      const reply = await place({ symbol: 'BTCUSDT', type: 'LIMIT', side: 'BUY', price: '50000', quantity: '0.01' });
      expect(reply.status).toBe(422);
      expect(reply.text).toBe(fixture('doc-error-model-market-disabled.json'));
    } finally {
      sim.engine.setMarketStatus('BTCUSDT', 'running');
    }
  });
});

describe('DELETE /sapi/v1/orders (§7.8)', () => {
  it('cancels by query string and by path, answering {"ok":true,"id":<int>,"code":"SUCCESS"}', async () => {
    const a = await place({ symbol: 'BTCUSDT', type: 'LIMIT', side: 'BUY', price: '50001', quantity: '0.01' });
    const b = await place({ symbol: 'BTCUSDT', type: 'LIMIT', side: 'BUY', price: '50002', quantity: '0.01' });
    const byQuery = await call('DELETE', `/sapi/v1/orders?orderId=${String(a.body!.id)}`);
    expect(byQuery).toMatchObject({ status: 200, body: { ok: true, id: Number(a.body!.id), code: 'SUCCESS' } });
    const byPath = await call('DELETE', `/sapi/v1/orders/${String(b.body!.id)}`);
    expect(byPath).toMatchObject({ status: 200, body: { ok: true, id: Number(b.body!.id), code: 'SUCCESS' } });
    expect(sim.engine.order(alice.apiKey, Number(b.body!.id))!.status).toBe('canceled');
  });

  it('refuses to cancel a closed, unknown or foreign order (422 by default, 404 when switched)', async () => {
    const mine = await place({ symbol: 'BTCUSDT', type: 'LIMIT', side: 'BUY', price: '50003', quantity: '0.01' });
    expect(await call('DELETE', `/sapi/v1/orders?orderId=${String(mine.body!.id)}`, undefined, bob)).toMatchObject({ status: 422, body: { code: 'order_not_found' } });
    await call('DELETE', `/sapi/v1/orders?orderId=${String(mine.body!.id)}`);
    expect(await call('DELETE', `/sapi/v1/orders?orderId=${String(mine.body!.id)}`)).toMatchObject({ status: 422, body: { code: 'order_not_open' } });
    expect(await call('DELETE', '/sapi/v1/orders')).toMatchObject({ status: 400, body: { code: 'invalid_parameter' } });
    sim.quirks.cancelUnknown = 404;
    try {
      expect(await call('DELETE', '/sapi/v1/orders?orderId=1')).toMatchObject({ status: 404, text: '' });
    } finally {
      sim.quirks.cancelUnknown = 422;
    }
  });
});

describe('order and trade lists (§6, §7.9-§7.12)', () => {
  it('pages open orders newest first with the §6 wrapper on all three path forms', async () => {
    for (let i = 0; i < 3; i++) await place({ symbol: 'SHIBUSDT', type: 'LIMIT', side: 'BUY', price: '0.00001', quantity: String(1_000_000 + i) });
    const first = await call('GET', '/sapi/v1/orders?page=1&limit=2');
    expect(first.status).toBe(200);
    expect(shape({ ...first.body, items: [] })).toEqual({
      hasNextPage: 'boolean', hasPreviousPage: 'boolean', indexFrom: 'number', items: [], pageIndex: 'number', pageSize: 'number', totalCount: 'number', totalPages: 'number',
    });
    const open = sim.engine.openOrders(alice.apiKey).length;
    expect(first.body).toMatchObject({ pageIndex: 1, pageSize: 2, totalCount: open, totalPages: Math.ceil(open / 2), indexFrom: 1, hasPreviousPage: false, hasNextPage: true });
    const items = first.body!.items as Array<Record<string, unknown>>;
    expect(Number(items[0]!.id)).toBeGreaterThan(Number(items[1]!.id));
    expect(shape(items[0])).toEqual({
      clientId: 'string', createdDate: 'number', id: 'number', leftQuantity: 'string', price: 'string', quantity: 'string', side: 'string',
      status: 'string', symbol: 'string', total: 'string', triggerPrice: 'string', type: 'string', updatedDate: 'number',
    });
    expect(items[0]).toMatchObject({ status: 'OPEN', type: 'LIMIT', side: 'BUY', triggerPrice: '0', symbol: 'SHIBUSDT' });
    expect(Math.abs(Number(items[0]!.createdDate) - Date.now())).toBeLessThan(60_000);
    const last = await call('GET', `/sapi/v1/orders?page=${Math.ceil(open / 2)}&limit=2`);
    expect(last.body).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    for (const path of ['/sapi/v1/orders/SHIBUSDT', '/sapi/v1/orders?symbol=SHIBUSDT']) {
      const filtered = await call('GET', path);
      expect((filtered.body!.items as Array<{ symbol: string }>).map((o) => o.symbol), path).toEqual(['SHIBUSDT', 'SHIBUSDT', 'SHIBUSDT']);
    }
    expect(await call('GET', '/sapi/v1/orders?page=0')).toMatchObject({ status: 400, body: { message: expect.stringContaining('page') } });
    expect(await call('GET', '/sapi/v1/orders?limit=500')).toMatchObject({ status: 400, body: { message: expect.stringContaining('limit') } });
  });

  it('filters order history by time, status, type and side, and needs from/to', async () => {
    const all = await call('GET', `/sapi/v1/orders/history?from=${nowS() - 600}&to=${nowS()}&page=1&limit=100`);
    const items = all.body!.items as Array<{ status: string; type: string; side: string }>;
    expect(new Set(items.map((o) => o.status))).toEqual(new Set(['OPEN', 'FILL', 'CANCEL']));
    const fills = await call('GET', `/sapi/v1/orders/history?from=${nowS() - 600}&to=${nowS()}&status=FILL&type=MARKET&side=SELL`);
    expect((fills.body!.items as Array<{ status: string; type: string; side: string }>).every((o) => o.status === 'FILL' && o.type === 'MARKET' && o.side === 'SELL')).toBe(true);
    expect((fills.body!.items as unknown[]).length).toBe(2);
    const old = await call('GET', `/sapi/v1/orders/history?from=1&to=1000`);
    expect(old.body).toMatchObject({ totalCount: 0, items: [] });
    expect(await call('GET', '/sapi/v1/orders/history?to=1')).toMatchObject({ status: 400, body: { message: expect.stringContaining('from') } });
    sim.quirks.listStatusStyle = 'long';
    try {
      const long = await call('GET', `/sapi/v1/orders/history?from=${nowS() - 600}&to=${nowS()}&status=FILL`);
      expect((long.body!.items as Array<{ status: string }>)[0]!.status).toBe('FILLED');
    } finally {
      sim.quirks.listStatusStyle = 'short';
    }
  });

  it('lists user trades (fee in base for buys, quote for sells) and the trades of one order', async () => {
    const trades = await call('GET', `/sapi/v1/trades?from=${nowS() - 600}&to=${nowS()}&symbol=BTCUSDT`);
    const items = trades.body!.items as Array<Record<string, unknown>>;
    expect(items.length).toBe(sim.engine.fills(alice.apiKey, { symbol: 'BTCUSDT' }).length);
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(shape(items[0])).toEqual({ date: 'number', fee: 'string', orderId: 'number', pairSymbol: 'string', price: 'string', quantity: 'string', side: 'string', total: 'string' });
    expect(Math.abs(Number(items[0]!.date) - nowS())).toBeLessThan(60);
    const sell = items.find((t) => t.side === 'SELL')!;
    expect(Number(sell.fee)).toBeCloseTo(Number(sell.total) * 0.001, 8);
    const byOrder = await call('GET', `/sapi/v1/orders/trades/${String(sell.orderId)}`);
    expect(byOrder.status).toBe(200);
    expect(byOrder.body).toEqual(items.filter((t) => t.orderId === sell.orderId).reverse());
    expect(await call('GET', `/sapi/v1/trades?from=${nowS() - 600}&to=${nowS()}&side=SELL`)).toMatchObject({ body: { totalCount: sim.engine.fills(alice.apiKey, { side: 'sell' }).length } });
    expect(await call('GET', `/sapi/v1/trades?from=${nowS() - 600}&to=${nowS()}&clientId=web`)).toMatchObject({ body: { totalCount: 0 } });
  });
});

describe('GET /sapi/v1/wallet (§7.13)', () => {
  it('reports per-asset order/available/total on both paths with available = total - order', async () => {
    for (const path of ['/sapi/v1/wallet', '/sapi/v1/wallet/spot']) {
      const { status, body } = await call('GET', path);
      expect(status).toBe(200);
      const rows = body as unknown as Array<Record<string, string>>;
      expect(rows.map((r) => r.asset)).toEqual(['BTC', 'ETH', 'SHIB', 'USDT']);
      expect(Object.keys(rows[0]!).sort()).toEqual(['asset', 'available', 'blocked', 'btcValue', 'locked', 'order', 'request', 'total', 'tryValue']);
      for (const row of rows) expect(Number(row.available)).toBeCloseTo(Number(row.total) - Number(row.order) - Number(row.request) - Number(row.blocked), 8);
      const usdt = rows.find((r) => r.asset === 'USDT')!;
      const engine = sim.engine.balances(alice.apiKey).find((b) => b.asset === 'USDT')!;
      expect([usdt.available, usdt.order]).toEqual([engine.free, engine.locked]);
      expect(Number(usdt.order)).toBeGreaterThan(0);
    }
  });
});
