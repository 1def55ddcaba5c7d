import { err, ok, type ErrorCode, type Err, type Result } from '../../../shared';
import { readEnvelope } from '../kit/wire';
import { CDX_NAME } from './endpoints';

interface CodeInfo {
  code: ErrorCode;
  /** The reason in the trader's words, shown next to the exchange's own name for it. */
  meaning: string;
  field?: string;
}

// specs/cryptocom-exchange.md §6 (spot-relevant reason codes) plus the older codes clients still map.
const CODES: Readonly<Record<number, CodeInfo>> = {
  40401: { code: 'NOT_FOUND', meaning: 'no such order' },
  43012: { code: 'EXCHANGE_REJECTED', meaning: 'cancelled by self-trade prevention' },
  204: { code: 'EXCHANGE_REJECTED', meaning: 'this client order id is already in use', field: 'clientId' },
  208: { code: 'EXCHANGE_REJECTED', meaning: 'the market is not tradable now', field: 'symbol' },
  209: { code: 'VALIDATION', meaning: 'unknown market', field: 'symbol' },
  212: { code: 'EXCHANGE_REJECTED', meaning: 'the order is already final or unknown', field: 'orderId' },
  213: { code: 'VALIDATION', meaning: 'invalid quantity', field: 'quantity' },
  218: { code: 'VALIDATION', meaning: 'order type not accepted', field: 'type' },
  220: { code: 'VALIDATION', meaning: 'invalid side', field: 'side' },
  221: { code: 'VALIDATION', meaning: 'invalid time in force' },
  224: { code: 'EXCHANGE_REJECTED', meaning: 'rejected by the matching engine' },
  306: { code: 'EXCHANGE_REJECTED', meaning: 'insufficient available balance' },
  307: { code: 'EXCHANGE_REJECTED', meaning: 'the order is in a state that does not allow this' },
  308: { code: 'VALIDATION', meaning: 'invalid price', field: 'price' },
  309: { code: 'EXCHANGE_REJECTED', meaning: 'the market is not open' },
  314: { code: 'EXCHANGE_REJECTED', meaning: 'order larger than the maximum size', field: 'quantity' },
  315: { code: 'EXCHANGE_REJECTED', meaning: 'limit price too far from the market', field: 'price' },
  316: { code: 'EXCHANGE_REJECTED', meaning: 'no active order', field: 'orderId' },
  318: { code: 'EXCHANGE_REJECTED', meaning: 'too many open orders' },
  325: { code: 'EXCHANGE_REJECTED', meaning: 'daily volume limit exceeded' },
  415: { code: 'EXCHANGE_REJECTED', meaning: 'order value below the minimum', field: 'quantity' },
  416: { code: 'EXCHANGE_REJECTED', meaning: 'this account has no margin access' },
  40001: { code: 'VALIDATION', meaning: 'malformed request' },
  40002: { code: 'INTERNAL', meaning: 'no such method' },
  40003: { code: 'VALIDATION', meaning: 'invalid request' },
  40004: { code: 'VALIDATION', meaning: 'a parameter is missing or invalid' },
  40005: { code: 'VALIDATION', meaning: 'invalid date' },
  40006: { code: 'EXCHANGE_REJECTED', meaning: 'duplicate request' },
  40101: { code: 'AUTH_INVALID_KEY', meaning: 'the API key or signature was refused' },
  40102: { code: 'EXCHANGE_REJECTED', meaning: "the request's time is more than 60 s off the exchange's clock: check this computer's clock", field: 'apiKey' },
  40103: { code: 'AUTH_INVALID_KEY', meaning: 'this IP address is not allowed for the API key' },
  40104: { code: 'AUTH_INVALID_KEY', meaning: 'the account tier does not allow this' },
  40107: { code: 'EXCHANGE_REJECTED', meaning: 'too many subscriptions on one socket' },
  40801: { code: 'TIMEOUT', meaning: 'the exchange timed out handling the request' },
  42901: { code: 'RATE_LIMITED', meaning: 'too many requests' },
  43003: { code: 'EXCHANGE_REJECTED', meaning: 'fill-or-kill order could not be filled' },
  43004: { code: 'EXCHANGE_REJECTED', meaning: 'immediate-or-cancel order could not be filled' },
  43005: { code: 'EXCHANGE_REJECTED', meaning: 'post-only order would have taken liquidity' },
  50001: { code: 'EXCHANGE_UNAVAILABLE', meaning: 'internal error' },
  120009: { code: 'EXCHANGE_REJECTED', meaning: 'rejected upstream' },
  130008: { code: 'EXCHANGE_REJECTED', meaning: 'not applicable in this state' },
  140001: { code: 'EXCHANGE_REJECTED', meaning: 'this API feature is disabled' },
  9010001: { code: 'EXCHANGE_UNAVAILABLE', meaning: 'system maintenance' },
  10002: { code: 'AUTH_INVALID_KEY', meaning: 'the API key or signature was refused' },
  10006: { code: 'RATE_LIMITED', meaning: 'too many requests' },
  10007: { code: 'EXCHANGE_REJECTED', meaning: "the request's time is off the exchange's clock" },
  20001: { code: 'EXCHANGE_REJECTED', meaning: 'insufficient balance' },
};

