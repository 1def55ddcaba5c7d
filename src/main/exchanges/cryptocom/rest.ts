import { err, ok, type Balance, type BookSnapshot, type Candle, type Err, type Fill, type Market, type Result, type Ticker, type Trade } from '../../../shared';
import type { Clock } from '../../net/clock';
import type { RateLimiter } from '../../net/rate-limiter';
import type { Credentials } from '../connector';
import { QUEUE_RULES } from '../kit/limiters';
import { RestPipeline, type HttpLike, type RestCall } from '../kit/rest';
import { WireError } from '../kit/wire';
import { parseEnvelope, type EnvelopeResult } from './errors';
import { ACCOUNT_RULES, RULE_OF_PATH, type RuleId } from './limits';
import { parseAccount, parseCreateReply, parseMyTrades, parseOrderPage, parseShowOrder, type WireOrder } from './map-account';
import { parseAllTickers, parseDepth, parseKlines, parseOneTicker, parseSymbols, parseTrades } from './map-market';
import { signedForm } from './sign';
import { fromNative } from './symbols';

export type { HttpLike } from '../kit/rest';

export interface RestTuning {
  /** Per-request timeout for everything but creates (ms). */
  timeoutMs: number;
  /** Timeout of POST /v1/order; past it the create is ambiguous and gets reconciled (ms). */
  createTimeoutMs: number;
  /** How often a call that met HTTP 429 is tried again before answering RATE_LIMITED. */
  max429Retries: number;
  /** First back-off after a 429 (ms); doubles per retry, with jitter, up to max429BackoffMs. */
  base429BackoffMs: number;
  max429BackoffMs: number;
  /** Largest page asked of openOrders/allOrders/myTrades (S3: 1000 was accepted). */
  pageSize: number;
  /**
   * Any other call expected to start later than this after being asked for is refused at once
   * (RATE_LIMITED, retryable): a burst of requests (a renderer looping balances) gets a prompt
   * "busy" instead of a wait that grows with the queue (issue 12: 10-16 s measured). Retries
   * after a 429 wait out their back-off regardless (ms). Default: QUEUE_RULES (kit/limiters.ts).
   */
  maxQueueMs: number;
  /** The same for a create: a stale order may no longer be wanted (ms). */
  createMaxQueueMs: number;
  /** The same for a cancel (ms). */
  cancelMaxQueueMs: number;
}

export const DEFAULT_REST_TUNING: RestTuning = {
  timeoutMs: 10_000,
  createTimeoutMs: 8_000,
  max429Retries: 6,
  base429BackoffMs: 500,
  max429BackoffMs: 15_000,
  pageSize: 100,
  createMaxQueueMs: QUEUE_RULES.cryptocom.placeMs,
  cancelMaxQueueMs: QUEUE_RULES.cryptocom.cancelMs,
  maxQueueMs: QUEUE_RULES.cryptocom.readMs!,
};

/** A reply plus whether a failed request may have been executed (sent, and no answer came). */
export type CallResult = EnvelopeResult & { ambiguous?: boolean };

export interface RestOptions {
  http: HttpLike;
  /** Per-IP limiter of this REST host (market rules). */
  marketLimiter: RateLimiter;
  /** Per-key limiter of this account; undefined for a public-only connector. */
  accountLimiter?: RateLimiter;
  credentials?: () => Promise<Credentials>;
  accountId: string;
  clock: Clock;
  tuning?: Partial<RestTuning>;
  random?: () => number;
  log?: (line: string) => void;
}

/** §3 rules of one call per window are also spaced from the previous reply (kit/rest.ts `spacing`). */
const SPACED_RULES: ReadonlyMap<string, number> = new Map(ACCOUNT_RULES.filter((r) => r.limit === 1).map((r) => [r.id, r.windowMs]));

/** A public GET (§5.1-§5.6): empty parameters are left out. */
/** How long a call may queue, and who is told when it has to (kit/rest.ts). */
type Queueing = Pick<RestCall, 'maxQueueMs' | 'onQueued'>;

function publicCall(path: string, rule: RuleId, limiter: RateLimiter, params: Record<string, string | undefined>, timeoutMs: number, queueing: Queueing): RestCall {
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') query[k] = v;
  return { what: `Crypto.com ${path}`, rule, limiter, ...queueing, request: { method: 'GET', path, query, timeoutMs } };
}

/** A signed POST (§2): the form carries api_key, time and sign; `time` in ms, corrected for the measured skew. */
function signedCall(path: string, rule: RuleId, limiter: RateLimiter, params: Record<string, string | undefined>, timeoutMs: number, queueing: Queueing): RestCall {
  return {
    what: `Crypto.com ${path}`,
    rule,
    limiter,
    ...queueing,
    request: { method: 'POST', path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, timeoutMs },
    sign: (key, nowMs, request) => ({ ...request, body: signedForm(params, key, nowMs).body }),
  };
}

