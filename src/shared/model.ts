import { z } from 'zod';
import { EXCHANGE_IDS } from './exchanges';

/**
 * The shared domain model. Money is a decimal string everywhere (style.md §7); times are
 * Unix milliseconds unless a name says otherwise.
 */

/**
 * Longest decimal text anywhere in the contract (sign, digits and point). It bounds the work
 * big.js does on any value (issue 12: a 100k-digit price blocked main for 19 s) and is also the
 * budget of the exchange number reader (src/main/exchanges/kit/wire-decimal.ts), so every value
 * read from an exchange fits here. 40 characters hold 18 decimals next to a 21-digit integer part.
 */
export const DECIMAL_MAX_LENGTH = 40;
const DECIMAL_RE = /^-?(?:\d+)(?:\.\d+)?$/;
/** A decimal number written as a string: `"48000"`, `"0.00012"`. No exponent, no sign `+`, at most 40 characters. */
export const Decimal = z
  .string({ error: 'must be a decimal number such as 0.5, written as text' })
  .max(DECIMAL_MAX_LENGTH, { error: `must be a number of at most ${DECIMAL_MAX_LENGTH} characters`, abort: true })
  .regex(DECIMAL_RE, 'must be a decimal number such as 0.5 (digits and one point, no exponent)');
export type Decimal = z.infer<typeof Decimal>;

/**
 * A terminal account id: `icrypex-3f9a1c0b2e` (made by the account service). Letters, digits,
 * `-` and `_`, 1 to 64 characters: never NUL or a control character, because keytar cuts an
 * account name at NUL and `"<id>\0"` would name another account's keychain entry (issue 12).
 */
export const ACCOUNT_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const AccountId = z
  .string()
  .min(1, 'choose an account')
  .max(64, 'an account id has at most 64 characters')
  .regex(ACCOUNT_ID_RE, 'an account id has only letters, digits, - and _');

/**
 * An exchange order id as the terminal passes it back (Crypto.com and Icrypex send integers,
 * specs/cryptocom-v1.md §5.7, specs/icrypex.md §7.8; dry runs answer `dry-run-<client id>`).
 */
