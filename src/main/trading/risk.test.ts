import { describe, expect, it } from 'vitest';
import type { Market, Settings } from '../../shared';
import { needsMid, riskViolations } from './risk';

const market: Market = {
  exchange: 'icrypex', symbol: 'BTCUSDT', nativeSymbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', pricePrecision: 2, quantityPrecision: 5,
  tickSize: '0.01', stepSize: '0.00001', minNotional: '10', orderTypes: ['limit', 'market'], status: 'trading',
};
const settings = (extra: Partial<Settings> = {}): Settings => ({ readOnly: false, priceBandPercent: null, symbolLimits: {}, accountGroups: [], ...extra });

describe('riskViolations', () => {
  it('passes an order under every cap and inside the band', () => {
    const s = settings({ priceBandPercent: 5, symbolLimits: { BTCUSDT: { maxQuantity: '1', maxNotional: '60000' } } });
    expect(riskViolations(market, { type: 'limit', side: 'buy', price: '50000', quantity: '1' }, s, '50000')).toEqual([]);
  });

  it('blocks a quantity above the max order size, naming the limit and the symbol', () => {
    const s = settings({ symbolLimits: { BTCUSDT: { maxQuantity: '0.5' } } });
    const [v] = riskViolations(market, { type: 'limit', side: 'buy', price: '50000', quantity: '0.50001' }, s, undefined);
    expect(v).toEqual({ field: 'quantity', message: expect.stringMatching(/0\.50001 BTC is above the max order size of 0\.5 BTC set for BTCUSDT/) });
  });

  it('blocks a notional above the cap, valuing market orders at the mid', () => {
    const s = settings({ symbolLimits: { BTCUSDT: { maxNotional: '1000' } } });
    const [v] = riskViolations(market, { type: 'market', side: 'sell', quantity: '0.03' }, s, '50000');
    expect(v?.message).toMatch(/order value 1500 USDT is above the max notional of 1000 USDT set for BTCUSDT/);
    expect(riskViolations(market, { type: 'market', side: 'sell', quantity: '0.01' }, s, '50000')).toEqual([]);
  });

  it('values a market buy by total against the quantity cap at the mid', () => {
    const s = settings({ symbolLimits: { BTCUSDT: { maxQuantity: '0.1' } } });
    const [v] = riskViolations(market, { type: 'market', side: 'buy', total: '10000' }, s, '50000');
    expect(v).toMatchObject({ field: 'total', message: expect.stringMatching(/0\.2 BTC is above the max order size of 0\.1 BTC/) });
  });

  it('blocks a capped market order it cannot value rather than letting it through', () => {
    const s = settings({ symbolLimits: { BTCUSDT: { maxNotional: '1000' } } });
    const [v] = riskViolations(market, { type: 'market', side: 'sell', quantity: '0.03' }, s, undefined);
    expect(v?.message).toMatch(/cannot check the max notional.*no mid price/);
  });

  it('blocks a limit price outside the band on either side of the mid, and only limit orders', () => {
    const s = settings({ priceBandPercent: 5 });
    const above = riskViolations(market, { type: 'limit', side: 'buy', price: '52600', quantity: '0.1' }, s, '50000');
    expect(above[0]).toEqual({ field: 'price', message: expect.stringMatching(/price 52600 is 5\.2 % away from the mid 50000; the price band allows 5 %/) });
    expect(riskViolations(market, { type: 'limit', side: 'sell', price: '47400', quantity: '0.1' }, s, '50000')).toHaveLength(1);
    expect(riskViolations(market, { type: 'limit', side: 'sell', price: '47500', quantity: '0.1' }, s, '50000')).toEqual([]);
    expect(riskViolations(market, { type: 'stop-limit', side: 'sell', price: '40000', triggerPrice: '41000', quantity: '0.1' }, s, '50000')).toEqual([]);
  });

  it('blocks a limit order when the band is on and there is no mid to check it against', () => {
    const [v] = riskViolations(market, { type: 'limit', side: 'buy', price: '1', quantity: '20' }, settings({ priceBandPercent: 5 }), undefined);
    expect(v?.message).toMatch(/no mid price \(empty book\)/);
  });

  it('uses caps set under another spelling of the symbol', () => {
    const s = settings({ symbolLimits: { BTCUSDT: { maxQuantity: '1' } } });
    expect(riskViolations({ ...market, symbol: 'btc/usdt' }, { type: 'limit', side: 'buy', price: '1', quantity: '2' }, s, undefined)).toHaveLength(1);
  });
});

describe('needsMid', () => {
  it('asks for a mid for market orders and banded limit orders only', () => {
    expect(needsMid(market, { type: 'market', side: 'buy', total: '10' }, settings())).toBe(true);
    expect(needsMid(market, { type: 'limit', side: 'buy', price: '1', quantity: '1' }, settings())).toBe(false);
    expect(needsMid(market, { type: 'limit', side: 'buy', price: '1', quantity: '1' }, settings({ priceBandPercent: 3 }))).toBe(true);
  });
});
