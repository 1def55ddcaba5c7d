import { err, ok, type Balance, type BookSnapshot, type Candle, type Err, type Fill, type Market, type Result, type Ticker, type Trade } from '../../../shared';
import type { Clock } from '../../net/clock';
import type { RateLimiter } from '../../net/rate-limiter';
import type { Credentials } from '../connector';
import { RestPipeline, type HttpLike, type RestCall } from '../kit/rest';
import { WireError, obj } from '../kit/wire';
import { CDX_NAME } from './endpoints';
import { parseReply, type Reply } from './errors';
import { ruleOf, SPACED_RULES } from './limits';
import { parseBalances, parseFills, parseOrder, parseOrders, type SymbolOf, type WireOrder } from './map-account';
import { parseBook, parseCandles, parseInstruments, parseTickers, parseTrades, type Timeframe } from './map-market';
import { signedBody, type Params } from './sign';

export type { HttpLike } from '../kit/rest';

export interface RestTuning {
  /** Per-request timeout of everything but creates (ms). */
  timeoutMs: number;
  /** Timeout of private/create-order; past it the create is ambiguous and looked up by client_oid (ms). */
  createTimeoutMs: number;
  /** How often a call that met HTTP 429 is tried again (a 429 was not executed, §3) before answering RATE_LIMITED. */
  max429Retries: number;
  /** First back-off after a 429 (ms), doubling per retry up to max429BackoffMs. */
  base429BackoffMs: number;
  max429BackoffMs: number;
  /** A call that cannot start within this long of being asked for is not sent (RATE_LIMITED). */
  maxQueueMs: number;
}

export const DEFAULT_REST_TUNING: RestTuning = {
  timeoutMs: 10_000,
  createTimeoutMs: 8_000,
  max429Retries: 4,
  base429BackoffMs: 250,
  max429BackoffMs: 4_000,
  maxQueueMs: 5_000,
};

/** A reply, or a transport failure saying whether the request may have reached the exchange. */
export type CallResult = Reply | (Err & { ambiguous: boolean; status?: undefined; exchangeCode?: undefined; result?: undefined });

export interface RestOptions {
  http: HttpLike;
  /** Per-IP limiter of this REST host (public rules, kit/limiters.ts). */
  hostLimiter: RateLimiter;
  /** Per-key limiter of this account; undefined for a public-only connector. */
  accountLimiter?: RateLimiter;
  credentials?: () => Promise<Credentials>;
  accountId: string;
  clock: Clock;
  tuning?: Partial<RestTuning>;
  random?: () => number;
  log?: (line: string) => void;
}

/** Query values of a public GET: what is undefined is left out. */
function query(params: Params): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  return out;
}

/** An unreadable success reply: not the shape specs/cryptocom-exchange.md §5 describes. */
function unexpected(method: string, e: unknown): Err {
  const what = e instanceof WireError ? e.message : String(e);
  return err('EXCHANGE_UNAVAILABLE', `${CDX_NAME} sent an unexpected reply to ${method}: ${what}`, { retryable: false });
}

/** A lookup key of an own order (§4.4: get-order-detail and cancel-order take either). */
export type OrderKey = { order_id: string } | { client_oid: string };

/**
 * Crypto.com Exchange REST (specs/cryptocom-exchange.md §1.2, §5): public methods are GETs with
 * a query; private ones are signed JSON POSTs (§2). Every call counts against its method's §3
 * rule (limits.ts) through kit/rest.ts, signed only once it has its slot.
 */
export class CdxRest {
  readonly tuning: RestTuning;
  private readonly pipeline: RestPipeline;
  private readonly random: () => number;
  private nextId = 1;

  constructor(private readonly o: RestOptions) {
    this.tuning = { ...DEFAULT_REST_TUNING, ...o.tuning };
    this.random = o.random ?? Math.random;
    this.pipeline = new RestPipeline({ name: CDX_NAME, http: o.http, ...(o.credentials ? { credentials: o.credentials } : {}), clock: o.clock, spacing: SPACED_RULES });
  }

  private request(method: string, params: Params, what: string, limiter: RateLimiter, timeoutMs: number, maxQueueMs: number | undefined): RestCall {
    const rule = ruleOf(method);
    const path = `/${method}`;
    if (method.startsWith('public/')) return { what, rule, limiter, maxQueueMs, request: { method: 'GET', path, query: query(params), timeoutMs } };
    const id = this.nextId++;
    return {
      what,
      rule,
      limiter,
      maxQueueMs,
      request: { method: 'POST', path, headers: { 'content-type': 'application/json' }, timeoutMs },
      // The nonce is the send time corrected for the measured skew (§2.2: ±60 s window).
      sign: (key, nowMs, request) => ({ ...request, body: signedBody(key, method, id, params, Math.trunc(nowMs)) }),
    };
  }

