import { describe, expect, it } from 'vitest';
import { DECIMAL_MAX_LENGTH, Decimal } from '../../../shared';
import { dec, num } from './wire';
import { DropLog, readDecimal, readId, WireError, WireRangeError } from './wire-decimal';

// Every connector reads numbers through the one bounded reader (issue 12).
const readers: Array<[string, (v: unknown, field: string) => string]> = [
  ['dec (kit/wire.ts, every connector)', dec],
  ['readDecimal', readDecimal],
];

const HUNDRED_K = '9'.repeat(100_000);

/** Hostile inputs and what each must give: a WireRangeError, a WireError (malformed), or the plain text. */
const hostile: Array<[unknown, 'range' | 'malformed' | string]> = [
  ['1e150000000', 'range'],
  ['1e100000000', 'range'],
  ['-1e-99999999', 'range'],
  ['1E+1000', 'range'],
  ['1e41', 'range'],
  ['1e-40', 'range'],
  [HUNDRED_K, 'range'],
  [`0.${HUNDRED_K}`, 'range'],
  ['1'.repeat(DECIMAL_MAX_LENGTH + 1), 'range'],
  [1e300, 'range'],
  [Number.MAX_VALUE, 'range'],
  [Infinity, 'range'],
  [-Infinity, 'range'],
  [NaN, 'range'],
  ['Infinity', 'malformed'],
  ['NaN', 'malformed'],
  ['0x10', 'malformed'],
  ['1e', 'malformed'],
  ['.', 'malformed'],
  ['', 'malformed'],
  ['   ', 'malformed'],
  ['-', 'malformed'],
  ['+5', 'malformed'],
  ['1.2.3', 'malformed'],
  ['1_000', 'malformed'],
  ['١٢٣', 'malformed'], // Arabic-Indic digits
  ['１２３', 'malformed'], // full-width digits
  ['12\u0000', 'malformed'],
  [null, 'malformed'],
  [true, 'malformed'],
  [{}, 'malformed'],
  [['1'], 'malformed'],
  // Accepted, in plain form.
  ['-0', '0'],
  [-0, '0'],
  ['0E-8', '0'],
  [`0e${'9'.repeat(50)}`, '0'],
  ['0.00000000', '0.00000000'],
  ['1E-8', '0.00000001'],
  ['6.9e-7', '0.00000069'],
  [6.9e-7, '0.00000069'],
  ['1.5E+3', '1500'],
  ['  48000.5 ', '48000.5'],
  ['0.50', '0.50'],
  ['.5', '0.5'],
  ['5.', '5'],
  ['-12.5e1', '-125'],
  [1e21, '1000000000000000000000'],
  [87097, '87097'],
  ['1e39', `1${'0'.repeat(39)}`],
];

describe('the bounded wire decimal reader (issue 12)', () => {
  for (const [name, read] of readers) {
    it(`${name}: refuses hostile numbers with a typed error and reads the rest in plain form`, () => {
      for (const [input, want] of hostile) {
        const label = `${name}(${typeof input === 'string' ? JSON.stringify(input.slice(0, 30)) : String(input)})`;
        if (want === 'range' || want === 'malformed') {
          let thrown: unknown;
          try {
            read(input, 'tick.asks[0][0]');
          } catch (e) {
            thrown = e;
          }
          expect(thrown, label).toBeInstanceOf(WireError);
          expect((thrown as WireError).kind, label).toBe(want === 'range' ? 'out-of-range' : 'malformed');
          if (want === 'range') expect(thrown, label).toBeInstanceOf(WireRangeError);
          expect((thrown as Error).message, label).toMatch(/^tick\.asks\[0\]\[0\]: /);
          expect((thrown as Error).message.length, label).toBeLessThan(200);
        } else {
          expect(read(input, 'x'), label).toBe(want);
        }
      }
    });
  }

  it('everything it accepts fits the contract decimal', () => {
    for (const [input, want] of hostile) {
      if (want === 'range' || want === 'malformed') continue;
      expect(Decimal.safeParse(readDecimal(input, 'x')).success, String(input)).toBe(true);
    }
  });

  it('numbers (times, counts) refuse hex, Infinity and over-long text too', () => {
    expect(num('1700000000000', 'ts')).toBe(1700000000000);
    expect(num(' 12 ', 'ts')).toBe(12);
    for (const bad of ['0x10', 'Infinity', '', '1e', HUNDRED_K, '1e400', NaN, Infinity, null]) {
      expect(() => num(bad, 'ts'), String(bad).slice(0, 20)).toThrow(WireError);
    }
  });

  it('ids are bounded and printable', () => {
    expect(readId(67952563, 'order_id')).toBe('67952563');
    expect(readId(' 1551482 ', 'id')).toBe('1551482');
    for (const bad of ['', 'a b', 'x\u0000', 'x'.repeat(65), 1.5, null]) expect(() => readId(bad, 'id'), String(bad)).toThrow(WireError);
  });
});

describe('DropLog', () => {
  it('logs the first drop of each kind once per stream and counts every drop', () => {
    const lines: string[] = [];
    const drops = new DropLog('test ws', (line) => lines.push(line));
    for (let i = 0; i < 1000; i++) drops.note(new WireRangeError('tick.asks[0][0]', 'out of range'));
    for (let i = 0; i < 1000; i++) drops.note(new WireError('frame', 'not JSON'));
    drops.note(new Error('unexpected end of file'));
    expect(drops.dropped).toBe(2001);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^test ws: dropped a frame \(out-of-range\): tick\.asks\[0\]\[0\]: out of range; later out-of-range frames on this stream are counted, not logged$/);
  });
});
