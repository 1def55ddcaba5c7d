import { describe, expect, it } from 'vitest';
import { manualClock } from '../shared/clock';
import { createRng } from '../shared/rng';
import { FEE_ACCOUNT, MatchingEngine } from './engine';
import { type SimMarket } from './types';
import { assertFailed } from '../../../../tests/support/result';

const BTC: SimMarket = {
  symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', pricePrecision: 2, quantityPrecision: 4,
  tickSize: '0.01', stepSize: '0.0001', minNotional: '10', makerFee: '0.001', takerFee: '0.002',
};
const SHIB: SimMarket = {
  symbol: 'SHIBUSDT', base: 'SHIB', quote: 'USDT', pricePrecision: 8, quantityPrecision: 0,
  tickSize: '0.00000001', stepSize: '1', minNotional: '1', makerFee: '0', takerFee: '0',
};

function setup(markets: SimMarket[] = [BTC, SHIB]) {
  const clock = manualClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const engine = new MatchingEngine({ seed: 7, markets, now: clock.now });
  engine.addAccount('alice', { USDT: '100000', BTC: '10', SHIB: '100000000' });
  engine.addAccount('bob', { USDT: '100000', BTC: '10', SHIB: '100000000' });
  return { engine, clock };
}

const bal = (engine: MatchingEngine, account: string, asset: string) =>
  engine.balances(account).find((b) => b.asset === asset) ?? { asset, free: '0', locked: '0' };

function placeOk(engine: MatchingEngine, request: Parameters<MatchingEngine['place']>[0]) {
  const result = engine.place(request);
  if (!result.ok) throw new Error(`place rejected: ${result.reason} ${result.message}`);
  return result;
}

describe('MatchingEngine: resting orders and balances', () => {
  it('locks quote for a resting limit buy and base for a resting limit sell', () => {
    const { engine } = setup();
    const buy = placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '50000', quantity: '0.5' });
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '51000', quantity: '1.25' });
    expect(buy.order.status).toBe('new');
    expect(buy.fills).toEqual([]);
    expect(bal(engine, 'alice', 'USDT')).toEqual({ asset: 'USDT', free: '75000', locked: '25000' });
    expect(bal(engine, 'bob', 'BTC')).toEqual({ asset: 'BTC', free: '8.75', locked: '1.25' });
    expect(engine.book('BTCUSDT')).toEqual({ bids: [['50000', '0.5']], asks: [['51000', '1.25']] });
    expect(engine.checkInvariants()).toEqual([]);
  });

  it('aggregates orders at one price into one level and sorts levels best first', () => {
    const { engine } = setup();
    for (const price of ['100', '102', '101', '102']) placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price, quantity: '1' });
    for (const price of ['110', '108', '109']) placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price, quantity: '0.1' });
    expect(engine.book('BTCUSDT')).toEqual({
      bids: [['102', '2'], ['101', '1'], ['100', '1']],
      asks: [['108', '0.1'], ['109', '0.1'], ['110', '0.1']],
    });
    expect(engine.book('BTCUSDT', 1)).toEqual({ bids: [['102', '2']], asks: [['108', '0.1']] });
    expect(engine.top('BTCUSDT')).toEqual({ bid: '102', ask: '108' });
  });
});