  /** One call; a 429 blocks the method's rule for a back-off and the call queues again (§3: a 429 was not executed). */
  async call(method: string, params: Params = {}, opts: { what?: string; timeoutMs?: number; maxQueueMs?: number } = {}): Promise<CallResult> {
    const isPublic = method.startsWith('public/');
    const limiter = isPublic ? this.o.hostLimiter : this.o.accountLimiter;
    const what = opts.what ?? `${CDX_NAME} ${method}`;
    if (!limiter) return { ...err('AUTH_INVALID_KEY', `${what} needs an account with an API key`, { retryable: false }), ambiguous: false };
    const timeoutMs = opts.timeoutMs ?? this.tuning.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const maxQueueMs = attempt === 0 ? (opts.maxQueueMs ?? this.tuning.maxQueueMs) : undefined;
      const sent = await this.pipeline.send(this.request(method, params, what, limiter, timeoutMs, maxQueueMs));
      const result: CallResult = sent.ok ? parseReply(sent.reply.status, sent.reply.text, method, what) : { ok: false, error: sent.error, ambiguous: sent.ambiguous };
      if (!(sent.ok && result.status === 429)) return result;
      const backoff = Math.min(this.tuning.max429BackoffMs, this.tuning.base429BackoffMs * 2 ** attempt);
      const until = this.o.clock.now() + Math.round(backoff * (0.5 + this.random() / 2));
      limiter.penalize([ruleOf(method)], until);
      this.o.log?.(`cryptocom-exchange: ${method} answered 429 (attempt ${attempt + 1}); its rule waits ${until - this.o.clock.now()} ms`);
      if (attempt >= this.tuning.max429Retries) return result;
    }
  }

  private async read<T>(method: string, params: Params, parse: (result: unknown) => T, what?: string): Promise<Result<T>> {
    const r = await this.call(method, params, what ? { what } : {});
    if (!r.ok) return { ok: false, error: r.error };
    try {
      return ok(parse(r.value));
    } catch (e) {
      return unexpected(method, e);
    }
  }

  // ---- public (§5.1-§5.5)

  instruments(): Promise<Result<Market[]>> {
    return this.read('public/get-instruments', {}, parseInstruments, `the ${CDX_NAME} markets`);
  }

  /** §5.2: depth 1-150 served live (§8 item 13). */
  book(native: string, symbol: string, depth: number): Promise<Result<BookSnapshot>> {
    return this.read('public/get-book', { instrument_name: native, depth }, (r) => parseBook(r, symbol, this.o.clock.now()), `the order book of ${symbol}`);
  }

  /** §5.3: `count` ≤ 300, the candles ending at `end_ts` (ms), oldest first. */
  candles(native: string, timeframe: Timeframe, q: { count: number; endTs?: number; startTs?: number }): Promise<Result<Candle[]>> {
    const params: Params = { instrument_name: native, timeframe, count: Math.min(300, Math.max(1, Math.trunc(q.count))), end_ts: q.endTs, start_ts: q.startTs };
    return this.read('public/get-candlestick', params, parseCandles, `the candles of ${native}`);
  }

  /** §5.4: `count` ≤ 150. */
  trades(native: string, symbol: string, count = 150): Promise<Result<Trade[]>> {
    return this.read('public/get-trades', { instrument_name: native, count }, (r) => parseTrades(obj(r, 'result').data, symbol), `the trades of ${symbol}`);
  }

  tickers(symbolOf: SymbolOf, native?: string): Promise<Result<Ticker[]>> {
    return this.read('public/get-tickers', { instrument_name: native }, (r) => parseTickers(r, symbolOf, this.o.clock.now()), `the ${CDX_NAME} tickers`);
  }

  // ---- private (§5.7-§5.11)

  balances(): Promise<Result<Balance[]>> {
    return this.read('private/user-balance', {}, (r) => parseBalances(r, this.o.accountId), 'the balances');
  }

  /** The raw create (§5.8); safe submission (submit.ts) owns timeouts, rejections and look-ups. */
  createOrder(params: Params): Promise<CallResult> {
    return this.call('private/create-order', params, { what: 'the order', timeoutMs: this.tuning.createTimeoutMs });
  }

  /** §5.9: `order_id`, both `new_price` and `new_quantity`, optional new `client_oid`. */
  amendOrder(params: Params): Promise<CallResult> {
    return this.call('private/amend-order', params, { what: 'the order change' });
  }

  cancelOrder(key: OrderKey): Promise<CallResult> {
    return this.call('private/cancel-order', key, { what: `the cancel of ${'order_id' in key ? key.order_id : key.client_oid}` });
  }

  /** §5.10: no result; the CANCELED states arrive on user.order. */
  async cancelAll(native?: string): Promise<Result<void>> {
    const r = await this.call('private/cancel-all-orders', { instrument_name: native }, { what: 'cancel all' });
    return r.ok ? ok(undefined) : { ok: false, error: r.error };
  }

  /** §5.11: every open order (no paging), of one instrument or all. */
  openOrders(symbolOf: SymbolOf, native?: string): Promise<Result<WireOrder[]>> {
    return this.read('private/get-open-orders', { instrument_name: native }, (r) => parseOrders(obj(r, 'result').data, this.o.accountId, symbolOf), 'the open orders');
  }

  /** §5.11: one order by id or client_oid; an unknown one is NOT_FOUND (40401). */
  orderDetail(key: OrderKey, symbolOf: SymbolOf): Promise<Result<WireOrder>> {
    return this.read('private/get-order-detail', key, (r) => parseOrder(r, this.o.accountId, symbolOf, 'result'), `order ${'order_id' in key ? key.order_id : key.client_oid}`);
  }

  /** §5.11: final orders in [start, end) ms, `limit` ≤ 100 as a JSON number. */
  orderHistory(symbolOf: SymbolOf, q: { native?: string; startTime?: number; endTime?: number; limit?: number }): Promise<Result<WireOrder[]>> {
    return this.read('private/get-order-history', historyParams(q), (r) => parseOrders(obj(r, 'result').data, this.o.accountId, symbolOf), 'the order history');
  }

  /** §5.11 get-trades: the account's fills in [start, end) ms. */
  myTrades(symbolOf: SymbolOf, q: { native?: string; startTime?: number; endTime?: number; limit?: number }): Promise<Result<Fill[]>> {
    return this.read('private/get-trades', historyParams(q), (r) => parseFills(obj(r, 'result').data, this.o.accountId, symbolOf), 'the account trades');
  }
}

function historyParams(q: { native?: string; startTime?: number; endTime?: number; limit?: number }): Params {
  return { instrument_name: q.native, start_time: q.startTime, end_time: q.endTime, limit: Math.min(100, q.limit ?? 100) };
}