/**
 * Codes after which a create may have reached the book anyway (the server timed out or failed
 * inside): safe submission treats them like a lost reply and looks the client_oid up.
 */
export const AMBIGUOUS_CODES: ReadonlySet<number> = new Set([40801, 50001]);

/** The shared error for a non-zero reason code, keeping the exchange's own name for it. */
export function errorForCode(code: number, message: unknown, what: string): Err {
  const info = CODES[code];
  const name = typeof message === 'string' && message.trim() !== '' ? message.trim().slice(0, 120) : undefined;
  const words = info ? (name && name !== info.meaning ? `${info.meaning} (${name}, code ${code})` : `${info.meaning} (code ${code})`) : `${name ?? 'error without a message'} (code ${code})`;
  return err(info?.code ?? 'EXCHANGE_REJECTED', `${CDX_NAME} rejected ${what}: ${words}`, info?.field ? { field: info.field } : {});
}

/**
 * One reply read per §1.3. `exchangeCode` is the body's reason code when there was one;
 * `result` is kept on errors too, because an engine rejection carries the order's ids (§8 item 10).
 */
export type Reply = (Result<unknown> & { exchangeCode?: number; result?: unknown; status: number });

/** The envelope's `code`: a JSON number, or a digit string in the doc examples (§8 item 1). */
function codeOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,9}$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/**
 * Reads one HTTP reply: the body's `code` decides, never the HTTP status alone (§1.3); 429 is
 * the rate limit whatever the body says (§3); an unknown path answers 404 with a non-envelope
 * body; 5xx without an envelope means the exchange is down.
 */
export function parseReply(status: number, text: string, method: string, what: string): Reply {
  const envelope = readEnvelope(text);
  const code = codeOf(envelope?.code);
  if (status === 429) return { ...err('RATE_LIMITED', `${what}: not done, the ${CDX_NAME} rate limit was hit (HTTP 429); backing off`), status, ...(code !== undefined ? { exchangeCode: code } : {}) };
  if (code === 0 && status >= 200 && status < 300) return { ...ok(envelope!.result ?? null), status, exchangeCode: 0 };
  if (code !== undefined && code !== 0) {
    const out: Reply = { ...errorForCode(code, envelope!.message, what), exchangeCode: code, status };
    if (envelope!.result !== undefined && envelope!.result !== null) out.result = envelope!.result;
    return out;
  }
  if (status === 404) return { ...err('EXCHANGE_UNAVAILABLE', `${CDX_NAME} has no method ${method} (HTTP 404); check the account's REST address`, { retryable: false }), status };
  if (status >= 500) return { ...err('EXCHANGE_UNAVAILABLE', `${what}: ${CDX_NAME} answered HTTP ${status}`), status };
  return { ...err('EXCHANGE_UNAVAILABLE', `${what}: ${CDX_NAME} answered HTTP ${status} without a reason code`, { retryable: false }), status };
}