describe('MatchingEngine: matching', () => {
  it('fills the better price first, then the earlier order at the same price (price-time priority)', () => {
    const { engine } = setup();
    engine.addAccount('carol', { BTC: '1' });
    const first = placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '101', quantity: '0.2' });
    const second = placeOk(engine, { accountId: 'carol', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '101', quantity: '0.2' });
    const better = placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '100.5', quantity: '0.1' });
    const taker = placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '101', quantity: '0.2' });
    expect(taker.fills.map((f) => [f.price, f.quantity, f.liquidity])).toEqual([['100.5', '0.1', 'taker'], ['101', '0.1', 'taker']]);
    expect(engine.order('bob', better.order.id)!.status).toBe('filled');
    expect(engine.order('bob', first.order.id)!.status).toBe('partial');
    expect(engine.order('bob', first.order.id)!.remainingQuantity).toBe('0.1');
    expect(engine.order('carol', second.order.id)!.status).toBe('new');
    expect(taker.order.status).toBe('filled');
    expect(engine.book('BTCUSDT').asks).toEqual([['101', '0.3']]);
    expect(engine.checkInvariants()).toEqual([]);
  });

  it('rests the unfilled part of a crossing limit order as a partial order', () => {
    const { engine } = setup();
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '100', quantity: '0.3' });
    const taker = placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '1' });
    expect(taker.order).toMatchObject({ status: 'partial', filledQuantity: '0.3', remainingQuantity: '0.7', filledQuote: '30', averagePrice: '100', fillCount: 1 });
    expect(engine.book('BTCUSDT')).toEqual({ bids: [['100', '0.7']], asks: [] });
    expect(bal(engine, 'alice', 'USDT')).toEqual({ asset: 'USDT', free: '99900', locked: '70' });
  });

  it('charges the taker and maker rates: buyer pays in base, seller in quote, into the fee account', () => {
    const { engine } = setup();
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '20000', quantity: '1' });
    const taker = placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '20000', quantity: '0.5' });
    // alice: taker 0.2 % of 0.5 BTC = 0.001 BTC; bob: maker 0.1 % of 10000 USDT = 10 USDT.
    expect(taker.fills[0]).toMatchObject({ fee: '0.001', feeAsset: 'BTC', liquidity: 'taker', quoteQuantity: '10000' });
    expect(bal(engine, 'alice', 'BTC').free).toBe('10.499');
    expect(bal(engine, 'alice', 'USDT')).toEqual({ asset: 'USDT', free: '90000', locked: '0' });
    expect(bal(engine, 'bob', 'USDT').free).toBe('109990');
    expect(bal(engine, 'bob', 'BTC')).toEqual({ asset: 'BTC', free: '9', locked: '0.5' });
    expect(engine.balances(FEE_ACCOUNT)).toEqual([{ asset: 'BTC', free: '0.001', locked: '0' }, { asset: 'USDT', free: '10', locked: '0' }]);
    expect(engine.fills('bob')[0]).toMatchObject({ fee: '10', feeAsset: 'USDT', liquidity: 'maker' });
    expect(engine.checkInvariants()).toEqual([]);
  });

  it('refunds the difference when a limit buy fills below its limit', () => {
    const { engine } = setup();
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '90', quantity: '1' });
    placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '1' });
    expect(bal(engine, 'alice', 'USDT')).toEqual({ asset: 'USDT', free: '99910', locked: '0' });
  });

  it('spends a market buy quote amount down to the last whole step and releases the rest', () => {
    const { engine } = setup();
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '48185', quantity: '0.0004' });
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '48200', quantity: '1' });
    const result = placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'market', quoteAmount: '23' });
    // 0.0004 at 48185 = 19.274; 3.726 left buys floor(3.726 / 48200 / 0.0001) = 0 more steps.
    expect(result.fills.map((f) => [f.price, f.quantity])).toEqual([['48185', '0.0004']]);
    expect(result.order).toMatchObject({ status: 'filled', quoteAmount: '23', quantity: null, filledQuote: '19.274', remainingQuantity: '0' });
    expect(bal(engine, 'alice', 'USDT')).toEqual({ asset: 'USDT', free: '99980.726', locked: '0' });
  });

  it('cancels what a market sell cannot fill when the book runs out, keeping the fills', () => {
    const { engine } = setup();
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '0.2' });
    const result = placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'sell', type: 'market', quantity: '0.5' });
    expect(result.order).toMatchObject({ status: 'canceled', filledQuantity: '0.2', remainingQuantity: '0.3' });
    expect(bal(engine, 'alice', 'BTC')).toEqual({ asset: 'BTC', free: '9.8', locked: '0' });
    expect(engine.book('BTCUSDT')).toEqual({ bids: [], asks: [] });
  });

  it('sizes a market buy by quantity, capped by the free quote', () => {
    const { engine } = setup();
    engine.addAccount('poor', { USDT: '150' });
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '100', quantity: '1' });
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '200', quantity: '1' });
    const result = placeOk(engine, { accountId: 'poor', symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: '2' });
    expect(result.fills.map((f) => [f.price, f.quantity])).toEqual([['100', '1'], ['200', '0.25']]);
    expect(result.order.status).toBe('canceled');
    expect(bal(engine, 'poor', 'USDT')).toEqual({ asset: 'USDT', free: '0', locked: '0' });
    expect(engine.checkInvariants()).toEqual([]);
  });

  it('handles very small prices exactly (no float or exponent artefacts)', () => {
    const { engine } = setup();
    placeOk(engine, { accountId: 'bob', symbol: 'SHIBUSDT', side: 'sell', type: 'limit', price: '0.00001234', quantity: '1000000' });
    const result = placeOk(engine, { accountId: 'alice', symbol: 'SHIBUSDT', side: 'buy', type: 'limit', price: '0.00001235', quantity: '300000' });
    expect(result.fills[0]).toMatchObject({ price: '0.00001234', quantity: '300000', quoteQuantity: '3.702' });
    expect(engine.book('SHIBUSDT').asks).toEqual([['0.00001234', '700000']]);
    expect(engine.lastPrice('SHIBUSDT')).toBe('0.00001234');
  });
});

