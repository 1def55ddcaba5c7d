import { afterEach, describe, expect, it } from 'vitest';
import { FakeExchange } from '../../../tests/support/fake-exchange';
import { err, ok, type Account, type Order, type Settings } from '../../shared';
import type { ExchangeConnector } from '../exchanges/connector';
import { signingKey } from '../secrets';
import { TradingService } from './service';

// The main-side move (issue 17 point 1) against fake connectors with and without an amend.

const account: Account = { id: 'acct-1', exchange: 'icrypex', label: 'A', mode: 'live', keyLast4: 'aaaa', endpoints: {}, createdAt: 0 };
let settings: Settings;
const started: ExchangeConnector[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((c) => c.stop()));
});

async function setup(options: { amends?: boolean } = {}) {
  settings = { readOnly: false, priceBandPercent: 10, symbolLimits: {}, accountGroups: [] };
  const venue = new FakeExchange('icrypex');
  venue.amends = options.amends ?? false;
  venue.addAccount('icx-key-aaaa', 'icx-secret-aaaa');
  const connector = venue.factory({ accountId: account.id, endpoints: {}, credentials: async () => signingKey({ apiKey: 'icx-key-aaaa', apiSecret: 'icx-secret-aaaa' }) });
  started.push(connector);
  const service = new TradingService({
    source: { connector: async () => ok(connector), account: () => account, accountIds: () => [account.id] },
    settings: () => settings,
    referencePrice: async () => '50000',
  });
  const rest = async (price = '49000', type: 'limit' | 'stop-limit' = 'limit', clientId = 'client-orig'): Promise<Order> => {
    const placed = await service.place({ accountId: account.id, symbol: 'BTCUSDT', side: 'buy', type, price, quantity: '0.01', clientId, ...(type === 'stop-limit' ? { triggerPrice: '49100' } : {}) });
    if (!placed.ok) throw new Error(placed.error.message);
    return { ...placed.value };
  };
  const open = async () => {
    const r = await connector.openOrders('BTCUSDT');
    return r.ok ? r.value.map((o) => [o.id, o.price, o.clientId]) : r;
  };
  const move = (orderId: string, price: string, clientId = 'client-move') => service.move({ accountId: account.id, symbol: 'BTCUSDT', orderId, price, clientId });
  return { venue, service, rest, open, move };
}

describe('orders:move without an amend (cancel, then place)', () => {
  it('cancels the original and places the rest at the new price under the given client id', async () => {
    const { venue, rest, open, move } = await setup();
    const original = await rest();
    const moved = await move(original.id, '48900');
    expect(moved).toMatchObject({ ok: true, value: { kind: 'replaced', canceled: { id: original.id, status: 'canceled' }, order: { price: '48900', quantity: '0.01', clientId: 'client-move', accountId: account.id } } });
    expect(moved.ok && moved.value.kind === 'replaced' && moved.value.order.id).not.toBe(original.id);
    expect(await open()).toEqual([[expect.any(String), '48900', 'client-move']]);
    expect([venue.cancelCalls, venue.placeCalls]).toEqual([1, 2]);
  });

  it('a stop-limit keeps its trigger', async () => {
    const { venue, rest, move } = await setup({ amends: true });
    const original = await rest('49000', 'stop-limit');
    const moved = await move(original.id, '48950');
    expect(moved).toMatchObject({ ok: true, value: { kind: 'replaced', order: { type: 'stop-limit', price: '48950', triggerPrice: '49100' } } });
    // The amend is for limit orders: a stop-limit is cancelled and placed anew even where the connector amends.
    expect(venue.amendCalls).toBe(0);
  });

  it('when the cancel went through but the new order failed, says the original is gone', async () => {
    const { venue, rest, open, move } = await setup();
    const original = await rest();
    venue.placeFailWith = err('EXCHANGE_REJECTED', 'insufficient balance');
    const moved = await move(original.id, '48900');
    expect(moved).toMatchObject({ ok: true, value: { kind: 'original-gone', canceled: { id: original.id, status: 'canceled' }, error: { code: 'EXCHANGE_REJECTED', message: 'insufficient balance' } } });
    expect(await open()).toEqual([]);
  });

  it('when the cancel fails, places nothing and says the original stands', async () => {
    const { venue, rest, open, move } = await setup();
    const original = await rest();
    const cancel = venue.connectors[0]!.cancelOrder.bind(venue.connectors[0]);
    venue.connectors[0]!.cancelOrder = async () => err('EXCHANGE_UNAVAILABLE', 'the exchange is busy');
    const moved = await move(original.id, '48900');
    expect(moved).toMatchObject({ ok: true, value: { kind: 'unchanged', order: { id: original.id, price: '49000' }, error: { message: 'the exchange is busy' } } });
    expect(venue.placeCalls).toBe(1);
    expect(await open()).toEqual([[original.id, '49000', 'client-orig']]);
    venue.connectors[0]!.cancelOrder = cancel;
  });
});

