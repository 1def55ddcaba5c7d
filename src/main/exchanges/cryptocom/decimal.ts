import Big from 'big.js';
import { previewValue as preview, readDecimal, readId, readNumber, readOptionalDecimal, WireError } from '../wire-decimal';

/**
 * Crypto.com V1 field readers. Numbers go through the one bounded reader shared with Icrypex
 * (../wire-decimal.ts): specs/cryptocom-v1.md §5 lets every decimal come as a JSON number or a
 * string, and Java's BigDecimal prints things like `0E-8` (§5.9), but `1e150000000` is refused
 * before any arithmetic (issue 12).
 */
export { WireError, WireRangeError } from '../wire-decimal';

/** A decimal field as a plain decimal string. */
export function decimalOf(value: unknown, path: string): string {
  return readDecimal(value, path);
}

/** Like decimalOf, but null, undefined and "" give undefined. */
export function optionalDecimal(value: unknown, path: string): string | undefined {
  return readOptionalDecimal(value, path);
}

/** A numeric field (ids, times, enums) sent as a number or a numeric string. */
export function numberOf(value: unknown, path: string): number {
  return readNumber(value, path);
}

/** An id field (integer or string) as a string. */
export function idOf(value: unknown, path: string): string {
  return readId(value, path);
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
