import { err, type Err, type ErrorCode } from '../../../shared';
import { parseJson } from '../kit/wire';

/**
 * HTTP failures of Icrypex to the shared error codes (specs/icrypex.md §4). 400/422 carry
 * `{code, message}` (or, as ASP.NET, a ProblemDetails object); 401/403/404/429 are empty;
 * a 500 may carry `{"message": ...}` in Turkish. The exchange's own words are kept.
 */
export function httpError(status: number, text: string, what: string): Err {
  const detail = exchangeMessage(text);
  const said = detail.message ? `: ${detail.message}` : '';
  const codeNote = detail.code && detail.code !== detail.message ? ` [${detail.code}]` : '';
  const extra = detail.field ? { field: detail.field } : {};
  const code = statusCode(status);
  switch (code) {
    case 'VALIDATION':
      return err(code, `Icrypex refused ${what} as invalid (400)${said}${codeNote}`, extra);
    case 'AUTH_INVALID_KEY':
      return err(code, `Icrypex did not accept the API key or signature for ${what} (401)${said}; check the key, the secret and the computer's clock`);
    case 'NOT_FOUND':
      return err(code, `Icrypex has no such resource for ${what} (404)${said}`);
    case 'RATE_LIMITED':
      return err(code, `Icrypex rate limit hit on ${what} (429)${said}; it rejects further calls for 60 s`);
    case 'EXCHANGE_UNAVAILABLE':
      return err(code, `Icrypex failed on ${what} (${status})${said}`);
    default:
      if (status === 403) {
        return err(code, `Icrypex forbade ${what} (403)${said}: the key lacks the permission, or the exchange's firewall blocked this address`);
      }
      return err(code, `Icrypex rejected ${what} (${status})${said}${codeNote}`, extra);
  }
}

function statusCode(status: number): ErrorCode {
  if (status === 400) return 'VALIDATION';
  if (status === 401) return 'AUTH_INVALID_KEY';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status >= 500) return 'EXCHANGE_UNAVAILABLE';
  // 403 (permission / WAF), 422 (business rule, §4), 409 and the rest of 4xx.
  return 'EXCHANGE_REJECTED';
}

interface Detail {
  message?: string;
  code?: string;
  field?: string;
}

/** Pulls the exchange's message out of a JSON error body; HTML and empty bodies give nothing. */
export function exchangeMessage(text: string): Detail {
  const body = text.trim();
  if (!body || body.startsWith('<')) return {};
  let parsed: unknown;
  try {
    parsed = parseJson(body, 'error body');
  } catch {
    return { message: clip(body) };
  }
  if (typeof parsed === 'string') return { message: clip(parsed) };
  if (typeof parsed !== 'object' || parsed === null) return {};
  const o = parsed as Record<string, unknown>;
  const detail: Detail = {};
  const code = o.code ?? o.errorCode;
  if (typeof code === 'string' || typeof code === 'number') detail.code = String(code);
  const message = [o.message, o.msg, o.detail, o.title, o.error].find((m) => typeof m === 'string' && m.trim() !== '');
  if (typeof message === 'string') detail.message = clip(message);
  // ProblemDetails: `errors: { Quantity: ["..."] }` names the field.
  if (typeof o.errors === 'object' && o.errors !== null && !Array.isArray(o.errors)) {
    const [field, msgs] = Object.entries(o.errors as Record<string, unknown>)[0] ?? [];
    if (field) {
      detail.field = field.replace(/^\$\./, '').replace(/^./, (c) => c.toLowerCase());
      const first = Array.isArray(msgs) ? msgs.find((m) => typeof m === 'string') : undefined;
      if (typeof first === 'string') detail.message = clip(detail.message ? `${detail.message} ${first}` : first);
    }
  }
  if (!detail.message && detail.code) detail.message = detail.code;
  return detail;
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 300 ? `${one.slice(0, 297)}...` : one;
}
