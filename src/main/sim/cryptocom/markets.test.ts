import { describe, expect, it } from 'vitest';
import { D } from '../shared/decimal';
import { CRYPTOCOM_COMPACT_SYMBOLS, CRYPTOCOM_DEMO_BALANCES, CRYPTOCOM_PROFILES, cryptocomProfiles } from './markets';

const bySymbol = new Map(CRYPTOCOM_PROFILES.map((p) => [p.market.symbol.toLowerCase(), p]));
const price = (symbol: string) => Number(bySymbol.get(symbol)!.referencePrice);
/** What one unit of a quote is worth in USDT, from the set's own prices. */
const usdtValue: Record<string, number> = { USDT: 1, USDC: price('usdcusdt'), BTC: price('btcusdt'), CRO: price('crousdt') };

describe('Crypto.com V1 market set (specs/cryptocom-v1.md §1, issue 18)', () => {
  it('offers the 2020 markets in the four quote currencies, and nothing listed after V1', () => {
    for (const symbol of ['btcusdt', 'ethusdt', 'crousdt', 'crobtc', 'ethbtc', 'ethcro', 'btccro', 'usdcusdt', 'crousdc', 'mcocro', 'xrpbtc', 'ltcusdt', 'eoscro', 'xlmbtc']) {
      expect(bySymbol.has(symbol), symbol).toBe(true);
    }
    expect(new Set(CRYPTOCOM_PROFILES.map((p) => p.market.quote))).toEqual(new Set(['USDT', 'BTC', 'CRO', 'USDC']));
    expect(CRYPTOCOM_PROFILES.some((p) => p.market.base === 'SHIB')).toBe(false);
    expect(bySymbol.size).toBe(CRYPTOCOM_PROFILES.length);
  });

  it('gives every market a price on its tick, a tick fine enough to trade, and a minimum of about one USDT', () => {
    for (const { market, referencePrice } of CRYPTOCOM_PROFILES) {
      const name = market.symbol;
      expect(market.symbol, name).toBe(`${market.base}${market.quote}`);
      expect(D(referencePrice).mod(D(market.tickSize)).eq(0), `${name} price on the tick`).toBe(true);
      expect(D(market.tickSize).eq(D(10).pow(-market.pricePrecision)), `${name} tick = 10^-price_precision (§5.1)`).toBe(true);
      expect(D(market.stepSize).eq(D(10).pow(-market.quantityPrecision)), `${name} step = 10^-amount_precision (§5.1)`).toBe(true);
      // At most 0.15 % a tick: a ladder of levels, not a staircase.
      expect(Number(market.tickSize) / Number(referencePrice), `${name} tick size`).toBeLessThanOrEqual(0.0015);
      const minUsdt = Number(market.minNotional) * usdtValue[market.quote]!;
      expect(minUsdt, `${name} minimum`).toBeGreaterThanOrEqual(0.5);
      expect(minUsdt, `${name} minimum`).toBeLessThanOrEqual(2);
      // One step of base must be worth less than the minimum, or no order could ever be the minimum.
      expect(Number(market.stepSize) * Number(referencePrice), `${name} step value`).toBeLessThan(Number(market.minNotional));
    }
  });

  it('keeps cross rates consistent (a coin costs the same in every quote, within 1 %)', () => {
    const close = (a: number, b: number) => Math.abs(a / b - 1) < 0.01;
    expect(close(price('crobtc') * price('btcusdt'), price('crousdt'))).toBe(true);
    expect(close(price('ethcro') * price('crousdt'), price('ethusdt'))).toBe(true);
    expect(close(price('ethbtc') * price('btcusdt'), price('ethusdt'))).toBe(true);
    expect(close(price('btccro') * price('crousdt'), price('btcusdt'))).toBe(true);
    expect(close(price('crousdc') * price('usdcusdt'), price('crousdt'))).toBe(true);
    expect(price('crobtc')).toBe(0.00000696); // §5.4 sample
  });

  it('serves the full set by default, a compact set with crousdt, or named markets; an unknown one is named', () => {
    expect(cryptocomProfiles()).toHaveLength(CRYPTOCOM_PROFILES.length);
    expect(CRYPTOCOM_COMPACT_SYMBOLS).toContain('CROUSDT');
    expect(cryptocomProfiles('compact').map((p) => p.market.symbol)).toEqual([...CRYPTOCOM_COMPACT_SYMBOLS]);
    expect(cryptocomProfiles(['crobtc', 'BTCUSDT']).map((p) => p.market.symbol)).toEqual(['BTCUSDT', 'CROBTC']);
    expect(() => cryptocomProfiles(['shibusdt'])).toThrow(/unknown Crypto.com V1 market shibusdt/);
    expect(() => cryptocomProfiles([])).toThrow(/empty/);
  });

  it('gives the demo account every coin it can trade', () => {
    const coins = new Set(CRYPTOCOM_PROFILES.flatMap((p) => [p.market.base, p.market.quote]));
    expect(new Set(Object.keys(CRYPTOCOM_DEMO_BALANCES))).toEqual(coins);
  });
});
