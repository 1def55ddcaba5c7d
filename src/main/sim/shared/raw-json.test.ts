import { describe, expect, it } from 'vitest';
import { parseRawJson, RawJsonError, RawNumber, stringifyRaw } from './raw-json';

describe('parseRawJson', () => {
  it('keeps every number as written, even past 2^53 and with trailing zeros', () => {
    const v = parseRawJson('{"a":1.50,"b":[1700000000000000000,-0.0e+1],"c":null,"d":true,"e":"x\\"y"}') as Record<string, unknown>;
    expect(v.a).toEqual(new RawNumber('1.50'));
    expect((v.b as RawNumber[]).map((n) => n.text)).toEqual(['1700000000000000000', '-0.0e+1']);
    expect([v.c, v.d, v.e]).toEqual([null, true, 'x"y']);
  });

  it('refuses what JSON.parse refuses', () => {
    for (const bad of ['{', '{"a":}', '[1,]', '01', '{"a":1} x', "{'a':1}", '"open', '[' .repeat(40) + ']'.repeat(40)]) {
      expect(() => parseRawJson(bad), bad).toThrow(RawJsonError);
    }
  });

  it('does not let "__proto__" reach the prototype', () => {
    const v = parseRawJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(v)).toEqual(['__proto__']);
  });

  it('writes raw numbers back unchanged', () => {
    const text = '{"id":9223372036854775807,"x":[1.50,"s",null,false]}';
    expect(stringifyRaw(parseRawJson(text))).toBe(text);
  });
});
