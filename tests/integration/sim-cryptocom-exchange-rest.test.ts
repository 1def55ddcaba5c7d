import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type CdcxSimulator, DEFAULT_CDCX_QUIRKS, startCdcxSimulator } from '../../src/main/sim/cryptocom-exchange';
import { manualClock } from '../../src/main/sim/shared/clock';
import { type Creds, postRaw, privateCall, publicCall, sign } from '../support/cdcx-client';

// The Crypto.com Exchange API v1 simulator driven over plain fetch, from specs/cryptocom-exchange.md.
const T0 = 1_700_000_000_000; // the nonce of the §2.3 vectors
const clock = manualClock(T0);
const demo: Creds = { apiKey: 'demoKey123', apiSecret: 'demoSecret456' };
let sim: CdcxSimulator;
let root: string;

const result = (r: { body: Record<string, unknown> }) => r.body.result as Record<string, unknown>;
const rows = (r: { body: Record<string, unknown> }) => result(r).data as Array<Record<string, unknown>>;

/** A maker ladder around 50 000 on BTC_USDT and one trade at 50 000 (the last price). */
function seedBook(): void {
  sim.engine.addAccount('maker', { USDT: '100000000', BTC: '10000' });
  for (let i = 1; i <= 20; i++) {
    expect(sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'buy', type: 'limit', price: String(50000 - i * 10), quantity: '0.5' }).ok).toBe(true);
    expect(sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'sell', type: 'limit', price: String(50000 + i * 10), quantity: '0.5' }).ok).toBe(true);
  }
  expect(sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'sell', type: 'limit', price: '50000', quantity: '0.01' }).ok).toBe(true);
  expect(sim.engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side: 'buy', type: 'limit', price: '50000', quantity: '0.01' }).ok).toBe(true);
}

