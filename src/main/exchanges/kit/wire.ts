import { previewValue, readDecimal, readId, readNumber, readOptionalDecimal, WireError } from './wire-decimal';
import { parseWireJson } from './wire-json';

/**
 * The one set of field readers for exchange replies and frames (every connector's map-*.ts and
 * stream-protocol.ts). Every failure is a WireError naming the field, so a change on the
 * exchange's side shows up as "pairs[3].tickSize: expected a decimal number, got null" rather
 * than NaN. Numbers go through the bounded reader (wire-decimal.ts): `"1e150000000"` is a
 * WireRangeError for that frame, not a 12 s expansion (issue 12); JSON text goes through the
 * nesting bound (wire-json.ts).
 */
export { DropLog, previewValue, WireError, WireRangeError, type WireProblem } from './wire-decimal';
export { jsonDepthExceeds, WIRE_JSON_MAX_DEPTH } from './wire-json';

export type Obj = Record<string, unknown>;

/** JSON.parse for exchange text, nesting bounded; a WireError naming `what` on failure. */
export function parseJson(text: string, what: string): unknown {
  return parseWireJson(text, what);
}

/**
 * An HTTP reply body read as a JSON object, or undefined when it is empty, not JSON (a proxy's
 * HTML error page), too deeply nested or not an object: the caller then decides by HTTP status.
 */
export function readEnvelope(text: string): Obj | undefined {
  let body: unknown;
  try {
    body = text === '' ? undefined : parseJson(text, 'reply');
  } catch {
    return undefined;
  }
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Obj) : undefined;
}

export function obj(v: unknown, field: string): Obj {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
  throw new WireError(field, `expected an object, got ${previewValue(v)}`);
}

export function arr(v: unknown, field: string): unknown[] {
  if (Array.isArray(v)) return v;
  throw new WireError(field, `expected an array, got ${previewValue(v)}`);
}

/** The first present key among aliases (field names that vary between replies, e.g. specs/icrypex.md §9). */
export function pick(o: Obj, keys: readonly string[]): unknown {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
}

/** A string; a finite JSON number is taken as its text (Icrypex sends some names either way, §9). */
export function str(v: unknown, field: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new WireError(field, `expected a string, got ${previewValue(v)}`);
}

/** A string that must be present and non-empty, and must be a JSON string. */
export function text(v: unknown, field: string): string {
  if (typeof v === 'string' && v !== '') return v;
  throw new WireError(field, `expected a non-empty string, got ${previewValue(v)}`);
}

export function optStr(v: unknown, field: string): string | undefined {
  return v === undefined || v === null || v === '' ? undefined : str(v, field);
}

/** An order or trade id (integer or string), bounded and printable (issue 12). */
export function id(v: unknown, field: string): string {
  return readId(v, field);
}

/** A decimal as a plain decimal string: JSON numbers and exponent forms accepted, within the contract's length. */
export function dec(v: unknown, field: string): string {
  return readDecimal(v, field);
}

/** Like dec, but null, undefined and "" give undefined. */
export function optDec(v: unknown, field: string): string | undefined {
  return readOptionalDecimal(v, field);
}

/** A finite number; numeric strings are accepted (bounded, no hex or `Infinity`). */
export function num(v: unknown, field: string): number {
  return readNumber(v, field);
}

export function int(v: unknown, field: string): number {
  const n = num(v, field);
  if (!Number.isInteger(n)) throw new WireError(field, `expected an integer, got ${previewValue(v)}`);
  return n;
}

export function bool(v: unknown, field: string): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'True') return true;
  if (v === 'false' || v === 'False') return false;
  throw new WireError(field, `expected a boolean, got ${previewValue(v)}`);
}

/** Normalises an enum spelling: `Stop_Limit`, `stop-limit`, `STOP LIMIT` -> `STOP_LIMIT`. */
export function enumKey(v: unknown, field: string): string {
  return str(v, field).trim().toUpperCase().replace(/[\s-]+/g, '_');
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
