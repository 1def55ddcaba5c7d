import { describe, expect, it } from 'vitest';
import type { Order } from '../../../shared';
import { bodyOf, cdxRestRig, methodOf, reply, timeout, type HttpOutcome, type Req } from '../../../../tests/support/cdx-rest';
import type { ConnectorOrder } from '../connector';
import { symbolOfNative } from './map-market';
import { CdxSubmitter, clientOidOf, createParams } from './submit';

const LIMIT: ConnectorOrder = { symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '50000.5', quantity: '0.0015', clientId: 'kt0123456789abcdef' };
const DETAIL = (status: string) => ({ order_id: '777', client_oid: LIMIT.clientId, order_type: 'LIMIT', side: 'BUY', status, quantity: '0.0015', limit_price: '50000.5', cumulative_quantity: '0', instrument_name: 'BTC_USDT', create_time: 1, update_time: 2 });

function rig(answer: (req: Req, n: number, at: number) => HttpOutcome) {
  const r = cdxRestRig(answer);
  const events: string[] = [];
  const rejected: Order[] = [];
  const submitter = new CdxSubmitter({
    accountId: 'a1',
    rest: r.rest,
    clock: r.clock,
    symbolOf: symbolOfNative,
    onPlaced: (o, wasUnknown) => events.push(`placed ${o.id}${wasUnknown ? ' after look-up' : ''}`),
    onRejected: (o) => rejected.push(o),
    onNotPlaced: (clientId, _reason, certain) => events.push(`not placed ${clientId} ${certain ? 'certain' : 'uncertain'}`),
  });
  const creates = () => r.requests.filter((q) => q.req.path === '/private/create-order');
  const looks = () => r.requests.filter((q) => q.req.path === '/private/get-order-detail');
  return { ...r, submitter, events, rejected, creates, looks };
}

