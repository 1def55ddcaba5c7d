import { type ErrorCodeSet } from './envelope';
import { type DecimalStyle } from './json';
import { type EmptyValueRule } from './sign';

/**
 * Every variant specs/cryptocom-v1.md lists, as a switch. Defaults follow the spec's
 * best-evidenced choice (§7 checklist); tests and demo mode flip them at run time.
 */
export interface CryptocomQuirks {
  // --- signing (§2)
  /** §2 step 3: `skip` (official rule) or `keep-name` (S7 sample). */
  emptyValueRule: EmptyValueRule;
  /** §2 step 5: whether an uppercase hex `sign` is accepted (unknown; rejected by default). */
  acceptUppercaseHex: boolean;
  /** §2 notes: how far `time` may be from server time, in ms (±30 s). */
  timeWindowMs: number;

  // --- rate limits (§3)
  /** `seed`: the seed/S9 rows; `faq`: S10's 10 calls per URL per second. */
  rateLimitTable: 'seed' | 'faq';
  /**
   * §3 seed row for order queries: "1-10 per 100 ms" per key; the exact value is unknown. The
   * default is the strictest end (1), so a client that copes here copes everywhere; the switch
   * is `--cdc-order-query-rate N` on `npm run sim` (docs/sim-cryptocom.md "Rate limits").
   */
  orderQueryPer100ms: number;
  /** Rate limits can be switched off entirely (benchmarks). */
  rateLimitsEnabled: boolean;

  // --- REST shapes (§5)
  /** §5.1: `count_coin`/`base_coin` case (uppercase in the 2020 live sample). */
  symbolCoinCase: 'upper' | 'lower';
  /** §5.2 ticker decimals (strings in the 2020 sample). */
  tickerDecimals: DecimalStyle;
  /** §5.3 kline values (numbers). */
  klineDecimals: DecimalStyle;
  /** §5.3: kline order in the reply. */
  klineOrder: 'asc' | 'desc';
  /** §5.3: candles per reply (300 is a guess from the WS history). */
  klineCount: number;
  /** §5.4 trade `amount`/`price` (numbers). */
  tradeDecimals: DecimalStyle;
  /** §5.5 ticker/price values (numbers). */
  tickerPriceDecimals: DecimalStyle;
  /** §5.6 depth levels (numbers). */
  depthDecimals: DecimalStyle;
  /** §5.6 depth `time`: `null` (S4) or ms (UEX/S5). */
  depthTime: 'null' | 'ms';
  /** §5.6: levels per side in a REST depth reply (unknown; 150 as in the WS sub). */
  depthLevels: number;
  /** §5.7 account decimals (strings). */
  accountDecimals: DecimalStyle;
  /** §5.7: `btcValuatin` (sic, S2/S4/S6/S11) or `btcValuation` (S5). */
  btcValuationKey: 'btcValuatin' | 'btcValuation';
  /** §5.7: coin case in `coin_list` (lowercase in the samples). */
  accountCoinCase: 'upper' | 'lower';
  /** §5.9: `order_info.deal_price`/`fee`: Java numbers (S6, S5) or strings (S4). */
  showOrderDealPriceFee: 'java-number' | 'string';
  /** §5.9: top-level `trade_list` (S6) as well as `order_info.tradeList`, or only the latter (S4). */
  showOrderTopLevelTradeList: boolean;
  /** §5.9: `updated_at` (S4 2020 only). */
  showOrderUpdatedAt: boolean;
  /** §5.10 cancel reply `data`: null (S6) or `""` (ChainUP). */
  cancelReplyData: 'null' | 'empty-string';
  /** §5.10: how long a cancelled order shows status 5 before it becomes 4, in ms. */
  pendingCancelMs: number;
  /** §5.12 default page size (unknown; 10 is plausible for ChainUP). */
  defaultPageSize: number;
  /** §5.15: balance/precision/minimum codes (short 4/5/6 or long 10034/10062/10063). */
  errorCodeSet: ErrorCodeSet;
  /** §5.15: HTTP status for business errors (200 per ChainUP; S4 maps codes on >=400). */
  businessErrorHttpStatus: 200 | 400;
  /** §5.15: unknown symbol on depth/trades/klines: HTTP 500 (S5) or 200 + 100004 (GroveX fixture). */
  unknownMarketSymbol: 'http-500' | 'code-100004';

