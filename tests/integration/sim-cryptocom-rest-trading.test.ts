import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type CryptocomSimulator, DEFAULT_CRYPTOCOM_QUIRKS, startCryptocomSimulator } from '../../src/main/sim/cryptocom';
import { type RawReply, seedBook, signedPost } from '../support/cryptocom-sim';
import { waitFor } from '../support/wait';

// Signed endpoints over raw HTTP, shapes per specs/cryptocom-v1.md §5.7-§5.14.
let sim: CryptocomSimulator;
const creds = { apiKey: randomBytes(8).toString('hex'), apiSecret: randomBytes(16).toString('hex') };
const other = { apiKey: randomBytes(8).toString('hex'), apiSecret: randomBytes(16).toString('hex') };

beforeAll(async () => {
  sim = await startCryptocomSimulator({
    synthetic: false,
    accounts: [
      { exchange: 'cryptocom', ...creds, balances: { USDT: '10000', BTC: '1', CRO: '100000' } },
      { exchange: 'cryptocom', ...other, balances: { USDT: '10000' } },
      { exchange: 'icrypex', apiKey: 'ignored', apiSecret: 'x', balances: {} },
    ],
    quirks: { rateLimitsEnabled: false },
  });
  seedBook(sim, 'BTCUSDT', '8750', '0.5', '0.1');
  seedBook(sim, 'CROBTC', '0.00000696', '0.00000001', '20000');
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => {
  Object.assign(sim.quirks, DEFAULT_CRYPTOCOM_QUIRKS, { rateLimitsEnabled: false, pendingCancelMs: 50 });
});

const call = (path: string, params: Record<string, string> = {}, who = creds) => signedPost(sim, path, params, who, Date.now());
const data = <T = Record<string, unknown>>(r: RawReply): T => {
  expect(r.status).toBe(200);
  expect(r.json).toMatchObject({ code: '0', msg: 'suc' });
  return (r.json as { data: T }).data;
};
const code = (r: RawReply) => (r.json as { code: string }).code;

async function placeLimit(side: 'BUY' | 'SELL', price: string, volume: string, symbol = 'btcusdt'): Promise<string> {
  const d = data<{ order_id: number }>(await call('/v1/order', { symbol, side, type: '1', price, volume }));
  expect(Number.isInteger(d.order_id)).toBe(true);
  return String(d.order_id);
}

async function showOrder(id: string, symbol = 'btcusdt') {
  return data<{ order_info: Record<string, unknown>; trade_list?: unknown[] }>(await call('/v1/showOrder', { symbol, order_id: id }));
}

describe('POST /v1/account (§5.7)', () => {
  it('answers total_asset and coin_list with lowercase coins, string decimals and btcValuatin', async () => {
    const d = data<{ total_asset: string; coin_list: Record<string, string>[] }>(await call('/v1/account'));
    expect(d.total_asset).toMatch(/^\d+\.\d{8}$/);
    const btc = d.coin_list.find((c) => c.coin === 'btc')!;
    expect(Object.keys(btc).sort()).toEqual(['btcValuatin', 'coin', 'locked', 'normal']);
    expect(btc).toMatchObject({ normal: '1.00000000', locked: '0.00000000', btcValuatin: '1.00000000' });
    // USDT is valued through btcusdt: 10000 / ~8750 BTC
    const usdt = d.coin_list.find((c) => c.coin === 'usdt')!;
    expect(Number(usdt.btcValuatin)).toBeCloseTo(10000 / 8750, 1);
    expect(Number(d.total_asset)).toBeCloseTo(d.coin_list.reduce((s, c) => s + Number(c.btcValuatin), 0), 6);
  });

  it('switches to btcValuation, numbers and uppercase coins', async () => {
    Object.assign(sim.quirks, { btcValuationKey: 'btcValuation', accountDecimals: 'number', accountCoinCase: 'upper' });
    const d = data<{ total_asset: unknown; coin_list: Record<string, unknown>[] }>(await call('/v1/account'));
    expect(typeof d.total_asset).toBe('number');
    expect(d.coin_list.find((c) => c.coin === 'BTC')).toMatchObject({ btcValuation: 1, normal: 1 });
  });
});

describe('order lifecycle (§5.8-§5.10)', () => {
  it('a resting limit order shows status 1 with the §5.9 key set, locked funds, and an empty trade list', async () => {
    const id = await placeLimit('BUY', '8000', '0.01');
    const d = await showOrder(id);
    expect(Object.keys(d.order_info).sort()).toEqual(
      ['avg_price', 'baseCoin', 'countCoin', 'created_at', 'deal_price', 'deal_volume', 'fee', 'fee_coin', 'id', 'price', 'remain_volume', 'side', 'side_msg', 'source', 'source_msg', 'status', 'status_msg', 'total_price', 'tradeList', 'type', 'updated_at', 'volume'].sort(),
    );
    expect(d.order_info).toMatchObject({
      id: Number(id), side: 'BUY', type: 1, status: 1, price: '8000.00000000', volume: '0.01000000', deal_volume: '0.00000000',
      remain_volume: '0.01000000', total_price: '80.00000000', deal_price: 0, fee: 0, baseCoin: 'BTC', countCoin: 'USDT', source: 3, source_msg: 'API', tradeList: [],
    });
    expect(d.trade_list).toEqual([]);
    const account = data<{ coin_list: Record<string, string>[] }>(await call('/v1/account'));
    expect(account.coin_list.find((c) => c.coin === 'usdt')!.locked).toBe('80.00000000');
  });

  it('writes zero deal_price/fee as Java numbers (0E-8) by default and as strings when switched', async () => {
    const id = await placeLimit('BUY', '8000', '0.01');
    const raw = await call('/v1/showOrder', { symbol: 'btcusdt', order_id: id });
    expect(raw.text).toContain('"deal_price":0E-8');
    expect(raw.text).toContain('"fee":0E-8');
    sim.quirks.showOrderDealPriceFee = 'string';
    sim.quirks.showOrderTopLevelTradeList = false;
    sim.quirks.showOrderUpdatedAt = false;
    const d = await showOrder(id);
    expect(d.order_info).toMatchObject({ deal_price: '0.00000000', fee: '0.00000000' });
    expect(d.order_info).not.toHaveProperty('updated_at');
    expect(d).not.toHaveProperty('trade_list');
  });

  it('a crossing limit order fills (status 2) and lists its trades in both trade lists', async () => {
    const id = await placeLimit('BUY', '8751', '0.15');
    const d = await showOrder(id);
    expect(d.order_info).toMatchObject({ status: 2, status_msg: 'Completely Filled', deal_volume: '0.15000000', remain_volume: '0.00000000', fee_coin: 'BTC' });
    const trades = d.order_info.tradeList as Record<string, unknown>[];
    expect(trades.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(trades[0]!).sort()).toEqual(['ctime', 'deal_price', 'fee', 'feeCoin', 'id', 'price', 'type', 'volume']);
    expect(d.trade_list).toEqual(trades);
    const dealPrice = d.order_info.deal_price as number;
    expect(dealPrice).toBeCloseTo(trades.reduce((s, t) => s + Number(t.deal_price), 0), 6);
  });

  it('a cancel answers data null, shows status 5, then 4', async () => {
    sim.quirks.pendingCancelMs = 300;
    const id = await placeLimit('SELL', '9900', '0.01');
    const r = await call('/v1/orders/cancel', { symbol: 'btcusdt', order_id: id });
    expect(r.json).toEqual({ code: '0', msg: 'suc', data: null });
    expect((await showOrder(id)).order_info.status).toBe(5);
    const final = await waitFor(async () => {
      const d = await showOrder(id);
      return d.order_info.status === 4 && d;
    }, 'the order to reach status 4 (canceled)', 3_000);
    expect(final.order_info).toMatchObject({ status: 4, status_msg: 'Canceled' });
  });

  it('cancelling a final order answers 8, an unknown order 22, another key\'s order 22', async () => {
    sim.quirks.pendingCancelMs = 0;
    const id = await placeLimit('SELL', '9900', '0.01');
    expect(code(await call('/v1/orders/cancel', { symbol: 'btcusdt', order_id: id }))).toBe('0');
    expect((await call('/v1/orders/cancel', { symbol: 'btcusdt', order_id: id })).json).toEqual({ code: '8', msg: 'cancel failed', data: null });
    expect((await call('/v1/orders/cancel', { symbol: 'btcusdt', order_id: '1' })).json).toEqual({ code: '22', msg: 'not exist order', data: null });
    expect(code(await call('/v1/showOrder', { symbol: 'btcusdt', order_id: id }, other))).toBe('22');
    expect(code(await call('/v1/showOrder', { symbol: 'crobtc', order_id: id }))).toBe('22');
  });

  it('the cancel reply data switches to ""', async () => {
    sim.quirks.cancelReplyData = 'empty-string';
    const id = await placeLimit('SELL', '9900', '0.01');
    expect(data(await call('/v1/orders/cancel', { symbol: 'btcusdt', order_id: id }))).toBe('');
  });

  it('a market BUY spends volume as a quote amount (§4)', async () => {
    const before = sim.engine.balances(sim.accountIdOf(creds.apiKey)!).find((b) => b.asset === 'USDT')!.free;
    const id = String(data<{ order_id: number }>(await call('/v1/order', { symbol: 'btcusdt', side: 'BUY', type: '2', volume: '100' })).order_id);
    const d = await showOrder(id);
    expect(d.order_info).toMatchObject({ type: 2, status: 2, volume: '100.00000000', side: 'BUY' });
    // The base bought is a whole number of steps, so a few cents of the 100 USDT stay unspent.
    const spent = Number(d.order_info.deal_price);
    expect(spent).toBeLessThanOrEqual(100);
    expect(spent).toBeGreaterThan(99.99);
    expect(Number(d.order_info.deal_volume)).toBeCloseTo(100 / 8750.5, 5);
    const after = sim.engine.balances(sim.accountIdOf(creds.apiKey)!).find((b) => b.asset === 'USDT')!.free;
    expect(Number(before) - Number(after)).toBeCloseTo(spent, 6);
  });

  it('a market order that finds an empty book ends as status 6 (expired)', async () => {
    const usdt = () => sim.engine.balances(sim.accountIdOf(creds.apiKey)!).find((b) => b.asset === 'USDT')!;
    const before = usdt();
    const id = String(data<{ order_id: number }>(await call('/v1/order', { symbol: 'ethusdt', side: 'BUY', type: '2', volume: '20' })).order_id);
    const d = await showOrder(id, 'ethusdt');
    expect(d.order_info).toMatchObject({ type: 2, status: 6, status_msg: 'Expired', deal_volume: '0.00000000' });
    expect(usdt()).toEqual(before);
  });

  it('a market SELL sells volume in base', async () => {
    const id = String(data<{ order_id: number }>(await call('/v1/order', { symbol: 'crobtc', side: 'SELL', type: '2', volume: '1000' })).order_id);
    const d = await showOrder(id, 'crobtc');
    expect(d.order_info).toMatchObject({ type: 2, status: 2, volume: '1000.00000000', deal_volume: '1000.00000000', fee_coin: 'BTC' });
  });
});

describe('order rejections (§5.8, §5.15)', () => {
  const order = (p: Record<string, string>) => call('/v1/order', { symbol: 'ethusdt', side: 'BUY', type: '1', price: '150.25', volume: '0.5', ...p });

  it('too many decimals answer 5 (or 10062 with the long code set), naming the field', async () => {
    const r = await order({ price: '150.255' });
    expect(r.json).toMatchObject({ code: '5', data: null });
    expect(r.detail).toMatch(/^price: /);
    expect(code(await order({ volume: '0.123456789' }))).toBe('5');
    sim.quirks.errorCodeSet = 'long';
    expect(code(await order({ price: '150.255' }))).toBe('10062');
  });

  it('insufficient balance answers 4 (or 10034)', async () => {
    expect(code(await order({ volume: '1000' }))).toBe('4');
    sim.quirks.errorCodeSet = 'long';
    expect(code(await order({ volume: '1000' }))).toBe('10034');
  });

  it('an order below the minimum value answers 6 (or 10064)', async () => {
    const r = await order({ volume: '0.001' });
    expect(code(r)).toBe('6');
    expect(r.detail).toMatch(/^volume: /);
    sim.quirks.errorCodeSet = 'long';
    expect(code(await order({ volume: '0.001' }))).toBe('10064');
  });

  it('missing or malformed parameters answer 100004 naming the field', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ price: '' }, 'price: missing'],
      [{ side: 'buy' }, 'side: '],
      [{ type: '3' }, 'type: '],
      [{ volume: '1e2' }, 'volume: '],
      [{ symbol: 'ETHUSDT' }, 'symbol: '],
      [{ fee_is_user_exchange_coin: '2' }, 'fee_is_user_exchange_coin: '],
    ];
    for (const [p, detail] of cases) {
      const r = await order(p);
      expect(r.json).toEqual({ code: '100004', msg: 'request parameter illegal', data: null });
      expect(r.detail).toContain(detail);
    }
  });

  it('business errors can be switched to HTTP 400', async () => {
    sim.quirks.businessErrorHttpStatus = 400;
    const r = await order({ price: '150.255' });
    expect(r.status).toBe(400);
    expect(code(r)).toBe('5');
  });
});