describe('Crypto.com Exchange safe submits (issue 17 #3, spec §4.4, §8 items 7 and 10)', () => {
  it('every order carries its client_oid; a market buy by total sends notional, not quantity', () => {
    expect(createParams(LIMIT, 'BTC_USDT')).toEqual({ ok: true, value: { instrument_name: 'BTC_USDT', side: 'BUY', type: 'LIMIT', price: '50000.5', quantity: '0.0015', time_in_force: 'GOOD_TILL_CANCEL', client_oid: LIMIT.clientId } });
    expect(createParams({ symbol: 'BTCUSDT', side: 'buy', type: 'market', total: '25.50', clientId: 'kt-market-buy' }, 'BTC_USDT')).toEqual({ ok: true, value: { instrument_name: 'BTC_USDT', side: 'BUY', type: 'MARKET', notional: '25.50', client_oid: 'kt-market-buy' } });
    expect(createParams({ symbol: 'BTCUSDT', side: 'sell', type: 'market', quantity: '0.1', clientId: 'kt-market-sell' }, 'BTC_USDT')).toMatchObject({ ok: true, value: { type: 'MARKET', quantity: '0.1' } });
    expect(createParams({ symbol: 'BTCUSDT', side: 'sell', type: 'market', total: '5', clientId: 'kt-market-sell' }, 'BTC_USDT')).toMatchObject({ ok: false, error: { field: 'quantity' } });
    // §4.4: at most 36 characters; a longer terminal id gets a stable digest.
    const long = 'kt' + 'x'.repeat(38);
    expect(clientOidOf(long)).toHaveLength(36);
    expect(clientOidOf(long)).toBe(clientOidOf(long));
  });

  it('a placed order answers at once with its exchange id', async () => {
    const { submitter, settle, creates, events } = rig((req) => reply(methodOf(req), 0, { client_oid: LIMIT.clientId, order_id: '6530219599901000701' }));
    const r = await settle(submitter.place(LIMIT, 'BTC_USDT'));
    expect(r).toMatchObject({ ok: true, value: { id: '6530219599901000701', clientId: LIMIT.clientId, status: 'open', price: '50000.5', quantity: '0.0015' } });
    expect(bodyOf(creates()[0]!.req).params).toMatchObject({ client_oid: LIMIT.clientId });
    expect(events).toEqual(['placed 6530219599901000701']);
  });

  it('after a timeout the order is looked up by client_oid, found, and never sent twice', async () => {
    const { submitter, settle, creates, looks, events } = rig((req, n) => {
      if (methodOf(req) === 'private/create-order') return timeout();
      return n < 3 ? reply(methodOf(req), 40401, undefined, 200, 'NOT_FOUND') : reply(methodOf(req), 0, DETAIL('ACTIVE'));
    });
    const r = await settle(submitter.place(LIMIT, 'BTC_USDT'));
    expect(r).toMatchObject({ ok: true, value: { id: '777', status: 'open', clientId: LIMIT.clientId } });
    expect(creates()).toHaveLength(1);
    expect(looks().map((l) => bodyOf(l.req).params)).toEqual([{ client_oid: LIMIT.clientId }, { client_oid: LIMIT.clientId }]);
    expect(events).toEqual(['placed 777 after look-up']);
    // The same client id again: answered from what is known, not sent.
    expect(await settle(submitter.place(LIMIT, 'BTC_USDT'))).toMatchObject({ ok: true, value: { id: '777' } });
    expect(creates()).toHaveLength(1);
  });

  it('a lost reply never found answers ORDER_STATE_UNKNOWN, then "not placed, certain" once the nonce window has closed', async () => {
    const { submitter, settle, clock, creates, looks, events } = rig((req) => (methodOf(req) === 'private/create-order' ? timeout() : reply(methodOf(req), 40401, undefined, 200, 'NOT_FOUND')));
    const sentAt = clock.now();
    const r = await settle(submitter.place(LIMIT, 'BTC_USDT'));
    expect(r).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN' } });
    expect(submitter.unresolved()).toBe(1);
    expect(events).toEqual([]);
    // Nothing is concluded before the window closes, however many looks say "not found".
    await clock.advanceAsync(60_000);
    expect(events).toEqual([]);
    for (let t = 0; t < 30_000 && events.length === 0; t += 500) await clock.advanceAsync(500);
    expect(events).toEqual([`not placed ${LIMIT.clientId} certain`]);
    expect(looks().at(-1)!.at).toBeGreaterThanOrEqual(sentAt + 70_000);
    expect(creates()).toHaveLength(1);
    expect(submitter.unresolved()).toBe(0);
    expect(await settle(submitter.place(LIMIT, 'BTC_USDT'))).toMatchObject({ ok: false, error: { code: 'EXCHANGE_REJECTED', message: expect.stringContaining('not placed') } });
    expect(creates()).toHaveLength(1);
  });

  it('an engine rejection with a code and an order_id ends rejected with the reason (§8 item 10)', async () => {
    const { submitter, settle, rejected, creates } = rig((req) => reply(methodOf(req), 315, { client_oid: LIMIT.clientId, order_id: '5368290798789202966' }, 400, 'FAR_AWAY_LIMIT_PRICE'));
    const r = await settle(submitter.place(LIMIT, 'BTC_USDT'));
    expect(r).toMatchObject({ ok: false, error: { code: 'EXCHANGE_REJECTED', field: 'price', message: 'Crypto.com Exchange rejected the order: limit price too far from the market (FAR_AWAY_LIMIT_PRICE, code 315); order 5368290798789202966 ended rejected' } });
    expect(rejected).toMatchObject([{ id: '5368290798789202966', status: 'rejected', clientId: LIMIT.clientId }]);
    expect(creates()).toHaveLength(1);
  });

  it('a parameter error without result is a plain rejection; a 500 with an internal-error code is looked up', async () => {
    const plain = rig((req) => reply(methodOf(req), 308, undefined, 400, 'INVALID_PRICE'));
    expect(await plain.settle(plain.submitter.place(LIMIT, 'BTC_USDT'))).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'price' } });
    expect(plain.looks()).toHaveLength(0);
    const internal = rig((req) => (methodOf(req) === 'private/create-order' ? reply(methodOf(req), 50001, undefined, 400, 'ERR_INTERNAL') : reply(methodOf(req), 0, DETAIL('FILLED'))));
    expect(await internal.settle(internal.submitter.place(LIMIT, 'BTC_USDT'))).toMatchObject({ ok: true, value: { id: '777', status: 'filled' } });
  });

  it('204 DUPLICATE_CLORDID means an earlier send landed: the order is looked up, not refused', async () => {
    const { submitter, settle, looks } = rig((req) => (methodOf(req) === 'private/create-order' ? reply(methodOf(req), 204, undefined, 400, 'DUPLICATE_CLORDID') : reply(methodOf(req), 0, DETAIL('ACTIVE'))));
    expect(await settle(submitter.place(LIMIT, 'BTC_USDT'))).toMatchObject({ ok: true, value: { id: '777' } });
    expect(looks()).toHaveLength(1);
  });

  it('a user.order push of a client id in look-up settles it as placed', async () => {
    const { submitter, settle, events } = rig((req) => (methodOf(req) === 'private/create-order' ? timeout() : reply(methodOf(req), 40401, undefined, 200, 'NOT_FOUND')));
    await settle(submitter.place(LIMIT, 'BTC_USDT'));
    submitter.observe({ accountId: 'a1', exchange: 'cryptocom', symbol: 'BTCUSDT', id: '888', clientId: LIMIT.clientId, side: 'buy', type: 'limit', status: 'open', quantity: '0.0015', filledQuantity: '0', createdAt: 1, updatedAt: 1 });
    expect(events).toEqual(['placed 888 after look-up']);
    expect(submitter.unresolved()).toBe(0);
  });
});
