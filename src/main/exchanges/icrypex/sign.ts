import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { SigningKey } from '../../secrets/signing-key';
import { SigningRefusedError } from '../kit/rest';

/** specs/icrypex.md §3: the nonce is a validity window in ms, capped at 60000 by the docs. */
export const DEFAULT_NONCE_MS = 30_000;
const MAX_NONCE_MS = 60_000;

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Thrown when a secret is not the base64 text Icrypex issues; the message never holds the secret. */
export class InvalidSecretError extends SigningRefusedError {
  constructor() {
    super('the API secret must be the base64 text Icrypex issued (letters, digits, +, / and = padding)');
    this.name = 'InvalidSecretError';
  }
}

/** The HMAC key of each signing key: its secret base64-decoded, worked out once per key. */
const hmacKeys = new WeakMap<KeyObject, KeyObject>();

/** §3: the HMAC key is the base64-decoded secret; a secret that is not base64 is refused. */
function hmacKey(secret: KeyObject): KeyObject {
  let key = hmacKeys.get(secret);
  if (key) return key;
  // The secret's text exists here only for the moment of decoding, once per key.
  const text = secret.export().toString('utf8').trim();
  // Buffer.from(..., 'base64') silently skips bad characters; a typo would sign with the wrong key.
  if (text.length === 0 || !BASE64_RE.test(text)) throw new InvalidSecretError();
  key = createSecretKey(Buffer.from(text, 'base64'));
  hmacKeys.set(secret, key);
  return key;
}

/**
 * ICX-SIGN per specs/icrypex.md §3: base64(HMAC-SHA256(key = base64-decoded secret,
 * message = apiKey + timestamp)). Method, path and body are not signed.
 */
export function icrypexSignature(key: SigningKey, timestampMs: number | string): string {
  return createHmac('sha256', hmacKey(key.secret))
    .update(key.apiKey + String(timestampMs))
    .digest('base64');
}

/** The four headers of a signed REST call (specs/icrypex.md §3), plus the JSON content type. */
export function signedHeaders(key: SigningKey, nowMs: number, nonceMs = DEFAULT_NONCE_MS): Record<string, string> {
  const ts = String(Math.floor(nowMs));
  return {
    'ICX-API-KEY': key.apiKey,
    'ICX-SIGN': icrypexSignature(key, ts),
    'ICX-TS': ts,
    'ICX-NONCE': String(clampNonce(nonceMs)),
    'Content-Type': 'application/json',
  };
}

/** The WebSocket login frame (specs/icrypex.md §8.2): same signature as REST, ts and n as integers. */
export function apiLoginFrame(key: SigningKey, nowMs: number, nonceMs = DEFAULT_NONCE_MS): string {
  const ts = Math.floor(nowMs);
  const body = { pk: key.apiKey, s: icrypexSignature(key, ts), ts, n: clampNonce(nonceMs) };
  return `api-login|${JSON.stringify(body)}`;
}

function clampNonce(nonceMs: number): number {
  return Math.max(1_000, Math.min(MAX_NONCE_MS, Math.floor(nonceMs)));
}
