import { describe, expect, it } from 'vitest';
import { Balance, Fill, Order } from '../../../shared';
import type { ConnectorOrder } from '../connector';
import { ExchangeRefusal, mapCancelReply, mapFills, mapOrder, mapPage, mapPlaceReply, mapUserTrade, mapWallet } from './map-account';

// specs/icrypex.md §7.9 sample shape (dates in ms, partially filled OPEN order).
const LIST_ORDER = {
  id: 1541007,
  symbol: 'BTCUSDT',
  createdDate: 1650874928318,
  updatedDate: 1650874929000,
  price: '40000',
  quantity: '0.5',
  leftQuantity: '0.2',
  triggerPrice: '0',
  total: '20000',
  side: 'BUY',
  status: 'OPEN',
  type: 'LIMIT',
  clientId: 'kt-1',
};

describe('orders (§7.9, §9 #10/#12/#13)', () => {
  it('maps a partially filled OPEN order to partially-filled with decimals kept', () => {
    const o = Order.parse(mapOrder(LIST_ORDER, 'o', 'acc'));
    expect(o).toMatchObject({
      id: '1541007',
      clientId: 'kt-1',
      side: 'buy',
      type: 'limit',
      status: 'partially-filled',
      price: '40000',
      quantity: '0.5',
      filledQuantity: '0.3',
      createdAt: 1650874928318,
    });
    expect(o.triggerPrice).toBeUndefined();
  });

  it('accepts every status spelling, pairSymbol, totalQuote and dates in seconds', () => {
    for (const [status, want] of [
      ['FILL', 'filled'],
      ['Fill', 'filled'],
      ['FILLED', 'filled'],
      ['Filled', 'filled'],
      ['CANCEL', 'canceled'],
      ['Canceled', 'canceled'],
      ['CANCELLED', 'canceled'],
      ['Open', 'open'],
    ] as const) {
      const raw = { ...LIST_ORDER, symbol: undefined, pairSymbol: 'ethusdt', total: undefined, totalQuote: '1', leftQuantity: '0.5', status, createdDate: 1650874928, type: 'stop_limit', triggerPrice: '39000' };
      const o = mapOrder(raw, 'o', 'acc');
      expect([o.status, o.symbol, o.createdAt, o.type, o.triggerPrice]).toEqual([want, 'ETHUSDT', 1650874928000, 'stop-limit', '39000']);
    }
  });

  it('refuses an unknown status naming the field', () => {
    expect(() => mapOrder({ ...LIST_ORDER, status: 'WEIRD' }, 'items[3]', 'acc')).toThrow(/items\[3\]\.status/);
  });
});

describe('pagination (§6)', () => {
  const item = (r: unknown) => r as number;
  it('follows hasNextPage, else pageIndex/totalPages, and takes a bare array as the last page', () => {
    expect(mapPage({ items: [1], hasNextPage: true }, item, 'p')).toEqual({ items: [1], hasNext: true });
    expect(mapPage({ items: [1], pageIndex: 1, totalPages: 2, indexFrom: 1 }, item, 'p').hasNext).toBe(true);
    expect(mapPage({ items: [1], pageIndex: 2, totalPages: 2, indexFrom: 1 }, item, 'p').hasNext).toBe(false);
    expect(mapPage({ items: [1], pageIndex: 1, totalPages: 2, indexFrom: 0 }, item, 'p').hasNext).toBe(false);
    expect(mapPage([1, 2], item, 'p')).toEqual({ items: [1, 2], hasNext: false });
  });
});

