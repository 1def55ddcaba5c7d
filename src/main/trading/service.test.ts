import { afterEach, describe, expect, it } from 'vitest';
import { FakeExchange } from '../../../tests/support/fake-exchange';
import { startHarness, waitFor, type Harness } from '../../../tests/support/engine-harness';
import { MemorySecretStore } from '../../../tests/support/memory-secret-store';
import { ok, type Account, type Settings } from '../../shared';
import { TradingService } from './service';
import { signingKey } from '../secrets';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function setup() {
  const icx = new FakeExchange('icrypex');
  const cdc = new FakeExchange('cryptocom');
  icx.addAccount('icx-key-aaaa', 'icx-secret-aaaa');
  icx.addAccount('icx-key-bbbb', 'icx-secret-bbbb');
  cdc.addAccount('cdc-key-cccc', 'cdc-secret-cccc');
  h = await startHarness({ secretStore: new MemorySecretStore(), connectorFactories: { icrypex: icx.factory, cryptocom: cdc.factory } });
  const a = await h.value('accounts:add', { exchange: 'icrypex', label: 'A', apiKey: 'icx-key-aaaa', apiSecret: 'icx-secret-aaaa' });
  const b = await h.value('accounts:add', { exchange: 'icrypex', label: 'B', apiKey: 'icx-key-bbbb', apiSecret: 'icx-secret-bbbb' });
  const c = await h.value('accounts:add', { exchange: 'cryptocom', label: 'C', apiKey: 'cdc-key-cccc', apiSecret: 'cdc-secret-cccc' });
  return { h, icx, cdc, a, b, c };
}

const limit = { symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '50000', quantity: '0.01' } as const;

describe('orders:place', () => {
  it('refuses an order the pair cannot take as typed instead of rounding it, and sends nothing', async () => {
    const { h, icx, a } = await setup();
    const price = await h.call('orders:place', { ...limit, accountId: a.id, price: '50000.019', clientId: 'client-price' });
    expect(price).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'price', message: 'price has too many decimals: BTCUSDT allows 2' } });
    const quantity = await h.call('orders:place', { ...limit, accountId: a.id, quantity: '0.0123456', clientId: 'client-quantity' });
    expect(quantity).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'quantity', message: 'quantity has too many decimals: BTCUSDT allows 5' } });
    expect(icx.placeCalls).toBe(0);
    const order = await h.value('orders:place', { ...limit, accountId: a.id, price: '50000.01', quantity: '0.01234', clientId: 'client-exact' });
    expect(order).toMatchObject({ accountId: a.id, price: '50000.01', quantity: '0.01234', status: 'open', clientId: 'client-exact' });
  });

  it('answers VALIDATION naming the field when the pair rules refuse the order, and sends nothing', async () => {
    const { h, icx, a } = await setup();
    const tiny = await h.call('orders:place', { ...limit, accountId: a.id, quantity: '0.0001', clientId: 'client-tiny' });
    expect(tiny).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'quantity', message: expect.stringMatching(/below the minimum 10 USDT/) } });
    const symbol = await h.call('orders:place', { ...limit, accountId: a.id, symbol: 'DOGEUSDT', clientId: 'client-doge' });
    expect(symbol).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'symbol' } });
    expect(icx.placeCalls).toBe(0);
  });

  it('sends an order once when the same client id is submitted twice while the first is in flight', async () => {
    const { h, icx, a } = await setup();
    let release!: () => void;
    icx.hold = new Promise((r) => (release = r));
    const first = h.call('orders:place', { ...limit, accountId: a.id, clientId: 'client-double' });
    const second = h.call('orders:place', { ...limit, accountId: a.id, clientId: 'client-double' });
    await waitFor(() => icx.placeCalls === 1, 'the first submit to reach the exchange', 2000);
    release();
    const [one, two] = await Promise.all([first, second]);
    expect(one.ok && two.ok && one.value.id === two.value.id).toBe(true);
    const three = await h.call('orders:place', { ...limit, accountId: a.id, clientId: 'client-double' });
    expect(three.ok && one.ok && three.value.id === one.value.id).toBe(true);
    expect(icx.placeCalls).toBe(1);
  });

  it('blocks orders over a per-symbol cap or outside the price band with RISK_BLOCKED naming the limit', async () => {
    const { h, icx, a } = await setup();
    await h.value('settings:set', { priceBandPercent: 2, symbolLimits: { BTCUSDT: { maxQuantity: '0.5', maxNotional: '20000' } } });
    const size = await h.call('orders:place', { ...limit, accountId: a.id, quantity: '0.6', clientId: 'client-size' });
    expect(size).toMatchObject({ ok: false, error: { code: 'RISK_BLOCKED', field: 'quantity', message: expect.stringMatching(/^Not sent: 0\.6 BTC is above the max order size of 0\.5 BTC set for BTCUSDT/) } });
    const notional = await h.call('orders:place', { ...limit, accountId: a.id, quantity: '0.45', clientId: 'client-notional' });
    expect(notional).toMatchObject({ ok: false, error: { code: 'RISK_BLOCKED', message: expect.stringMatching(/max notional of 20000 USDT/) } });
    const band = await h.call('orders:place', { ...limit, accountId: a.id, price: '52000', clientId: 'client-band' });
    expect(band).toMatchObject({ ok: false, error: { code: 'RISK_BLOCKED', field: 'price', message: expect.stringMatching(/4 % away from the mid 50000; the price band allows 2 %/) } });
    const market = await h.call('orders:place', { accountId: a.id, symbol: 'BTCUSDT', side: 'buy', type: 'market', total: '25000', clientId: 'client-mkt' });
    expect(market).toMatchObject({ ok: false, error: { code: 'RISK_BLOCKED', message: expect.stringMatching(/max notional/) } });
    expect(icx.placeCalls).toBe(0);
    expect((await h.call('orders:place', { ...limit, accountId: a.id, clientId: 'client-fine' })).ok).toBe(true);
    expect(icx.placeCalls).toBe(1);
  });

  it('in read-only mode sends nothing, says what it would have sent, and lets the same ticket go after it is turned off', async () => {
    const { h, icx, a } = await setup();
    await h.value('settings:set', { readOnly: true });
    const blocked = await h.call('orders:place', { ...limit, accountId: a.id, clientId: 'client-ro' });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'RISK_BLOCKED', message: expect.stringMatching(/Read-only mode is on, so nothing was sent\. It would buy 0\.01 BTCUSDT limit @ 50000 on "A"/) } });
    const cancelAll = await h.call('orders:cancel-all', {});
    expect(cancelAll).toMatchObject({ ok: false, error: { code: 'RISK_BLOCKED' } });
    const cancel = await h.call('orders:cancel', { accountId: a.id, symbol: 'BTCUSDT', orderId: '1' });
    expect(cancel).toMatchObject({ ok: false, error: { code: 'RISK_BLOCKED' } });
    const basket = await h.value('orders:basket', { ...limit, clientId: 'client-robk', legs: [{ accountId: a.id, quantity: '0.01' }] });
    expect(basket.legs[0]?.error?.code).toBe('RISK_BLOCKED');
    expect(icx.placeCalls).toBe(0);
    await h.value('settings:set', { readOnly: false });
    expect((await h.call('orders:place', { ...limit, accountId: a.id, clientId: 'client-ro' })).ok).toBe(true);
    expect(icx.placeCalls).toBe(1);
  });

  it('answers a dry run with the order it would send, even in read-only mode, and sends nothing', async () => {
    const { h, icx, a } = await setup();
    await h.value('settings:set', { readOnly: true });
    const dry = await h.value('orders:place', { ...limit, accountId: a.id, price: '50000.01', clientId: 'client-dry', dryRun: true });
    expect(dry).toMatchObject({ id: 'dry-run-client-dry', status: 'pending', price: '50000.01', quantity: '0.01' });
    const off = await h.call('orders:place', { ...limit, accountId: a.id, price: '50000.017', clientId: 'client-dry-off', dryRun: true });
    expect(off).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'price' } });
    expect(icx.placeCalls).toBe(0);
  });
});

