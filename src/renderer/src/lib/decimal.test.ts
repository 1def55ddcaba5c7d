import { describe, expect, it } from 'vitest';
import { compareDecimal, decimalsOf, percentDistance, roundToTick, toDecimal } from './decimal';

describe('decimal helpers', () => {
  it('rounds to a tick multiple with the tick decimals, half up, never below one tick', () => {
    expect(roundToTick(87000.37, '0.25')).toBe('87000.25');
    expect(roundToTick(87000.38, '0.25')).toBe('87000.50');
    expect(roundToTick('87000.125', '0.25')).toBe('87000.25');
    expect(roundToTick(0.0000069649, '0.00000001')).toBe('0.00000696');
    expect(roundToTick(1.25e-7, '0.00000001')).toBe('0.00000013');
    expect(roundToTick(0.1 + 0.2, '0.01')).toBe('0.30');
    expect(roundToTick(12345.678, '5')).toBe('12345');
    expect(roundToTick(0.001, '0.01')).toBe('0.01');
    expect(roundToTick(Number.NaN, '0.01')).toBeUndefined();
    expect(roundToTick(1, '0')).toBeUndefined();
  });

  it('compares decimals of any length', () => {
    expect(compareDecimal('0.000000125', '0.00000012')).toBe(1);
    expect(compareDecimal('1.50', '1.5')).toBe(0);
    expect(compareDecimal('99999999999999999.1', '99999999999999999.2')).toBe(-1);
    expect(compareDecimal('x', '1')).toBeUndefined();
  });

  it('measures percent distance from a reference, for tiny prices too', () => {
    expect(percentDistance('105', '100')!.toFixed()).toBe('5');
    expect(percentDistance('95', '100')!.toFixed()).toBe('5');
    expect(percentDistance('0.000000135', '0.000000125')!.toFixed(1)).toBe('8.0');
    expect(percentDistance('1', '0')).toBeUndefined();
  });

  it('reads decimals and step sizes', () => {
    expect(decimalsOf('0.25')).toBe(2);
    expect(decimalsOf('0.00000001')).toBe(8);
    expect(decimalsOf('1')).toBe(0);
    expect(toDecimal('1.')!.toFixed()).toBe('1');
    expect(toDecimal('-1')).toBeUndefined();
    expect(toDecimal(Infinity)).toBeUndefined();
  });
});
