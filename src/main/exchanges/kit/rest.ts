import { err, type AppError, type ExchangeId, type LinkHealth } from '../../../shared';
import type { Clock } from '../../net/clock';
import { MAX_SOCKETS, type HttpClient, type HttpReply, type HttpRequest } from '../../net/http-client';
import { RateLimitedError, type RateLimiter } from '../../net/rate-limiter';
import { SecretUnavailableError } from '../../secrets/secret-store';
import type { Credentials } from '../connector';

/**
 * The one way a connector's REST call leaves the process (each exchange's rest.ts wraps it with
 * its endpoint table, its error mapping and its 429 quirks):
 *
 *   read the key (signed calls) → rate limit → sign → send → transport failures mapped
 *
 * The key is read from the keychain BEFORE the call takes a rate-limit slot, and the signature
 * is made AFTER it got one: a slow or locked keychain then neither spends the budget nor ages
 * the signature's timestamp. The slot is held while the request is out (waiting for a socket,
 * connecting, in flight) and its window counted from the reply (`untilDone`,
 * net/rate-limiter.ts): the exchange counts arrivals, which fall anywhere in between, and calls
 * let go together but delayed on the way arrived bunched with the next window's (issue 20 #5:
 * 5 creates within 9 ms drew 429s). Every
 * failure says whether the request may have reached the exchange (`ambiguous`): nothing is
 * ambiguous until the HTTP client was handed the request. Signed headers and bodies are never
 * logged (the HTTP client logs method and path only).
 */

/** The part of the shared HttpClient the pipeline uses (a fake in unit tests). */
export type HttpLike = Pick<HttpClient, 'request' | 'link'>;

/** Thrown by an exchange's signer when the secret cannot sign; its message never holds the secret. */
export class SigningRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningRefusedError';
  }
}

export interface RestCall {
  /** What the trader would call it, for messages: "the order book of BTCUSDT". */
  what: string;
  /** The limits-table rule the call counts against. */
  rule: string;
  limiter: RateLimiter;
  request: HttpRequest;
  /** Signed calls: returns the request with the signature added; `nowMs` is corrected for the exchange's clock skew. */
  sign?: (key: Credentials, nowMs: number, request: HttpRequest) => HttpRequest;
  /**
   * A call expected to start later than this after being asked for is refused at once
   * (RATE_LIMITED, nothing sent); one held past it anyway fails then. The exchange's numbers
   * are `QUEUE_RULES` in kit/limiters.ts.
   */
  maxQueueMs?: number;
  /** Told when the call has to queue, with how long it is expected to wait (ms): the trader sees "queued: sends in 1.2 s". */
  onQueued?: (waitMs: number) => void;
}

export type Sent = { ok: true; reply: HttpReply } | { ok: false; error: AppError; ambiguous: boolean };

export interface RestPipelineOptions {
  /** The exchange's display name for messages: `Icrypex`. */
  name: string;
  http: HttpLike;
  credentials?: () => Promise<Credentials>;
  clock: Clock;
  /**
   * Rules of one call per window whose calls also wait for the previous call's reply plus the
   * window (ms): the server counts arrivals, and a request delayed on the way would otherwise
   * arrive less than a window after the next one (specs/cryptocom-v1.md §3; 429s seen on a
   * loaded machine).
   */
  spacing?: ReadonlyMap<string, number>;
}

export class RestPipeline {
  private readonly serial = new Map<string, Promise<void>>();
  private readonly lastEnd = new Map<string, number>();
  /** Calls of each spaced rule in its chain (out, or waiting their turn). */
  private readonly chained = new Map<string, number>();
  /** Requests handed to the HTTP client and not answered yet, and those waiting for one of its sockets. */
  private inFlight = 0;
  private readonly waitingForSocket: Array<() => void> = [];

  constructor(private readonly o: RestPipelineOptions) {}

  async send(call: RestCall): Promise<Sent> {
    const { clock } = this.o;
    // The deadline counts from the ask, so waits behind earlier calls are in it.
    const deadline = call.maxQueueMs === undefined ? undefined : clock.now() + call.maxQueueMs;
    let key: Credentials | undefined;
    if (call.sign) {
      if (!this.o.credentials) return notSent(err('AUTH_INVALID_KEY', `${call.what} needs an account with an API key`, { retryable: false }).error);
      try {
        key = await this.o.credentials();
      } catch (e) {
        // A locked or stopped keychain is an answer, not a crash (issue 12): nothing was sent.
        return notSent(secretError(e, call.what));
      }
    }
    const run = () => {
      const queued = deadline === undefined ? {} : { maxWaitMs: Math.max(0, deadline - clock.now()) };
      const told = call.onQueued ? { onQueued: (at: number) => call.onQueued?.(Math.max(0, at - clock.now())) } : {};
      return call.limiter.schedule([call.rule], () => this.transmit(call, key), { ...queued, ...told, untilDone: true });
    };
    try {
      return this.o.spacing?.has(call.rule) ? await this.spaced(call.rule, run, deadline) : await run();
    } catch (e) {
      if (e instanceof RateLimitedError) {
        const when = e.retryAt ? ` (a slot frees at ${new Date(e.retryAt).toISOString()})` : '';
        return notSent(err('RATE_LIMITED', `${call.what}: not sent, the ${this.o.name} rate limit is used up${when}`).error);
      }
      if (e instanceof SigningRefusedError) return notSent(err('AUTH_INVALID_KEY', e.message, { field: 'apiSecret' }).error);
      throw e;
    }
  }

