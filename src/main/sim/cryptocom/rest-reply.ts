import { type MatchingEngine } from '../matching';
import { type Now } from '../shared/clock';
import { type Faults } from '../shared/faults';
import { type SimResponse } from '../shared/http';
import { type V1Envelope } from './envelope';
import { toJson } from './json';
import { type MarketView } from './market-view';
import { type CryptocomQuirks } from './quirks';
import { type CryptocomRateLimiter } from './rate-table';

/** One API key known to the simulator. */
export interface CdcAccount {
  apiKey: string;
  secret: string;
  /** The engine account id. */
  accountId: string;
  /** The numeric user id shown in myTrades (`ask_user_id`/`bid_user_id`). */
  userId: number;
}

/** What the REST handlers share. */
export interface RestDeps {
  engine: MatchingEngine;
  view: MarketView;
  quirks: CryptocomQuirks;
  now: Now;
  faults: Faults;
  limiter: CryptocomRateLimiter;
  accountByKey(apiKey: string): CdcAccount | undefined;
  /** §5.10: turns the account's pending cancels (status 5) into cancels (4) after a while. */
  settleCancels(accountId: string): void;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

/**
 * A V1 envelope reply: HTTP 200 for success and (by default) for business errors (§5.15).
 * `detail` names the field and problem in an `X-Sim-Detail` header; the body keeps the
 * exchange's own message.
 */
export function reply(deps: Pick<RestDeps, 'quirks'>, env: V1Envelope, detail?: string): SimResponse {
  const status = env.code === '0' ? 200 : deps.quirks.businessErrorHttpStatus;
  const headers: Record<string, string> = { 'content-type': JSON_TYPE };
  if (detail !== undefined) headers['x-sim-detail'] = detail.replace(/[^\x20-\x7e]/g, '?');
  return { status, body: toJson(env), headers };
}

/** §3: 429 with a body that is not JSON (S3 fails to parse it as JSON, then checks the status). */
export function tooManyRequests(): SimResponse {
  return { status: 429, body: 'Too Many Requests', headers: { 'content-type': 'text/plain;charset=UTF-8' } };
}

/**
 * A Spring-style error body, like the GroveX 404 fixture
 * (`{"timestamp","status","error","message","path"}`); used for HTTP 404 and 500.
 */
export function springError(deps: Pick<RestDeps, 'now'>, status: 404 | 500, path: string): SimResponse {
  const error = status === 404 ? 'Not Found' : 'Internal Server Error';
  const body = { timestamp: deps.now(), status, error, message: 'No message available', path };
  return { status, body: toJson(body), headers: { 'content-type': JSON_TYPE } };
}