describe('MatchingEngine: rejections name the field and the problem', () => {
  const cases: Array<[string, Parameters<MatchingEngine['place']>[0], string, string | undefined]> = [
    ['unknown account', { accountId: 'nobody', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '1', quantity: '1' }, 'unknown_account', 'accountId'],
    ['unknown symbol', { accountId: 'alice', symbol: 'NOPEUSDT', side: 'buy', type: 'limit', price: '1', quantity: '1' }, 'unknown_symbol', 'symbol'],
    ['missing price', { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', quantity: '1' }, 'invalid_parameter', 'price'],
    ['negative quantity', { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '-1' }, 'invalid_parameter', 'quantity'],
    ['price off tick', { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100.001', quantity: '1' }, 'bad_precision', 'price'],
    ['quantity off step', { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '0.00001' }, 'bad_precision', 'quantity'],
    ['below minimum value', { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '0.09' }, 'below_min_notional', 'quantity'],
    ['market buy too small', { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'market', quoteAmount: '5' }, 'below_min_notional', 'quoteAmount'],
    ['not enough quote', { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100000', quantity: '2' }, 'insufficient_balance', 'quantity'],
    ['not enough base', { accountId: 'alice', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '100', quantity: '11' }, 'insufficient_balance', 'quantity'],
    ['bad side', { accountId: 'alice', symbol: 'BTCUSDT', side: 'hold' as 'buy', type: 'limit', price: '100', quantity: '1' }, 'invalid_parameter', 'side'],
    ['bad type', { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'iceberg' as 'limit', price: '100', quantity: '1' }, 'invalid_parameter', 'type'],
    ['stop without trigger', { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'stop-limit', price: '100', quantity: '1' }, 'invalid_parameter', 'triggerPrice'],
    ['market buy without size', { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'market' }, 'invalid_parameter', 'quoteAmount'],
  ];
  for (const [name, request, reason, field] of cases) {
    it(`rejects ${name} as ${reason} on ${field}`, () => {
      const { engine } = setup();
      const result = engine.place(request);
      assertFailed(result);
      expect(result.reason).toBe(reason);
      expect(result.field).toBe(field);
      expect(result.message.length).toBeGreaterThan(5);
      expect(engine.balances('alice').every((b) => b.locked === '0')).toBe(true);
    });
  }

  it('answers market_disabled while a market is cancel-only, but still cancels', () => {
    const { engine } = setup();
    const resting = placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '1' });
    engine.setMarketStatus('BTCUSDT', 'cancel-only');
    const result = engine.place({ accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '1' });
    expect(result).toMatchObject({ ok: false, reason: 'market_disabled', message: 'BTCUSDT market is in Cancel Only mode' });
    expect(engine.cancel('alice', resting.order.id).ok).toBe(true);
  });

  it('rejects a limit price outside the band around the last price', () => {
    const { engine } = setup([{ ...BTC, priceBandFactor: '3' }]);
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '100', quantity: '1' });
    placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '0.5' });
    expect(engine.place({ accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '30', quantity: '1' })).toMatchObject({ ok: false, reason: 'price_out_of_band', field: 'price' });
    expect(engine.place({ accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '34', quantity: '1' }).ok).toBe(true);
  });
});

