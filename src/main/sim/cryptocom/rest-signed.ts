import { type SimOrder } from '../matching';
import { type SimRequest, type SimResponse } from '../shared/http';
import { authenticate } from './auth';
import { failure, success, type V1ErrorName } from './envelope';
import { type CdcMarket } from './market-view';
import { integerParam, type Params, parseForm, type ParamFailure, required } from './params';
import { type CdcAccount, reply, type RestDeps, tooManyRequests } from './rest-reply';

/** The account and parameters of a signed call that passed every check. */
export interface SignedCall {
  account: CdcAccount;
  params: Params;
}

/**
 * A signed V1 call (specs/cryptocom-v1.md §1, §2): POST with a form body (query parameters are
 * merged in, as a servlet container would). Order of checks: rate limit (per API key, §3),
 * `rejectNextSignature` fault, authentication (§7 item 2), then the endpoint.
 */
export function signedHandler(deps: RestDeps, fn: (call: SignedCall, req: SimRequest) => SimResponse) {
  return (req: SimRequest): SimResponse => {
    const q = deps.quirks;
    const body = parseForm(req.body);
    const query = parseForm(req.query.toString());
    const apiKeyHint = (body.ok ? body.value.api_key : undefined) ?? (query.ok ? query.value.api_key : undefined);
    if (!deps.limiter.hit(req.path, req.ip, apiKeyHint)) return tooManyRequests();
    if (!body.ok) return fail(deps, body);
    if (!query.ok) return fail(deps, query);
    const params: Params = { ...query.value };
    for (const [k, v] of Object.entries(body.value)) {
      if (Object.hasOwn(params, k)) return fail(deps, { ok: false, error: 'paramIllegal', detail: `${k}: sent in both the query and the body` });
      params[k] = v;
    }
    if (deps.faults.takeRejectSignature()) return reply(deps, failure('signIllegal'), 'sign: rejected by the rejectNextSignature fault');
    const auth = authenticate(params, (key) => deps.accountByKey(key)?.secret, deps.now(), q);
    if (!auth.ok) return fail(deps, auth);
    const account = deps.accountByKey(auth.value);
    if (!account) return reply(deps, failure('signIllegal'), 'api_key: unknown key');
    return fn({ account, params }, req);
  };
}

/** A business-error reply for a failed check. */
export function fail(deps: RestDeps, f: ParamFailure): SimResponse {
  return reply(deps, failure(f.error, deps.quirks.errorCodeSet), f.detail);
}

/** An error reply by name with a detail text. */
export function failWith(deps: RestDeps, name: V1ErrorName, detail: string): SimResponse {
  return reply(deps, failure(name, deps.quirks.errorCodeSet), detail);
}

/** The market named by a signed call's `symbol` (unknown -> 100004: §7 item 3 covers only public calls). */
export function signedMarket(deps: RestDeps, params: Params): { market: CdcMarket } | { error: SimResponse } {
  const sym = required(params, 'symbol');
  if (!sym.ok) return { error: fail(deps, sym) };
  const market = deps.view.market(sym.value);
  if (!market) return { error: failWith(deps, 'paramIllegal', `symbol: unknown market '${sym.value}'`) };
  return { market };
}

/** The account's order named by `order_id` in that market, or the 22 reply (§5.9). */
export function ownOrder(deps: RestDeps, call: SignedCall, market: CdcMarket): { order: SimOrder } | { error: SimResponse } {
  const id = integerParam(call.params, 'order_id');
  if (!id.ok) return { error: fail(deps, id) };
  const order = deps.engine.order(call.account.accountId, id.value);
  if (!order || order.symbol.toLowerCase() !== market.symbol) {
    return { error: failWith(deps, 'orderNotFound', `order_id: no order ${id.value} in ${market.symbol} for this key`) };
  }
  return { order };
}

/** `success(data)` as a reply. */
export function ok(deps: RestDeps, data: unknown): SimResponse {
  return reply(deps, success(data));
}