/** An unreadable success reply: the shape is not what specs/cryptocom-v1.md §5 describes. */
function unexpected(path: string, e: unknown): Err {
  const what = e instanceof WireError ? e.message : String(e);
  return err('EXCHANGE_UNAVAILABLE', `Crypto.com sent an unexpected reply on ${path}: ${what}`, { retryable: false });
}

/** Crypto.com V1 REST (specs/cryptocom-v1.md §5): every call rate-limited, signed when private, parsed. */
export class CryptocomRest {
  readonly tuning: RestTuning;
  private readonly random: () => number;
  private readonly pipeline: RestPipeline;

  constructor(private readonly o: RestOptions) {
    this.tuning = { ...DEFAULT_REST_TUNING, ...o.tuning };
    this.random = o.random ?? Math.random;
    this.pipeline = new RestPipeline({ name: 'Crypto.com', http: o.http, ...(o.credentials ? { credentials: o.credentials } : {}), clock: o.clock, spacing: SPACED_RULES });
  }

  /** Runs one V1 call through the kit's pipeline; after a 429 the rule is blocked (back-off) and the call queued again. */
  async call(method: 'GET' | 'POST', path: string, params: Record<string, string | undefined> = {}, opts: { timeoutMs?: number; maxQueueMs?: number; onQueued?: (waitMs: number) => void } = {}): Promise<CallResult> {
    const rule = RULE_OF_PATH[path] ?? 'market';
    const limiter = rule === 'market' ? this.o.marketLimiter : this.o.accountLimiter;
    if (!limiter) return err('AUTH_INVALID_KEY', `Crypto.com ${path} needs an API key; this connection has none`, { retryable: false });
    const timeoutMs = opts.timeoutMs ?? this.tuning.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      // Retries after a 429 wait out their back-off, however long the queue.
      const maxQueueMs = opts.maxQueueMs ?? (attempt === 0 ? this.tuning.maxQueueMs : undefined);
      const queueing: Queueing = { maxQueueMs, ...(opts.onQueued ? { onQueued: opts.onQueued } : {}) };
      const sent = await this.pipeline.send(method === 'GET' ? publicCall(path, rule, limiter, params, timeoutMs, queueing) : signedCall(path, rule, limiter, params, timeoutMs, queueing));
      const result: CallResult = sent.ok ? parseEnvelope(sent.reply.status, sent.reply.text, path) : { ok: false, error: sent.error, ambiguous: sent.ambiguous };
      const rateLimited = result.status === 429 || (!result.ok && result.error.code === 'RATE_LIMITED' && sent.ok);
      if (!rateLimited) return result;
      const backoff = Math.min(this.tuning.max429BackoffMs, this.tuning.base429BackoffMs * 2 ** attempt);
      const until = this.o.clock.now() + Math.round(backoff * (0.5 + this.random() / 2));
      limiter.penalize([rule], until);
      this.o.log?.(`cryptocom: ${path} rate limited (attempt ${attempt + 1}); ${rule} blocked ${until - this.o.clock.now()} ms`);
      if (attempt >= this.tuning.max429Retries) return result;
    }
  }

  private async read<T>(res: Promise<CallResult>, path: string, parse: (data: unknown) => T): Promise<Result<T>> {
    const r = await res;
    if (!r.ok) return { ok: false, error: r.error };
    try {
      return ok(parse(r.value));
    } catch (e) {
      return unexpected(path, e);
    }
  }

  // ---- public (§5.1-§5.6)

  symbols(): Promise<Result<Market[]>> {
    return this.read(this.call('GET', '/v1/symbols'), '/v1/symbols', parseSymbols);
  }

  tickers(): Promise<Result<Ticker[]>> {
    return this.read(this.call('GET', '/v1/ticker'), '/v1/ticker', (d) => parseAllTickers(d, this.o.clock.now()));
  }

  ticker(native: string): Promise<Result<Ticker>> {
    return this.read(this.call('GET', '/v1/ticker', { symbol: native }), '/v1/ticker', (d) => parseOneTicker(d, native, this.o.clock.now()));
  }

  /** `period` in minutes (§4: 1, 5, 15, 30, 60, 1440, 10080, 43200). */
  klines(native: string, period: number): Promise<Result<Candle[]>> {
    return this.read(this.call('GET', '/v1/klines', { symbol: native, period: String(period) }), '/v1/klines', parseKlines);
  }

  trades(native: string): Promise<Result<Trade[]>> {
    return this.read(this.call('GET', '/v1/trades', { symbol: native }), '/v1/trades', (d) => parseTrades(d, fromNative(native)));
  }

  /** §5.6: `type` step0 (full precision), step1, step2 (merged). */
  depth(native: string, step: 0 | 1 | 2 = 0): Promise<Result<BookSnapshot>> {
    return this.read(this.call('GET', '/v1/depth', { symbol: native, type: `step${step}` }), '/v1/depth', (d) => parseDepth(d, fromNative(native), this.o.clock.now()));
  }

  // ---- private (§5.7-§5.14)

  account(): Promise<Result<Balance[]>> {
    return this.read(this.call('POST', '/v1/account'), '/v1/account', (d) => parseAccount(d, this.o.accountId));
  }

  /** The raw create (§5.8); safe submission (submit.ts) owns timeouts and ambiguity. */
  createOrder(params: { native: string; side: 'BUY' | 'SELL'; type: 1 | 2; volume: string; price?: string }, onQueued?: (waitMs: number) => void): Promise<CallResult> {
    return this.call(
      'POST',
      '/v1/order',
      { symbol: params.native, side: params.side, type: String(params.type), volume: params.volume, price: params.price },
      { timeoutMs: this.tuning.createTimeoutMs, maxQueueMs: this.tuning.createMaxQueueMs, ...(onQueued ? { onQueued } : {}) },
    );
  }

  /** The order id of a successful create reply. */
  static orderIdOf(r: CallResult): Result<string> {
    if (!r.ok) return { ok: false, error: r.error };
    try {
      return ok(parseCreateReply(r.value));
    } catch (e) {
      return unexpected('/v1/order', e);
    }
  }

  showOrder(native: string, orderId: string): Promise<Result<WireOrder>> {
    return this.read(this.call('POST', '/v1/showOrder', { symbol: native, order_id: orderId }), '/v1/showOrder', (d) => parseShowOrder(d, native, this.o.accountId));
  }

  /** §5.10: the reply's data is null, "" or an object depending on the source; it is ignored. */
  async cancelOrder(native: string, orderId: string): Promise<Result<void>> {
    const r = await this.call('POST', '/v1/orders/cancel', { symbol: native, order_id: orderId }, { maxQueueMs: this.tuning.cancelMaxQueueMs });
    return r.ok ? ok(undefined) : { ok: false, error: r.error };
  }

  async cancelAllOrders(native: string): Promise<Result<void>> {
    const r = await this.call('POST', '/v1/cancelAllOrders', { symbol: native });
    return r.ok ? ok(undefined) : { ok: false, error: r.error };
  }

  /** Every open order of one market, all pages (§5.12). */
  async openOrders(native: string): Promise<Result<WireOrder[]>> {
    const out: WireOrder[] = [];
    const seen = new Set<string>();
    for (let page = 1; page <= 100; page++) {
      const r = await this.orderPage('/v1/openOrders', native, { page: String(page), pageSize: String(this.tuning.pageSize) });
      if (!r.ok) return r;
      for (const o of r.value.orders) {
        if (seen.has(o.order.id)) continue;
        seen.add(o.order.id);
        out.push(o);
      }
      if (r.value.orders.length === 0 || out.length >= r.value.count || r.value.orders.length < this.tuning.pageSize) break;
    }
    return ok(out);
  }

  /** One page of every order (§5.13); dates are `yyyy-MM-dd HH:mm:ss` in the server's zone. */
  allOrders(native: string, q: { page?: number; pageSize?: number; startDate?: string; endDate?: string } = {}): Promise<Result<{ count: number; orders: WireOrder[] }>> {
    return this.orderPage('/v1/allOrders', native, {
      page: q.page === undefined ? undefined : String(q.page),
      pageSize: String(q.pageSize ?? this.tuning.pageSize),
      startDate: q.startDate,
      endDate: q.endDate,
    });
  }

  private orderPage(path: string, native: string, params: Record<string, string | undefined>) {
    return this.read(this.call('POST', path, { symbol: native, ...params }), path, (d) => parseOrderPage(d, native, this.o.accountId));
  }

  /** One page of the account's trades (§5.14); `sort: 1` asks for reverse order. */
  myTrades(native: string, q: { page?: number; pageSize?: number; startDate?: string; endDate?: string; sort?: 1 } = {}): Promise<Result<{ count: number; fills: Fill[] }>> {
    return this.read(
      this.call('POST', '/v1/myTrades', {
        symbol: native,
        page: q.page === undefined ? undefined : String(q.page),
        pageSize: String(q.pageSize ?? this.tuning.pageSize),
        startDate: q.startDate,
        endDate: q.endDate,
        sort: q.sort === undefined ? undefined : String(q.sort),
      }),
      '/v1/myTrades',
      (d) => parseMyTrades(d, native, this.o.accountId),
    );
  }
}
