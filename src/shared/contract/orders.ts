import { z } from 'zod';
import { AppError } from '../result';
import { ClientOrderId, Decimal, Fill, Order, OrderId, OrderType, Side } from '../model';
import { AccountId, PairSymbol } from './market';
import { invoke } from './define';

/**
 * A new order as the ticket or the palette sends it. The schema checks shapes; the trading
 * service checks the order against the pair's rules and the risk guards and names the field.
 */
export const PlaceOrderRequest = z.object({
  accountId: AccountId,
  symbol: PairSymbol,
  side: Side,
  type: OrderType,
  /** Limit price (limit, stop-limit). */
  price: Decimal.optional(),
  /** Stop trigger (stop-limit, stop-market). */
  triggerPrice: Decimal.optional(),
  /** Base quantity. */
  quantity: Decimal.optional(),
  /** Quote amount to spend (market or stop-market buy by total). */
  total: Decimal.optional(),
  /**
   * Idempotency key made by the renderer per submit: a second submit with the same id is
   * answered with the first one's result and never sent twice.
   */
  clientId: ClientOrderId,
  /** Read-only mode: validate and show what would be sent, send nothing. */
  dryRun: z.boolean().optional(),
});
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequest>;

export const OrderFilter = z.object({
  /** Omit for all accounts. */
  accountId: AccountId.optional(),
  symbol: PairSymbol.optional(),
  /** Unix ms. */
  from: z.number().int().nonnegative().optional(),
  to: z.number().int().nonnegative().optional(),
});

/** One leg's outcome; a failed leg never hides the others. */
export const LegResult = z.object({
  accountId: AccountId,
  order: Order.optional(),
  error: AppError.optional(),
  /** Cancel-all: how many open orders this account cancelled. */
  canceled: z.number().int().nonnegative().optional(),
});

/**
 * What a read could not cover (issue 13 #5): an account that failed (`failed`, no `symbol`),
 * one market of it (`failed` with `symbol`), or a read that may be incomplete by design
 * (`partial`: Crypto.com V1 lists history one market at a time, so "all symbols" is the markets
 * the account holds or traded). The message is in the trader's words, without the account name.
 */
export const ReadGap = z.object({
  accountId: AccountId,
  symbol: PairSymbol.optional(),
  kind: z.enum(['failed', 'partial']),
  message: z.string(),
});
export type ReadGap = z.infer<typeof ReadGap>;

/** Rows of a read over one or several accounts, and what it could not read: it never fails whole. */
const rowsOf = <T extends z.ZodTypeAny>(row: T) => z.object({ rows: z.array(row), gaps: z.array(ReadGap) });

