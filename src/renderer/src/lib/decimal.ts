import Big from 'big.js';

/**
 * The renderer's decimal arithmetic on money (style: money is decimal everywhere). Prices,
 * sizes and balances arrive as decimal strings; these helpers keep them decimal, so a tiny
 * price never turns into `1.25e-7` and a tick like 0.25 rounds exactly. Floats stay for
 * drawing only (chart coordinates), and come back through `toDecimal` before they mean money.
 */

const DECIMAL = /^\d*\.?\d+$|^\d+\.$/;

/**
 * A decimal string or a finite number as a Big; undefined for anything else (empty, NaN,
 * negative zero is fine). Numbers are read through their shortest round-trip form, so
 * 0.1 + 0.2 stays a float artefact only until it is rounded to a tick.
 */
export function toDecimal(value: string | number | undefined): Big | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return new Big(value);
  }
  const text = value.trim();
  if (!DECIMAL.test(text)) return undefined;
  return new Big(text.endsWith('.') ? text.slice(0, -1) : text);
}

/** Plain decimal text, never exponent notation (`0.000000125`, not `1.25e-7`). */
export function plain(value: Big): string {
  return value.toFixed();
}

/** Decimal places of a step or tick (`0.25` → 2, `1` → 0, `1e-8` → 8). */
export function decimalsOf(step: string): number {
  const text = new Big(step).toFixed();
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * Rounds a price to the nearest multiple of the tick (half up), written with the tick's
 * decimals; never below one tick. `roundToTick(87000.37, '0.25')` is `'87000.25'`;
 * `roundToTick(0.0000069649, '0.00000001')` is `'0.00000696'`.
 */
export function roundToTick(price: string | number, tick: string): string | undefined {
  const value = toDecimal(price);
  const step = toDecimal(tick);
  if (!value || !step || step.lte(0)) return undefined;
  const multiples = value.div(step).round(0, Big.roundHalfUp);
  const rounded = multiples.lt(1) ? step : multiples.times(step);
  return rounded.toFixed(decimalsOf(tick));
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`; undefined if either is not a decimal. */
export function compareDecimal(a: string | number | undefined, b: string | number | undefined): -1 | 0 | 1 | undefined {
  const x = toDecimal(a);
  const y = toDecimal(b);
  if (!x || !y) return undefined;
  return x.cmp(y) as -1 | 0 | 1;
}

/** How far `price` is from `reference`, in percent of the reference (always ≥ 0). */
export function percentDistance(price: string | undefined, reference: string | undefined): Big | undefined {
  const p = toDecimal(price);
  const r = toDecimal(reference);
  if (!p || !r || r.lte(0)) return undefined;
  return p.minus(r).abs().div(r).times(100);
}
