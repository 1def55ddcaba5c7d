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
  return divFloor(value, step).times(step);
}

/** Rounds `value` to the nearest multiple of `step` (half up). */
export function roundToStep(value: Decimal, step: Decimal): Decimal {
  return divRound(value, step, 0).times(step);
}

/** a / b rounded to `dp` decimals (half up) without computing the default 30 decimals first. */
export function divRound(a: Decimal, b: Decimal, dp: number, rm: 0 | 1 | 2 | 3 = D.roundHalfUp): Decimal {
  const saved = D.DP;
  const savedRm = D.RM;
  D.DP = dp;
  D.RM = rm;
  try {
    return a.div(b);
  } finally {
    D.DP = saved;
    D.RM = savedRm;
  }
}

/** floor(a / b) as a whole number (a, b positive). */
export function divFloor(a: Decimal, b: Decimal): Decimal {
  return divRound(a, b, 0, D.roundDown);
}
