/**
 * The V1 reply envelope and error codes (specs/cryptocom-v1.md §1, §5.15).
 * `code` is always a string; "0" is success; on failure `data` is null.
 */

/**
 * Which ChainUP numbering answers balance/precision/minimum failures (§5.15 table):
 * `short` = 4 / 5 / 6 (the UEX live sample gave 4 for insufficient balance),
 * `long` = 10034 / 10062 / 10064 (the Chinese doc's table; 10064 = price or amount below minimum).
 */
export type ErrorCodeSet = 'short' | 'long';

const SHORT_CODES = {
  insufficientBalance: { code: '4', msg: 'insufficient balance' },
  badPrecision: { code: '5', msg: 'order rejected, check price and volume precision' },
  belowMinimum: { code: '6', msg: 'volume below minimum' },
} as const;

const LONG_CODES = {
  insufficientBalance: { code: '10034', msg: 'available balance insufficient' },
  badPrecision: { code: '10062', msg: 'price or volume precision too high' },
  belowMinimum: { code: '10064', msg: 'price or amount below minimum' },
} as const;

/** Error codes this simulator answers, with the message text it sends (§5.15 table). */
export const V1Error = {
  /** ChainUP 9: trading frozen (the market is cancel-only). */
  tradingFrozen: { code: '9', msg: 'trading frozen' },
  /** ChainUP 10067: price outside the daily limit band. */
  priceOutOfBand: { code: '10067', msg: 'price outside the daily limit band' },
  /** ChainUP 8: cancel failed (order already final). */
  cancelFailed: { code: '8', msg: 'cancel failed' },
  /** S5 / ChainUP 22: `not exist order`. */
  orderNotFound: { code: '22', msg: 'not exist order' },
  /** ChainUP 13: internal error (an engine rejection with no closer code). */
  internal: { code: '13', msg: 'internal error' },
  /** S4: `request parameter illegal` (missing or malformed parameter, unknown symbol on signed calls). */
  paramIllegal: { code: '100004', msg: 'request parameter illegal' },
  /** S4: `request sign illegal`. */
  signIllegal: { code: '100005', msg: 'request sign illegal' },
  /** S11: unknown path or wrong method. */
  unknownPath: { code: '-100', msg: 'unknown path or wrong method' },
} as const satisfies Record<string, { code: string; msg: string }>;

export type V1ErrorName = keyof typeof V1Error | keyof typeof SHORT_CODES;

/** A JSON body with code/msg/data, ready for the serializer. */
export interface V1Envelope {
  code: string;
  msg: string;
  data: unknown;
}

/** `{"code":"0","msg":"suc","data":…}` (§1). */
export function success(data: unknown): V1Envelope {
  return { code: '0', msg: 'suc', data };
}

/** The code and message for a failure under the chosen numbering. */
export function errorOf(name: V1ErrorName, set: ErrorCodeSet = 'short'): { code: string; msg: string } {
  if (name in SHORT_CODES) {
    const key = name as keyof typeof SHORT_CODES;
    return set === 'short' ? SHORT_CODES[key] : LONG_CODES[key];
  }
  return V1Error[name as keyof typeof V1Error];
}

/** `{"code":"<nonzero>","msg":"…","data":null}` (§1, §5.15). */
export function failure(name: V1ErrorName, set: ErrorCodeSet = 'short'): V1Envelope {
  const e = errorOf(name, set);
  return { code: e.code, msg: e.msg, data: null };
}
