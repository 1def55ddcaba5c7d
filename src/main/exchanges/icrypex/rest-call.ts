import { err, ok, type AppError, type Result } from '../../../shared';
import { systemClock } from '../../net/clock';
import type { HttpClient } from '../../net/http-client';
import type { RateLimiter } from '../../net/rate-limiter';
import { RestPipeline } from '../kit/rest';
import { httpError } from './errors';
import type { IcrypexRule } from './limits';
import type { SigningKey } from '../../secrets/signing-key';
import { signedHeaders } from './sign';
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
  /** Refused at once when the limiter cannot be expected to start the call within this many ms (kit/rest.ts). */
  maxQueueMs?: number;
  /** Told when the call has to queue, with how long it is expected to wait (ms). */
  onQueued?: (waitMs: number) => void;
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
 * Every Icrypex HTTP call goes through here, on the kit's pipeline (../kit/rest.ts: key, rate
 * limit, signing, sending); this file adds what is Icrypex's own: path variants (§9), the §4
 * error mapping, and the §5 rejection period after a 429.
 */
export class IcrypexCaller {
  /** Path variant that answered last time, per call kind (the first path of its list). */
  private readonly working = new Map<string, string>();

  private readonly pipeline: RestPipeline;

  constructor(private readonly deps: RestDeps) {
    this.pipeline = new RestPipeline({
      name: 'Icrypex',
      http: deps.http,
      credentials: deps.credentials,
      clock: { now: deps.now, setTimer: systemClock.setTimer },
    });
  }

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
    const sent = await this.pipeline.send({
      what: spec.what,
      rule: spec.rule,
      limiter,
      maxQueueMs: spec.maxQueueMs,
      ...(spec.onQueued ? { onQueued: spec.onQueued } : {}),
      request: {
        method: spec.method,
        path,
        query: spec.query,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        timeoutMs: spec.timeoutMs,
      },
      // §3: ICX-TS must be within the nonce window of the exchange's clock (the pipeline corrects for skew).
      sign: spec.signed ? (key, nowMs, request) => ({ ...request, headers: signedHeaders(key, nowMs, spec.nonceMs) }) : undefined,
    });
    if (!sent.ok) return sent;
    const outcome = sent.reply;
    if (outcome.status === 429) {
      // §5: 60 s rejection period; block the rule in this scope and the IP's.
      limiter.penalize([spec.rule]);
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

/** A reply that does not match the spec: named field, retryable, never INTERNAL noise. */
export function unreadable(e: unknown, what: string): { ok: false; error: AppError } {
  if (e instanceof WireError) return err('EXCHANGE_UNAVAILABLE', `Icrypex sent a reply the terminal cannot read for ${what}: ${e.message}`);
  throw e;
}
