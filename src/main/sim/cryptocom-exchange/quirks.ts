/**
 * Every variant the Crypto.com Exchange simulator can serve (specs/cryptocom-exchange.md §8).
 * The defaults are §8's "Default:" lines; the [L] ones (guesses) are switches so connector
 * tests can try the other reading. Read per request / per frame, so tests flip them live.
 */
export interface CdcxQuirks {
  /** §8.1: `code` as a JSON number (live) or a string (`"0"`, the docs' examples). */
  codeAsString: boolean;
  /** §8.3: how `null` enters the signed string: the text `null` (official, D4) or nothing (C3). */
  nullInSignature: 'null' | 'empty';
  /** §8.6: client_oid the server fills in: the request `id` (live) or the `nonce` (docs). */
  defaultClientOid: 'id' | 'nonce';
  /** §8.7 [L]: a reused client_oid is 204 when an open order has it, or any order of the last 24 h. */
  clientOidScope: 'open' | '24h';
  /** §4.4 [L]: client_oid charset: printable ASCII without spaces, or anything up to 36 chars. */
  clientOidCharset: 'printable' | 'any';
  /** §8.8 [M/L]: HTTP status of 40401 for an unknown order (docs table 200, D3 404). */
  notFoundHttpStatus: 200 | 404;
  /** §8.9: HTTP status of business errors: the docs table, or D3's (43003/43004/43005 as 400). */
  businessErrorStatus: 'docs' | 'd3';
  /** §8.10/§5.11 [L]: ms before a new order shows in get-order-detail (asynchronous engine); 0 = at once. */
  orderVisibleAfterMs: number;
  /** §8.25 [L]: 315 when a limit is further than this fraction from the last trade (0.5 = 50 %); 0 turns the band off. */
  farAwayBand: string;
  /** §8.26 [L]: row order of get-order-history and get-trades. */
  historyOrder: 'newest-first' | 'oldest-first';
  /** §3 [L]: open-order caps (318 EXCEEDS_MAX_ALLOWED_ORDERS). */
  maxOpenPerInstrument: number;
  maxOpenPerAccount: number;
  /** §3: answer 42901 when a budget is exceeded (tests of other things switch it off). */
  rateLimitsEnabled: boolean;
  /** §8.18: WS budgets plain per second (lenient) or with the first second pro-rated (strict). */
  wsStrictProRating: boolean;
  /** §2.2: nonce tolerance either way, ms (40102 beyond). */
  nonceWindowMs: number;
  /** §7.2: `public/heartbeat` interval, ms. */
  heartbeatIntervalMs: number;
  /** §8.17 [M]: heartbeats left unanswered in a row before the socket is closed (1000) when the next is due. */
  unansweredHeartbeatsBeforeClose: number;
  /** §7.1: protocol-level ping interval, ms (0 = none). */
  pingIntervalMs: number;
  /** §7.5: empty `u == pu` delta after this much quiet, ms. */
  quietDeltaMs: number;
  /** §7.5: SNAPSHOT-mode interval, ms. */
  snapshotIntervalMs: number;
  /** §8.14 [L]: delta frequency when SNAPSHOT_AND_UPDATE comes without `book_update_frequency`. */
  defaultDeltaFrequencyMs: 10 | 100;
  /** §7.5: the book snapshot follows the bare ack after this long (P1 saw ~1 s). */
  firstSnapshotDelayMs: number;
  /** §8.19 / §7.3 [L]: a bare ack before the first frame for non-book channels too. */
  bareAckForAllChannels: boolean;
  /** §8.24 [L]: a private subscribe before auth answers 40101 and keeps the socket (or closes it). */
  subscribeBeforeAuth: 'error' | 'close';
  /** §3: channels per market socket (40107 beyond). The 5 markets make 145 distinct channels, so tests lower it to reach it. */
  maxChannelsPerSocket: number;
  /** §7.4 [L]: what set-cancel-on-disconnect cancels: every open order of the account, or only those placed on that socket. */
  cancelOnDisconnectScope: 'account' | 'connection';
}

export const DEFAULT_CDCX_QUIRKS: Readonly<CdcxQuirks> = Object.freeze({
  codeAsString: false,
  nullInSignature: 'null',
  defaultClientOid: 'id',
  clientOidScope: 'open',
  clientOidCharset: 'printable',
  notFoundHttpStatus: 200,
  businessErrorStatus: 'docs',
  orderVisibleAfterMs: 0,
  farAwayBand: '0.5',
  historyOrder: 'newest-first',
  maxOpenPerInstrument: 200,
  maxOpenPerAccount: 1000,
  rateLimitsEnabled: true,
  wsStrictProRating: false,
  nonceWindowMs: 60_000,
  heartbeatIntervalMs: 30_000,
  unansweredHeartbeatsBeforeClose: 2,
  pingIntervalMs: 5_000,
  quietDeltaMs: 5_000,
  snapshotIntervalMs: 500,
  defaultDeltaFrequencyMs: 10,
  firstSnapshotDelayMs: 1_000,
  bareAckForAllChannels: false,
  subscribeBeforeAuth: 'error',
  cancelOnDisconnectScope: 'account',
  maxChannelsPerSocket: 400,
} satisfies CdcxQuirks);

/** The defaults with overrides applied (a fresh, mutable object). */
export function makeCdcxQuirks(overrides: Partial<CdcxQuirks> = {}): CdcxQuirks {
  return { ...DEFAULT_CDCX_QUIRKS, ...overrides };
}
