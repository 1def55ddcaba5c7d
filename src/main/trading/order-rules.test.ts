import { describe, expect, it } from 'vitest';
import type { Market } from '../../shared';
import { evaluateOrder, prepareOrder } from './order-rules';

const BTCUSDT: Market = {
  exchange: 'icrypex',
  symbol: 'BTCUSDT',
  nativeSymbol: 'BTCUSDT',
  base: 'BTC',
  quote: 'USDT',
  pricePrecision: 2,
  quantityPrecision: 5,
  tickSize: '0.01',
  stepSize: '0.00001',
  minNotional: '10',
  takerFeeRate: '0.002',
  orderTypes: ['limit', 'market', 'stop-limit', 'stop-market'],
  status: 'trading',
};

const limitBuy = { symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '48000', quantity: '0.5', clientId: 'c-00000001' } as const;

describe('prepareOrder()', () => {
  it('passes a valid limit order through with the terminal symbol and client id', () => {
    expect(prepareOrder(BTCUSDT, limitBuy)).toEqual({
      ok: true,
      value: { symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '48000', quantity: '0.5', clientId: 'c-00000001' },
    });
  });

  // The ticket may send before its preview is back (issue 19): a number the pair cannot take is
  // refused, never rounded into one the trader did not see.
  it.each([
    [{ price: '48000.019' }, 'price', 'price has too many decimals: BTCUSDT allows 2'],
    [{ side: 'sell', price: '48000.011' }, 'price', 'price has too many decimals: BTCUSDT allows 2'],
    [{ quantity: '0.123456' }, 'quantity', 'quantity has too many decimals: BTCUSDT allows 5'],
    [{ type: 'stop-limit', triggerPrice: '47000.005' }, 'triggerPrice', 'trigger price has too many decimals: BTCUSDT allows 2'],
  ] as const)('refuses %o instead of rounding it, naming %s', (change, field, message) => {
    expect(prepareOrder(BTCUSDT, { ...limitBuy, ...change })).toEqual({ ok: false, error: expect.objectContaining({ code: 'VALIDATION', field, message }) });
  });

  it('refuses a price off a tick that is not a power of ten, and a quantity off its step or below it', () => {
    const quarters = { ...BTCUSDT, tickSize: '0.25', stepSize: '0.5', quantityPrecision: 1 };
    expect(prepareOrder(quarters, { ...limitBuy, price: '48000.75', quantity: '0.4' })).toMatchObject({ ok: false, error: { field: 'quantity', message: 'quantity must be a multiple of the step size 0.5' } });
    expect(evaluateOrder(quarters, { ...limitBuy, price: '48000.75', quantity: '0.4' }).violations.map((v) => v.message)).toEqual(['quantity must be a multiple of the step size 0.5', 'quantity is below one step (0.5)']);
    expect(prepareOrder(quarters, { ...limitBuy, price: '48000.1' })).toMatchObject({ ok: false, error: { field: 'price', message: 'price must be a multiple of the tick size 0.25' } });
    expect(prepareOrder(quarters, { ...limitBuy, price: '48000.75', quantity: '1.2' })).toMatchObject({ ok: false, error: { field: 'quantity', message: 'quantity must be a multiple of the step size 0.5' } });
    expect(prepareOrder(quarters, { ...limitBuy, price: '48000.75', quantity: '1.5' })).toMatchObject({ ok: true, value: { price: '48000.75', quantity: '1.5' } });
  });

  it('refuses a market buy total with more decimals than the pair allows instead of cutting it', () => {
    const result = prepareOrder(BTCUSDT, { symbol: 'BTCUSDT', side: 'buy', type: 'market', total: '25.125', clientId: 'c-00000003' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'total', message: 'total has too many decimals: BTCUSDT allows 2' } });
  });

  it('refuses an order below the minimum value before anything is sent, naming the field', () => {
    const result = prepareOrder(BTCUSDT, { ...limitBuy, price: '100', quantity: '0.05' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'quantity' } });
    expect(!result.ok && result.error.message).toMatch(/order value 5 USDT is below the minimum 10 USDT/);
  });

  it.each([
    [{ quantity: '-1' }, 'quantity', /greater than 0/],
    [{ quantity: 'abc' }, 'quantity', /must be a number/],
    [{ price: undefined }, 'price', /price is required for a limit order/],
    [{ total: '100' }, 'total', /does not apply/],
    [{ quantity: '0.000001' }, 'quantity', /too many decimals/],
  ])('rejects %o with a message on %s', (change, field, message) => {
    const result = prepareOrder(BTCUSDT, { ...limitBuy, ...change });
    expect(result).toMatchObject({ ok: false, error: { field, message: expect.stringMatching(message) } });
  });

  it('takes a market buy by total or by quantity, but not both', () => {
    const base = { symbol: 'BTCUSDT', side: 'buy', type: 'market', clientId: 'c-00000002' } as const;
    expect(prepareOrder(BTCUSDT, { ...base, total: '25' }).ok).toBe(true);
    expect(prepareOrder(BTCUSDT, { ...base, quantity: '0.001' }, { referencePrice: '48000' }).ok).toBe(true);
    const both = prepareOrder(BTCUSDT, { ...base, total: '25', quantity: '0.001' });
    expect(!both.ok && both.error.message).toMatch(/either a quantity or a total/);
  });

  it('refuses orders on a cancel-only pair and order types the pair does not take', () => {
    const cancelOnly = prepareOrder({ ...BTCUSDT, status: 'cancel-only' }, limitBuy);
    expect(!cancelOnly.ok && cancelOnly.error).toMatchObject({ field: 'symbol', message: expect.stringMatching(/cancel-only/) });
    const noStops = prepareOrder({ ...BTCUSDT, orderTypes: ['limit', 'market'] }, { ...limitBuy, type: 'stop-limit', triggerPrice: '47000' });
    expect(!noStops.ok && noStops.error.field).toBe('type');
  });
});

