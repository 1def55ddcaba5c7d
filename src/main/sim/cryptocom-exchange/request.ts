import { createHmac, timingSafeEqual } from 'node:crypto';
import { isRawObject, parseRawJson, RawJsonError, RawNumber, type RawValue } from '../shared/raw-json';
import { CdcxError, CODES, fail } from './codes';

/** A request object (REST body or WS frame) with its raw tokens (specs/cryptocom-exchange.md §1.2). */
export interface CdcxRequest {
  /** The id as sent (`11`, `"11"`), undefined when absent. */
  readonly id: RawNumber | undefined;
  readonly method: string;
  readonly params: { [key: string]: RawValue };
  readonly apiKey: string | undefined;
  readonly sig: string | undefined;
  readonly nonce: RawNumber | undefined;
  /** The text received, for the error log (§9 item 17). */
  readonly raw: string;
}

const DIGITS = /^\d{1,19}$/;

/** An integer token: a JSON integer or a digit string (§8.4); undefined when absent. */
function integerToken(v: RawValue | undefined, onBad: () => never): RawNumber | undefined {
  if (v === undefined) return undefined;
  if (v instanceof RawNumber && DIGITS.test(v.text)) return v;
  if (typeof v === 'string' && DIGITS.test(v)) return new RawNumber(v);
  return onBad();
}

/** Parses a request object; malformed bodies are 40001 BAD_REQUEST (§6). */
export function parseCdcxRequest(text: string): CdcxRequest {
  let body: RawValue;
  try {
    body = parseRawJson(text);
  } catch (error) {
    throw new CdcxError(CODES.BAD_REQUEST, error instanceof RawJsonError ? `body is not JSON: ${error.message}` : 'body is not JSON');
  }
  if (!isRawObject(body)) fail(CODES.BAD_REQUEST, 'the body must be a JSON object');
  const id = integerToken(body.id, () => fail(CODES.BAD_REQUEST, 'id must be an integer'));
  // D3: a float nonce is 40101; other junk is a bad request.
  const nonce = integerToken(body.nonce, () => fail(body.nonce instanceof RawNumber ? CODES.UNAUTHORIZED : CODES.BAD_REQUEST, 'nonce must be an integer (ms)'));
  if (typeof body.method !== 'string') fail(CODES.BAD_REQUEST, 'method is missing');
  const params = body.params ?? {};
  if (!isRawObject(params)) fail(CODES.BAD_REQUEST, 'params must be an object');
  const apiKey = typeof body.api_key === 'string' ? body.api_key : undefined;
  const sig = typeof body.sig === 'string' ? body.sig : undefined;
  return { id, method: body.method, params, apiKey, sig, nonce, raw: text };
}

/** §2.1: the params serialised for signing, built from the raw tokens (§8.3). */
export function paramString(value: RawValue, nullAs: 'null' | 'empty' = 'null'): string {
  if (value === null) return nullAs === 'null' ? 'null' : '';
  if (value instanceof RawNumber) return value.text;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return value.map((v) => paramString(v, nullAs)).join('');
  return Object.keys(value)
    .sort()
    .map((key) => key + paramString(value[key]!, nullAs))
    .join('');
}

/** §2.1 step 2: `method + id + api_key + paramString + nonce`. */
export function signingPayload(method: string, id: string, apiKey: string, params: { [key: string]: RawValue } | undefined, nonce: string, nullAs: 'null' | 'empty' = 'null'): string {
  return method + id + apiKey + (params ? paramString(params, nullAs) : '') + nonce;
}

/** Lowercase hex HMAC-SHA256 of the payload with the secret (§2.1 step 3). */
export function cdcxSign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
}

/** True when `sig` is the signature of the request under `secret` (constant time). */
export function signatureMatches(request: CdcxRequest, secret: string, nullAs: 'null' | 'empty'): boolean {
  if (!request.sig || !request.apiKey || !request.nonce) return false;
  const payload = signingPayload(request.method, request.id?.text ?? '', request.apiKey, request.params, request.nonce.text, nullAs);
  const want = Buffer.from(cdcxSign(secret, payload), 'utf8');
  const got = Buffer.from(request.sig, 'utf8');
  return want.length === got.length && timingSafeEqual(want, got);
}

// ---- parameter readers: every error names the field (§1.4 type rules, D3 codes) ----

const DECIMAL = /^\d+(\.\d+)?$/;

/** A decimal that must come as a JSON string; a JSON number answers `asNumberCode` (§8.2). */
export function decimalParam(params: { [key: string]: RawValue }, field: string, badCode: number, asNumberCode: number): string | undefined {
  const v = params[field];
  if (v === undefined || v === null) return undefined;
  if (v instanceof RawNumber) fail(asNumberCode, `${field} must be a decimal string such as "0.0015", not a JSON number`);
  if (typeof v !== 'string' || !DECIMAL.test(v)) fail(badCode, `${field} must be a positive decimal string, got ${JSON.stringify(v)}`);
  return v;
}

/** An optional string parameter; anything else is 40004 naming the field. */
export function stringParam(params: { [key: string]: RawValue }, field: string): string | undefined {
  const v = params[field];
  if (v === undefined || v === null) return undefined;
  if (v instanceof RawNumber) return v.text;
  if (typeof v !== 'string') fail(CODES.MISSING_OR_INVALID_ARGUMENT, `${field} must be a string`);
  return v;
}

/** An integer parameter given as a number or digit string (`count`, `start_time` …), §1.4. */
export function looseIntParam(params: { [key: string]: RawValue }, field: string): bigint | undefined {
  const v = params[field];
  if (v === undefined || v === null) return undefined;
  const text = v instanceof RawNumber ? v.text : typeof v === 'string' ? v : undefined;
  if (text === undefined || !/^\d{1,20}$/.test(text)) fail(CODES.MISSING_OR_INVALID_ARGUMENT, `${field} must be a whole number`);
  return BigInt(text);
}

/** `limit` of the history methods: a JSON number only (a string is 40003, D3). */
export function strictIntParam(params: { [key: string]: RawValue }, field: string): number | undefined {
  const v = params[field];
  if (v === undefined || v === null) return undefined;
  if (!(v instanceof RawNumber)) fail(CODES.INVALID_REQUEST, `${field} must be a JSON number`);
  if (!/^\d{1,9}$/.test(v.text)) fail(CODES.MISSING_OR_INVALID_ARGUMENT, `${field} must be a whole number`);
  return Number(v.text);
}

/** §8.15: a time input in ms, µs or ns (by size) as ms. */
export function toMs(value: bigint): number {
  if (value < 100_000_000_000_000n) return Number(value);
  if (value < 100_000_000_000_000_000n) return Number(value / 1000n);
  return Number(value / 1_000_000n);
}
