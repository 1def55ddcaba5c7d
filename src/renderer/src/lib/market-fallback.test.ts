import { describe, expect, it } from 'vitest';
import type { Market } from '../../../shared';
import { fallbackSymbol } from './market-fallback';

const m = (symbol: string, base: string, quote: string, status: Market['status'] = 'trading'): Market => ({
  exchange: 'icrypex',
  symbol,
  nativeSymbol: symbol,
  base,
  quote,
  pricePrecision: 2,
  quantityPrecision: 4,
  tickSize: '0.01',
  stepSize: '0.0001',
  minNotional: '10',
  orderTypes: ['limit'],
  status,
});

describe('the market an account falls back to', () => {
  const icrypex = [m('ETHUSDT', 'ETH', 'USDT'), m('BTCUSDT', 'BTC', 'USDT'), m('SHIBUSDT', 'SHIB', 'USDT')];

  it('stays when the exchange lists the symbol, and has nowhere to go on an empty list', () => {
    expect(fallbackSymbol('ETHUSDT', icrypex)).toBeUndefined();
    expect(fallbackSymbol('CROBTC', [])).toBeUndefined();
  });

  it('takes the same base and quote under the exchange’s own name first', () => {
    expect(fallbackSymbol('XBTUSDT', [...icrypex, m('BTC_USDT', 'XBT', 'USDT')], { base: 'XBT', quote: 'USDT' })).toBe('BTC_USDT');
  });

  it('else the default market, else the first trading one, else the first', () => {
    expect(fallbackSymbol('CROBTC', icrypex, { base: 'CRO', quote: 'BTC' })).toBe('BTCUSDT');
    expect(fallbackSymbol('CROBTC', [m('AUSDT', 'A', 'USDT', 'halted'), m('ETHUSDT', 'ETH', 'USDT')])).toBe('ETHUSDT');
    expect(fallbackSymbol('CROBTC', [m('AUSDT', 'A', 'USDT', 'halted')])).toBe('AUSDT');
  });
});
