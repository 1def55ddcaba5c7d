import { readDecimal, readId, readNumber, WireError } from '../wire-decimal';
import { parseWireJson } from '../wire-json';

/**
 * Tolerant readers for Icrypex replies and frames. Every failure names the field, so a change
 * on the exchange's side shows up as "pairs[3].tickSize: expected a decimal" rather than NaN.
 * Numbers go through the one bounded reader shared with Crypto.com (../wire-decimal.ts), so
 * `"1e150000000"` is a WireRangeError for that frame, not a 12 s expansion (issue 12).
 */
export { WireError, WireRangeError } from '../wire-decimal';

export type Obj = Record<string, unknown>;

/** Parses a JSON text, naming what it was on failure. */
export function parseJson(text: string, what: string): unknown {
  return parseWireJson(text, what);
}

export function obj(v: unknown, field: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new WireError(field, 'expected an object');
  return v as Obj;
}

export function arr(v: unknown, field: string): unknown[] {
  if (!Array.isArray(v)) throw new WireError(field, 'expected an array');
  return v;
}

/** The first present key among aliases (specs/icrypex.md §9: field names vary between replies). */
export function pick(o: Obj, keys: readonly string[]): unknown {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
}

export function str(v: unknown, field: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new WireError(field, 'expected a string');
}

export function optStr(v: unknown, field: string): string | undefined {
  return v === undefined || v === null || v === '' ? undefined : str(v, field);
}

/** An order or trade id (integer or string), bounded and printable (issue 12). */
export function id(v: unknown, field: string): string {
  return readId(v, field);
}

/** A decimal string in plain notation; accepts JSON numbers (klines) and exponent forms, within the contract's length. */
export function dec(v: unknown, field: string): string {
  return readDecimal(v, field);
}

export function optDec(v: unknown, field: string): string | undefined {
  return v === undefined || v === null || v === '' ? undefined : dec(v, field);
}

/** A finite number; numeric strings are accepted (bounded, no hex or `Infinity`). */
export function num(v: unknown, field: string): number {
  return readNumber(v, field);
}

export function int(v: unknown, field: string): number {
  const n = num(v, field);
  if (!Number.isInteger(n)) throw new WireError(field, 'expected an integer');
  return n;
}

export function bool(v: unknown, field: string): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'True') return true;
  if (v === 'false' || v === 'False') return false;
  throw new WireError(field, 'expected a boolean');
}

/**
 * Unix ms from a time that may be seconds or ms (specs/icrypex.md §2, §9 #13/#14: units differ
 * per field and between the docs and the wire). 1e11 s is the year 5138; 1e11 ms is 1973.
 */
export function toMs(t: number): number {
  return t < 1e11 ? t * 1000 : t;
}

/** Unix seconds from a time that may be seconds or ms. */
export function toSeconds(t: number): number {
  return t < 1e11 ? t : Math.floor(t / 1000);
}

/** Normalises an enum spelling: `Stop_Limit`, `stop-limit`, `STOP LIMIT` -> `STOP_LIMIT`. */
export function enumKey(v: unknown, field: string): string {
  return str(v, field).trim().toUpperCase().replace(/[\s-]+/g, '_');
}