beforeAll(async () => {
  sim = await startCdcxSimulator({ synthetic: false, now: clock.now, accounts: [{ ...demo, balances: { USDT: '100000', BTC: '2', USD: '1000' } }] });
  root = sim.apiRoot;
  seedBook();
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => {
  Object.assign(sim.quirks, DEFAULT_CDCX_QUIRKS, { rateLimitsEnabled: false });
  sim.faults.reset();
  clock.advance(1000);
});

describe('signing (§2)', () => {
  it('the hand-written signer reproduces every §2.3 digest', () => {
    const a = { instrument_name: 'BTC_USDT', side: 'BUY', type: 'LIMIT', price: '50000.5', quantity: '0.0015', client_oid: 'my-oid-0001', time_in_force: 'GOOD_TILL_CANCEL', exec_inst: ['POST_ONLY'] };
    expect(sign('private/create-order', 11, 'demoKey123', a, 1700000000000, 'demoSecret456')).toBe('7510d652d962f198c4af6b50b3e33a385168309bfad43120892c303a1ba50af4');
    expect(sign('public/auth', 1, 'demoKey123', undefined, 1700000000000, 'demoSecret456')).toBe('04cca6a5150743bd1fc3998b77e6a95e7b2d534dda2621bc0cee6913307f45bf');
    expect(sign('private/get-order-detail', '11', 'token', { order_id: '53287421324' }, '1587846358253', 'secretKey')).toBe('02ef0a52c9428e5d3dcc5dd24d534ca39ef73f35acd3f6945f139a2364ef67a9');
    const d = { instrument_name: 'BTC_USDT', limit: 20, start_time: '1699990000000000000', end_time: '1700000000000000000' };
    expect(sign('private/get-order-history', 12, 'demoKey123', d, 1700000000000, 'demoSecret456')).toBe('76c0e4a1fe28b368ab1d23e1a8dda7651885318c487c034752bd17f54060e329');
    expect(sign('private/user-balance', 14, 'demoKey123', {}, 1700000000000, 'demoSecret456')).toBe('91c31694f6abcd0d5143ed21adc4c0a3ec7bd55b77635d85e2df502e2d802784');
  });

  it('accepts the literal body of vector A and answers the §1.3 shape', async () => {
    clock.set(T0);
    const body = '{"id":11,"method":"private/create-order","api_key":"demoKey123","params":{"instrument_name":"BTC_USDT","side":"BUY","type":"LIMIT","price":"49900.5","quantity":"0.0015","client_oid":"my-oid-0001","time_in_force":"GOOD_TILL_CANCEL","exec_inst":["POST_ONLY"]},"nonce":1700000000000,"sig":"SIG"}';
    const params = JSON.parse(body).params as Record<string, unknown>;
    const r = await postRaw(root, 'private/create-order', body.replace('SIG', sign('private/create-order', 11, 'demoKey123', params, T0, 'demoSecret456')));
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/^\{"id":11,"method":"private\/create-order","code":0,"result":\{"client_oid":"my-oid-0001","order_id":"\d{19}"\}\}$/);
    // Vector A's own signature (price 50000.5) checks out too: a bad digest would be 40101, not an engine answer.
    const literal = body.replace('49900.5', '50000.5').replace('SIG', '7510d652d962f198c4af6b50b3e33a385168309bfad43120892c303a1ba50af4');
    const again = await postRaw(root, 'private/create-order', literal);
    expect(again.body.code).toBe(204); // signature good; the client_oid is already open
  });

  it('signs id and nonce as sent when they come as digit strings (C1 style) and echoes id as a number', async () => {
    const nonce = String(clock.now());
    const sig = sign('private/user-balance', nonce, demo.apiKey, {}, nonce, demo.apiSecret);
    const r = await postRaw(root, 'private/user-balance', JSON.stringify({ id: nonce, method: 'private/user-balance', api_key: demo.apiKey, params: {}, nonce, sig }));
    expect(r.body.code).toBe(0);
    expect(r.text.startsWith(`{"id":${nonce},`)).toBe(true);
  });

  it('builds the string from raw tokens: null as "null", booleans, numbers as written (§8.3)', async () => {
    const id = 77;
    const nonce = clock.now();
    const body = (sig: string) => `{"id":${id},"method":"private/get-open-orders","api_key":"demoKey123","params":{"instrument_name":null,"x":true,"page":1.50},"nonce":${nonce},"sig":"${sig}"}`;
    const good = sign('private/get-open-orders', id, demo.apiKey, { instrument_name: null, x: true, page: '1.50' }, nonce, demo.apiSecret);
    expect((await postRaw(root, 'private/get-open-orders', body(good))).body.code).toBe(0);
    const c3Style = createC3(id, nonce);
    const r = await postRaw(root, 'private/get-open-orders', body(c3Style));
    expect([r.status, r.body.code]).toEqual([401, 40101]);
    sim.quirks.nullInSignature = 'empty';
    expect((await postRaw(root, 'private/get-open-orders', body(c3Style))).body.code).toBe(0);
  });

  it('refuses a wrong signature, an unknown key and a stale nonce', async () => {
    const bad = await privateCall(root, { ...demo, apiSecret: 'wrong' }, 'private/user-balance', {}, clock.now());
    expect([bad.status, bad.body.code]).toEqual([401, 40101]);
    const unknown = await privateCall(root, { apiKey: 'nobody', apiSecret: 'x' }, 'private/user-balance', {}, clock.now());
    expect(unknown.body.code).toBe(40101);
    const stale = await privateCall(root, demo, 'private/user-balance', {}, clock.now() - 61_000);
    expect([stale.status, stale.body.code]).toEqual([400, 40102]);
    expect(sim.errors.entries.at(-1)?.raw).toContain('"method":"private/user-balance"');
  });
});

/** The signature a C3-style client computes: null written as "" (§8.3 variant). */
function createC3(id: number, nonce: number): string {
  return createHmac('sha256', demo.apiSecret).update(`private/get-open-orders${id}${demo.apiKey}instrument_namepage1.50xtrue${nonce}`).digest('hex');
}

