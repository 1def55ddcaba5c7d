import { FakeClock } from './fake-clock';
import { RateLimiter } from '../../src/main/net/rate-limiter';
import { signingKey } from '../../src/main/secrets';
import { CDX } from '../../src/main/exchanges/cryptocom-exchange/endpoints';
import { ACCOUNT_RULES, HOST_RULES } from '../../src/main/exchanges/cryptocom-exchange/limits';
import { CdxRest, type HttpLike, type RestTuning } from '../../src/main/exchanges/cryptocom-exchange/rest';

/** A fake HTTP transport and clock under the Crypto.com Exchange REST client (unit tests). */
export type Req = Parameters<HttpLike['request']>[0];
export type HttpOutcome = Awaited<ReturnType<HttpLike['request']>>;

export const CDX_KEY = 'k-test';
export const CDX_SECRET = `s-${Math.random().toString(36).slice(2)}`;

/** A JSON reply in the §1.3 envelope. */
export function reply(method: string, code: number, result?: unknown, status = 200, message?: string): HttpOutcome {
  const body: Record<string, unknown> = { id: 1, method, code };
  if (message !== undefined) body.message = message;
  if (result !== undefined) body.result = result;
  return { ok: true, status, text: JSON.stringify(body), latencyMs: 1, headers: {} };
}

export const timeout = (): HttpOutcome => ({ ok: false, kind: 'timeout', ambiguous: true, message: 'no reply within 8000 ms' }) as HttpOutcome;

/** The method of a request (its path without the leading slash) and its parsed JSON body. */
export function methodOf(req: Req): string {
  return req.path.slice(1);
}
export function bodyOf(req: Req): { id: number; method: string; params: Record<string, unknown>; nonce: number; sig: string; api_key: string } {
  return JSON.parse(String(req.body)) as ReturnType<typeof bodyOf>;
}

export function cdxRestRig(answer: (req: Req, n: number, at: number) => HttpOutcome | Promise<HttpOutcome>, tuning: Partial<RestTuning> = {}, opts: { keyless?: boolean } = {}) {
  const clock = new FakeClock(1_700_000_000_000);
  const requests: { req: Req; at: number }[] = [];
  const http: HttpLike = {
    async request(req) {
      requests.push({ req, at: clock.now() });
      return answer(req, requests.length, clock.now());
    },
    link: () => ({}),
  };
  const hostLimiter = new RateLimiter({ exchange: CDX, rules: HOST_RULES, clock });
  const accountLimiter = new RateLimiter({ exchange: CDX, accountId: 'a1', rules: ACCOUNT_RULES, clock });
  const rest = new CdxRest({ http, hostLimiter, ...(opts.keyless ? {} : { accountLimiter }), credentials: async () => signingKey({ apiKey: CDX_KEY, apiSecret: CDX_SECRET }), accountId: 'a1', clock, random: () => 1, tuning });
  /** Drives fake time until the promise settles (no real sleeping). */
  async function settle<T>(p: Promise<T>, maxMs = 300_000, stepMs = 10): Promise<T> {
    let done = false;
    p.then(
      () => (done = true),
      () => (done = true),
    );
    for (let t = 0; t < maxMs && !done; t += stepMs) await clock.advanceAsync(stepMs);
    if (!done) throw new Error('did not settle');
    return p;
  }
  return { clock, rest, requests, settle, accountLimiter, hostLimiter };
}