export const OrderId = z
  .string()
  .min(1, 'choose an order')
  .max(64, 'an order id has at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'an order id has only letters, digits, ., :, - and _');

/** The renderer's idempotency key per submit (renderer/src/lib/ticket.ts newClientId: `kt…`, 8..40 characters). */
export const ClientOrderId = z
  .string()
  .min(8, 'a client order id has at least 8 characters')
  .max(40, 'a client order id has at most 40 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'a client order id has only letters, digits, - and _');

/** An exchange of the catalog (src/shared/exchanges.ts). */
export const ExchangeId = z.enum(EXCHANGE_IDS);
export type ExchangeId = z.infer<typeof ExchangeId>;

export const Mode = z.enum(['demo', 'live']);
export type Mode = z.infer<typeof Mode>;

export const Side = z.enum(['buy', 'sell']);
export type Side = z.infer<typeof Side>;

export const OrderType = z.enum(['limit', 'market', 'stop-limit', 'stop-market']);
export type OrderType = z.infer<typeof OrderType>;

export const OrderStatus = z.enum([
  'pending',
  'open',
  'partially-filled',
  'filled',
  'pending-cancel',
  'canceled',
  'rejected',
  'expired',
  'unknown',
]);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** A tradable pair, normalised across exchanges. `symbol` is the terminal's own `BTCUSDT` form. */
export const Market = z.object({
  exchange: ExchangeId,
  symbol: z.string(),
  /** The exchange's own spelling (`BTCUSDT`, `btcusdt`). */
  nativeSymbol: z.string(),
  base: z.string(),
  quote: z.string(),
  pricePrecision: z.number().int().nonnegative(),
  quantityPrecision: z.number().int().nonnegative(),
  tickSize: Decimal,
  stepSize: Decimal,
  minNotional: Decimal,
  /** Fee rates as fractions (0.001 = 0.1 %), when the exchange publishes them. */
  makerFeeRate: Decimal.optional(),
  takerFeeRate: Decimal.optional(),
  orderTypes: z.array(OrderType),
  status: z.enum(['trading', 'cancel-only', 'halted']),
});
export type Market = z.infer<typeof Market>;

export const Ticker = z.object({
  exchange: ExchangeId,
  symbol: z.string(),
  last: Decimal,
  bid: Decimal.optional(),
  ask: Decimal.optional(),
  high: Decimal,
  low: Decimal,
  /** 24 h change as a fraction: 0.045 is +4.5 %. */
  changeRatio: z.number(),
  volume: Decimal,
  time: z.number(),
});
export type Ticker = z.infer<typeof Ticker>;

/** One aggregated price level: [price, quantity]. */
export const BookLevel = z.tuple([Decimal, Decimal]);
export type BookLevel = z.infer<typeof BookLevel>;

export const BookSnapshot = z.object({
  exchange: ExchangeId,
  symbol: z.string(),
  /** Best first on both sides. */
  bids: z.array(BookLevel),
  asks: z.array(BookLevel),
  /** True while the local book is known to be out of sync with the exchange. */
  stale: z.boolean(),
  time: z.number(),
});
export type BookSnapshot = z.infer<typeof BookSnapshot>;

export const Trade = z.object({
  exchange: ExchangeId,
  symbol: z.string(),
  id: z.string(),
  price: Decimal,
  quantity: Decimal,
  /** Taker side. */
  side: Side,
  time: z.number(),
});
export type Trade = z.infer<typeof Trade>;

/** Candle lengths. `1month` is Crypto.com's 43,200-minute candle (specs/cryptocom-v1.md §4); which an exchange offers is in its catalog entry. */
export const Resolution = z.enum(['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w', '1month']);
export type Resolution = z.infer<typeof Resolution>;

/** Length of each resolution in seconds (1month: the 30 days of V1's 43,200-minute period). */
export const RESOLUTION_SECONDS: Readonly<Record<Resolution, number>> = {
  '1m': 60,
  '5m': 300,
  '15m': 900,
  '30m': 1_800,
  '1h': 3_600,
  '4h': 14_400,
  '1d': 86_400,
  '1w': 604_800,
  '1month': 2_592_000,
};

export const Candle = z.object({
  /** Bucket start, Unix seconds (what charts use). */
  time: z.number().int(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number(),
});
export type Candle = z.infer<typeof Candle>;

export const Order = z.object({
  accountId: z.string(),
  exchange: ExchangeId,
  symbol: z.string(),
  id: z.string(),
  clientId: z.string().optional(),
  side: Side,
  type: OrderType,
  status: OrderStatus,
  price: Decimal.optional(),
  triggerPrice: Decimal.optional(),
  quantity: Decimal,
  filledQuantity: Decimal,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Order = z.infer<typeof Order>;

export const Balance = z.object({
  accountId: z.string(),
  asset: z.string(),
  free: Decimal,
  locked: Decimal,
  total: Decimal,
});
export type Balance = z.infer<typeof Balance>;

/** One of the account's own trades (a fill of one of its orders). */
export const Fill = z.object({
  accountId: z.string(),
  exchange: ExchangeId,
  symbol: z.string(),
  id: z.string(),
  orderId: z.string(),
  side: Side,
  price: Decimal,
  quantity: Decimal,
  fee: Decimal,
  feeAsset: z.string(),
  time: z.number(),
});
export type Fill = z.infer<typeof Fill>;

/** Per-account endpoint overrides (empty = the exchange's documented defaults). */
export const Endpoints = z.object({
  rest: z.string().max(2048, 'an address has at most 2048 characters').pipe(z.url({ protocol: /^https?$/ })).optional(),
  ws: z.string().max(2048, 'an address has at most 2048 characters').pipe(z.url({ protocol: /^wss?$/ })).optional(),
});
export type Endpoints = z.infer<typeof Endpoints>;

/** An account as the renderer may know it: never a secret, only the key's last 4 characters. */
export const Account = z.object({
  id: AccountId,
  exchange: ExchangeId,
  label: z.string(),
  mode: Mode,
  keyLast4: z.string().max(4),
  endpoints: Endpoints,
  createdAt: z.number(),
});
export type Account = z.infer<typeof Account>;

export const StreamState = z.enum(['connecting', 'connected', 'reconnecting', 'stale', 'closed']);
export type StreamState = z.infer<typeof StreamState>;

/** Health of one connection (a public market socket, an account's private socket or poller). */
export const StreamStatus = z.object({
  key: z.string(),
  accountId: z.string().optional(),
  exchange: ExchangeId,
  kind: z.enum(['public', 'private', 'poll']),
  state: StreamState,
  /** When the state last changed (ms). */
  since: z.number(),
  detail: z.string().optional(),
  /** While reconnecting: when the next attempt is due (ms), for the status bar (issue 20). */
  retryAt: z.number().optional(),
});
export type StreamStatus = z.infer<typeof StreamStatus>;

/** What is left of one rate-limit rule, for the status bar. */
export const RateBudget = z.object({
  exchange: ExchangeId,
  accountId: z.string().optional(),
  rule: z.string(),
  limit: z.number().int(),
  remaining: z.number().int(),
  windowMs: z.number().int(),
  /** Set while the exchange's rejection period after a 429 runs. */
  blockedUntil: z.number().optional(),
  queued: z.number().int(),
});
export type RateBudget = z.infer<typeof RateBudget>;

/** Latency and clock skew to one exchange endpoint, as measured by the HTTP client. */
export const LinkHealth = z.object({
  exchange: ExchangeId,
  accountId: z.string().optional(),
  latencyMs: z.number().optional(),
  /** Exchange clock minus ours (ms), from the Date header. */
  clockSkewMs: z.number().optional(),
});
export type LinkHealth = z.infer<typeof LinkHealth>;