/** What the ticket shows before submit: the rounded order, its notional, fee and every rule it breaks. */
export const OrderPreview = z.object({
  price: Decimal.optional(),
  quantity: Decimal.optional(),
  total: Decimal.optional(),
  /** Price × quantity in the quote asset (estimated from the reference price for market orders). */
  notional: Decimal.optional(),
  estimatedFee: Decimal.optional(),
  feeAsset: z.string().optional(),
  violations: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type OrderPreview = z.infer<typeof OrderPreview>;

/**
 * The engine answers `orders:place` within this many ms. An order the exchange has not
 * confirmed by then is answered ORDER_STATE_UNKNOWN, and how it ended follows as an
 * `orders:outcome` push (the connectors' HTTP timeouts for an order are shorter).
 */
export const ORDER_ANSWER_TIMEOUT_MS = 11_000;

/** How long a window waits for the engine's answer to `orders:place`: the engine's own bound plus the IPC hop. */
export const ORDER_REQUEST_TIMEOUT_MS = ORDER_ANSWER_TIMEOUT_MS + 2_000;

/**
 * How one submitted order ended, keyed by its client id. Pushed once per order that may have
 * reached the exchange: at once when the exchange answered, later when the answer was
 * ambiguous and the connector established the truth.
 */
export const OrderOutcome = z.object({
  accountId: AccountId,
  clientId: z.string().min(1).max(40),
  /** `not-placed`: the exchange never created it (established by client id, or inferred, see `certain`). */
  state: z.enum(['placed', 'filled', 'canceled', 'rejected', 'not-placed']),
  order: Order.optional(),
  /** What happened and how the terminal knows it, in the trader's words. */
  message: z.string(),
  /** False when the state is the terminal's inference, not the exchange's word (Crypto.com V1 has no client id). */
  certain: z.boolean(),
});
export type OrderOutcome = z.infer<typeof OrderOutcome>;

/**
 * A submitted order waits for the exchange's rate budget before it leaves (issue 20 #5): pushed
 * once, while `orders:place` is still unanswered, so the ticket can say "queued: sends in 1.2 s".
 * An order that could not leave in time is not queued: it is answered RATE_LIMITED at once.
 */
export const OrderQueued = z.object({
  accountId: AccountId,
  clientId: z.string().min(1).max(40),
  /** How long it is expected to wait before it is sent (ms). */
  waitMs: z.number().int().nonnegative(),
});
export type OrderQueued = z.infer<typeof OrderQueued>;

/** Moves an open order (limit or stop-limit) to a new limit price; a stop-limit keeps its trigger. */
export const MoveOrderRequest = z.object({
  accountId: AccountId,
  symbol: PairSymbol,
  orderId: OrderId,
  /** The new limit price, checked against the pair's rules and the guards like a new order's. */
  price: Decimal,
  /** The replacement's client id, should the move cancel and place anew (the same idempotency as orders:place). */
  clientId: ClientOrderId,
});

/**
 * What a move did, once it reached the exchange (a move refused before anything was sent is a
 * failed Result, and nothing changed). `amended`: the exchange changed the order in place (same
 * order id). `replaced`: cancelled, then a new order (its own id) at the new price. `unchanged`:
 * the amend or the cancel failed and the original stands as it was. `original-gone`: the
 * original is cancelled but no new order replaced it (`error` says why). `unknown`: the amend or
 * the cancel failed and the original could not be read after it.
 */
export const MoveOutcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('amended'), order: Order }),
  z.object({ kind: z.literal('replaced'), canceled: Order, order: Order }),
  z.object({ kind: z.literal('unchanged'), order: Order, error: AppError }),
  z.object({ kind: z.literal('original-gone'), canceled: Order.optional(), error: AppError }),
  z.object({ kind: z.literal('unknown'), error: AppError }),
]);
export type MoveOutcome = z.infer<typeof MoveOutcome>;

export const ordersInvoke = {
  /** Validates without sending; `clientId` is not needed. */
  'orders:preview': invoke(PlaceOrderRequest.partial({ clientId: true }), OrderPreview),
  'orders:place': invoke(PlaceOrderRequest, Order),
  'orders:cancel': invoke(z.object({ accountId: AccountId, symbol: PairSymbol, orderId: OrderId }), Order),
  /** With the exchange's amend where the connector has one, else cancel then place (see MoveOutcome). */
  'orders:move': invoke(MoveOrderRequest, MoveOutcome),
  /**
   * All open orders of one account, of a list of accounts (a group), or of all accounts (give
   * neither); optionally one symbol. One leg per account, with its count.
   */
  'orders:cancel-all': invoke(
    z.object({ accountId: AccountId.optional(), accountIds: z.array(AccountId).min(1).max(50).optional(), symbol: PairSymbol.optional() }),
    z.object({ canceled: z.number().int(), legs: z.array(LegResult) }),
  ),
  /**
   * Reads over one account or all: the rows of every account (and market) that answered, and
   * a gap for each that did not. Only a read of one named account that fails whole is an error.
   */
  'orders:open': invoke(OrderFilter, rowsOf(Order)),
  'orders:history': invoke(OrderFilter, rowsOf(Order)),
  'orders:fills': invoke(OrderFilter, rowsOf(Fill)),
  /** The same order to several accounts with per-account sizes. */
  'orders:basket': invoke(
    PlaceOrderRequest.omit({ accountId: true, quantity: true, total: true }).extend({
      legs: z
        .array(z.object({ accountId: AccountId, quantity: Decimal.optional(), total: Decimal.optional() }))
        .min(1)
        .max(20),
    }),
    z.object({ legs: z.array(LegResult) }),
  ),
} as const;

export const ordersEvents = {
  /** An order of any account changed (placed, filled, cancelled, or its state became known). */
  'orders:update': Order,
  'orders:fill': Fill,
  /** A submitted order's final outcome (see OrderOutcome). */
  'orders:outcome': OrderOutcome,
  /** A submitted order waits for the rate budget (see OrderQueued). */
  'orders:queued': OrderQueued,
} as const;
