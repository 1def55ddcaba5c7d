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

/** A float (chart, aggregated book size) with `dp` decimals. */
export function fixedNumber(value: number, dp: number): string {
  if (!Number.isFinite(value)) return '–';
  return value.toFixed(Math.max(0, Math.min(dp, 20)));
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
