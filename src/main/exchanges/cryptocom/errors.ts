import { err, ok, type ErrorCode, type Err, type Result } from '../../../shared';
import { readEnvelope } from '../kit/wire';

interface CodeInfo {
  code: ErrorCode;
  /** What the code means, used when the exchange sends no `msg` (GroveX sends `msg: null`). */
  meaning: string;
  field?: string;
}

// specs/cryptocom-v1.md §5.15: 100004/100005/22 are seen on crypto.com itself; the rest is the
// ChainUP family table (likely but unconfirmed), kept so a reply is never shown as a bare number.
const CODES: Record<string, CodeInfo> = {
  '4': { code: 'EXCHANGE_REJECTED', meaning: 'insufficient balance' },
  '5': { code: 'EXCHANGE_REJECTED', meaning: 'order rejected: check price and volume precision' },
  '6': { code: 'EXCHANGE_REJECTED', meaning: 'volume below the minimum', field: 'quantity' },
  '7': { code: 'EXCHANGE_REJECTED', meaning: 'volume above the maximum', field: 'quantity' },
  '8': { code: 'EXCHANGE_REJECTED', meaning: 'cancel failed (the order may already be final)' },
  '9': { code: 'EXCHANGE_REJECTED', meaning: 'trading is frozen' },
  '13': { code: 'EXCHANGE_UNAVAILABLE', meaning: 'internal error' },
  '19': { code: 'EXCHANGE_REJECTED', meaning: 'available balance insufficient' },
  '22': { code: 'NOT_FOUND', meaning: 'order does not exist' },
  '23': { code: 'VALIDATION', meaning: 'volume parameter missing', field: 'quantity' },
  '24': { code: 'VALIDATION', meaning: 'price parameter missing', field: 'price' },
  '10034': { code: 'EXCHANGE_REJECTED', meaning: 'available balance insufficient' },
  '10062': { code: 'EXCHANGE_REJECTED', meaning: 'price or volume precision too high' },
  '10063': { code: 'EXCHANGE_REJECTED', meaning: 'volume below the minimum', field: 'quantity' },
  '10064': { code: 'EXCHANGE_REJECTED', meaning: 'price or amount below the minimum' },
  '10067': { code: 'EXCHANGE_REJECTED', meaning: 'price outside the daily limit band', field: 'price' },
  '10068': { code: 'EXCHANGE_REJECTED', meaning: 'order volume above the maximum', field: 'quantity' },
  '10069': { code: 'RATE_LIMITED', meaning: 'order rate too high' },
  '10071': { code: 'EXCHANGE_REJECTED', meaning: 'market orders are not allowed on this pair' },
  '100001': { code: 'EXCHANGE_UNAVAILABLE', meaning: 'system error' },
  '100002': { code: 'EXCHANGE_UNAVAILABLE', meaning: 'system upgrading or under maintenance' },
  '100004': { code: 'VALIDATION', meaning: 'request parameter illegal' },
  '100005': { code: 'AUTH_INVALID_KEY', meaning: 'request sign illegal (wrong API key or secret, or the clock is off)' },
  '100007': { code: 'AUTH_INVALID_KEY', meaning: 'this IP is not whitelisted for the API key' },
  '110025': { code: 'EXCHANGE_REJECTED', meaning: 'account locked by an administrator' },
  '110032': { code: 'AUTH_INVALID_KEY', meaning: 'the API key has no permission for this operation' },
  '110041': { code: 'RATE_LIMITED', meaning: 'request frequency too high' },
  '-100': { code: 'INTERNAL', meaning: 'unknown path or wrong method' },
  '-1000': { code: 'EXCHANGE_UNAVAILABLE', meaning: 'system maintenance' },
};

/**
 * Business codes after which a create may still have reached the book (an internal error on
 * the server's side): safe submission treats them like a timeout and reconciles.
 */
export const AMBIGUOUS_CREATE_CODES: ReadonlySet<string> = new Set(['13', '100001']);

/** The shared error for a non-"0" `code`, keeping the exchange's own message. */
export function errorForCode(code: string, msg: unknown): Err {
  const info = CODES[code];
  const text = typeof msg === 'string' && msg.trim() !== '' ? msg.trim() : undefined;
  const words = text ?? info?.meaning ?? 'error without a message';
  const message = `Crypto.com rejected the request: ${words} (code ${code})`;
  const extra = info?.field ? { field: info.field } : {};
  return err(info?.code ?? 'EXCHANGE_REJECTED', message, extra);
}

/** A parsed V1 reply: the payload, or the shared error plus the exchange's code (for callers that care). */
export type EnvelopeResult = Result<unknown> & { exchangeCode?: string; status?: number };

/**
 * Reads one HTTP reply (specs/cryptocom-v1.md §1, §5.15): `{"code","msg","data"}` with a string
 * code ("0" = success; numbers accepted too); 429 is not JSON; 5xx means the exchange is down
 * (or, on market endpoints, that the symbol is unknown).
 */
export function parseEnvelope(status: number, text: string, path: string): EnvelopeResult {
  if (status === 429) {
    return { ...err('RATE_LIMITED', `Crypto.com rate limit hit on ${path} (HTTP 429); backing off`), status };
  }
  const envelope = readEnvelope(text);
  const rawCode = envelope?.code;
  const code = typeof rawCode === 'string' ? rawCode.trim() : typeof rawCode === 'number' ? String(rawCode) : undefined;
  if (code !== undefined) {
    if (code === '0') {
      if (status >= 200 && status < 300) return { ...ok(envelope!.data ?? null), status };
    } else {
      return { ...errorForCode(code, envelope!.msg), exchangeCode: code, status };
    }
  }
  if (status >= 500) {
    const hint = /^\/v1\/(depth|trades|klines)$/.test(path) ? ' (on this endpoint it also means an unknown symbol)' : '';
    return { ...err('EXCHANGE_UNAVAILABLE', `Crypto.com answered HTTP ${status} on ${path}${hint}`), status };
  }
  if (status === 404) {
    return { ...err('EXCHANGE_UNAVAILABLE', `Crypto.com has no ${path} (HTTP 404); check the account's REST endpoint`, { retryable: false }), status };
  }
  if (status < 200 || status >= 300) {
    return { ...err('EXCHANGE_UNAVAILABLE', `Crypto.com answered HTTP ${status} on ${path}`, { retryable: false }), status };
  }
  return { ...err('EXCHANGE_UNAVAILABLE', `Crypto.com sent a reply on ${path} without a code field (not the V1 envelope)`, { retryable: false }), status };
}
