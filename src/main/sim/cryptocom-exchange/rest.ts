import { type Faults } from '../shared/faults';
import { Router, type SimRequest, type SimResponse } from '../shared/http';
import { type RawNumber } from '../shared/raw-json';
import { CdcxError, CODES } from './codes';
import { type CdcxAccount, type OrderDesk } from './desk';
import { envelope, type ErrorLog, errorReply, json } from './envelope';
import { PRIVATE_METHODS } from './private';
import { type CdcxQuirks } from './quirks';
import { type CdcxRestLimiter } from './rate';
import { parseCdcxRequest, signatureMatches } from './request';
import { getBook, getCandlestick, getInstruments, getRiskParameters, getTickers, getTrades, type PublicDeps } from './rest-public';

/** What the REST layer needs (specs/cryptocom-exchange.md §1.2, §9 items 1–4). */
export interface RestDeps extends PublicDeps {
  readonly desk: OrderDesk;
  readonly quirks: CdcxQuirks;
  readonly faults: Faults;
  readonly limiter: CdcxRestLimiter;
  readonly errors: ErrorLog;
  accountByKey(key: string): CdcxAccount | undefined;
}

const PUBLIC: Readonly<Record<string, (deps: RestDeps, q: URLSearchParams) => unknown>> = {
  'public/get-instruments': (deps) => getInstruments(deps),
  'public/get-book': getBook,
  'public/get-candlestick': getCandlestick,
  'public/get-trades': getTrades,
  'public/get-tickers': getTickers,
  'public/get-risk-parameters': (deps) => getRiskParameters(deps),
};

/** §1.3: an unknown path is a 404 with a non-envelope body. */
export function notFound(nowMs: number, path: string): SimResponse {
  return json(404, { timestamp: new Date(nowMs).toISOString().replace('Z', '+00:00'), status: 404, error: 'Not Found', path: path.replace(/^\/exchange/, '') });
}

function publicCall(deps: RestDeps, method: string, req: SimRequest): SimResponse {
  if (!deps.limiter.allow(method, req.ip)) return tooMany(deps, -1, method, req.path);
  try {
    return json(200, envelope(deps.quirks, -1, method, 0, PUBLIC[method]!(deps, req.query)));
  } catch (error) {
    if (!(error instanceof CdcxError)) throw error;
    deps.errors.add({ at: deps.now(), method, code: error.code, message: error.message, raw: req.path + (req.query.size ? `?${req.query.toString()}` : '') });
    // P1: public validation errors come as a bare `{code, message}` with HTTP 400.
    return json(400, { code: deps.quirks.codeAsString ? String(error.code) : error.code, message: error.message });
  }
}

function tooMany(deps: RestDeps, id: RawNumber | number, method: string, raw: string): SimResponse {
  deps.errors.add({ at: deps.now(), method, code: CODES.TOO_MANY_REQUESTS, message: 'TOO_MANY_REQUESTS', raw });
  return json(429, envelope(deps.quirks, id, method, CODES.TOO_MANY_REQUESTS, undefined, 'TOO_MANY_REQUESTS'));
}

/** Checks key, nonce and signature of a private request (§2, §9 item 3); the account or a CdcxError. */
export function authenticate(deps: Pick<RestDeps, 'quirks' | 'faults' | 'now' | 'accountByKey'>, request: ReturnType<typeof parseCdcxRequest>): CdcxAccount {
  const account = request.apiKey ? deps.accountByKey(request.apiKey) : undefined;
  if (!account || !request.sig) throw new CdcxError(CODES.UNAUTHORIZED, 'UNAUTHORIZED');
  if (!request.nonce) throw new CdcxError(CODES.BAD_REQUEST, 'nonce is missing');
  if (Math.abs(Number(request.nonce.text) - deps.now()) > deps.quirks.nonceWindowMs) throw new CdcxError(CODES.INVALID_NONCE, 'INVALID_NONCE');
  if (deps.faults.takeRejectSignature() || !signatureMatches(request, account.secret, deps.quirks.nullInSignature)) throw new CdcxError(CODES.UNAUTHORIZED, 'UNAUTHORIZED');
  return account;
}

async function privateCall(deps: RestDeps, method: string, req: SimRequest): Promise<SimResponse> {
  let id: RawNumber | number = -1;
  try {
    const request = parseCdcxRequest(req.body);
    id = request.id ?? -1;
    if (request.method !== method) throw new CdcxError(CODES.INVALID_REQUEST, `method ${JSON.stringify(request.method)} does not match the path ${method}`);
    const account = authenticate(deps, request);
    if (!deps.limiter.allow(method, account.apiKey)) return tooMany(deps, id, method, req.body);
    const def = PRIVATE_METHODS[method]!;
    const result = def.run(deps.desk, { account, requestId: request.id?.text, nonce: request.nonce?.text }, request.params);
    return json(200, envelope(deps.quirks, id, method, 0, result, def.okMessage));
  } catch (error) {
    if (!(error instanceof CdcxError)) throw error;
    deps.errors.add({ at: deps.now(), method, code: error.code, message: error.message, raw: req.body });
    return errorReply(deps.quirks, id, method, error);
  }
}

/** The router of `/exchange/v1/{method}`: GET public, POST private, the wrong verb answered per §9 item 1. */
export function cdcxRouter(deps: RestDeps): Router {
  const router = new Router();
  for (const method of Object.keys(PUBLIC)) {
    const path = `/exchange/v1/${method}`;
    router.add('GET', path, (req) => publicCall(deps, method, req));
    router.add('POST', path, () => json(400, envelope(deps.quirks, -1, method, CODES.ERR_INTERNAL, undefined, `${method} takes GET`)));
  }
  for (const method of Object.keys(PRIVATE_METHODS)) {
    const path = `/exchange/v1/${method}`;
    router.add('POST', path, (req) => privateCall(deps, method, req));
    router.add('GET', path, () => json(400, envelope(deps.quirks, -1, method, CODES.INVALID_REQUEST, undefined, `${method} takes POST`)));
  }
  return router;
}
