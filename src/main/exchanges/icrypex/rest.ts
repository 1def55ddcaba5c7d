import { err, ok, type AppError, type Result } from '../../../shared';
import type { HttpClient } from '../../net/http-client';
import { RateLimitedError, type RateLimiter } from '../../net/rate-limiter';
import { SecretUnavailableError } from '../../secrets/secret-store';
import { httpError } from './errors';
import type { IcrypexRule } from './limits';
import { InvalidSecretError, signedHeaders, type SigningKey } from './sign';
import { parseJson, WireError } from '../kit/wire';

export type Query = Record<string, string | number | undefined>;

export interface CallSpec {
  /** What the trader would call it, for error messages: "the order book of BTCUSDT". */
  what: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Path variants (first = default); later ones are tried on an empty 404. Orders pass one. */
  paths: readonly string[];
  rule: IcrypexRule;
  query?: Query;
  body?: unknown;
  signed?: boolean;
  timeoutMs?: number;
  /** Signature validity window (§3 ICX-NONCE); default DEFAULT_NONCE_MS. */
  nonceMs?: number;
  /** Give up when the limiter cannot start the call within this many ms. */
  maxQueueMs?: number;
  /** Retry after the rejection period on 429 (reads only; order calls report instead). */
  retryOn429?: boolean;
}

/** A failed call; `ambiguous` when the request may have reached the exchange (timeout, 5xx). */
export type CallFailure = { error: AppError; ambiguous: boolean; status?: number };
export type CallResult = { ok: true; body: unknown; status: number } | ({ ok: false } & CallFailure);

export interface RestDeps {
  http: HttpClient;
  /** The account's limiter (its parent is the host's IP limiter), or the IP limiter itself. */
  limiter: RateLimiter;
  credentials?: () => Promise<SigningKey>;
  now: () => number;
  log?: (line: string) => void;
}

/**
 * Every Icrypex HTTP call goes through here: rate limiter first, then signing (§3), then the
 * HTTP client, then error mapping (§4). Signed request headers and bodies are never logged.
 */
export class IcrypexRest {
  /** Path variant that answered last time, per call kind (the first path of its list). */
  private readonly working = new Map<string, string>();

  constructor(private readonly deps: RestDeps) {}

  async call(spec: CallSpec): Promise<CallResult> {
    let attempts = 0;
    for (;;) {
      const result = await this.once(spec);
      if (!result.ok && result.status === 429 && spec.retryOn429 && attempts < 2) {
        attempts++;
        continue; // the limiter is penalised: the retry waits out the rejection period in its queue
      }
      return result;
    }
  }

  /** Shorthand for reads whose body is mapped by `map`; mapping failures name the field. */
  async read<T>(spec: CallSpec, map: (body: unknown) => T): Promise<Result<T>> {
    const r = await this.call({ retryOn429: true, ...spec });
    if (!r.ok) return { ok: false, error: r.error };
    try {
      return ok(map(r.body));
    } catch (e) {
      return unreadable(e, spec.what);
    }
  }

  private async once(spec: CallSpec): Promise<CallResult> {
    const key = spec.paths[0]!;
    const first = this.working.get(key) ?? key;
    const order = [first, ...spec.paths.filter((p) => p !== first)];
    let last: CallResult | undefined;
    for (const path of order) {
      last = await this.attempt(spec, path);
      // §9: path variants. Only an empty 404 means "no such route"; anything else is an answer.
      if (!last.ok && last.status === 404 && spec.method === 'GET' && spec.paths.length > 1) continue;
      if (last.ok) this.working.set(key, path);
      return last;
    }
    return last!;
  }

  private async attempt(spec: CallSpec, path: string): Promise<CallResult> {
    const { limiter } = this.deps;
    try {
      return await limiter.schedule([spec.rule], () => this.send(spec, path), { maxWaitMs: spec.maxQueueMs });
    } catch (e) {
      if (e instanceof RateLimitedError) {
        const when = e.retryAt ? ` (a slot frees at ${new Date(e.retryAt).toISOString()})` : '';
        return { ok: false, ambiguous: false, error: err('RATE_LIMITED', `${spec.what}: not sent, the Icrypex rate limit is used up${when}`).error };
      }
      if (e instanceof InvalidSecretError) {
        return { ok: false, ambiguous: false, error: err('AUTH_INVALID_KEY', e.message, { field: 'apiSecret' }).error };
      }
      throw e;
    }
  }

  private async send(spec: CallSpec, path: string): Promise<CallResult> {
    const { http, now } = this.deps;
    let headers: Record<string, string> | undefined;
    if (spec.signed) {
      if (!this.deps.credentials) {
        return { ok: false, ambiguous: false, error: err('AUTH_INVALID_KEY', `${spec.what} needs an account with an API key`).error };
      }
      let key: SigningKey;
      try {
        key = await this.deps.credentials();
      } catch (e) {
        // A locked or stopped keychain is an answer, not a crash (issue 12): nothing was sent.
        return { ok: false, ambiguous: false, error: secretError(e, spec.what) };
      }
      // §3: ICX-TS must be within the nonce window of the exchange's clock; correct for skew.
      const skew = http.link().clockSkewMs ?? 0;
      headers = signedHeaders(key, now() + skew, spec.nonceMs);
    }
    const outcome = await http.request({
      method: spec.method,
      path,
      query: spec.query,
      headers,
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      timeoutMs: spec.timeoutMs,
    });
    if (!outcome.ok) {
      const code = outcome.kind === 'timeout' ? 'TIMEOUT' : 'NETWORK';
      return { ok: false, ambiguous: outcome.ambiguous, error: err(code, `${spec.what}: ${outcome.message}`).error };
    }
    if (outcome.status === 429) {
      // §5: 60 s rejection period; block the rule in this scope and the IP's.
      this.deps.limiter.penalize([spec.rule]);
      this.deps.log?.(`icrypex: 429 on ${spec.rule}; holding it for 60 s`);
    }
    if (outcome.status < 200 || outcome.status >= 300) {
      return { ok: false, status: outcome.status, ambiguous: outcome.status >= 500, error: httpError(outcome.status, outcome.text, spec.what).error };
    }
    if (outcome.text.trim() === '') return { ok: true, status: outcome.status, body: undefined };
    try {
      return { ok: true, status: outcome.status, body: parseJson(outcome.text, spec.what) };
    } catch (e) {
      // A 200 we cannot read: for an order this is as ambiguous as a timeout.
      return { ok: false, status: outcome.status, ambiguous: true, error: unreadable(e, spec.what).error };
    }
  }
}

/** KEYCHAIN_UNAVAILABLE (or NOT_FOUND for a missing key) from what the credentials getter threw. */
function secretError(e: unknown, what: string): AppError {
  if (e instanceof SecretUnavailableError && e.code === 'NOT_FOUND') return err('NOT_FOUND', `${what}: the API key of this account is not in the keychain`).error;
  return err('KEYCHAIN_UNAVAILABLE', `${what}: the API secret could not be read from the keychain; unlock it and try again`, { retryable: true }).error;
}

/** A reply that does not match the spec: named field, retryable, never INTERNAL noise. */
export function unreadable(e: unknown, what: string): { ok: false; error: AppError } {
  if (e instanceof WireError) return err('EXCHANGE_UNAVAILABLE', `Icrypex sent a reply the terminal cannot read for ${what}: ${e.message}`);
  throw e;
}
