import { describe, expect, it } from 'vitest';
import { EMPTY_FIELDS, checkFields, newClientId, parseTypedPercent, quantityForPercent, requestKey, stepPrice, toOrderRequest, type TicketFields } from './ticket';

const fields = (over: Partial<TicketFields>): TicketFields => ({ ...EMPTY_FIELDS, ...over });
const market = { base: 'BTC', quote: 'USDT', stepSize: '0.0001', takerFeeRate: '0.001' };

describe('ticket field checks', () => {
  it('accepts a complete limit order', () => {
    expect(checkFields(fields({ price: '48000', quantity: '0.5' }))).toEqual([]);
    expect(checkFields(fields({ price: '48000.', quantity: '.5' }))).toEqual([]);
  });

  it('names the field and the problem for missing, negative, zero and non-numeric input', () => {
    expect(checkFields(fields({ price: '', quantity: '-0.5' }))).toEqual([
      { field: 'price', message: 'price is required for a limit order' },
      { field: 'quantity', message: 'quantity must be greater than 0, not -0.5' },
    ]);
    expect(checkFields(fields({ price: '0', quantity: '1,5' }))).toEqual([
      { field: 'price', message: 'price must be greater than 0' },
      { field: 'quantity', message: 'quantity "1,5": use a dot for decimals, no commas' },
    ]);
    expect(checkFields(fields({ price: '1e3', quantity: '1' }))[0]?.message).toBe('price "1e3" is not a number');
  });

  it('asks only for the fields the order type uses', () => {
    expect(checkFields(fields({ type: 'market', quantity: '1' }))).toEqual([]);
    expect(checkFields(fields({ type: 'stop-market', quantity: '1' }))).toEqual([{ field: 'triggerPrice', message: 'trigger price is required for a stop-market order' }]);
    expect(checkFields(fields({ type: 'market', sizeMode: 'total', total: '' }))).toEqual([{ field: 'total', message: 'total is required for a market order' }]);
  });
});

describe('ticket requests', () => {
  it('builds the request the contract takes, with canonical decimals and only the used fields', () => {
    expect(toOrderRequest(fields({ price: '48000.', quantity: '.5', triggerPrice: '1' }), 'acc', 'BTCUSDT')).toEqual({
      accountId: 'acc',
      symbol: 'BTCUSDT',
      side: 'buy',
      type: 'limit',
      price: '48000',
      quantity: '0.5',
    });
    expect(toOrderRequest(fields({ type: 'market', sizeMode: 'total', total: '100', quantity: '3' }), 'acc', 'BTCUSDT')).toEqual({
      accountId: 'acc',
      symbol: 'BTCUSDT',
      side: 'buy',
      type: 'market',
      total: '100',
    });
    // Total applies to market buys only: a sell falls back to quantity.
    expect(toOrderRequest(fields({ side: 'sell', type: 'market', sizeMode: 'total', total: '100', quantity: '3' }), 'a', 'X').quantity).toBe('3');
  });

  it('keys two equal requests the same and different ones differently', () => {
    const a = toOrderRequest(fields({ price: '1', quantity: '2' }), 'acc', 'BTCUSDT');
    expect(requestKey(a)).toBe(requestKey({ ...a }));
    expect(requestKey(a)).not.toBe(requestKey({ ...a, quantity: '3' }));
  });

  it('makes client ids the contract accepts, different each time', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newClientId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,40}$/);
  });
});

describe('price steps and percent sizing', () => {
  it('steps a price by ticks on the tick grid', () => {
    expect(stepPrice('48000.00', '0.01', 1)).toBe('48000.01');
    expect(stepPrice('48000.004', '0.01', 0)).toBe('48000.00');
    expect(stepPrice('0.3', '0.1', -10)).toBe('0.1');
    expect(stepPrice('', '0.5', 10, '100.2')).toBe('105.0');
    expect(stepPrice('', '0.5', 1)).toBe('');
  });

  it('sizes a sell from the free base and a buy from the free quote at the price, rounded down to the step', () => {
    expect(quantityForPercent({ percent: 50, side: 'sell', market, freeBase: '1.23456', freeQuote: '0' })).toEqual({ ok: true, quantity: '0.6172' });
    // 25 % of 10000 USDT at 48000 with a 0.1 % fee: 2500 / 48048 = 0.052031... → 0.0520
    expect(quantityForPercent({ percent: 25, side: 'buy', market, freeBase: '0', freeQuote: '10000', price: '48000' })).toEqual({ ok: true, quantity: '0.0520' });
  });

  it('explains why it cannot size: no price for a buy, or less than a step available', () => {
    expect(quantityForPercent({ percent: 25, side: 'buy', market, freeBase: '0', freeQuote: '100' })).toMatchObject({ ok: false, message: expect.stringMatching(/type a price first/) });
    expect(quantityForPercent({ percent: 25, side: 'sell', market, freeBase: '0.0001', freeQuote: '0' })).toMatchObject({ ok: false, message: expect.stringMatching(/less than one step/) });
  });
});

describe('a percent typed into quantity', () => {
  it('reads 25%, 12.5 % and .5% as percents of available', () => {
    expect(parseTypedPercent('25%')).toEqual({ ok: true, percent: 25 });
    expect(parseTypedPercent(' 12.5 % ')).toEqual({ ok: true, percent: 12.5 });
    expect(parseTypedPercent('.5%')).toEqual({ ok: true, percent: 0.5 });
    expect(parseTypedPercent('100%')).toEqual({ ok: true, percent: 100 });
  });

  it('leaves plain sizes alone: digits are a size, never a percent', () => {
    for (const text of ['1', '10', '1.5', '.5', '25', '']) expect(parseTypedPercent(text), text).toBeUndefined();
  });

  it('refuses a percent outside 0..100 with a reason', () => {
    expect(parseTypedPercent('0%')).toMatchObject({ ok: false });
    expect(parseTypedPercent('150%')).toEqual({ ok: false, message: 'a percent of available is more than 0 and at most 100' });
  });

  it('sizes a typed percent like the chord would: 25 % of 2 BTC at step 0.0001', () => {
    const market = { base: 'BTC', quote: 'USDT', stepSize: '0.0001', takerFeeRate: '0.001' };
    const typed = parseTypedPercent('25%');
    expect(typed?.ok).toBe(true);
    if (!typed?.ok) return;
    expect(quantityForPercent({ percent: typed.percent, side: 'sell', market, freeBase: '2', freeQuote: '0' })).toEqual({ ok: true, quantity: '0.5000' });
  });
});