describe('order and trade lists (§5.11-§5.14)', () => {
  let fresh: { apiKey: string; apiSecret: string };
  const mine = (path: string, p: Record<string, string> = {}) => call(path, { symbol: 'btcusdt', ...p }, fresh);

  beforeAll(() => {
    // A separate account so earlier tests' orders do not count.
    fresh = { apiKey: randomBytes(8).toString('hex'), apiSecret: randomBytes(16).toString('hex') };
  });

  it('list orders, page them, list trades, and cancel all', async () => {
    const sim2 = await startCryptocomSimulator({ synthetic: false, accounts: [{ exchange: 'cryptocom', ...fresh, balances: { USDT: '10000', BTC: '1' } }], quirks: { rateLimitsEnabled: false, pendingCancelMs: 0 } });
    const prev = sim;
    sim = sim2;
    try {
      seedBook(sim, 'BTCUSDT', '8750', '0.5', '0.1');
      const ids: string[] = [];
      for (const price of ['8000', '8001', '8002']) {
        ids.push(String(data<{ order_id: number }>(await mine('/v1/order', { side: 'BUY', type: '1', price, volume: '0.01' })).order_id));
      }
      const filled = String(data<{ order_id: number }>(await mine('/v1/order', { side: 'SELL', type: '1', price: '8749.5', volume: '0.02' })).order_id);

      const open = data<{ count: number; resultList: Record<string, unknown>[] }>(await mine('/v1/openOrders'));
      expect(open.count).toBe(3);
      expect(open.resultList.map((o) => String(o.id))).toEqual([...ids].reverse());
      expect(open.resultList[0]).not.toHaveProperty('tradeList');
      expect(typeof open.resultList[0]!.deal_price).toBe('string');
      expect(typeof open.resultList[0]!.fee).toBe('string');
      const page2 = data<{ count: number; resultList: unknown[] }>(await mine('/v1/openOrders', { page: '2', pageSize: '2' }));
      expect(page2).toMatchObject({ count: 3 });
      expect(page2.resultList).toHaveLength(1);

      const all = data<{ count: number; orderList: Record<string, unknown>[] }>(await mine('/v1/allOrders', { pageSize: '100' }));
      expect(all.count).toBe(4);
      expect(all.orderList.find((o) => String(o.id) === filled)).toMatchObject({ status: 2 });
      const future = data<{ count: number }>(await mine('/v1/allOrders', { startDate: '2100-01-01 00:00:00' }));
      expect(future.count).toBe(0);
      expect(code(await mine('/v1/allOrders', { startDate: '2020-13-01 00:00:00' }))).toBe('100004');

      const trades = data<{ count: number; resultList: Record<string, unknown>[] }>(await mine('/v1/myTrades'));
      expect(trades.count).toBe(1);
      const t = trades.resultList[0]!;
      expect(t).toMatchObject({ side: 'SELL', type: 'Sell', ask_id: Number(filled), feeCoin: 'USDT', price: '8749.50000000', volume: '0.02' });
      expect(t).not.toHaveProperty('bid_id');
      expect(Object.keys(t).sort()).toEqual(['ask_id', 'ask_user_id', 'ctime', 'deal_price', 'fee', 'feeCoin', 'id', 'price', 'side', 'type', 'volume']);

      expect(data(await mine('/v1/cancelAllOrders'))).toBeNull();
      expect(data<{ count: number }>(await mine('/v1/openOrders')).count).toBe(0);
      for (const id of ids) expect(data<{ order_info: { status: number } }>(await mine('/v1/showOrder', { order_id: id })).order_info.status).toBe(4);
    } finally {
      sim = prev;
      await sim2.stop();
    }
  });

  it('myTrades sort=1 reverses the order', async () => {
    const sim2 = await startCryptocomSimulator({ synthetic: false, accounts: [{ exchange: 'cryptocom', ...fresh, balances: { USDT: '10000', BTC: '1' } }], quirks: { rateLimitsEnabled: false } });
    const prev = sim;
    sim = sim2;
    try {
      seedBook(sim, 'BTCUSDT', '8750', '0.5', '0.1');
      await mine('/v1/order', { side: 'BUY', type: '1', price: '8751', volume: '0.15' });
      const asc = data<{ resultList: { id: number; bid_id: number }[] }>(await mine('/v1/myTrades')).resultList.map((t) => t.id);
      const desc = data<{ resultList: { id: number }[] }>(await mine('/v1/myTrades', { sort: '1' })).resultList.map((t) => t.id);
      expect(asc.length).toBe(2);
      expect(desc).toEqual([...asc].reverse());
    } finally {
      sim = prev;
      await sim2.stop();
    }
  });
});
