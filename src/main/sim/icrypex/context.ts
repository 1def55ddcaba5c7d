import { type Now } from '../shared/clock';
import { type Faults } from '../shared/faults';
import { type SimRequest, type SimResponse } from '../shared/http';
import { type MatchingEngine } from '../matching/engine';
import { type MarketProfile } from '../market/catalog';
import { type Credentials, verifyIcrypexSignature } from './auth';
import { type IcrypexQuirks } from './quirks';
import { type IcrypexRateLimits, type IcrypexRateRule } from './rate-limits';

/** What the Icrypex REST and WS layers share. */
export interface IcrypexContext {
  readonly engine: MatchingEngine;
  readonly quirks: IcrypexQuirks;
  readonly faults: Faults;
  readonly limits: IcrypexRateLimits;
  readonly now: Now;
  readonly profiles: readonly MarketProfile[];
  /** API key to credentials; the engine account id is the API key. */
  readonly credentials: ReadonlyMap<string, Credentials>;
  /** Fixed "listing" time for exchange-info dates. */
  readonly createdDate: number;
}

/**
 * Invented error codes (specs/icrypex.md §4: only `market_disabled` and `SUCCESS` are real;
 * everything else is ours, in snake_case as the spec asks).
 */
export type IcrypexErrorCode =
  | 'market_disabled'
  | 'invalid_parameter'
  | 'invalid_precision'
  | 'invalid_symbol'
  | 'invalid_json'
  | 'below_min_exchange_value'
  | 'insufficient_balance'
  | 'price_out_of_limit'
  | 'order_not_found'
  | 'order_not_open';

/** specs/icrypex.md §4 error model (400/422 only carry a body). */
export function errorReply(status: 400 | 422, code: IcrypexErrorCode, message: string): SimResponse {
  return { status, body: { code, message } };
}

/** 429 with an empty body (specs/icrypex.md §5), or undefined when within the limit. */
export function rateLimited(ctx: IcrypexContext, rule: IcrypexRateRule, request: SimRequest): SimResponse | undefined {
  const apiKey = header(request, 'icx-api-key');
  return ctx.limits.hit(rule, request.ip, apiKey).allowed ? undefined : { status: 429 };
}

/** One request header as a string (first value when repeated). */
export function header(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** specs/icrypex.md §3: the account of a signed request, or a bare 401. */
export function authenticate(ctx: IcrypexContext, request: SimRequest): { apiKey: string } | SimResponse {
  const result = verifyIcrypexSignature(
    { apiKey: header(request, 'icx-api-key'), sign: header(request, 'icx-sign'), ts: header(request, 'icx-ts'), nonce: header(request, 'icx-nonce') },
    (key) => ctx.credentials.get(key),
    { now: ctx.now(), strictNonce: ctx.quirks.strictNonce },
  );
  if (!result.ok) return { status: 401 };
  if (ctx.faults.takeRejectSignature()) return { status: 401 };
  return { apiKey: result.apiKey };
}

/** Parses a query time (`from`/`to`) to Unix ms per the unit quirk; undefined when absent, NaN when bad. */
export function queryTime(ctx: IcrypexContext, request: SimRequest, name: string): number | undefined {
  const raw = request.query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d{1,16}$/.test(raw)) return NaN;
  return ctx.quirks.queryTimeUnit === 's' ? Number(raw) * 1000 : Number(raw);
}

/** Reads a required from/to pair or answers 400 naming the field. */
export function requiredRange(ctx: IcrypexContext, request: SimRequest): { from: number; to: number } | SimResponse {
  const from = queryTime(ctx, request, 'from');
  const to = queryTime(ctx, request, 'to');
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value === undefined) return errorReply(400, 'invalid_parameter', `${name} is required (Unix ${ctx.quirks.queryTimeUnit === 's' ? 'seconds' : 'milliseconds'})`);
    if (Number.isNaN(value)) return errorReply(400, 'invalid_parameter', `${name} must be a Unix time in ${ctx.quirks.queryTimeUnit === 's' ? 'seconds' : 'milliseconds'}`);
  }
  // A `to` in seconds covers its whole last second.
  return { from: from!, to: ctx.quirks.queryTimeUnit === 's' ? to! + 999 : to! };
}

/** Default and largest page size (specs/icrypex.md §6: samples use 25; the maximum is invented). */
export const PAGE_SIZE_DEFAULT = 25;
export const PAGE_SIZE_MAX = 100;

/** specs/icrypex.md §6 pagination wrapper over `items`, or 400 for a bad page/limit. */
export function paginate<T>(request: SimRequest, items: readonly T[]): SimResponse {
  const pageRaw = request.query.get('page');
  const limitRaw = request.query.get('limit');
  const page = pageRaw === null || pageRaw === '' ? 1 : Number(pageRaw);
  const size = limitRaw === null || limitRaw === '' ? PAGE_SIZE_DEFAULT : Number(limitRaw);
  if (!Number.isInteger(page) || page < 1) return errorReply(400, 'invalid_parameter', `page must be a whole number from 1, got ${JSON.stringify(pageRaw)}`);
  if (!Number.isInteger(size) || size < 1 || size > PAGE_SIZE_MAX) {
    return errorReply(400, 'invalid_parameter', `limit must be a whole number from 1 to ${PAGE_SIZE_MAX}, got ${JSON.stringify(limitRaw)}`);
  }
  const totalPages = Math.ceil(items.length / size);
  return {
    status: 200,
    body: {
      pageIndex: page,
      pageSize: size,
      totalCount: items.length,
      totalPages,
      indexFrom: 1,
      hasPreviousPage: page > 1,
      hasNextPage: page < totalPages,
      items: items.slice((page - 1) * size, page * size),
    },
  };
}
