/**
 * A JSON parser that keeps every number as the exact text the peer sent. Exchanges that sign
 * "the request as written" (specs/cryptocom-exchange.md §2.1, §8 item 3: `20`, `1.50`,
 * `1700000000000000000`) need the digits untouched; JSON.parse would turn the last one into a
 * float and lose them. Nesting is bounded so a hostile body cannot blow the stack.
 */

/** A JSON number as written (`1.50` stays `1.50`). */
export class RawNumber {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** What parseRawJson returns: plain JSON values, with RawNumber for numbers. */
export type RawValue = string | boolean | null | RawNumber | RawValue[] | { [key: string]: RawValue };

export class RawJsonError extends Error {}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const MAX_DEPTH = 32;

/** Parses `text` as JSON; throws RawJsonError (with the offset) when it is not JSON. */
export function parseRawJson(text: string): RawValue {
  let at = 0;
  const fail = (what: string): never => {
    throw new RawJsonError(`${what} at offset ${at}`);
  };
  const space = () => {
    while (at < text.length && ' \t\r\n'.includes(text[at]!)) at++;
  };
  const stringAt = (): string => {
    // JSON.parse of the exact string literal handles every escape correctly.
    let end = at + 1;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    if (end >= text.length) fail('unterminated string');
    const literal = text.slice(at, end + 1);
    at = end + 1;
    try {
      return JSON.parse(literal) as string;
    } catch {
      return fail('bad string');
    }
  };
  const value = (depth: number): RawValue => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    space();
    const c = text[at];
    if (c === '"') return stringAt();
    if (c === '{') {
      at++;
      const out: { [key: string]: RawValue } = {};
      space();
      if (text[at] === '}') {
        at++;
        return out;
      }
      for (;;) {
        space();
        if (text[at] !== '"') fail('expected a key');
        const key = stringAt();
        space();
        if (text[at++] !== ':') fail('expected ":"');
        Object.defineProperty(out, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        space();
        const next = text[at++];
        if (next === '}') return out;
        if (next !== ',') fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      at++;
      const out: RawValue[] = [];
      space();
      if (text[at] === ']') {
        at++;
        return out;
      }
      for (;;) {
        out.push(value(depth + 1));
        space();
        const next = text[at++];
        if (next === ']') return out;
        if (next !== ',') fail('expected "," or "]"');
      }
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(text);
    if (!m) return fail('unexpected character');
    at += m[0].length;
    return new RawNumber(m[0]);
  };
  const out = value(0);
  space();
  if (at !== text.length) fail('trailing text');
  return out;
}

/** True for a plain JSON object (not an array, not a RawNumber). */
export function isRawObject(v: RawValue | undefined): v is { [key: string]: RawValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof RawNumber);
}

/** Like JSON.stringify, writing RawNumber values as their text (ids and `tn` above 2^53 stay exact). */
export function stringifyRaw(value: unknown): string {
  if (value instanceof RawNumber) return value.text;
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stringifyRaw(v))).join(',')}]`;
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) parts.push(`${JSON.stringify(k)}:${stringifyRaw(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
