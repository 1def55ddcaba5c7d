import { DECIMAL_MAX_LENGTH } from '../../../shared';

/**
 * The one reader for numbers that come from an exchange (both connectors). An exchange, an
 * endpoint override or anything on the path can send `"1e150000000"`: expanding that with big.js
 * took 12 s or the whole heap (issue 12). This reader looks at the text once, in O(length), and
 * refuses anything whose plain form would not fit the contract's decimal (DECIMAL_MAX_LENGTH
 * characters, src/shared/model.ts) before any arithmetic library sees it.
 */

/** Longest text considered at all (after that it is refused without being scanned). */
export const WIRE_TEXT_MAX = 64;

export type WireProblem = 'malformed' | 'out-of-range';

/** A field of a reply or frame that does not have the shape the spec describes; `field` names it. */
export class WireError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
    readonly kind: WireProblem = 'malformed',
  ) {
    super(`${field}: ${problem}`);
    this.name = 'WireError';
  }
}

/** A number that is well formed but too large, too long or too precise for the terminal: the frame is dropped. */
export class WireRangeError extends WireError {
  constructor(field: string, problem: string) {
    super(field, problem, 'out-of-range');
    this.name = 'WireRangeError';
  }
}

/** A short, printable picture of a bad value for messages (never the whole of a huge string). */
export function previewValue(value: unknown): string {
  if (typeof value === 'string') {
    const head = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `${JSON.stringify(head)}${value.length > 40 ? ` (${value.length} characters)` : ''}`;
  }
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

interface Lexed {
  negative: boolean;
  /** Integer and fraction digits (ASCII only). */
  intDigits: string;
  fracDigits: string;
  /** Exponent digits as written (may be long; only read when the mantissa is not zero). */
  expDigits: string;
  expNegative: boolean;
  plain: boolean;
}

/** `-?digits[.digits][e[+-]digits]`, `.5` and `5.` included; undefined for anything else. */
function lex(s: string): Lexed | undefined {
  let i = 0;
  const n = s.length;
  const negative = s.charCodeAt(0) === 45; /* - */
  if (negative) i++;
  const intStart = i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  const intDigits = s.slice(intStart, i);
  let fracDigits = '';
  let dot = false;
  if (s.charCodeAt(i) === 46 /* . */) {
    dot = true;
    const fracStart = ++i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    fracDigits = s.slice(fracStart, i);
  }
  if (intDigits.length === 0 && fracDigits.length === 0) return undefined;
  let expDigits = '';
  let expNegative = false;
  const c = s.charCodeAt(i);
  if (c === 101 || c === 69 /* e E */) {
    i++;
    const sign = s.charCodeAt(i);
    if (sign === 43 || sign === 45) {
      expNegative = sign === 45;
      i++;
    }
    const expStart = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    expDigits = s.slice(expStart, i);
    if (expDigits.length === 0) return undefined;
  }
  if (i !== n) return undefined;
  const plain = expDigits.length === 0 && intDigits.length > 0 && (!dot || fracDigits.length > 0);
  return { negative, intDigits, fracDigits, expDigits, expNegative, plain };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isZero(digits: string): boolean {
  for (let i = 0; i < digits.length; i++) if (digits.charCodeAt(i) !== 48) return false;
  return true;
}

type Read = { ok: true; text: string } | { ok: false; kind: WireProblem; why: string };

const TOO_BIG = `it does not fit a decimal of at most ${DECIMAL_MAX_LENGTH} characters`;

/** The plain decimal text of `s`, or why not. Never allocates more than O(WIRE_TEXT_MAX). */
function plainDecimal(raw: string): Read {
  if (raw.length > WIRE_TEXT_MAX) return { ok: false, kind: 'out-of-range', why: `it is longer than ${WIRE_TEXT_MAX} characters` };
  const s = raw.trim();
  const lexed = lex(s);
  if (!lexed) return { ok: false, kind: 'malformed', why: 'it is not a decimal number' };
  const { negative, intDigits, fracDigits, expDigits, expNegative } = lexed;
  const all = intDigits + fracDigits;
  // Zero keeps its plain spelling (`0.00000000`); `-0` and `0E-8` become `0`.
  if (isZero(all)) return { ok: true, text: lexed.plain && !negative && s.length <= DECIMAL_MAX_LENGTH ? s : '0' };
  // Plain text that fits is kept exactly as sent (so `0.50` stays `0.50`, like the fast paths).
  if (lexed.plain && s.length <= DECIMAL_MAX_LENGTH) return { ok: true, text: s };
  // A non-zero mantissa of at most 64 characters with an exponent of 7+ digits never fits.
  if (expDigits.length > 6) return { ok: false, kind: 'out-of-range', why: TOO_BIG };
  const exponent = expDigits.length ? (expNegative ? -1 : 1) * Number(expDigits) : 0;
  // Significant digits and where the point sits relative to them.
  let first = 0;
  while (all.charCodeAt(first) === 48) first++;
  let last = all.length;
  while (all.charCodeAt(last - 1) === 48) last--;
  const digits = all.slice(first, last);
  const point = intDigits.length - first + exponent;
  const sign = negative ? '-' : '';
  const length = sign.length + (point <= 0 ? 2 - point + digits.length : point >= digits.length ? point : digits.length + 1);
  if (length > DECIMAL_MAX_LENGTH) return { ok: false, kind: 'out-of-range', why: TOO_BIG };
  let text: string;
  if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) text = digits + '0'.repeat(point - digits.length);
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return { ok: true, text: sign + text };
}

/**
 * A decimal field as a plain decimal string: a finite JSON number, or a string in plain or
 * exponent notation (Java's BigDecimal prints `0E-8`, specs/cryptocom-v1.md §5.9; Icrypex klines
 * are JSON numbers, specs/icrypex.md §7.4). Throws WireError (malformed) or WireRangeError.
 */
export function readDecimal(value: unknown, field: string): string {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new WireRangeError(field, `expected a finite decimal number, got ${previewValue(value)}`);
    text = String(value);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    throw new WireError(field, `expected a decimal number (number or string), got ${previewValue(value)}`);
  }
  const read = plainDecimal(text);
  if (read.ok) return read.text;
  if (read.kind === 'out-of-range') throw new WireRangeError(field, `${previewValue(value)} is out of range: ${read.why}`);
  throw new WireError(field, `expected a decimal number, got ${previewValue(value)}`);
}

