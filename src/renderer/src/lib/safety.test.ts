import { describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_SAFETY, confirmReasons, parseClientSafety } from './safety';

const order = { type: 'limit', price: '48000', notional: '24000', mid: '48100' } as const;

describe('ticket confirmations', () => {
  it('never asks by default: the hot path has no modal', () => {
    expect(confirmReasons(order, DEFAULT_CLIENT_SAFETY)).toEqual([]);
    expect(confirmReasons({ ...order, price: '1' }, DEFAULT_CLIENT_SAFETY)).toEqual([]);
  });

  it('asks above the confirmation size', () => {
    expect(confirmReasons(order, { ...DEFAULT_CLIENT_SAFETY, confirmAboveNotional: '20000' })).toEqual(['order value 24000 is above 20000']);
    expect(confirmReasons(order, { ...DEFAULT_CLIENT_SAFETY, confirmAboveNotional: '30000' })).toEqual([]);
  });

  it('asks for a limit price far from the mid, not for a market order', () => {
    const settings = { ...DEFAULT_CLIENT_SAFETY, confirmBandPercent: 5 };
    expect(confirmReasons({ ...order, price: '40000' }, settings)).toEqual(['price 40000 is 16.8 % from the mid 48100 (confirm beyond 5 %)']);
    expect(confirmReasons({ ...order, price: '47000' }, settings)).toEqual([]);
    expect(confirmReasons({ type: 'market', notional: '24000', mid: '48100' }, settings)).toEqual([]);
  });

  it('applies the band to tiny prices (a mid far below 1e-6 in plain decimals)', () => {
    const settings = { ...DEFAULT_CLIENT_SAFETY, confirmBandPercent: 5 };
    const tiny = { type: 'limit', price: '0.000000135', notional: '1', mid: '0.000000125' } as const;
    expect(confirmReasons(tiny, settings)).toEqual(['price 0.000000135 is 8.0 % from the mid 0.000000125 (confirm beyond 5 %)']);
    expect(confirmReasons({ ...tiny, price: '0.000000126' }, settings)).toEqual([]);
  });

  it('reads saved settings, keeping valid entries and dropping damaged ones', () => {
    // escCancelsLastOrder was a setting once (Esc cancelled the last order); a saved one is ignored.
    expect(parseClientSafety({ escCancelsLastOrder: true, confirmAboveNotional: 'lots', confirmBandPercent: 3 })).toEqual({ confirmBandPercent: 3 });
    expect(parseClientSafety({ confirmBandPercent: -1, confirmAboveNotional: '500' })).toEqual({ ...DEFAULT_CLIENT_SAFETY, confirmAboveNotional: '500' });
    expect(parseClientSafety(null)).toEqual(DEFAULT_CLIENT_SAFETY);
  });
});
