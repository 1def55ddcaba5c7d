import Big from 'big.js';

/**
 * Display formatting. Money stays a decimal string: these functions pad or cut the string's
 * digits and never go through a float, so what the trader reads is what the exchange sent.
 */

/** Number of digits after the dot in a decimal string (`"0.0010"` → 4). */
export function decimalsOf(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

/**
 * Writes a decimal string with exactly `dp` decimals, cutting extra digits (never rounding up:
 * a displayed balance must not exceed the real one).
 */
export function fixed(value: string, dp: number): string {
  if (!/^-?\d+(\.\d+)?$/.test(value)) return value;
  const [int, frac = ''] = value.split('.') as [string, string?];
  if (dp <= 0) return int;
  return `${int}.${frac.slice(0, dp).padEnd(dp, '0')}`;
}

/** Groups thousands of a decimal string's integer part: `1234567.5` → `1 234 567.5` (thin spaces). */
export function grouped(value: string): string {
  const [int, frac] = value.split('.') as [string, string?];
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const withSpaces = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${sign}${withSpaces}${frac !== undefined ? `.${frac}` : ''}`;
}

/** Drops trailing zeros after the dot: `0.50000` → `0.5`, `12.000` → `12`. */
export function trimZeros(value: string): string {
  if (!value.includes('.')) return value;
  return value.replace(/\.?0+$/, '');
}

/** Local wall-clock time `HH:MM:SS` of a Unix-ms timestamp. */
export function clock(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** `2024-05-01 13:04:05` local time. */
export function dateTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${clock(ms)}`;
}

/** A ratio as a signed percent: 0.0451 → `+4.51 %`. */
export function percent(ratio: number, dp = 2): string {
  if (!Number.isFinite(ratio)) return '–';
  const sign = ratio > 0 ? '+' : '';
  return `${sign}${(ratio * 100).toFixed(dp)} %`;
}

/** A duration in ms for the status bar: `35 ms`, `1.2 s`, `3 min`. */
export function duration(ms: number): string {
  const abs = Math.abs(ms);
  const sign = ms < 0 ? '-' : '';
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`;
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(1)} s`;
  return `${sign}${Math.round(abs / 60_000)} min`;
}

// ---- Money: one rule per kind of figure (docs/ui.md "Numbers") -------------------------------
// All of these work on decimal strings through big.js; a float never holds a value shown.

/** What the money formatters need of a market (a `Market` fits). */
export interface MarketRules {
  base: string;
  quote: string;
  tickSize: string;
  stepSize: string;
}

/** Decimals of a step or tick (`0.25` → 2, `0.00000001` → 8, `1` → 0, `1e-7` → 7). */
export function decimalsOfStep(step: string): number {
  try {
    const text = new Big(step).toFixed();
    const dot = text.indexOf('.');
    return dot < 0 ? 0 : text.length - dot - 1;
  } catch {
    return MAX_DP;
  }
}

const MAX_DP = 8;
/** Fewest decimals of an asset no market trades, so `100` reads as money: `100.00`. */
const MIN_ASSET_DP = 2;

/**
 * An asset's display precision, from the markets that trade it. Where it is a base, the finest step
 * (every holding the exchange allows can be shown); where it is only a quote, the coarsest tick
 * (USDT quoted at 0.01 on BTCUSDT reads as money, not as SHIBUSDT's 0.00000001 price grid).
 * At most 8. Undefined when no market trades it (then: 8 decimals trimmed back to 2).
 */
export function assetDecimals(asset: string, markets: readonly MarketRules[]): number | undefined {
  let asBase: number | undefined;
  let asQuote: number | undefined;
  for (const m of markets) {
    if (m.base === asset) asBase = Math.max(asBase ?? 0, decimalsOfStep(m.stepSize));
    else if (m.quote === asset) asQuote = Math.min(asQuote ?? MAX_DP, decimalsOfStep(m.tickSize));
  }
  const dp = asBase ?? asQuote;
  return dp === undefined ? undefined : Math.min(MAX_DP, dp);
}

/** `value` rounded to `dp` decimals (`Big.roundDown` truncates towards zero), never `-0`. */
function rounded(value: string, dp: number, mode: Big.RoundingMode): string | undefined {
  let big: Big;
  try {
    big = new Big(value.trim());
  } catch {
    return undefined;
  }
  const out = big.round(dp, mode);
  return out.eq(0) ? new Big(0).toFixed(dp) : out.toFixed(dp);
}

/** Trailing zeros trimmed, but never below `min` decimals. */
function trimTo(text: string, min: number): string {
  const dot = text.indexOf('.');
  if (dot < 0) return text;
  let end = text.length;
  while (end > dot + 1 + min && text[end - 1] === '0') end--;
  return text.slice(0, end === dot + 1 ? dot : end);
}

/** A price in the market's tick precision, padded (`48000.00`), half-up; ungrouped so it reads as typed. */
export function formatPrice(value: string, market: Pick<MarketRules, 'tickSize'> | undefined): string {
  const dp = market ? decimalsOfStep(market.tickSize) : MAX_DP;
  const out = rounded(value, dp, Big.roundHalfUp);
  if (out === undefined) return value;
  return market ? out : trimTo(out, 0);
}

/** A size in the market's step precision, half-up, trailing zeros trimmed (`7.5`, not `7.50000000`). */
export function formatSize(value: string, market: Pick<MarketRules, 'stepSize'> | undefined): string {
  const out = rounded(value, market ? decimalsOfStep(market.stepSize) : MAX_DP, Big.roundHalfUp);
  return out === undefined ? value : trimTo(out, 0);
}

/**
 * A balance (free, locked, total, available) in the asset's precision with thousands grouped,
 * truncated: the screen never shows more than the account holds.
 */
export function formatBalance(value: string, asset: string, markets: readonly MarketRules[]): string {
  const dp = assetDecimals(asset, markets);
  const out = rounded(value, dp ?? MAX_DP, Big.roundDown);
  if (out === undefined) return value;
  return grouped(dp === undefined ? trimTo(out, MIN_ASSET_DP) : out);
}

/** An amount of an asset that is not a holding (notional, order total): asset precision, half-up, grouped. */
export function formatAmount(value: string, asset: string, markets: readonly MarketRules[]): string {
  const dp = assetDecimals(asset, markets);
  const out = rounded(value, dp ?? MAX_DP, Big.roundHalfUp);
  if (out === undefined) return value;
  return grouped(dp === undefined ? trimTo(out, MIN_ASSET_DP) : out);
}

/**
 * A fee: fees are small, so up to 8 decimals (half-up) with trailing zeros trimmed, keeping at least
 * 2 (`0.0075 ETH`, `0.048 USDT`, `1.50 USDT`), grouped.
 */
export function formatFee(value: string): string {
  const out = rounded(value, MAX_DP, Big.roundHalfUp);
  return out === undefined ? value : grouped(trimTo(out, MIN_ASSET_DP));
}
