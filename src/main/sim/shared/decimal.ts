import BigBase from 'big.js';

/**
 * The simulators' decimal type: a private big.js constructor that never prints exponents, so
 * `D('0.00000001').toString()` is `0.00000001` (big.js switches to `1e-8` by default), and
 * strings on the wire look like the exchanges' (trailing zeros trimmed).
 */
export const D = BigBase();
D.NE = -40;
D.PE = 40;
D.DP = 30;
D.RM = D.roundHalfUp;

export type Decimal = InstanceType<typeof D>;

export const ZERO = D(0);

const DECIMAL_RE = /^(?:\d+\.?\d*|\.\d+)$/;

/** Parses a non-negative decimal string (or finite number); undefined when it is not one. */
export function parseDecimal(value: unknown): Decimal | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return undefined;
    return D(value);
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!DECIMAL_RE.test(text)) return undefined;
  return D(text);
}

/** Canonical string form: no exponent, trailing zeros trimmed (`'87107'`, `'0.5'`). */
export function dstr(value: Decimal): string {
  return value.toString();
}

/** Number of decimals a step such as `'0.001'` allows (3); integers give 0. */
export function decimalsOf(step: string): number {
  const text = D(step).toString();
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** True when `value` is a whole multiple of `step` (both positive decimals). */
export function isMultipleOf(value: Decimal, step: Decimal): boolean {
  return value.mod(step).eq(0);
}

/** Rounds `value` down to a whole multiple of `step`. */
export function floorToStep(value: Decimal, step: Decimal): Decimal {
  return value.div(step).round(0, D.roundDown).times(step);
}

/** Rounds `value` to the nearest multiple of `step` (half up). */
export function roundToStep(value: Decimal, step: Decimal): Decimal {
  return value.div(step).round(0, D.roundHalfUp).times(step);
}
