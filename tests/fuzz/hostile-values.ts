import fc from 'fast-check';

// Values a compromised renderer (or a broken bridge) can put into an IPC payload. Only what
// Electron's structured clone carries (no functions, no symbols); the browser host's JSON
// bridge carries a subset. Sizes follow issue 12: 1 MB strings, deep nesting, exponents.

export const MB = 1024 * 1024;

/** A plain object whose OWN key is `__proto__` (an object literal would set the prototype instead). */
export function ownProto(inner: unknown): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  // What JSON.parse('{"__proto__": …}') and structured clone make: an own, enumerable key.
  Object.defineProperty(o, '__proto__', { value: inner, enumerable: true, writable: true, configurable: true });
  return o;
}

/** `depth` nested arrays (or objects), built without recursion. */
export function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

const numbers = fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -0, 0, -1, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 1e21, 0.1 + 0.2, Number.MAX_SAFE_INTEGER, 2 ** 31, -(2 ** 31) - 1);

const numericStrings = fc.constantFrom(
  '1e400', '1e150000000', '1e-150000000', '-1e100000000', '1E5', '0x10', '0b11', '1_000', ' 1 ', '1 ', '+1', '-0', '.5', '5.', '00001', 'NaN', 'Infinity', '-Infinity',
  '0.1.2', '1,5', '١٢٣', '1e', 'e1', '--1', '9'.repeat(400), '1' + '0'.repeat(100_000), `0.${'0'.repeat(100_000)}1`, '9'.repeat(MB),
);

const strangeStrings = fc.constantFrom(
  '', ' ', '\0', 'acc\0other', 'BTCUSDT\0', '\u202eTDSUCTB', '\ud800', '\udfff\ud800', '😀'.repeat(1000), 'é'.normalize('NFD'), '\r\n', '<script>alert(1)</script>',
  '../../etc/passwd', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'x'.repeat(MB), '\u0000'.repeat(MB), 'ü'.repeat(MB / 2),
);

const strings = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
  { weight: 3, arbitrary: strangeStrings },
  { weight: 3, arbitrary: numericStrings },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
);

const structures = fc.oneof(
  fc.constantFrom<unknown>(
    null, undefined, true, false, 0n, 2n ** 70n, -1n, [], {}, [[[]]], new Date(NaN), new Date(8.64e15), new Map([['a', 1]]), new Set([1]), new Uint8Array(16), /x/g,
    ownProto({ readOnly: false, polluted: true }), { constructor: { prototype: { polluted: true } } }, { prototype: { polluted: true } },
  ),
  fc.constantFrom(10, 1_000, 100_000).chain((depth) => fc.constantFrom(nested(depth, 'array'), nested(depth, 'object'))),
  fc.constantFrom(new Array(100_000).fill(0), Array.from({ length: 10_000 }, (_, i) => ({ i }))),
);

/** One hostile value of any kind. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: strings },
  { weight: 2, arbitrary: numbers },
  { weight: 2, arbitrary: structures },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withObjectString: false }) },
);

/** Keys an attacker adds next to the expected ones. */
export const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', '', '\0', 'x'.repeat(10_000), 'readOnly', 'accountId', 'extra');