describe('place reply (§7.7)', () => {
  const request: ConnectorOrder = { symbol: 'BTCUSDT', side: 'buy', type: 'market', total: '23', clientId: 'kt-9' };
  it('maps the documented sample (Fill, lastTrades, string id)', () => {
    const o = Order.parse(
      mapPlaceReply(
        { id: '1551482', ok: true, pairSymbol: 'BTCUSDT', status: 'Fill', quantity: '0.00095464', leftQuantity: '0.00047732', total: '23', matchedTotal: '22.9996642', lastTrades: [{ quantity: '0.00047732', price: '48185' }] },
        request,
        'acc',
        7,
      ),
    );
    expect(o).toMatchObject({ id: '1551482', clientId: 'kt-9', status: 'filled', quantity: '0.00095464', filledQuantity: '0.00047732', createdAt: 7, type: 'market' });
  });

  it('reads Open with a partial fill as partially-filled, and ok:false as a refusal', () => {
    const o = mapPlaceReply({ id: 5, ok: true, status: 'Open', quantity: '1', leftQuantity: '0.4', totalQuote: '10', trades: [] }, { ...request, type: 'limit', price: '10', quantity: '1', total: undefined }, 'acc', 1);
    expect([o.status, o.filledQuantity, o.price]).toEqual(['partially-filled', '0.6', '10']);
    expect(() => mapPlaceReply({ ok: false, code: 'insufficient_balance', message: 'not enough USDT' }, request, 'acc', 1)).toThrow(ExchangeRefusal);
  });
});

describe('cancel reply (§7.8)', () => {
  it('maps the documented reply and refuses ok:false', () => {
    expect(mapCancelReply({ ok: true, id: 1541007, code: 'SUCCESS' })).toEqual({ id: '1541007' });
    expect(() => mapCancelReply({ ok: false, code: 'order_not_found' })).toThrow('order_not_found');
  });
});

describe('wallet (§7.13)', () => {
  it('uses available as free and the rest as locked; derives available when absent', () => {
    const balances = mapWallet(
      [
        { asset: 'USDT', order: '10', request: '0', blocked: '1', total: '100', available: '89', locked: '11', tryValue: '1', btcValue: '0' },
        { asset: 'btc', order: '0.1', request: '0', blocked: '0', total: '1' },
      ],
      'acc',
    );
    expect(balances.map((b) => Balance.parse(b))).toEqual([
      { accountId: 'acc', asset: 'USDT', free: '89', locked: '11', total: '100' },
      { accountId: 'acc', asset: 'BTC', free: '0.9', locked: '0.1', total: '1' },
    ]);
  });
});

describe('own trades (§7.11)', () => {
  it('charges the fee in base on buys and quote on sells, with stable ids', () => {
    const split = () => ({ base: 'BTC', quote: 'USDT' });
    const rows = [
      { date: 1653990814, orderId: 1, pairSymbol: 'BTCUSDT', side: 'BUY', quantity: '0.1', price: '100', fee: '0.0001', total: '10' },
      { date: 1653990815, orderId: 2, pairSymbol: 'BTCUSDT', side: 'SELL', quantity: '0.1', price: '100', fee: '0.01', total: '10' },
    ];
    const fills = mapFills(rows, 'acc', split).map((f) => Fill.parse(f));
    expect(fills.map((f) => [f.feeAsset, f.time, f.orderId])).toEqual([
      ['BTC', 1653990814000, '1'],
      ['USDT', 1653990815000, '2'],
    ]);
    expect(mapFills(rows, 'acc', split).map((f) => f.id)).toEqual(fills.map((f) => f.id));
  });
});

describe('user-trade push (§8.4)', () => {
  it('reads quantities and falls back on them when the status spelling is unknown', () => {
    const u = mapUserTrade({ ps: 'BTCUSDT', o: 77, tq: '0.1', oq: '0.5', lq: '0', tt: '10', c: '2', p: '100', s: 'SomethingNew', sd: 'SELL', t: 'LIMIT' });
    expect(u).toMatchObject({ orderId: '77', side: 'sell', type: 'limit', status: 'filled', tradeQuantity: '0.1', leftQuantity: '0' });
    const partial = mapUserTrade({ ps: 'BTCUSDT', o: 77, tq: '0.1', oq: '0.5', lq: '0.4', p: '100', s: 'OPEN', sd: 'BUY', t: 'LIMIT', d: 1653990814 });
    expect([partial.status, partial.time]).toEqual(['partially-filled', 1653990814000]);
  });
});
