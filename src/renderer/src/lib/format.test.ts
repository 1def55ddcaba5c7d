import { describe, expect, it } from 'vitest';
import { decimalsOf, duration, fixed, grouped, percent, trimZeros } from './format';

describe('format', () => {
  it('pads and cuts decimal strings without float error or rounding up', () => {
    expect(fixed('48000', 2)).toBe('48000.00');
    expect(fixed('0.123456789', 4)).toBe('0.1234');
    expect(fixed('0.1999', 2)).toBe('0.19');
    expect(fixed('-1.5', 3)).toBe('-1.500');
    expect(fixed('7.9', 0)).toBe('7');
    // A value that is not a decimal is shown as is rather than mangled.
    expect(fixed('n/a', 2)).toBe('n/a');
  });

  it('counts decimals, trims zeros and groups thousands', () => {
    expect(decimalsOf('0.0010')).toBe(4);
    expect(decimalsOf('10')).toBe(0);
    expect(trimZeros('0.50000')).toBe('0.5');
    expect(trimZeros('12.000')).toBe('12');
    expect(trimZeros('1200')).toBe('1200');
    expect(grouped('1234567.50')).toBe('1\u202f234\u202f567.50');
    expect(grouped('-1000')).toBe('-1\u202f000');
  });

  it('writes percents and durations for people', () => {
    expect(percent(0.0451)).toBe('+4.51 %');
    expect(percent(-0.002, 1)).toBe('-0.2 %');
    expect(duration(35.4)).toBe('35 ms');
    expect(duration(-1250)).toBe('-1.3 s');
    expect(duration(180_000)).toBe('3 min');
  });
});