  /**
   * At most MAX_SOCKETS requests are handed to the HTTP client at once; the rest wait here, so a
   * request's timeout runs from when it can actually leave, not while it queues for a socket
   * (a 1,000-action burst timed out hundreds of Icrypex orders that never left), and it is
   * signed only then.
   */
  private async transmit(call: RestCall, key: Credentials | undefined): Promise<Sent> {
    if (this.inFlight >= MAX_SOCKETS) await new Promise<void>((resolve) => this.waitingForSocket.push(resolve));
    else this.inFlight++;
    try {
      return await this.transmitNow(call, key);
    } finally {
      // The slot passes straight to the next waiter (inFlight unchanged), or is freed.
      const next = this.waitingForSocket.shift();
      if (next) next();
      else this.inFlight--;
    }
  }

  private async transmitNow(call: RestCall, key: Credentials | undefined): Promise<Sent> {
    const { http, clock } = this.o;
    const skew = http.link().clockSkewMs ?? 0;
    const request = call.sign && key ? call.sign(key, clock.now() + skew, call.request) : call.request;
    const outcome = await http.request(request);
    if (outcome.ok) return { ok: true, reply: outcome };
    const code = outcome.kind === 'timeout' ? 'TIMEOUT' : 'NETWORK';
    return { ok: false, ambiguous: outcome.ambiguous, error: err(code, `${call.what}: ${outcome.message}`).error };
  }

  private unchain(rule: string): void {
    const left = (this.chained.get(rule) ?? 1) - 1;
    if (left > 0) this.chained.set(rule, left);
    else this.chained.delete(rule);
  }

  /** One call of a spaced rule at a time, each a window after the previous one's reply. */
  private async spaced<T>(rule: string, run: () => Promise<T>, deadline?: number): Promise<T> {
    const { clock } = this.o;
    const spacing = this.o.spacing?.get(rule) ?? 0;
    const ahead = this.chained.get(rule) ?? 0;
    const now = clock.now();
    // Each call ahead leaves a spacing after the one before it answered: judged now, not after waiting (issue 20 #5).
    const last = this.lastEnd.get(rule);
    const expected = ahead === 0 ? Math.max(now, last === undefined ? now : last + spacing) : now + ahead * spacing;
    if (deadline !== undefined && expected > deadline) throw new RateLimitedError(`${ahead} earlier calls are waiting for the ${rule} rule`, [rule], expected);
    this.chained.set(rule, ahead + 1);
    const previous = this.serial.get(rule) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.serial.set(rule, mine);
    await previous;
    if (deadline !== undefined && clock.now() > deadline) {
      // Held past its queue limit behind earlier calls: not sent, so the next in line need not wait a window for it.
      if (this.serial.get(rule) === mine) this.serial.delete(rule);
      this.unchain(rule);
      release();
      throw new RateLimitedError('earlier calls held it past its queue limit', [rule]);
    }
    const previousEnd = this.lastEnd.get(rule);
    const wait = previousEnd === undefined ? 0 : previousEnd + spacing - clock.now();
    if (wait > 0) await new Promise<void>((resolve) => clock.setTimer(resolve, wait));
    try {
      return await run();
    } finally {
      this.unchain(rule);
      this.lastEnd.set(rule, clock.now());
      if (this.serial.get(rule) === mine) this.serial.delete(rule);
      release();
    }
  }
}

function notSent(error: AppError): Sent {
  return { ok: false, error, ambiguous: false };
}

/** KEYCHAIN_UNAVAILABLE (or NOT_FOUND for a missing key) from what the credentials getter threw. */
function secretError(e: unknown, what: string): AppError {
  if (e instanceof SecretUnavailableError && e.code === 'NOT_FOUND') return err('NOT_FOUND', `${what}: the API key of this account is not in the keychain`).error;
  return err('KEYCHAIN_UNAVAILABLE', `${what}: the API secret could not be read from the keychain; unlock it and try again`, { retryable: true }).error;
}

/** A connector's `link()`: the HTTP client's latency and clock skew, named by exchange and account. */
export function linkHealth(exchange: ExchangeId, accountId: string | undefined, http: { link(): { latencyMs?: number; clockSkewMs?: number } }): LinkHealth {
  const l = http.link();
  const out: LinkHealth = { exchange };
  if (accountId) out.accountId = accountId;
  if (l.latencyMs !== undefined) out.latencyMs = l.latencyMs;
  if (l.clockSkewMs !== undefined) out.clockSkewMs = l.clockSkewMs;
  return out;
}
