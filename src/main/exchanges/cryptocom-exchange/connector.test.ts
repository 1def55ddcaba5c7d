import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared';
import type { SubmitResolution } from '../connector';
import { FakeClock } from '../../../../tests/support/fake-clock';
import { fakeSocketFactory } from '../../../../tests/support/fake-socket';
import { bodyOf, methodOf, reply, timeout, type HttpOutcome, type Req } from '../../../../tests/support/cdx-rest';
import { signingKey } from '../../secrets';
import { CdxConnector } from './connector';

const INSTRUMENTS = { data: [{ symbol: 'BTC_USDT', inst_type: 'CCY_PAIR', base_ccy: 'BTC', quote_ccy: 'USDT', quote_decimals: 2, quantity_decimals: 5, price_tick_size: '0.01', qty_tick_size: '0.00001', tradable: true }] };

function rig(answer: (req: Req) => HttpOutcome) {
  const clock = new FakeClock(1_700_000_000_000);
  const { factory, sockets } = fakeSocketFactory();
  const requests: Req[] = [];
  const connector = new CdxConnector({
    accountId: 'a1',
    clock,
    credentials: async () => signingKey({ apiKey: 'k', apiSecret: 's' }),
    http: { request: async (req) => (requests.push(req), methodOf(req) === 'public/get-instruments' ? reply('public/get-instruments', 0, INSTRUMENTS) : answer(req)), link: () => ({}) },
    sockets: factory,
  });
  async function settle<T>(p: Promise<T>): Promise<T> {
    let done = false;
    void p.then(() => (done = true), () => (done = true));
    for (let t = 0; t < 120_000 && !done; t += 20) await clock.advanceAsync(20);
    return p;
  }
  return { clock, connector, sockets, requests, settle };
}

describe('CdxConnector (composition)', () => {
  it('maps the terminal symbol to the instrument name and places with its client id', async () => {
    const { connector, requests, settle } = rig((req) => reply(methodOf(req), 0, { order_id: '9', client_oid: 'kt-composed-1' }));
    const r = await settle(connector.placeOrder({ symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '50000.00', quantity: '0.01000', clientId: 'kt-composed-1' }));
    expect(r).toMatchObject({ ok: true, value: { id: '9', exchange: 'cryptocom-exchange', symbol: 'BTCUSDT', status: 'open' } });
    expect(bodyOf(requests.find((q) => methodOf(q) === 'private/create-order')!).params).toMatchObject({ instrument_name: 'BTC_USDT', side: 'SELL', price: '50000.00', quantity: '0.01000', client_oid: 'kt-composed-1' });
    expect(await settle(connector.placeOrder({ symbol: 'NOPEUSDT', side: 'sell', type: 'limit', price: '1', quantity: '1', clientId: 'kt-composed-2' }))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'symbol' } });
  });

  it('a submit lost in flight is settled by the user.order push of its client id, reported once through onSubmitResolved', async () => {
    const { connector, sockets, clock, settle } = rig((req) => (methodOf(req) === 'private/create-order' ? timeout() : reply(methodOf(req), 40401, undefined, 200, 'NOT_FOUND')));
    const resolved: SubmitResolution[] = [];
    const orders: Order[] = [];
    connector.onSubmitResolved((r) => resolved.push(r));
    connector.onOrder((o) => orders.push(o));
    await connector.start();
    const r = await settle(connector.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '1.00', quantity: '1.00000', clientId: 'kt-composed-3' }));
    expect(r).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN' } });
    const user = sockets.find((s) => s.spec.url.endsWith('/user'))!;
    user.open();
    await clock.advanceAsync(1000);
    const auth = JSON.parse(user.take()[0]!) as { id: number };
    user.receive(JSON.stringify({ id: auth.id, method: 'public/auth', code: 0 }));
    user.receive(JSON.stringify({ id: -1, method: 'subscribe', code: 0, result: { subscription: 'user.order', channel: 'user.order', data: [{ order_id: '55', client_oid: 'kt-composed-3', order_type: 'LIMIT', side: 'BUY', status: 'ACTIVE', quantity: '1.00000', limit_price: '1.00', cumulative_quantity: '0', instrument_name: 'BTC_USDT', create_time: 1, update_time: 1 }] } }));
    expect(resolved).toMatchObject([{ clientId: 'kt-composed-3', order: { id: '55' } }]);
    expect(orders.filter((o) => o.id === '55').length).toBeGreaterThanOrEqual(1);
    expect(connector.unresolvedSubmits()).toBe(0);
    await connector.stop();
  });
});