describe('orders:preview', () => {
  it('lists pair-rule and risk violations together, with the notional and fee', async () => {
    const { h, a } = await setup();
    await h.value('settings:set', { symbolLimits: { BTCUSDT: { maxQuantity: '0.001' } } });
    const preview = await h.value('orders:preview', { ...limit, accountId: a.id, price: '50000.001' });
    // The value of what was typed: an off-tick price is reported, not rounded first.
    expect(preview.notional).toBe('500.00001');
    expect([preview.estimatedFee, preview.feeAsset]).toEqual(['0.00001', 'BTC']);
    expect(preview.violations.map((v) => v.field).sort()).toEqual(['price', 'quantity']);
    expect(preview.violations.find((v) => v.field === 'quantity')?.message).toMatch(/max order size/);
  });
});

describe('across accounts', () => {
  it('lists open orders of all accounts or one, newest first, and cancels all of them with one leg per account', async () => {
    const { h, a, b, c } = await setup();
    await h.value('orders:place', { ...limit, accountId: a.id, clientId: 'client-a1' });
    await h.value('orders:place', { ...limit, accountId: b.id, clientId: 'client-b1' });
    await h.value('orders:place', { ...limit, accountId: c.id, symbol: 'ETHUSDT', price: '3000', quantity: '0.01', clientId: 'client-c1' });
    const all = (await h.value('orders:open', {})).rows;
    expect(all.map((o) => o.accountId).sort()).toEqual([a.id, b.id, c.id].sort());
    expect((await h.value('orders:open', { accountId: b.id })).rows).toHaveLength(1);
    expect((await h.value('orders:open', { symbol: 'ETHUSDT' })).rows).toHaveLength(1);
    const canceled = await h.value('orders:cancel-all', { symbol: 'BTCUSDT' });
    expect(canceled.canceled).toBe(2);
    expect(canceled.legs.map((l) => l.accountId).sort()).toEqual([a.id, b.id, c.id].sort());
    expect((await h.value('orders:open', {})).rows).toHaveLength(1);
    expect((await h.value('orders:history', {})).rows.length).toBe(3);
  });

  it('cancels on a list of accounts (a group) only, with a count per account', async () => {
    const { h, a, b, c } = await setup();
    await h.value('orders:place', { ...limit, accountId: a.id, clientId: 'client-a1' });
    await h.value('orders:place', { ...limit, accountId: a.id, price: '50001', clientId: 'client-a2' });
    await h.value('orders:place', { ...limit, accountId: b.id, clientId: 'client-b1' });
    await h.value('orders:place', { ...limit, accountId: c.id, clientId: 'client-c1' });
    const canceled = await h.value('orders:cancel-all', { accountIds: [a.id, c.id] });
    expect(canceled.canceled).toBe(3);
    expect(canceled.legs).toEqual([{ accountId: a.id, canceled: 2 }, { accountId: c.id, canceled: 1 }]);
    expect((await h.value('orders:open', {})).rows.map((o) => o.accountId)).toEqual([b.id]);
    expect(await h.call('orders:cancel-all', { accountIds: [a.id, 'ghost'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'accountIds', message: expect.stringMatching(/ghost/) } });
    expect(await h.call('orders:cancel-all', { accountId: a.id, accountIds: [a.id] })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'accountIds' } });
  });

  it('sends a basket with per-account sizes and reports each leg, a failing leg hiding none of the others', async () => {
    const { h, icx, cdc, a, b, c } = await setup();
    cdc.failWith = { ok: false, error: { code: 'EXCHANGE_REJECTED', message: 'insufficient balance', retryable: false } };
    const basket = await h.value('orders:basket', {
      symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '50000', clientId: 'client-basket',
      legs: [{ accountId: a.id, quantity: '0.01' }, { accountId: b.id, quantity: '0.0001' }, { accountId: c.id, quantity: '0.02' }, { accountId: 'ghost', quantity: '1' }],
    });
    expect(basket.legs.map((l) => l.accountId)).toEqual([a.id, b.id, c.id, 'ghost']);
    expect(basket.legs[0]).toMatchObject({ order: { quantity: '0.01', clientId: 'client-basket-1' } });
    expect(basket.legs[1]?.error).toMatchObject({ code: 'VALIDATION', field: 'quantity' });
    expect(basket.legs[2]?.error).toMatchObject({ code: 'EXCHANGE_REJECTED', message: 'insufficient balance' });
    expect(basket.legs[3]?.error).toMatchObject({ code: 'NOT_FOUND' });
    // The same basket again sends nothing new.
    const again = await h.value('orders:basket', {
      symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '50000', clientId: 'client-basket',
      legs: [{ accountId: a.id, quantity: '0.01' }, { accountId: b.id, quantity: '0.0001' }, { accountId: c.id, quantity: '0.02' }, { accountId: 'ghost', quantity: '1' }],
    });
    expect(again.legs[0]?.order?.id).toBe(basket.legs[0]?.order?.id);
    expect(icx.placeCalls).toBe(1);
  });

  it('lists fills across accounts after a market order', async () => {
    const { h, a } = await setup();
    await h.value('orders:place', { accountId: a.id, symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: '0.001', clientId: 'client-fill' });
    const fills = (await h.value('orders:fills', {})).rows;
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ accountId: a.id, price: '50010', quantity: '0.001' });
  });
});