describe('public methods (§5.1–§5.6)', () => {
  it('lists spot instruments with the §5.1 field set and types', async () => {
    const r = await publicCall(root, 'public/get-instruments');
    expect([r.status, r.body.id, r.body.code]).toEqual([200, -1, 0]);
    const btc = rows(r).find((x) => x.symbol === 'BTC_USDT')!;
    expect(btc).toMatchObject({ inst_type: 'CCY_PAIR', base_ccy: 'BTC', quote_ccy: 'USDT', quote_decimals: 2, quantity_decimals: 5, price_tick_size: '0.01', qty_tick_size: '0.00001', tradable: true, expiry_timestamp_ms: 0 });
    expect(Object.keys(btc).sort()).toEqual(Object.keys(JSON.parse('{"symbol":"BTC_USDT","inst_type":"CCY_PAIR","display_name":"BTC/USDT","base_ccy":"BTC","quote_ccy":"USDT","quote_decimals":2,"quantity_decimals":5,"price_tick_size":"0.01","qty_tick_size":"0.00001","max_leverage":"50","tradable":true,"expiry_timestamp_ms":0,"beta_product":false,"product_type":"DIGITAL_CURRENCIES","margin_buy_enabled":true,"margin_sell_enabled":true}')).sort());
  });

  it('serves the book with [price, qty, count] strings, depth 1..150 (default 150), 40004 beyond', async () => {
    const r = await publicCall(root, 'public/get-book', { instrument_name: 'BTC_USDT', depth: 10 });
    const book = (result(r).data as Array<Record<string, unknown>>)[0]!;
    const bids = book.bids as string[][];
    expect(bids).toHaveLength(10);
    expect(bids[0]).toEqual(['49990', '0.5', '1']);
    expect((book.asks as string[][])[0]).toEqual(['50010', '0.5', '1']);
    expect(typeof book.t).toBe('number');
    expect(result(await publicCall(root, 'public/get-book', { instrument_name: 'BTC_USDT' })).depth).toBe(150);
    for (const depth of [0, 200]) {
      const bad = await publicCall(root, 'public/get-book', { instrument_name: 'BTC_USDT', depth });
      expect([bad.status, bad.body]).toEqual([400, { code: 40004, message: 'Invalid depth' }]);
    }
    const unknown = await publicCall(root, 'public/get-book', { instrument_name: 'NOPE_USDT' });
    expect([unknown.status, unknown.body]).toEqual([400, { code: 40004, message: 'Invalid instrument_name' }]);
  });

  it('serves candles oldest first, count capped at 300, flat candles in quiet intervals, interval echoed', async () => {
    clock.advance(400 * 60_000);
    const data = rows(await publicCall(root, 'public/get-candlestick', { instrument_name: 'BTC_USDT', timeframe: '1m', count: 500 }));
    expect(data).toHaveLength(300);
    expect(data.every((c, i) => i === 0 || (c.t as number) - (data[i - 1]!.t as number) === 60_000)).toBe(true);
    expect(data.at(-1)).toMatchObject({ o: '50000', h: '50000', l: '50000', c: '50000', v: '0' });
    expect(rows(await publicCall(root, 'public/get-candlestick', { instrument_name: 'BTC_USDT' }))).toHaveLength(25);
    const m5 = await publicCall(root, 'public/get-candlestick', { instrument_name: 'BTC_USDT', timeframe: 'M5', count: 2 });
    expect([result(m5).interval, rows(m5).length]).toEqual(['M5', 2]);
    expect((await publicCall(root, 'public/get-candlestick', { instrument_name: 'BTC_USDT', timeframe: '3m' })).body.code).toBe(40003);
    expect((await publicCall(root, 'public/get-candlestick', { instrument_name: 'BTC_USDT', count: 0 })).body.code).toBe(40004);
  });

  it('serves trades newest first with lowercase taker side, tn as a number, count capped at 150', async () => {
    const r = await publicCall(root, 'public/get-trades', { instrument_name: 'BTC_USDT', count: 1000 });
    expect(r.text).toMatch(/"tn":\d{19}[,}]/);
    const t = rows(r)[0]!;
    expect(t).toMatchObject({ p: '50000', q: '0.01', s: 'buy', i: 'BTC_USDT' });
    expect(t.d).toMatch(/^\d{19}$/);
    expect(t.m).toMatch(/^\d{19}$/);
  });

  it('serves tickers and risk parameters', async () => {
    const t = rows(await publicCall(root, 'public/get-tickers', { instrument_name: 'BTC_USDT' }))[0]!;
    expect(t).toMatchObject({ i: 'BTC_USDT', a: '50000', b: '49990', k: '50010', oi: '0' });
    expect(rows(await publicCall(root, 'public/get-tickers')).length).toBe(5);
    const risk = result(await publicCall(root, 'public/get-risk-parameters'));
    expect((risk.base_currency_config as Array<Record<string, unknown>>).find((c) => c.instrument_name === 'BTC')?.min_order_notional_usd).toBe('1');
  });

  it('answers the wrong verb with 50001 / 40003 and an unknown path with the non-envelope 404', async () => {
    expect((await postRaw(root, 'public/get-tickers', '{}')).body.code).toBe(50001);
    const get = await fetch(`${root}/private/user-balance`);
    expect(((await get.json()) as Record<string, unknown>).code).toBe(40003);
    const nope = await fetch(`${root}/public/get-nope`);
    expect(nope.status).toBe(404);
    expect(await nope.json()).toMatchObject({ status: 404, error: 'Not Found', path: '/v1/public/get-nope' });
  });
});