describe('orders:move with an amend', () => {
  it('amends in place: same order id and client id, nothing cancelled or placed', async () => {
    const { venue, rest, open, move } = await setup({ amends: true });
    const original = await rest();
    const moved = await move(original.id, '48900.004');
    expect(moved).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'price' } });
    expect(venue.amendCalls).toBe(0);
    const good = await move(original.id, '48900');
    expect(good).toMatchObject({ ok: true, value: { kind: 'amended', order: { id: original.id, clientId: 'client-orig', price: '48900', accountId: account.id } } });
    expect([venue.amendCalls, venue.cancelCalls, venue.placeCalls]).toEqual([1, 0, 1]);
    expect(await open()).toEqual([[original.id, '48900', 'client-orig']]);
  });

  it('falls back to cancel and place when the exchange will not amend this order (UNSUPPORTED)', async () => {
    const { venue, rest, open, move } = await setup({ amends: true });
    const original = await rest();
    venue.amendFailWith = err('UNSUPPORTED', 'the exchange does not amend this order; it is unchanged');
    const moved = await move(original.id, '48900');
    expect(moved).toMatchObject({ ok: true, value: { kind: 'replaced', canceled: { id: original.id }, order: { price: '48900', clientId: 'client-move' } } });
    expect([venue.amendCalls, venue.cancelCalls]).toEqual([1, 1]);
    expect(await open()).toEqual([[expect.not.stringMatching(`^${original.id}$`), '48900', 'client-move']]);
  });

  it('a rejected amend leaves the original as it was and sends nothing else', async () => {
    const { venue, rest, open, move } = await setup({ amends: true });
    const original = await rest();
    venue.amendFailWith = err('EXCHANGE_REJECTED', 'price too far from the market');
    const moved = await move(original.id, '48900');
    expect(moved).toMatchObject({ ok: true, value: { kind: 'unchanged', order: { id: original.id, price: '49000' }, error: { code: 'EXCHANGE_REJECTED' } } });
    expect([venue.cancelCalls, venue.placeCalls]).toEqual([0, 1]);
    expect(await open()).toEqual([[original.id, '49000', 'client-orig']]);
  });

  it('an amend that failed but whose order is gone is reported as gone, not unchanged', async () => {
    const { venue, rest, move } = await setup({ amends: true });
    const original = await rest();
    const connector = venue.connectors[0]!;
    connector.amendOrder = async () => {
      await connector.cancelOrder('BTCUSDT', original.id);
      return err('EXCHANGE_REJECTED', 'insufficient balance for the new order');
    };
    const moved = await move(original.id, '48900');
    expect(moved).toMatchObject({ ok: true, value: { kind: 'original-gone', error: { message: 'insufficient balance for the new order' } } });
    expect(moved.ok && moved.value.kind === 'original-gone' && moved.value.canceled).toBeUndefined();
  });
});

describe('orders:move refusals touch nothing', () => {
  it('a price the guards refuse, read-only mode, an unknown order: a failed Result and no exchange call', async () => {
    const { venue, rest, open, move } = await setup({ amends: true });
    const original = await rest();
    const band = await move(original.id, '40000');
    expect(band).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'price', message: expect.stringMatching(/^not moved: .*price band allows 10 %/) } });
    expect(await move('999', '48900')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'orderId' } });
    settings = { ...settings, readOnly: true };
    expect(await move(original.id, '48900')).toMatchObject({ ok: false, error: { code: 'RISK_BLOCKED', message: expect.stringMatching(/Read-only mode is on.*move order/) } });
    expect([venue.amendCalls, venue.cancelCalls, venue.placeCalls]).toEqual([0, 0, 1]);
    settings = { ...settings, readOnly: false };
    expect(await open()).toEqual([[original.id, '49000', 'client-orig']]);
  });
});