/** Like readDecimal, but null, undefined and "" give undefined. */
export function readOptionalDecimal(value: unknown, field: string): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : readDecimal(value, field);
}

/**
 * A plain number (times, counts, precisions, enum codes): a finite JSON number, or a string with
 * the same syntax and length bound as decimals (no hex, no `Infinity`, no padding tricks).
 */
export function readNumber(value: unknown, field: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new WireRangeError(field, `expected a finite number, got ${previewValue(value)}`);
  }
  if (typeof value === 'string') {
    if (value.length > WIRE_TEXT_MAX) throw new WireRangeError(field, `${previewValue(value)} is out of range: it is longer than ${WIRE_TEXT_MAX} characters`);
    const s = value.trim();
    if (lex(s)) {
      const n = Number(s);
      if (Number.isFinite(n)) return n;
      throw new WireRangeError(field, `${previewValue(value)} is out of range`);
    }
  }
  throw new WireError(field, `expected a number, got ${previewValue(value)}`);
}

/** Longest id (order, trade, client) accepted from an exchange. */
export const WIRE_ID_MAX = 64;
// Printable ASCII without spaces, quotes or backslashes: ids end up in logs, URLs and the contract.
const ID_RE = /^[A-Za-z0-9._:/@#+=-]+$/;

/** An id (integer or string) as a string, bounded and printable. */
export function readId(value: unknown, field: string): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string') {
    if (value.length > WIRE_ID_MAX) throw new WireRangeError(field, `${previewValue(value)} is out of range: an id has at most ${WIRE_ID_MAX} characters`);
    const s = value.trim();
    if (ID_RE.test(s)) return s;
  }
  throw new WireError(field, `expected an id, got ${previewValue(value)}`);
}

/**
 * Logs dropped frames once per stream and kind (issue 12: a hostile feed must not flood the log),
 * and counts all of them. `dropped` is what tests and the status detail read.
 */
export class DropLog {
  dropped = 0;
  private readonly said = new Set<string>();

  constructor(
    private readonly what: string,
    private readonly log: ((line: string) => void) | undefined,
  ) {}

  /** `read()`, or undefined after noting the drop when it throws a WireError (anything else is a bug and is rethrown). */
  attempt<T>(read: () => T, action?: string): T | undefined {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      this.note(e, action);
      return undefined;
    }
  }

  note(cause: unknown, action = 'dropped a frame'): void {
    this.dropped++;
    // A decompression bomb is its own kind, so one is said even after garbage was (issue 12).
    const kind = cause instanceof WireError ? cause.kind : cause instanceof Error && cause.name === 'DecompressionLimitError' ? 'decompression-limit' : 'unreadable';
    if (this.said.has(kind)) return;
    this.said.add(kind);
    const message = cause instanceof Error ? cause.message : String(cause);
    this.log?.(`${this.what}: ${action} (${kind}): ${message.slice(0, 160)}; later ${kind} frames on this stream are counted, not logged`);
  }
}