describe('evaluateOrder() (the ticket preview)', () => {
  it('reports too many decimals instead of rounding, and lists every violation', () => {
    const { violations, order } = evaluateOrder(BTCUSDT, { ...limitBuy, price: '48000.123', quantity: '0.1234567' });
    expect(order).toBeUndefined();
    expect(violations).toEqual([
      { field: 'price', message: 'price has too many decimals: BTCUSDT allows 2' },
      { field: 'quantity', message: 'quantity has too many decimals: BTCUSDT allows 5' },
    ]);
  });

  // specs/icrypex.md §7.11 and the simulators' matching engine: a buy pays its fee in the base
  // asset (taken from what it receives), a sell in the quote. Crypto.com V1 (§5.9/§5.14 samples:
  // a SELL's feeCoin is the quote) charges the same way.
  const CROBTC: Market = { ...BTCUSDT, exchange: 'cryptocom', symbol: 'CROBTC', nativeSymbol: 'crobtc', base: 'CRO', quote: 'BTC', pricePrecision: 8, quantityPrecision: 0, tickSize: '0.00000001', stepSize: '1', minNotional: '0.0001', takerFeeRate: '0.001' };
  it.each([
    ['Icrypex BTCUSDT', 'buy', BTCUSDT, { price: '48000', quantity: '0.5' }, '0.001', 'BTC'],
    ['Icrypex BTCUSDT', 'sell', BTCUSDT, { price: '48000', quantity: '0.5' }, '48', 'USDT'],
    ['Crypto.com CROBTC', 'buy', CROBTC, { price: '0.000002', quantity: '10000' }, '10', 'CRO'],
    ['Crypto.com CROBTC', 'sell', CROBTC, { price: '0.000002', quantity: '10000' }, '0.00002', 'BTC'],
  ] as const)('%s %s: the fee estimate is in the asset the exchange charges', (_name, side, market, fields, fee, asset) => {
    const { preview } = evaluateOrder(market, { symbol: market.symbol, side, type: 'limit', ...fields });
    expect(preview).toMatchObject({ estimatedFee: fee, feeAsset: asset, violations: [] });
  });

  it('a market buy by total estimates its base fee from the reference price, and gives none without one', () => {
    const input = { symbol: 'BTCUSDT', side: 'buy', type: 'market', total: '480' } as const;
    expect(evaluateOrder(BTCUSDT, input, { referencePrice: '48000' }).preview).toMatchObject({ estimatedFee: '0.00002', feeAsset: 'BTC' });
    const blind = evaluateOrder(BTCUSDT, input).preview;
    expect([blind.estimatedFee, blind.feeAsset]).toEqual([undefined, undefined]);
  });

  it('values a market sell at the reference price for the minimum check', () => {
    const input = { symbol: 'BTCUSDT', side: 'sell', type: 'market', quantity: '0.0001' } as const;
    const { violations } = evaluateOrder(BTCUSDT, input, { referencePrice: '48000' });
    expect(violations.map((v) => v.field)).toEqual(['quantity']);
  });
});