describe('MatchingEngine: stops', () => {
  it('holds a stop-limit buy out of the book until the last price reaches its trigger', () => {
    const { engine } = setup();
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '100', quantity: '0.1' });
    placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '0.1' });
    const stop = placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'stop-limit', triggerPrice: '105', price: '106', quantity: '1' });
    expect(stop.order).toMatchObject({ status: 'new', triggered: false });
    expect(bal(engine, 'alice', 'USDT').locked).toBe('106');
    expect(engine.book('BTCUSDT').bids).toEqual([]);
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '104', quantity: '0.1' });
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '104', quantity: '0.1' });
    expect(engine.order('alice', stop.order.id)!.triggered).toBe(false);
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '105', quantity: '0.1' });
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '105', quantity: '0.1' });
    expect(engine.order('alice', stop.order.id)).toMatchObject({ triggered: true, status: 'new' });
    expect(engine.book('BTCUSDT').bids).toEqual([['106', '1']]);
    expect(engine.checkInvariants()).toEqual([]);
  });

  it('fires a stop-market sell when the price falls to its trigger and fills it at market', () => {
    const { engine } = setup();
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '95', quantity: '1' });
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '100', quantity: '0.1' });
    placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '0.1' });
    const stop = placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'sell', type: 'stop-market', triggerPrice: '96', quantity: '0.5' });
    expect(engine.openOrders('alice').map((o) => o.id)).toEqual([stop.order.id]);
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '95', quantity: '0.2' });
    const fired = engine.order('alice', stop.order.id)!;
    expect(fired).toMatchObject({ triggered: true, status: 'filled', filledQuantity: '0.5' });
    expect(engine.book('BTCUSDT').bids).toEqual([['95', '0.3']]);
    expect(engine.checkInvariants()).toEqual([]);
  });

  it('releases the reserve of a cancelled untriggered stop', () => {
    const { engine } = setup();
    const stop = placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'stop-market', triggerPrice: '105', quoteAmount: '500' });
    expect(bal(engine, 'alice', 'USDT').locked).toBe('500');
    expect(engine.cancel('alice', stop.order.id)).toMatchObject({ ok: true, order: { status: 'canceled' } });
    expect(bal(engine, 'alice', 'USDT')).toEqual({ asset: 'USDT', free: '100000', locked: '0' });
  });
});

describe('MatchingEngine: cancels and queries', () => {
  it('cancels an open order, releases its funds and removes its level', () => {
    const { engine } = setup();
    const order = placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '1' });
    const result = engine.cancel('alice', order.order.id);
    expect(result).toMatchObject({ ok: true, order: { status: 'canceled' } });
    expect(engine.book('BTCUSDT').bids).toEqual([]);
    expect(bal(engine, 'alice', 'USDT')).toEqual({ asset: 'USDT', free: '100000', locked: '0' });
    expect(engine.cancel('alice', order.order.id)).toMatchObject({ ok: false, reason: 'order_not_open' });
    expect(engine.cancel('bob', order.order.id)).toMatchObject({ ok: false, reason: 'order_not_found' });
    expect(engine.cancel('alice', 42)).toMatchObject({ ok: false, reason: 'order_not_found' });
  });

  it('shows pending-cancel until finalized (Crypto.com 5 before 4), with the order already out of the book', () => {
    const { engine } = setup();
    const order = placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '1' });
    expect(engine.cancel('alice', order.order.id, { pending: true })).toMatchObject({ ok: true, order: { status: 'pending-cancel' } });
    expect(engine.book('BTCUSDT').bids).toEqual([]);
    expect(engine.openOrders('alice')).toEqual([]);
    expect(engine.finalizePendingCancels().map((o) => o.status)).toEqual(['canceled']);
    expect(engine.order('alice', order.order.id)!.status).toBe('canceled');
  });

  it('cancels all open orders of one market only', () => {
    const { engine } = setup();
    placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '1' });
    placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '200', quantity: '1' });
    placeOk(engine, { accountId: 'alice', symbol: 'SHIBUSDT', side: 'buy', type: 'limit', price: '0.00001', quantity: '1000000' });
    expect(engine.cancelAll('alice', 'btcusdt')).toHaveLength(2);
    expect(engine.openOrders('alice').map((o) => o.symbol)).toEqual(['SHIBUSDT']);
  });

  it('filters order history and fills by symbol, status, side, type and time', () => {
    const { engine, clock } = setup();
    const t0 = clock.now();
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '100', quantity: '1' });
    const filled = placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'market', quoteAmount: '50' });
    clock.advance(60_000);
    const open = placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '90', quantity: '1', clientId: 'web' });
    expect(engine.ordersOf('alice', { statuses: ['filled'] }).map((o) => o.id)).toEqual([filled.order.id]);
    expect(engine.ordersOf('alice', { types: ['limit'] }).map((o) => o.id)).toEqual([open.order.id]);
    expect(engine.ordersOf('alice', { from: t0 + 1 }).map((o) => o.id)).toEqual([open.order.id]);
    expect(engine.ordersOf('alice', { clientId: 'web' })).toHaveLength(1);
    expect(engine.ordersOf('alice', { side: 'sell' })).toEqual([]);
    expect(engine.fills('alice', { orderId: filled.order.id })).toHaveLength(1);
    expect(engine.fills('alice', { from: t0 + 1 })).toEqual([]);
    expect(engine.fills('bob', { symbol: 'SHIBUSDT' })).toEqual([]);
  });
});

