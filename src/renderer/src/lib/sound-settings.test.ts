import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFY, parseNotifySettings, soundOf } from './sound-settings';

describe('soundOf', () => {
  it('picks the buy, sell or alert sound, and none for an order the exchange ended', () => {
    expect(soundOf({ kind: 'fill', side: 'buy' }, DEFAULT_NOTIFY)).toBe('buy-fill');
    expect(soundOf({ kind: 'partial-fill', side: 'sell' }, DEFAULT_NOTIFY)).toBe('sell-fill');
    expect(soundOf({ kind: 'alert' }, DEFAULT_NOTIFY)).toBe('alert');
    expect(soundOf({ kind: 'canceled' }, DEFAULT_NOTIFY)).toBeUndefined();
  });

  it('respects the per-kind switch and a zero volume', () => {
    const noSells = { ...DEFAULT_NOTIFY, sounds: { ...DEFAULT_NOTIFY.sounds, 'sell-fill': false } };
    expect(soundOf({ kind: 'fill', side: 'sell' }, noSells)).toBeUndefined();
    expect(soundOf({ kind: 'fill', side: 'buy' }, noSells)).toBe('buy-fill');
    expect(soundOf({ kind: 'alert' }, { ...DEFAULT_NOTIFY, volume: 0 })).toBeUndefined();
  });
});

describe('parseNotifySettings', () => {
  it('restores what was saved and repairs damaged parts', () => {
    expect(parseNotifySettings({ volume: 0.2, sounds: { alert: false }, desktop: false })).toEqual({
      volume: 0.2,
      sounds: { 'buy-fill': true, 'sell-fill': true, alert: false },
      desktop: false,
    });
    expect(parseNotifySettings({ volume: 7, sounds: 'x' }).volume).toBe(1);
    expect(parseNotifySettings({ volume: Number.NaN }).volume).toBe(DEFAULT_NOTIFY.volume);
    expect(parseNotifySettings(null)).toEqual(DEFAULT_NOTIFY);
  });
});
