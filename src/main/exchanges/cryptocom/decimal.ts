import Big from 'big.js';

/** A reply that does not have the shape the spec describes; `path` names the field. */
export class WireError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'WireError';
  }
}

const PLAIN = /^-?\d+(?:\.\d+)?$/;

function preview(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * A decimal field as a plain decimal string. specs/cryptocom-v1.md §5: every decimal may come as
 * a JSON number or a string, and Java's BigDecimal prints things like `0E-8` (§5.9).
 */
export function decimalOf(value: unknown, path: string): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new WireError(path, `expected a decimal number, got ${preview(value)}`);
    const text = String(value);
    // Small floats print as 6.9e-7; the model wants plain digits.
    return text.includes('e') ? new Big(value).toFixed() : text;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (PLAIN.test(text)) return text;
    try {
      if (text !== '') return new Big(text).toFixed();
    } catch {
      // fall through to the error below
    }
  }
  throw new WireError(path, `expected a decimal number (number or string), got ${preview(value)}`);
}

/** Like decimalOf, but null, undefined and "" give undefined. */
export function optionalDecimal(value: unknown, path: string): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return decimalOf(value, path);
}

/** A numeric field (ids, times, enums) sent as a number or a numeric string. */
export function numberOf(value: unknown, path: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new WireError(path, `expected a number, got ${preview(value)}`);
  return n;
}

/** An id field (integer or string) as a string. */
export function idOf(value: unknown, path: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  throw new WireError(path, `expected an id, got ${preview(value)}`);
}

/** A required string field. */
export function stringOf(value: unknown, path: string): string {
  if (typeof value === 'string' && value !== '') return value;
  throw new WireError(path, `expected a non-empty string, got ${preview(value)}`);
}

/** A JSON object, or a WireError naming the field. */
export function objectOf(value: unknown, path: string): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new WireError(path, `expected an object, got ${Array.isArray(value) ? 'an array' : preview(value)}`);
}

/** A JSON array, or a WireError naming the field. */
export function arrayOf(value: unknown, path: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new WireError(path, `expected an array, got ${preview(value)}`);
}

/** Sum of decimal strings without float math (style.md §7). */
export function addDecimals(a: string, b: string): string {
  return new Big(a).plus(b).toFixed();
}

/** Numeric equality of two decimal strings (`0.50` equals `0.5`). */
export function sameDecimal(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return new Big(a).eq(b);
}

/** True when the decimal string is greater than zero. */
export function isPositive(a: string | undefined): boolean {
  return a !== undefined && new Big(a).gt(0);
}
