import { afterEach, describe, expect, it } from 'vitest';
import { Candle, Market, Order, Ticker, Trade } from '../../src/shared';
import { makeTrades, startHarness, type Harness } from './icrypex-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

let seq = 0;
const cid = () => `kt-rest-${Date.now().toString(36)}-${seq++}`;

describe('icrypex connector REST against the simulator', () => {
  it('maps exchange info, tickers, the order book and last trades into the shared model', async () => {
    h = await startHarness();
    const markets = await h.connector.markets();
    if (!markets.ok) throw new Error(markets.error.message);
    const btc = markets.value.find((m) => m.symbol === 'BTCUSDT')!;
    expect(Market.parse(btc)).toMatchObject({ tickSize: '0.01', stepSize: '0.00000001', minNotional: '10', pricePrecision: 2, quantityPrecision: 8, status: 'trading' });

    const tickers = await h.connector.tickers();
    expect(tickers.ok && tickers.value.map((t) => Ticker.parse(t).symbol).sort()).toEqual(['BTCUSDT', 'ETHUSDT', 'SHIBUSDT']);

    const book = await h.connector.orderBook('BTCUSDT', 10);
    if (!book.ok) throw new Error(book.error.message);
    const sim = h.sim.engine.book('BTCUSDT', 10);
    expect(book.value.bids).toEqual(sim.bids);
    expect(book.value.asks).toEqual(sim.asks);

    makeTrades(h, 'BTCUSDT', 6);
    const trades = await h.connector.recentTrades('BTCUSDT');
    if (!trades.ok) throw new Error(trades.error.message);
    expect(trades.value.length).toBeGreaterThanOrEqual(6);
    expect(new Set(trades.value.slice(-6).map((t) => t.side))).toEqual(new Set(['buy', 'sell']));
    trades.value.forEach((t) => Trade.parse(t));
    expect(trades.value.map((t) => t.time)).toEqual([...trades.value.map((t) => t.time)].sort((a, b) => a - b));
  });

  it('reads the trades/last `d` quirk (seconds/1000) without dating trades in 1970', async () => {
    h = await startHarness({ quirks: { lastTradesDateQuirk: true } });
    makeTrades(h, 'BTCUSDT', 4);
    const trades = await h.connector.recentTrades('BTCUSDT');
    if (!trades.ok) throw new Error(trades.error.message);
    expect(trades.value.length).toBeGreaterThanOrEqual(4);
    for (const t of trades.value) expect(Math.abs(t.time - Date.now())).toBeLessThan(1_100_000);
  });

  it('pages klines by time and builds 30m candles from 15m', async () => {
    h = await startHarness();
    const to = Math.floor(Date.now() / 1000);
    const from = to - 600 * 60;
    const ones = await h.connector.candles('BTCUSDT', '1m', from, to);
    if (!ones.ok) throw new Error(ones.error.message);
    // 600 one-minute candles need two requests of 500.
    expect(ones.value.length).toBeGreaterThan(500);
    ones.value.forEach((c) => Candle.parse(c));
    const times = ones.value.map((c) => c.time);
    expect(new Set(times).size).toBe(times.length);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const thirty = await h.connector.candles('BTCUSDT', '30m', from, to);
    if (!thirty.ok) throw new Error(thirty.error.message);
    expect(thirty.value.every((c) => c.time % 1800 === 0)).toBe(true);
    const empty = await h.connector.candles('BTCUSDT', '1h', 1_000_000, 1_003_600);
    expect(empty).toEqual({ ok: true, value: [] });
  });

  it('places limit, market-by-quantity, market-by-total, stop-limit and stop-market orders with their client ids', async () => {
    h = await startHarness();
    const book = h.sim.engine.book('BTCUSDT', 1);
    const bid = Number(book.bids[0]![0]);
    const ask = Number(book.asks[0]![0]);
    const orders = [
      { symbol: 'BTCUSDT', side: 'buy' as const, type: 'limit' as const, price: (bid * 0.9).toFixed(2), quantity: '0.001', clientId: cid() },
      { symbol: 'BTCUSDT', side: 'sell' as const, type: 'market' as const, quantity: '0.001', clientId: cid() },
      { symbol: 'BTCUSDT', side: 'buy' as const, type: 'market' as const, total: '50', clientId: cid() },
      { symbol: 'BTCUSDT', side: 'buy' as const, type: 'stop-limit' as const, triggerPrice: (ask * 1.05).toFixed(2), price: (ask * 1.06).toFixed(2), quantity: '0.001', clientId: cid() },
      { symbol: 'BTCUSDT', side: 'sell' as const, type: 'stop-market' as const, triggerPrice: (bid * 0.95).toFixed(2), quantity: '0.001', clientId: cid() },
    ];
    for (const o of orders) {
      const r = await h.connector.placeOrder(o);
      if (!r.ok) throw new Error(`${o.type}: ${r.error.message}`);
      expect(Order.parse(r.value)).toMatchObject({ clientId: o.clientId, type: o.type, side: o.side, symbol: 'BTCUSDT' });
      expect(h.sim.engine.ordersOf(h.apiKey, { clientId: o.clientId })).toHaveLength(1);
    }
    const open = await h.connector.openOrders('BTCUSDT');
    if (!open.ok) throw new Error(open.error.message);
    expect(open.value.map((o) => o.clientId).sort()).toEqual([orders[0]!.clientId, orders[3]!.clientId, orders[4]!.clientId].sort());
    const stop = open.value.find((o) => o.type === 'stop-limit')!;
    expect(Number(stop.triggerPrice)).toBe(Number(orders[3]!.triggerPrice));

    const history = await h.connector.orderHistory({ symbol: 'BTCUSDT' });
    if (!history.ok) throw new Error(history.error.message);
    expect(history.value.filter((o) => o.status === 'filled').length).toBe(2);

    const fills = await h.connector.fills({ symbol: 'BTCUSDT' });
    if (!fills.ok) throw new Error(fills.error.message);
    expect(fills.value.length).toBeGreaterThanOrEqual(2);
    expect(new Set(fills.value.map((f) => f.feeAsset))).toEqual(new Set(['BTC', 'USDT']));
  });

  it('cancels an order, cancels all, and answers NOT_FOUND for an order that is not open', async () => {
    h = await startHarness();
    const bid = Number(h.sim.engine.book('BTCUSDT', 1).bids[0]![0]);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await h.connector.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: (bid * (0.8 - i / 100)).toFixed(2), quantity: '0.001', clientId: cid() });
      if (!r.ok) throw new Error(r.error.message);
      ids.push(r.value.id);
    }
    const c = await h.connector.cancelOrder('BTCUSDT', ids[0]!);
    expect(c.ok && c.value.status).toBe('canceled');
    expect(h.sim.engine.openOrders(h.apiKey).map((o) => String(o.id)).sort()).toEqual(ids.slice(1).sort());
    const all = await h.connector.cancelAll('BTCUSDT');
    expect(all).toEqual({ ok: true, value: { canceled: 2 } });
    expect(h.sim.engine.openOrders(h.apiKey)).toEqual([]);
    const again = await h.connector.cancelOrder('BTCUSDT', ids[0]!);
    expect(again.ok === false && again.error.code).toBe('NOT_FOUND');
  });

  it('reads every page of open orders', async () => {
    h = await startHarness({ connector: { pageSize: 2 } });
    const bid = Number(h.sim.engine.book('ETHUSDT', 1).bids[0]![0]);
    for (let i = 0; i < 5; i++) {
      const r = await h.connector.placeOrder({ symbol: 'ETHUSDT', side: 'buy', type: 'limit', price: (bid * 0.7).toFixed(2), quantity: '0.01', clientId: cid() });
      if (!r.ok) throw new Error(r.error.message);
    }
    const open = await h.connector.openOrders();
    expect(open.ok && open.value.length).toBe(5);
  });

  it('maps the wallet into free, locked and total balances', async () => {
    h = await startHarness();
    const bid = Number(h.sim.engine.book('BTCUSDT', 1).bids[0]![0]);
    const price = (bid * 0.9).toFixed(2);
    await h.connector.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price, quantity: '0.01', clientId: cid() });
    const balances = await h.connector.balances();
    if (!balances.ok) throw new Error(balances.error.message);
    const usdt = balances.value.find((b) => b.asset === 'USDT')!;
    const sim = h.sim.engine.balances(h.apiKey).find((b) => b.asset === 'USDT')!;
    expect([usdt.free, usdt.locked]).toEqual([sim.free, sim.locked]);
    expect(Number(usdt.locked)).toBeGreaterThan(0);
    const check = await h.connector.checkCredentials();
    expect(check.ok).toBe(true);
  });
});

