import { createHash, type KeyObject } from 'node:crypto';
import type { SigningKey } from '../../secrets/signing-key';

/** Parameter values as the client sends them: already stringified once (specs/cryptocom-v1.md §2.6). */
export type WireParams = Record<string, string>;

/**
 * The signing buffer of specs/cryptocom-v1.md §2: names in ascending byte order, `sign` left
 * out, empty values skipped (the official rule), each as `name` + `value` with no separator.
 */
export function signingPayload(params: Readonly<Record<string, string | undefined | null>>): string {
  const names = Object.keys(params)
    .filter((name) => name !== 'sign')
    .sort(byteOrder);
  let buffer = '';
  for (const name of names) {
    const value = params[name];
    if (value === undefined || value === null || value === '') continue;
    buffer += name + value;
  }
  return buffer;
}

/**
 * `sign` for V1: lowercase hex SHA-256 of the payload with the secret appended (§2.4-5; not HMAC).
 * The secret's bytes go into the hash straight from its KeyObject, never through a string.
 */
export function signV1(params: Readonly<Record<string, string | undefined | null>>, secret: KeyObject): string {
  return createHash('sha256')
    .update(signingPayload(params), 'utf8')
    .update(secret.export())
    .digest('hex');
}

/**
 * Builds the form that a signed call sends: the caller's parameters (with empty ones dropped,
 * so the body always equals what was signed), `api_key`, `time` in ms and `sign`.
 * Values are signed raw and URL-encoded only in the body (§2.6).
 */
export function signedForm(
  params: Readonly<Record<string, string | undefined>>,
  credentials: SigningKey,
  timeMs: number,
): { params: WireParams; body: string } {
  const wire: WireParams = {};
  for (const [name, value] of Object.entries(params)) {
    // §2 note: never send an empty parameter, so the server's and S7's rules cannot disagree.
    if (value === undefined || value === '') continue;
    wire[name] = value;
  }
  wire.api_key = credentials.apiKey;
  wire.time = String(Math.trunc(timeMs));
  const sign = signV1(wire, credentials.secret);
  const ordered = Object.keys(wire).sort(byteOrder);
  const body = [...ordered.map((name) => `${encode(name)}=${encode(wire[name]!)}`), `sign=${sign}`].join('&');
  return { params: { ...wire, sign }, body };
}

/** application/x-www-form-urlencoded encoding (space as `+`), as URLSearchParams does it. */
function encode(text: string): string {
  return new URLSearchParams({ x: text }).toString().slice(2);
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
