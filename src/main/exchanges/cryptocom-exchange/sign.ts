import { createHmac } from 'node:crypto';
import type { SigningKey } from '../../secrets/signing-key';

/** A request parameter as it goes into the JSON body (decimals as strings, §1.4). */
export type ParamValue = string | number | boolean | null | readonly ParamValue[] | { readonly [key: string]: ParamValue | undefined };
export type Params = { readonly [key: string]: ParamValue | undefined };

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The §2.1 serialisation of one value: objects as their keys in ascending byte order, each key
 * followed by its value; arrays as their elements concatenated (no keys, indices or
 * separators); strings as they are; numbers as their decimal text; `true`/`false`; `null` as
 * the text `null` (the official samples and the first-party CLI; §8 item 3). Keys whose value is
 * undefined are left out, as JSON.stringify leaves them out of the body: what is signed is what
 * is sent.
 */
export function paramString(value: ParamValue | undefined): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (Array.isArray(value)) return (value as readonly ParamValue[]).map(paramString).join('');
  if (typeof value === 'object') {
    const o = value as Params;
    let out = '';
    for (const key of Object.keys(o).sort(byteOrder)) {
      if (o[key] === undefined) continue;
      out += key + paramString(o[key]);
    }
    return out;
  }
  if (typeof value === 'number') {
    // A float would sign its binary rounding; §1.4: only integers travel as numbers.
    if (!Number.isSafeInteger(value)) throw new Error(`a signed parameter number must be a safe integer, got ${value}`);
    return String(value);
  }
  return String(value);
}

/** §2.1 step 2: `method + id + api_key + paramString + nonce`, id and nonce as sent. */
export function signingPayload(method: string, id: number | string, apiKey: string, params: Params | undefined, nonce: number | string): string {
  return method + String(id) + apiKey + (params ? paramString(params) : '') + String(nonce);
}

/** §2.1 step 3: lowercase hex HMAC-SHA256 keyed by the secret's bytes (from its KeyObject, never a string). */
export function signature(key: SigningKey, method: string, id: number | string, params: Params | undefined, nonce: number | string): string {
  return createHmac('sha256', key.secret).update(signingPayload(method, id, key.apiKey, params, nonce), 'utf8').digest('hex');
}

/** The signed JSON body of a private REST call (§1.2, §2.3 A): `{id, method, api_key, params, nonce, sig}`. */
export function signedBody(key: SigningKey, method: string, id: number, params: Params, nonce: number): string {
  const sig = signature(key, method, id, params, nonce);
  return JSON.stringify({ id, method, api_key: key.apiKey, params, nonce, sig });
}

/** The §7.4 `public/auth` frame of the user socket: signed over `public/auth + id + api_key + nonce`. */
export function authFrame(key: SigningKey, id: number, nonce: number): string {
  return JSON.stringify({ id, method: 'public/auth', api_key: key.apiKey, sig: signature(key, 'public/auth', id, undefined, nonce), nonce });
}