describe('MatchingEngine: events, tape and candles', () => {
  it('emits a level change for every aggregated change, trades and order updates with their fill', () => {
    const { engine } = setup();
    const levels: string[] = [];
    const trades: string[] = [];
    const orders: string[] = [];
    engine.on('level', (symbol, side, price, qty) => levels.push(`${symbol} ${side} ${price} ${qty}`));
    engine.on('trade', (t) => trades.push(`${t.price}x${t.quantity} ${t.takerSide}`));
    engine.on('order', (o, fill) => orders.push(`${o.accountId} ${o.status}${fill ? ` ${fill.quantity}` : ''}`));
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '100', quantity: '1' });
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '100', quantity: '0.5' });
    const taker = placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '2' });
    engine.cancel('alice', taker.order.id);
    expect(levels).toEqual([
      'BTCUSDT ask 100 1', 'BTCUSDT ask 100 1.5', 'BTCUSDT ask 100 0.5', 'BTCUSDT ask 100 0',
      'BTCUSDT bid 100 0.5', 'BTCUSDT bid 100 0',
    ]);
    expect(trades).toEqual(['100x1 buy', '100x0.5 buy']);
    expect(orders).toEqual(['bob new', 'bob new', 'alice new', 'bob filled 1', 'alice partial 1', 'bob filled 0.5', 'alice partial 0.5', 'alice canceled']);
  });

  it('announces a fully filled taker once, as filled, with its last fill', () => {
    const { engine } = setup();
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '100', quantity: '1' });
    const seen: string[] = [];
    engine.on('order', (o, fill) => o.accountId === 'alice' && seen.push(`${o.status} ${fill?.quantity ?? '-'}`));
    placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '0.4' });
    expect(seen).toEqual(['new -', 'filled 0.4']);
  });

  it('keeps the tape newest first and builds candles from trades at any whole-minute resolution', () => {
    const { engine, clock } = setup();
    const start = Math.floor(clock.now() / 1000);
    const cross = (price: string, quantity: string) => {
      placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price, quantity });
      placeOk(engine, { accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity });
    };
    cross('100', '1');
    clock.advance(10_000);
    cross('105', '0.5');
    clock.advance(60_000);
    cross('98', '2');
    expect(engine.recentTrades('BTCUSDT', 2).map((t) => t.price)).toEqual(['98', '105']);
    expect(engine.candles('BTCUSDT', 60, start, start + 3600)).toEqual([
      { time: start, open: '100', high: '105', low: '100', close: '105', volume: '1.5', quoteVolume: '152.5' },
      { time: start + 60, open: '98', high: '98', low: '98', close: '98', volume: '2', quoteVolume: '196' },
    ]);
    expect(engine.candles('BTCUSDT', 300, start, start + 3600)).toEqual([
      { time: start, open: '100', high: '105', low: '98', close: '98', volume: '3.5', quoteVolume: '348.5' },
    ]);
    expect(engine.stats24h('BTCUSDT')).toMatchObject({ last: '98', open: '100', high: '105', low: '98', volume: '3.5', change: '-2', changePercent: '-2' });
    expect(() => engine.candles('BTCUSDT', 30, start, start + 60)).toThrow(/whole number of minutes/);
  });

  it('seeds history candles before live trades', () => {
    const { engine, clock } = setup();
    const now = Math.floor(clock.now() / 1000);
    engine.seedCandles('BTCUSDT', [{ time: now - 120, open: '90', high: '91', low: '89', close: '90.5', volume: '3', quoteVolume: '270' }]);
    expect(engine.lastPrice('BTCUSDT')).toBe('90.5');
    expect(engine.candles('BTCUSDT', 60, now - 3600, now)).toHaveLength(1);
  });
});