describe('a failure before the connector call (issue 12)', () => {
  it('answers "not sent" (never ORDER_STATE_UNKNOWN), sends nothing, and the same ticket can be sent again', async () => {
    const icx = new FakeExchange('icrypex');
    icx.addAccount('icx-key-aaaa', 'icx-secret-aaaa');
    const account: Account = { id: 'acct-1', exchange: 'icrypex', label: 'A', mode: 'live', keyLast4: 'aaaa', endpoints: {}, createdAt: 0 };
    const connector = icx.factory({ accountId: account.id, endpoints: {}, credentials: async () => signingKey({ apiKey: 'icx-key-aaaa', apiSecret: 'icx-secret-aaaa' }) });
    await connector.start();
    // What a settings object with `priceBandPercent: undefined` (accepted before the fix) did to the band check.
    let settings = { readOnly: false, priceBandPercent: undefined, symbolLimits: {} } as unknown as Settings;
    const service = new TradingService({
      source: { connector: async () => ok(connector), account: () => account, accountIds: () => [account.id] },
      settings: () => settings,
      referencePrice: async () => '50000',
    });
    const request = { ...limit, accountId: account.id, clientId: 'client-broken' };
    const first = await service.place(request);
    expect(first).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/^Not sent: the order could not be checked/) } });
    expect(icx.placeCalls).toBe(0);
    settings = { readOnly: false, priceBandPercent: 10, symbolLimits: {}, accountGroups: [] };
    expect(await service.place(request)).toMatchObject({ ok: true, value: { status: 'open' } });
    expect(icx.placeCalls).toBe(1);
    await connector.stop();
  });
});
