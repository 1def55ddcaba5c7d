import { createHmac, timingSafeEqual } from 'node:crypto';

/** specs/icrypex.md §3: the signature is valid while |now - ts| <= nonce, nonce capped at this. */
export const MAX_NONCE_MS = 60_000;

/** Why a signature check failed (for tests and logs; the wire answer is a bare 401). */
export type AuthFailure = 'missing_headers' | 'unknown_key' | 'bad_timestamp' | 'bad_nonce' | 'nonce_too_large' | 'stale_timestamp' | 'bad_signature' | 'injected';

export interface Credentials {
  readonly apiKey: string;
  /** The secret as issued: base64 text. */
  readonly apiSecret: string;
}

/** specs/icrypex.md §3: base64(HMAC-SHA256(key = base64_decode(secret), msg = apiKey + ts)). */
export function icrypexSignature(apiKey: string, apiSecretBase64: string, ts: string): string {
  return createHmac('sha256', Buffer.from(apiSecretBase64, 'base64')).update(apiKey + ts).digest('base64');
}

/** True when a secret is canonical base64 of at least 16 bytes (what the exchange issues). */
export function isBase64Secret(secret: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret) || secret.length % 4 !== 0) return false;
  const bytes = Buffer.from(secret, 'base64');
  return bytes.length >= 16 && bytes.toString('base64') === secret;
}

export interface SignedInput {
  apiKey: string | undefined;
  sign: string | undefined;
  ts: string | undefined;
  nonce: string | undefined;
}

/**
 * Checks one signed request or WS login. The exact base64 string must match: a signature keyed
 * with the undecoded secret or printed as hex is a different string and fails.
 */
export function verifyIcrypexSignature(
  input: SignedInput,
  lookup: (apiKey: string) => Credentials | undefined,
  options: { now: number; strictNonce: boolean },
): { ok: true; apiKey: string } | { ok: false; failure: AuthFailure } {
  const { apiKey, sign, ts, nonce } = input;
  if (!apiKey || !sign || !ts || nonce === undefined || nonce === '') return { ok: false, failure: 'missing_headers' };
  const credentials = lookup(apiKey);
  if (!credentials) return { ok: false, failure: 'unknown_key' };
  if (!/^\d{1,16}$/.test(ts)) return { ok: false, failure: 'bad_timestamp' };
  if (!/^\d{1,16}$/.test(nonce)) return { ok: false, failure: 'bad_nonce' };
  let window = Number(nonce);
  if (window > MAX_NONCE_MS) {
    // specs/icrypex.md §3: unknown whether the server clamps or rejects; clamp unless strict.
    if (options.strictNonce) return { ok: false, failure: 'nonce_too_large' };
    window = MAX_NONCE_MS;
  }
  if (Math.abs(options.now - Number(ts)) > window) return { ok: false, failure: 'stale_timestamp' };
  const expected = Buffer.from(icrypexSignature(credentials.apiKey, credentials.apiSecret, ts));
  const given = Buffer.from(sign);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, failure: 'bad_signature' };
  return { ok: true, apiKey };
}
