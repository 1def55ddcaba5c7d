import { describe, expect, it } from 'vitest';
import { parseReply } from './errors';
import { parseBalances, parseFill, parseFills, parseOrder, parseOrderRef, parseOrders } from './map-account';
import { symbolOfNative } from './map-market';

const resultOf = (text: string) => {
  const r = parseReply(200, text, 'm', 'the call');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

// specs/cryptocom-exchange.md literal examples.
const BALANCE = '{"instrument_name":"USD","total_available_balance":"19.00181564","total_margin_balance":"19.82186564","total_initial_margin":"0.82005001","total_haircut":"0.82005001","total_position_im":"0","total_maintenance_margin":"0.41002501","total_position_cost":"0","total_cash_balance":"19.82186564","total_collateral_value":"19.00181564","total_session_unrealized_pnl":"0","total_session_realized_pnl":"0","total_effective_leverage":"0.082742","position_limit":"396.4373128","used_position_limit":"1.64010001","total_borrow":"0","total_isolated_cash_balance":"0","isolated_positions":[],"credit_limits":[],"is_liquidating":false,"has_risk":false,"terminatable":true,"position_balances":[{"instrument_name":"CRO","quantity":"30","reserved_qty":"0","market_value":"1.6401","collateral_amount":"0.82005","haircut":"0.5","collateral_eligible":true,"max_withdrawal_balance":"30","hourly_interest_rate":"0"}]}';
const ORDER = '{"account_id":"ce075bef-1234-4321-bd6g-ff9007252e63","order_id":"6530219477767564494","client_oid":"CCXT_7ce730f0388441df9bc218","order_type":"LIMIT","time_in_force":"GOOD_TILL_CANCEL","side":"BUY","exec_inst":[],"quantity":"0.00020","limit_price":"20000.00","order_value":"4","avg_price":"0","trigger_price":"0","ref_price":"0","cumulative_quantity":"0","cumulative_value":"0","cumulative_fee":"0","status":"ACTIVE","update_user_id":"ce075bef-1234-4321-bd6g-gg9007252e63","order_date":"2023-06-15","instrument_name":"BTC_USD","fee_instrument_name":"BTC","create_time":1686806053992,"create_time_ns":"1686806053992921880","update_time":1686806053993}';
const TRADE = '{"account_id":"ds075abc-…","event_date":"2023-06-16","journal_type":"TRADING","side":"BUY","instrument_name":"BTC_USD","fees":"-0.0000000525","fee_credits":"0","trade_id":"6142909898247428343","trade_match_id":"4611686018455978480","create_time":1686941992887,"create_time_ns":"1686941992887207066","transact_time_ns":"1686941992887207066","traded_price":"26347.16","traded_quantity":"0.00021","fee_instrument_name":"BTC","client_oid":"d1c70a60-1234-4c92-b2a0-72b931cb31e0","taker_side":"TAKER","order_id":"6142909895036331486","match_count":"1","match_index":"0"}';

const ORDER_OUT = {
  accountId: 'a1',
  exchange: 'cryptocom-exchange',
  symbol: 'BTCUSD',
  id: '6530219477767564494',
  clientId: 'CCXT_7ce730f0388441df9bc218',
  side: 'buy',
  type: 'limit',
  status: 'open',
  price: '20000.00',
  quantity: '0.00020',
  filledQuantity: '0',
  createdAt: 1686806053992,
  updatedAt: 1686806053993,
};

describe('Crypto.com Exchange private mappers (§5.7-§5.11 literal examples)', () => {
  it('§5.7 user balance: spot holdings from position_balances, free = quantity − reserved', () => {
    expect(parseBalances(resultOf(`{"id":1,"method":"private/user-balance","code":0,"result":{"data":[${BALANCE}]}}`), 'a1')).toEqual([{ accountId: 'a1', asset: 'CRO', free: '30', locked: '0', total: '30' }]);
    const reserved = parseBalances({ data: [{ position_balances: [{ instrument_name: 'USDT', quantity: '100.50', reserved_qty: '40.25' }, { instrument_name: 'ETH', quantity: '0', reserved_qty: '0' }] }] }, 'a1');
    expect(reserved).toEqual([{ accountId: 'a1', asset: 'USDT', free: '60.25', locked: '40.25', total: '100.50' }]);
  });

  it('§5.8 create-order reply and the live market-buy reply give the ids', () => {
    expect(parseOrderRef(resultOf('{"id":11,"method":"private/create-order","code":0,"result":{"client_oid":"my-oid-0001","order_id":"6530219599901000701"}}'))).toEqual({ orderId: '6530219599901000701', clientOid: 'my-oid-0001' });
    expect(parseOrderRef({ client_oid: '7207206592277411461', order_id: '4989988582751224633' })).toEqual({ orderId: '4989988582751224633', clientOid: '7207206592277411461' });
  });

  it('§1.3 an engine rejection keeps the ids in `result` next to the reason (§8 item 10)', () => {
    const r = parseReply(200, '{"id":1,"method":"private/create-order","code":315,"message":"FAR_AWAY_LIMIT_PRICE","result":{"client_oid":"abc123","order_id":"5368290798789202966"}}', 'private/create-order', 'the order');
    expect(r).toMatchObject({ ok: false, exchangeCode: 315, error: { code: 'EXCHANGE_REJECTED', field: 'price', message: 'Crypto.com Exchange rejected the order: limit price too far from the market (FAR_AWAY_LIMIT_PRICE, code 315)' } });
    expect(parseOrderRef(r.result)).toEqual({ orderId: '5368290798789202966', clientOid: 'abc123' });
  });

  it('§5.9 amend and §5.10 cancel replies; cancel-all has no result', () => {
    expect(parseOrderRef({ client_oid: '53', order_id: '6530219466236720401' })).toEqual({ orderId: '6530219466236720401', clientOid: '53' });
    expect(parseOrderRef(resultOf('{"id":3,"method":"private/cancel-order","code":0,"message":"NO_ERROR","result":{"client_oid":"c-1","order_id":"6530219466236720402"}}'))).toEqual({ orderId: '6530219466236720402', clientOid: 'c-1' });
    expect(parseReply(200, '{"id":1,"method":"private/cancel-all-orders","code":0}', 'private/cancel-all-orders', 'cancel all')).toMatchObject({ ok: true, value: null });
  });

  it('§5.11 order object (open orders, order detail, order history): exact decimals and the client id', () => {
    expect(parseOrders((resultOf(`{"id":4,"method":"private/get-open-orders","code":0,"result":{"data":[${ORDER}]}}`) as { data: unknown }).data, 'a1', symbolOfNative)).toEqual([{ order: ORDER_OUT }]);
    expect(parseOrder(resultOf(`{"id":5,"method":"private/get-order-detail","code":0,"result":${ORDER}}`), 'a1', symbolOfNative, 'result')).toEqual({ order: ORDER_OUT });
  });

  it('§4.3 status mapping: ACTIVE with fills is partly filled, REJECTED keeps its reason, a market buy by notional reports what filled', () => {
    const base = JSON.parse(ORDER) as Record<string, unknown>;
    expect(parseOrder({ ...base, cumulative_quantity: '0.00010' }, 'a1', symbolOfNative, 'o').order.status).toBe('partially-filled');
    expect(parseOrder({ ...base, status: 'REJECTED', reason: '43005' }, 'a1', symbolOfNative, 'o')).toMatchObject({ order: { status: 'rejected' }, reason: '43005' });
    const history = ['FILLED', 'CANCELED', 'EXPIRED', 'PENDING', 'NEW'].map((s) => parseOrder({ ...base, status: s }, 'a1', symbolOfNative, 'o').order.status);
    expect(history).toEqual(['filled', 'canceled', 'expired', 'pending', 'open']);
    const marketBuy = parseOrder({ ...base, order_type: 'MARKET', limit_price: undefined, quantity: '0', status: 'FILLED', cumulative_quantity: '0.00006', create_time: '1686806053992', update_time: '1686806053999' }, 'a1', symbolOfNative, 'o').order;
    expect(marketBuy).toMatchObject({ type: 'market', quantity: '0.00006', filledQuantity: '0.00006', createdAt: 1686806053992, updatedAt: 1686806053999 });
    expect(marketBuy.price).toBeUndefined();
    expect(() => parseOrder({ ...base, status: 'PARTIALLY_FILLED' }, 'a1', symbolOfNative, 'o')).toThrow(/o\.status: unknown order status/);
  });

  it('§5.11 trade object: the fee as paid (sign flipped), in the fee currency', () => {
    const fills = parseFills((resultOf(`{"id":6,"method":"private/get-trades","code":0,"result":{"data":[${TRADE}]}}`) as { data: unknown }).data, 'a1', symbolOfNative);
    expect(fills).toEqual([{ accountId: 'a1', exchange: 'cryptocom-exchange', symbol: 'BTCUSD', id: '6142909898247428343', orderId: '6142909895036331486', side: 'buy', price: '26347.16', quantity: '0.00021', fee: '0.0000000525', feeAsset: 'BTC', time: 1686941992887 }]);
    expect(parseFill({ ...JSON.parse(TRADE), fees: '0.01' }, 'a1', symbolOfNative, 't').fee).toBe('-0.01');
  });

  it('refuses an id that lost digits as a JSON number (§1.4)', () => {
    expect(() => parseOrderRef(JSON.parse('{"order_id":6530219477767564494}'))).toThrow(/result\.order_id: expected an id/);
  });
});
