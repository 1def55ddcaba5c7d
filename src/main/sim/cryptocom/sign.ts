import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * How empty parameter values enter the signing buffer.
 * - `skip`: specs/cryptocom-v1.md §2 step 3, the official rule: empty or null values are left out.
 * - `keep-name`: the S7 sample style (§2 notes, example D): the name is appended with an empty value.
 */
export type EmptyValueRule = 'skip' | 'keep-name';

/** The signing buffer of §2: sorted names (byte order), `name` + `value`, `sign` excluded, no secret. */
export function signingBuffer(params: Readonly<Record<string, string>>, rule: EmptyValueRule = 'skip'): string {
  // §2 step 2: plain byte order (`page` < `pageSize`), which is what sort() on strings does for ASCII.
  const names = Object.keys(params)
    .filter((name) => name !== 'sign')
    .sort(byteOrder);
  let buffer = '';
  for (const name of names) {
    const value = params[name] ?? '';
    if (value === '' && rule === 'skip') continue;
    buffer += name + value;
  }
  return buffer;
}

/** `hex(SHA-256(buffer + secret))`, lowercase: §2 steps 4-5 (plain SHA-256, not HMAC). */
export function signV1(params: Readonly<Record<string, string>>, secret: string, rule: EmptyValueRule = 'skip'): string {
  return createHash('sha256').update(signingBuffer(params, rule) + secret, 'utf8').digest('hex');
}

export interface SignatureCheckOptions {
  /** §2 step 5: the server's case handling is unknown; lowercase only unless switched on. */
  acceptUppercaseHex: boolean;
  emptyValueRule: EmptyValueRule;
}

/** True when `params.sign` matches the V1 signature of the other params under `secret`. */
export function verifyV1Signature(
  params: Readonly<Record<string, string>>,
  secret: string,
  options: SignatureCheckOptions,
): boolean {
  const given = params.sign;
  if (given === undefined || !/^[0-9a-fA-F]{64}$/.test(given)) return false;
  if (!options.acceptUppercaseHex && given !== given.toLowerCase()) return false;
  const expected = Buffer.from(signV1(params, secret, options.emptyValueRule), 'hex');
  return timingSafeEqual(expected, Buffer.from(given.toLowerCase(), 'hex'));
}

function byteOrder(a: string, b: string): number {
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return Buffer.compare(ba, bb);
}
