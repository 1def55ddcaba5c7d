import { describe, expect, it } from 'vitest';
import { parseAccount, parseCreateReply, parseMyTrades, parseOrderPage, parseShowOrder } from './map-account';

const SHOW_ORDER = {
  order_info: {
    id: 8140, side: 'SELL', side_msg: 'SELL', type: 1, status: 2, status_msg: 'Completely Filled',
    price: '8000.00000000', volume: '0.00100000', deal_volume: '0.00100000', remain_volume: '0.00000000',
    avg_price: '9744.25000000', total_price: '8.00000000', deal_price: 9.74425, fee: '0E-8', fee_coin: 'USDT',
    baseCoin: 'BTC', countCoin: 'USDT', source: 3, source_msg: 'API', created_at: 1571971998681, updated_at: 1571971998900,
    tradeList: [{ id: 6224, type: 'SELL', price: '9744.25000000', volume: '0.00100000', deal_price: '9.74425000', fee: '0.00000000', feeCoin: 'USDT', ctime: 1571971998000 }],
  },
  trade_list: [{ id: 6224, type: 'SELL', price: '9744.25000000', volume: '0.00100000', deal_price: '9.74425000', fee: '0.00000000', feeCoin: 'USDT', ctime: 1571971998000 }],
};

describe('POST /v1/account (§5.7)', () => {
  it('reads btcValuatin (sic) and btcValuation rows, strings or numbers, upper-cases coins, drops empty rows', () => {
    const balances = parseAccount(
      {
        total_asset: '0.12345678',
        coin_list: [
          { coin: 'btc', normal: '0.10000000', locked: '0.00000000', btcValuatin: '0.10000000' },
          { coin: 'usdt', normal: 12.5, locked: 7.5, btcValuation: 0.002 },
          { coin: 'cro', normal: '0', locked: '0', btcValuatin: '0' },
        ],
      },
      'acc-1',
    );
    expect(balances).toEqual([
      { accountId: 'acc-1', asset: 'BTC', free: '0.10000000', locked: '0.00000000', total: '0.1' },
      { accountId: 'acc-1', asset: 'USDT', free: '12.5', locked: '7.5', total: '20' },
    ]);
  });

  it('names the broken field', () => {
    expect(() => parseAccount({ coin_list: [{ coin: 'btc', normal: 'abc' }] }, 'a')).toThrow(/data\.coin_list\[0\]\.normal/);
  });
});

describe('orders (§5.8-§5.13)', () => {
  it('showOrder: 0E-8 and number deal_price read, status 2 is filled, one fill though both lists carry it', () => {
    const { order, fills, volume } = parseShowOrder(SHOW_ORDER, 'btcusdt', 'acc-1');
    expect(order).toEqual({
      accountId: 'acc-1', exchange: 'cryptocom', symbol: 'BTCUSDT', id: '8140', side: 'sell', type: 'limit', status: 'filled',
      price: '8000.00000000', quantity: '0.00100000', filledQuantity: '0.00100000', createdAt: 1571971998681, updatedAt: 1571971998900,
    });
    expect(volume).toBe('0.00100000');
    expect(fills).toEqual([
      { accountId: 'acc-1', exchange: 'cryptocom', symbol: 'BTCUSDT', id: '6224', orderId: '8140', side: 'sell', price: '9744.25000000', quantity: '0.00100000', fee: '0.00000000', feeAsset: 'USDT', time: 1571971998000 },
    ]);
  });

  it('showOrder in the 2020 shape (tradeList only, no updated_at) and in the 2019 shape (trade_list only)', () => {
    const info = { ...SHOW_ORDER.order_info, tradeList: [] as unknown[], updated_at: undefined, status: 5 };
    expect(parseShowOrder({ order_info: info }, 'btcusdt', 'a')).toMatchObject({ order: { status: 'pending-cancel', updatedAt: 1571971998681 }, fills: [] });
    const old = { ...SHOW_ORDER.order_info, tradeList: undefined };
    expect(parseShowOrder({ order_info: old, trade_list: SHOW_ORDER.trade_list }, 'btcusdt', 'a').fills).toHaveLength(1);
  });

  it('maps every status of §4', () => {
    const page = parseOrderPage(
      { count: 7, resultList: [0, 1, 2, 3, 4, 5, 6].map((status) => ({ ...SHOW_ORDER.order_info, id: status, status, tradeList: undefined })) },
      'btcusdt',
      'a',
    );
    expect(page.orders.map((o) => o.order.status)).toEqual(['open', 'open', 'filled', 'partially-filled', 'canceled', 'pending-cancel', 'expired']);
    expect(() => parseOrderPage({ count: 1, resultList: [{ ...SHOW_ORDER.order_info, status: 9 }] }, 'btcusdt', 'a')).toThrow(/status 9/);
  });

  it('a market BUY: volume is the quote amount, the quantity is what filled, no price', () => {
    const page = parseOrderPage(
      { count: 1, orderList: [{ ...SHOW_ORDER.order_info, side: 'BUY', type: 2, volume: '100', deal_volume: '0.0102', price: '0', tradeList: undefined }] },
      'btcusdt',
      'a',
    );
    expect(page.orders[0]!.order).toMatchObject({ type: 'market', side: 'buy', quantity: '0.0102', filledQuantity: '0.0102' });
    expect(page.orders[0]!.order.price).toBeUndefined();
    expect(page.orders[0]!.volume).toBe('100');
  });

  it('openOrders with strings everywhere, an empty page, and the create reply', () => {
    expect(parseOrderPage({ count: 0, resultList: [] }, 'btcusdt', 'a')).toEqual({ count: 0, orders: [] });
    expect(parseOrderPage({ count: '0', resultList: null }, 'btcusdt', 'a')).toEqual({ count: 0, orders: [] });
    expect(parseCreateReply({ order_id: 67952563 })).toBe('67952563');
    expect(() => parseCreateReply({})).toThrow(/data\.order_id/);
  });
});

describe('POST /v1/myTrades (§5.14)', () => {
  it('ask_id is the order id when the user sold; bid_id when it bought', () => {
    const { count, fills } = parseMyTrades(
      {
        count: 2,
        resultList: [
          { id: 1811457, side: 'SELL', type: 'Sell', price: '213.26000000', volume: '0.0047', deal_price: '1.00', fee: '0.00', feeCoin: 'USDT', ctime: 1589046006000, ask_id: 68117598, ask_user_id: 71308 },
          { id: 1811458, type: 'Buy', price: 213.3, volume: 1, fee: 0.001, feeCoin: 'eth', ctime: 1589046007000, bid_id: 68117599, bid_user_id: 71308 },
        ],
      },
      'ethusdt',
      'a',
    );
    expect(count).toBe(2);
    expect(fills).toEqual([
      { accountId: 'a', exchange: 'cryptocom', symbol: 'ETHUSDT', id: '1811457', orderId: '68117598', side: 'sell', price: '213.26000000', quantity: '0.0047', fee: '0.00', feeAsset: 'USDT', time: 1589046006000 },
      { accountId: 'a', exchange: 'cryptocom', symbol: 'ETHUSDT', id: '1811458', orderId: '68117599', side: 'buy', price: '213.3', quantity: '1', fee: '0.001', feeAsset: 'ETH', time: 1589046007000 },
    ]);
  });
});
