import { illegal, type ParamResult, type Params } from './params';
import { type CryptocomQuirks } from './quirks';
import { verifyV1Signature } from './sign';

/**
 * The checks every signed V1 call passes (specs/cryptocom-v1.md §2, §7 item 2), in order:
 * `api_key`, `time` and `sign` present (100004), `time` a whole number within the window
 * (100004; the exchange's code for a stale time is unknown), a known key and a matching
 * signature (100005). Returns the API key.
 */
export function authenticate(
  params: Params,
  secretOf: (apiKey: string) => string | undefined,
  now: number,
  quirks: Pick<CryptocomQuirks, 'timeWindowMs' | 'acceptUppercaseHex' | 'emptyValueRule'>,
): ParamResult<string> {
  for (const name of ['api_key', 'time', 'sign'] as const) {
    if (params[name] === undefined || params[name] === '') return illegal(`${name}: missing`);
  }
  const apiKey = params.api_key as string;
  const time = params.time as string;
  if (!/^\d{1,16}$/.test(time)) return illegal(`time: not milliseconds since the epoch ('${time}')`);
  const drift = Number(time) - now;
  if (Math.abs(drift) > quirks.timeWindowMs) {
    return illegal(`time: ${drift} ms from server time, outside ±${quirks.timeWindowMs} ms`);
  }
  const secret = secretOf(apiKey);
  if (secret === undefined) return illegal('api_key: unknown key', 'signIllegal');
  if (!verifyV1Signature(params, secret, quirks)) {
    return illegal('sign: does not match the sorted, empty-skipping SHA-256 of the parameters and secret', 'signIllegal');
  }
  return { ok: true, value: apiKey };
}
