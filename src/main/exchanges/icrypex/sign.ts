import { createHmac } from 'node:crypto';
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

/**
 * ICX-SIGN per specs/icrypex.md §3: base64(HMAC-SHA256(key = base64-decoded secret,
 * message = apiKey + timestamp)). Method, path and body are not signed.
 */
export function icrypexSignature(apiKey: string, secretBase64: string, timestampMs: number | string): string {
  const secret = secretBase64.trim();
  // Buffer.from(..., 'base64') silently skips bad characters; a typo would sign with the wrong key.
  if (secret.length === 0 || !BASE64_RE.test(secret)) throw new InvalidSecretError();
  return createHmac('sha256', Buffer.from(secret, 'base64'))
    .update(apiKey + String(timestampMs))
    .digest('base64');
}

export interface SigningKey {
  readonly apiKey: string;
  readonly apiSecret: string;
}

/** The four headers of a signed REST call (specs/icrypex.md §3), plus the JSON content type. */
export function signedHeaders(key: SigningKey, nowMs: number, nonceMs = DEFAULT_NONCE_MS): Record<string, string> {
  const ts = String(Math.floor(nowMs));
  return {
    'ICX-API-KEY': key.apiKey,
    'ICX-SIGN': icrypexSignature(key.apiKey, key.apiSecret, ts),
    'ICX-TS': ts,
    'ICX-NONCE': String(clampNonce(nonceMs)),
    'Content-Type': 'application/json',
  };
}

/** The WebSocket login frame (specs/icrypex.md §8.2): same signature as REST, ts and n as integers. */
export function apiLoginFrame(key: SigningKey, nowMs: number, nonceMs = DEFAULT_NONCE_MS): string {
  const ts = Math.floor(nowMs);
  const body = { pk: key.apiKey, s: icrypexSignature(key.apiKey, key.apiSecret, ts), ts, n: clampNonce(nonceMs) };
  return `api-login|${JSON.stringify(body)}`;
}

function clampNonce(nonceMs: number): number {
  return Math.max(1_000, Math.min(MAX_NONCE_MS, Math.floor(nonceMs)));
}