describe('MatchingEngine: determinism and invariants', () => {
  function run(seed: number) {
    const clock = manualClock(Date.UTC(2026, 0, 1));
    const engine = new MatchingEngine({ seed, markets: [BTC], now: clock.now });
    const rng = createRng(seed);
    const accounts = ['a', 'b', 'c'];
    for (const id of accounts) engine.addAccount(id, { USDT: '1000000', BTC: '100' });
    const problems: string[] = [];
    for (let i = 0; i < 600; i++) {
      clock.advance(rng.int(0, 500));
      const accountId = rng.pick(accounts);
      const roll = rng.next();
      if (roll < 0.15) {
        const open = engine.openOrders(accountId);
        if (open.length) engine.cancel(accountId, rng.pick(open).id);
      } else {
        const side = rng.chance(0.5) ? 'buy' : 'sell';
        const type = roll < 0.25 ? 'market' : roll < 0.3 ? 'stop-limit' : 'limit';
        const price = (100 + rng.int(-50, 50) / 10).toFixed(2);
        const quantity = (rng.int(1, 500) / 1000).toFixed(3);
        engine.place(type === 'market'
          ? side === 'buy' ? { accountId, symbol: 'BTCUSDT', side, type, quoteAmount: String(rng.int(10, 200)) } : { accountId, symbol: 'BTCUSDT', side, type, quantity }
          : { accountId, symbol: 'BTCUSDT', side, type, price, quantity, triggerPrice: type === 'stop-limit' ? price : undefined });
      }
      if (engine.book('BTCUSDT', 1).bids[0] && engine.book('BTCUSDT', 1).asks[0]) {
        const { bid, ask } = engine.top('BTCUSDT');
        if (Number(bid) >= Number(ask)) problems.push(`crossed at step ${i}`);
      }
      if (i % 50 === 0) problems.push(...engine.checkInvariants());
    }
    problems.push(...engine.checkInvariants());
    return { engine, problems, trades: engine.recentTrades('BTCUSDT', 1000) };
  }

  it('keeps books uncrossed, locks equal to open reserves and every asset conserved through 600 random actions', () => {
    const { problems, trades } = run(11);
    expect(trades.length).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });

  it('replays identically for the same seed and differently for another', () => {
    const a = run(5);
    const b = run(5);
    const c = run(6);
    expect(a.trades).toEqual(b.trades);
    expect(a.engine.book('BTCUSDT')).toEqual(b.engine.book('BTCUSDT'));
    expect(a.engine.balances('a')).toEqual(b.engine.balances('a'));
    expect(c.trades).not.toEqual(a.trades);
  });

  it('refuses re-entrant calls from inside an event listener', () => {
    const { engine } = setup();
    engine.on('trade', () => engine.place({ accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '1', quantity: '20' }));
    placeOk(engine, { accountId: 'bob', symbol: 'BTCUSDT', side: 'sell', type: 'limit', price: '100', quantity: '1' });
    expect(() => engine.place({ accountId: 'alice', symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: '1' })).toThrow(/not re-entrant/);
  });
});
