import { gzipSync } from 'node:zlib';

// What a broken or malicious exchange (or anything between us and it) sends instead of the
// real thing. Text attacks rewrite the JSON of a real simulator message, so the envelope
// still routes it to the parser under test; raw attacks replace the bytes.

export const ATTACKS = ['exponent', 'huge-exponent', 'wrong-types', 'proto-keys', 'unicode-nul', 'invalid-json', 'cut', 'deep-nesting', 'oversize', 'gzip-bomb'] as const;
export type Attack = (typeof ATTACKS)[number] | 'clean';

const QUOTED_NUMBER = /"(-?\d+(?:\.\d+)?)"/g;
const BARE_NUMBER = /([:,[])(-?\d+\.\d+)(?=[,\]}])/g;

/** `n` nested arrays as JSON text (1M deep is 2 MB of brackets). */
export function deepJson(n: number): string {
  return '['.repeat(n) + ']'.repeat(n);
}

/** A gzip stream of `mb` MiB of zeros, made of 1 MiB members (gunzip reads them all): ~1 KiB per MiB. */
export function gzipBomb(mb: number): Buffer {
  const member = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
  return Buffer.concat(Array.from({ length: mb }, () => member));
}

/** Puts `inner` as the first member of the first object or array in `text`, keeping it valid JSON. */
function insertFirst(text: string, inner: string): string {
  const at = text.search(/[[{]/);
  if (at < 0) return inner;
  const open = text[at]!;
  const next = text.slice(at + 1).trimStart()[0];
  const empty = (open === '{' && next === '}') || (open === '[' && next === ']');
  const member = open === '{' ? `"deep":${inner}` : inner;
  return `${text.slice(0, at + 1)}${member}${empty ? '' : ','}${text.slice(at + 1)}`;
}

/** Rewrites the JSON text of one message; `roll` in [0,1) picks among variants. */
export function attackText(text: string, attack: Attack, roll: number, sizes: { deep: number }): string {
  switch (attack) {
    case 'exponent': {
      const pick = ['1e400', '1E-400', '-1e308', '1e21', '0x1F', '1_0', '١٢'][Math.floor(roll * 7)]!;
      return text.replace(QUOTED_NUMBER, `"${pick}"`).replace(BARE_NUMBER, `$11e999`);
    }
    case 'huge-exponent': {
      // Issue 12: "1e150000000" took the heap, "1e100000000" froze main for 12.5 s.
      const pick = roll < 0.5 ? '1e150000000' : '1e100000000';
      return text.replace(QUOTED_NUMBER, `"${pick}"`).replace(BARE_NUMBER, `$1${pick}`);
    }
    case 'wrong-types': {
      const pick = ['null', 'true', '[]', '{}', '"x"', '-0', '{"$":[1]}'][Math.floor(roll * 7)]!;
      return text.replace(QUOTED_NUMBER, pick);
    }
    case 'proto-keys':
      return text.replace(/\{(?=\s*")/g, '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},');
    case 'unicode-nul':
      return text.replace(/"([A-Za-z_]{2,})"/g, (_m, word: string) => `"${word}\\u0000\\ud800\\u202e"`);
    case 'invalid-json': {
      const variants = [text.slice(0, Math.floor(text.length * roll)), `${text}}`, text.replace(/:/, ''), 'NaN', '{"', '\u0000\u00ff\ufffe', text.replace(/"/g, "'")];
      return variants[Math.floor(roll * variants.length)]!;
    }
    case 'cut':
      return text.slice(0, Math.max(0, Math.floor(text.length * roll)));
    case 'deep-nesting':
      return insertFirst(text, deepJson(sizes.deep));
    case 'oversize':
    case 'gzip-bomb':
    case 'clean':
      return text;
  }
}