  // --- WebSocket (§6)
  /** §6.2: server ping interval in ms (0 = never). */
  wsPingIntervalMs: number;
  /** §6.2: unit of the ping value (ms per the spec; the ChainUP siblings send seconds). */
  wsPingUnit: 'ms' | 's';
  /** §6.2: close a socket that has no subscription after this long, in ms (0 = never). */
  wsIdleCloseMs: number;
  /** §6.5: send `{"event_rep":"subed",…}` for every sub (off: crypto.com sent none). */
  wsSubAck: boolean;
  /** §6.6: add `"event_rep":"","data":null,"status":"ok"` to pushes, as the live siblings do. */
  wsEnvelopeExtras: boolean;
  /** §6.6 ticker/trade values: strings (S12 and the fixtures) or numbers (doc). */
  wsTickDecimals: DecimalStyle;
  /** §6.6 trade `side` case: lowercase (doc) or uppercase (S12). */
  wsTradeSideCase: 'lower' | 'upper';
  /** §6.6 `ds` and §5.13 `startDate`/`endDate` time zone, hours from UTC (ChainUP runs UTC+8; unknown for crypto.com). */
  serverUtcOffsetHours: number;
  /** §6.6: resend an unchanged depth snapshot this often, in ms (about 11 s on S12). */
  wsDepthRefreshMs: number;
  /** §6.6: minimum gap between two change-driven depth pushes per channel, in ms. */
  wsDepthThrottleMs: number;
  /** Minimum gap between two ticker or kline pushes per channel, in ms (trades are never held back). */
  wsTickThrottleMs: number;
  /** §6.8: a client frame that is not JSON closes the socket (1006) as on S12, or is ignored. */
  wsMalformedRequest: 'close' | 'ignore';
  /** §6.2: a client `{"ping":…}` closed the socket on S12; off by default. */
  wsClientPingCloses: boolean;
  /** §6.6: levels per side in a depth push. */
  wsDepthLevels: number;
}

/** The defaults (§7 checklist). */
export const DEFAULT_CRYPTOCOM_QUIRKS: Readonly<CryptocomQuirks> = Object.freeze({
  emptyValueRule: 'skip',
  acceptUppercaseHex: false,
  timeWindowMs: 30_000,
  rateLimitTable: 'seed',
  orderQueryPer100ms: 1,
  rateLimitsEnabled: true,
  symbolCoinCase: 'upper',
  tickerDecimals: 'string',
  klineDecimals: 'number',
  klineOrder: 'asc',
  klineCount: 300,
  tradeDecimals: 'number',
  tickerPriceDecimals: 'number',
  depthDecimals: 'number',
  depthTime: 'null',
  depthLevels: 150,
  accountDecimals: 'string',
  btcValuationKey: 'btcValuatin',
  accountCoinCase: 'lower',
  showOrderDealPriceFee: 'java-number',
  showOrderTopLevelTradeList: true,
  showOrderUpdatedAt: true,
  cancelReplyData: 'null',
  pendingCancelMs: 200,
  defaultPageSize: 10,
  errorCodeSet: 'short',
  businessErrorHttpStatus: 200,
  unknownMarketSymbol: 'http-500',
  wsPingIntervalMs: 10_000,
  wsPingUnit: 'ms',
  wsIdleCloseMs: 60_000,
  wsSubAck: false,
  wsEnvelopeExtras: true,
  wsTickDecimals: 'string',
  wsTradeSideCase: 'lower',
  serverUtcOffsetHours: 8,
  wsDepthRefreshMs: 11_000,
  wsDepthThrottleMs: 100,
  wsTickThrottleMs: 250,
  wsMalformedRequest: 'close',
  wsClientPingCloses: false,
  wsDepthLevels: 150,
});

/** A fresh mutable quirk set: the defaults with `overrides` applied. */
export function makeQuirks(overrides: Partial<CryptocomQuirks> = {}): CryptocomQuirks {
  const q = overrides.orderQueryPer100ms;
  if (q !== undefined && !(Number.isInteger(q) && q >= 1 && q <= 10)) {
    throw new RangeError(`orderQueryPer100ms must be a whole number from 1 to 10 (specs/cryptocom-v1.md §3: 1-10 per 100 ms), got ${q}`);
  }
  return { ...DEFAULT_CRYPTOCOM_QUIRKS, ...overrides };
}
