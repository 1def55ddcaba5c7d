import { type V1ErrorName } from './envelope';

/**
 * Request parameter parsing and validation for the V1 REST API (specs/cryptocom-v1.md §5).
 * Every failure names the field and the problem in `detail`; the wire message stays the
 * exchange's own text, and the simulator puts `detail` in an `X-Sim-Detail` header.
 */

export type Params = Record<string, string>;

export interface ParamFailure {
  ok: false;
  error: V1ErrorName;
  detail: string;
}
export type ParamResult<T> = { ok: true; value: T } | ParamFailure;

/** A failed parameter check; `paramIllegal` is 100004 (§7 item 2). */
export function illegal(detail: string, error: V1ErrorName = 'paramIllegal'): ParamFailure {
  return { ok: false, error, detail };
}

/**
 * Parses a query string or an `application/x-www-form-urlencoded` body (§1). A name sent
 * twice is refused: the signature would be ambiguous.
 */
export function parseForm(text: string): ParamResult<Params> {
  const out: Params = {};
  const search = new URLSearchParams(text);
  for (const [name, value] of search) {
    if (Object.hasOwn(out, name)) return illegal(`${name}: sent more than once`);
    out[name] = value;
  }
  return { ok: true, value: out };
}

/** The value of a required parameter (missing or empty -> 100004). */
export function required(params: Params, name: string): ParamResult<string> {
  const v = params[name];
  if (v === undefined || v === '') return illegal(`${name}: missing`);
  return { ok: true, value: v };
}

/** The value of an optional parameter, `undefined` when absent or empty (§2: empty means unset). */
export function optional(params: Params, name: string): string | undefined {
  const v = params[name];
  return v === undefined || v === '' ? undefined : v;
}

const DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;

/** Number of decimal places in a plain decimal string. */
export function decimalPlaces(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * A positive plain decimal (`0.5`, `150.25`; no sign, exponent or spaces) with at most
 * `maxPlaces` decimals (§5.8: more than the market's precision fails with the precision code).
 */
export function positiveDecimal(params: Params, name: string, maxPlaces: number): ParamResult<string> {
  const r = required(params, name);
  if (!r.ok) return r;
  if (!DECIMAL.test(r.value)) return illegal(`${name}: not a plain decimal number ('${r.value}')`);
  if (/^0(\.0+)?$/.test(r.value)) return illegal(`${name}: must be greater than 0`);
  const places = decimalPlaces(r.value);
  if (places > maxPlaces) {
    return illegal(`${name}: ${places} decimals, the market allows ${maxPlaces}`, 'badPrecision');
  }
  return { ok: true, value: r.value };
}

/** A non-negative integer parameter such as `order_id` or `time`. */
export function integerParam(params: Params, name: string): ParamResult<number> {
  const r = required(params, name);
  if (!r.ok) return r;
  if (!/^\d{1,16}$/.test(r.value)) return illegal(`${name}: not a whole number ('${r.value}')`);
  return { ok: true, value: Number(r.value) };
}

/** `page`/`pageSize` (§5.12: 1-based, positive; absent -> defaults). */
export function paging(params: Params, defaultPageSize: number): ParamResult<{ page: number; pageSize: number }> {
  const out = { page: 1, pageSize: defaultPageSize };
  for (const name of ['page', 'pageSize'] as const) {
    const v = optional(params, name);
    if (v === undefined) continue;
    if (!/^[1-9]\d{0,6}$/.test(v)) return illegal(`${name}: must be a whole number from 1 ('${v}')`);
    out[name] = Number(v);
  }
  return { ok: true, value: out };
}

/**
 * `startDate`/`endDate` as `yyyy-MM-dd HH:mm:ss` (§5.13) in the server's zone, to epoch ms.
 * Absent -> undefined.
 */
export function dateParam(params: Params, name: string, utcOffsetHours: number): ParamResult<number | undefined> {
  const v = optional(params, name);
  if (v === undefined) return { ok: true, value: undefined };
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(v);
  if (!m) return illegal(`${name}: expected 'yyyy-MM-dd HH:mm:ss' ('${v}')`);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return illegal(`${name}: not a real date and time ('${v}')`);
  }
  return { ok: true, value: ms - utcOffsetHours * 3_600_000 };
}

/** Formats epoch ms as `yyyy-MM-dd HH:mm:ss` in the given zone (§6.6 `ds`, §5.13 dates). */
export function formatServerDate(ms: number, utcOffsetHours: number): string {
  const d = new Date(ms + utcOffsetHours * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** One of a fixed set of values, case-sensitive (`side` is `BUY`/`SELL`, §4). */
export function oneOf<T extends string>(params: Params, name: string, allowed: readonly T[]): ParamResult<T> {
  const r = required(params, name);
  if (!r.ok) return r;
  if (!(allowed as readonly string[]).includes(r.value)) {
    return illegal(`${name}: must be one of ${allowed.join(', ')} ('${r.value}')`);
  }
  return { ok: true, value: r.value as T };
}
