import Big from 'big.js';

/** Decimal arithmetic the connectors need on amounts they read (style.md §7: never floats for money). */

/** Sum of decimal strings. */
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

/** Difference of decimal strings (`a - b`). */
export function subtractDecimals(a: string, b: string): string {
  return new Big(a).minus(b).toFixed();
}

/** The decimal string with its sign flipped (`-0.5` → `0.5`; zero stays `0`). */
export function negateDecimal(a: string): string {
  const n = new Big(a);
  return n.eq(0) ? '0' : n.times(-1).toFixed();
}
