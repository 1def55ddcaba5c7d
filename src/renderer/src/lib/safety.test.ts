import { describe, expect, it } from 'vitest';
import { DEFAULT_SAFETY, checkGuards, parseSafety, type SafetySettings } from './safety';

const settings = (over: Partial<SafetySettings>): SafetySettings => ({ ...DEFAULT_SAFETY, ...over });
const order = { symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '48000', quantity: '0.5', notional: '24000', mid: '48100' } as const;

describe('client safety guards', () => {
  it('passes an order inside every limit', () => {
    expect(checkGuards(order, settings({ limits: { BTCUSDT: { maxQuantity: '1', maxNotional: '50000' } } }))).toEqual({ blocked: [], confirm: [] });
  });

  it('blocks an order above the per-symbol max size or max notional, saying which', () => {
    const out = checkGuards(order, settings({ limits: { BTCUSDT: { maxQuantity: '0.25', maxNotional: '10000' } } }));
    expect(out.blocked).toEqual([
      'quantity 0.5 is above your max size 0.25 for BTCUSDT',
      'order value 24000 is above your max notional 10000 for BTCUSDT',
    ]);
  });

  it('uses the default max notional for symbols without their own', () => {
    expect(checkGuards(order, settings({ defaultMaxNotional: '1000' })).blocked).toHaveLength(1);
    expect(checkGuards({ ...order, symbol: 'ETHUSDT' }, settings({ defaultMaxNotional: '1000', limits: { ETHUSDT: { maxNotional: '30000' } } })).blocked).toEqual([]);
  });

  it('asks to confirm (or blocks) a limit price outside the band around the mid', () => {
    const far = { ...order, price: '40000' };
    expect(checkGuards(far, settings({ priceBandPercent: 5, priceBandAction: 'confirm' })).confirm[0]).toMatch(/16\.8 % from the mid 48100 \(band 5 %\)/);
    expect(checkGuards(far, settings({ priceBandPercent: 5, priceBandAction: 'block' })).blocked).toHaveLength(1);
    expect(checkGuards(far, settings({ priceBandPercent: 20 }))).toEqual({ blocked: [], confirm: [] });
    // Market orders have no price to band.
    expect(checkGuards({ ...far, type: 'market', price: undefined }, settings({ priceBandPercent: 5 })).confirm).toEqual([]);
  });

  it('asks to confirm above the confirmation size, and never by default', () => {
    expect(checkGuards(order, settings({ confirmAboveNotional: '20000' })).confirm).toEqual([expect.stringMatching(/above 20000/)]);
    expect(checkGuards(order, DEFAULT_SAFETY).confirm).toEqual([]);
  });

  it('reads saved settings, keeping valid entries and dropping damaged ones', () => {
    const parsed = parseSafety({
      readOnly: true,
      priceBandPercent: -3,
      priceBandAction: 'explode',
      confirmAboveNotional: 'lots',
      limits: { btcusdt: { maxQuantity: '2', maxNotional: '-5' }, ETHUSDT: 'x' },
    });
    expect(parsed).toEqual({ ...DEFAULT_SAFETY, readOnly: true, limits: { BTCUSDT: { maxQuantity: '2' } } });
    expect(parseSafety(null)).toEqual(DEFAULT_SAFETY);
  });
});
