import { type CdcxQuirks } from './quirks';

/** Reason codes the simulator answers, with their names (specs/cryptocom-exchange.md §6). */
export const CODES = {
  DUPLICATE_CLORDID: 204,
  INSTRUMENT_NOT_TRADABLE: 208,
  INVALID_INSTRUMENT: 209,
  INVALID_ORDERID: 212,
  INVALID_ORDERQTY: 213,
  INVALID_ORDTYPE: 218,
  INVALID_SIDE: 220,
  INVALID_TIF: 221,
  INSUFFICIENT_AVAILABLE_BALANCE: 306,
  INVALID_PRICE: 308,
  EXCEEDS_MAX_ORDER_SIZE: 314,
  FAR_AWAY_LIMIT_PRICE: 315,
  EXCEEDS_MAX_ALLOWED_ORDERS: 318,
  BELOW_MIN_ORDER_SIZE: 415,
  BAD_REQUEST: 40001,
  METHOD_NOT_FOUND: 40002,
  INVALID_REQUEST: 40003,
  MISSING_OR_INVALID_ARGUMENT: 40004,
  UNAUTHORIZED: 40101,
  INVALID_NONCE: 40102,
  EXCEED_MAX_SUBSCRIPTIONS: 40107,
  NOT_FOUND: 40401,
  TOO_MANY_REQUESTS: 42901,
  FILL_OR_KILL: 43003,
  IMMEDIATE_OR_CANCEL: 43004,
  POST_ONLY_REJ: 43005,
  ERR_INTERNAL: 50001,
} as const;

export type CodeName = keyof typeof CODES;

const NAME_OF = new Map<number, CodeName>(Object.entries(CODES).map(([name, code]) => [code, name as CodeName]));

/** The reason name of a code (the `message` when nothing more precise is said). */
export function codeName(code: number): string {
  return NAME_OF.get(code) ?? 'ERR_INTERNAL';
}

/** HTTP status of a code per the §6 table (or D3's column where §8.8/§8.9 switches say so). */
export function httpStatusOf(code: number, quirks: CdcxQuirks): number {
  if (code === 0 || code === 43012) return 200;
  if (code === CODES.NOT_FOUND) return quirks.notFoundHttpStatus;
  if (code === CODES.TOO_MANY_REQUESTS) return 429;
  if (code === 40101 || code === 40103 || code === 40104) return 401;
  if (code === 43003 || code === 43004 || code === 43005) return quirks.businessErrorStatus === 'd3' ? 400 : 500;
  if ([212, 306, 307, 309, 316, 415].includes(code)) return 500;
  return 400;
}

/** A failure carried up to the envelope: code, message, and (§8.10) an optional result. */
export class CdcxError extends Error {
  constructor(
    readonly code: number,
    message?: string,
    readonly result?: unknown,
  ) {
    super(message ?? codeName(code));
  }
}

/** Throws a CdcxError (for one-line validation). */
export function fail(code: number, message?: string): never {
  throw new CdcxError(code, message);
}
