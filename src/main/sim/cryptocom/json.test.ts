import { describe, expect, it } from 'vitest';

import { decimal, javaNumber, JsonNumber, toJson } from './json';

describe('V1 JSON writer', () => {
  it('writes decimals as exact JSON numbers without float rounding or exponents', () => {
    expect(toJson({ p: decimal('0.00000069', 'number'), q: decimal('95172.49040', 'number') })).toBe('{"p":0.00000069,"q":95172.4904}');
    expect(JSON.parse(toJson([decimal('0.1', 'number')]))).toEqual([0.1]);
  });

  it('pads decimal strings to the given scale (§5.9 "8000.00000000")', () => {
    expect(toJson({ price: decimal('8000', 'string', 8) })).toBe('{"price":"8000.00000000"}');
    expect(decimal('1.50', 'string')).toBe('1.5');
  });

  it('prints a zero Java BigDecimal as 0E-8 (§5.9 S6 sample), which JSON parsers read as 0', () => {
    const text = toJson({ fee: javaNumber('0'), deal_price: javaNumber('9.744250') });
    expect(text).toBe('{"fee":0E-8,"deal_price":9.74425}');
    expect(JSON.parse(text)).toEqual({ fee: 0, deal_price: 9.74425 });
  });

  it('matches JSON.stringify for plain values and drops undefined keys', () => {
    const v = { a: 'x"y', b: [1, null, true], c: undefined, d: { e: -2.5 } };
    expect(toJson(v)).toBe(JSON.stringify(v));
  });

  it('refuses text that is not a JSON number', () => {
    expect(() => new JsonNumber('1e')).toThrow(/not a JSON number/);
    expect(() => new JsonNumber('NaN')).toThrow(/not a JSON number/);
  });
});