describe('icrypex connector reads every variant the spec lists (§9)', () => {
  const variants: Array<[string, Parameters<typeof startHarness>[0]]> = [
    ['place reply `trades`, UPPER status, `totalQuote`', { quirks: { placeTradesKey: 'trades', placeStatusStyle: 'UPPER', orderTotalKey: 'totalQuote' } }],
    ['place reply table spelling (Filled/Canceled), both keys', { quirks: { placeTradesKey: 'both', placeStatusStyle: 'table', orderTotalKey: 'both' } }],
    ['list statuses FILLED/CANCELED, dates in seconds, trade dates in ms', { quirks: { listStatusStyle: 'long', orderDateUnit: 's', tradeDateUnit: 'ms' } }],
    ['integer place id, wallet without extra fields, 404 on unknown cancel', { quirks: { placeIdAsString: false, walletExtraFields: false, cancelUnknown: 404 } }],
    ['the /sapi/v1 public paths and the path form of cancel', { connector: { paths: { tickers: ['/sapi/v1/tickers'], klines: ['/sapi/v1/trades/kline'], wallet: ['/sapi/v1/wallet/spot'], cancel: 'path' } } }],
  ];
  for (const [name, options] of variants) {
    it(name, async () => {
      h = await startHarness(options);
      const ask = h.sim.engine.book('BTCUSDT', 1).asks[0]![0];
      const filled = await h.connector.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: ask, quantity: '0.0002', clientId: cid() });
      if (!filled.ok) throw new Error(filled.error.message);
      expect(filled.value.status).toBe('filled');
      const bid = Number(h.sim.engine.book('BTCUSDT', 1).bids[0]![0]);
      const resting = await h.connector.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: (bid * 0.9).toFixed(2), quantity: '0.001', clientId: cid() });
      if (!resting.ok) throw new Error(resting.error.message);
      expect(resting.value.status).toBe('open');
      const canceled = await h.connector.cancelOrder('BTCUSDT', resting.value.id);
      expect(canceled.ok && canceled.value.status).toBe('canceled');
      const history = await h.connector.orderHistory({});
      if (!history.ok) throw new Error(history.error.message);
      expect(history.value.map((o) => o.status).sort()).toEqual(['canceled', 'filled']);
      for (const o of history.value) expect(Math.abs(o.createdAt - Date.now())).toBeLessThan(60_000);
      const fills = await h.connector.fills({});
      expect(fills.ok && fills.value.every((f) => Math.abs(f.time - Date.now()) < 60_000)).toBe(true);
      const tickers = await h.connector.tickers();
      expect(tickers.ok).toBe(true);
      const candles = await h.connector.candles('BTCUSDT', '1h', Math.floor(Date.now() / 1000) - 36_000, Math.floor(Date.now() / 1000));
      expect(candles.ok && candles.value.length).toBeGreaterThan(0);
      const wallet = await h.connector.balances();
      expect(wallet.ok).toBe(true);
    });
  }
});
