import { z } from 'zod';
import { AccountId, Decimal, ExchangeId, OrderId, Side } from '../model';
import { invoke } from './define';
import { PairSymbol } from './market';

/** Most alerts one data folder keeps: bounds alerts.json and the per-trade checks. */
export const MAX_ALERTS = 200;

export const AlertId = z.string().regex(/^alert-[0-9a-z-]{1,40}$/, 'an alert id looks like alert-1');

/** `above`: a trade at or above the price; `below`: at or below; `crossing`: from one side to the other. */
export const AlertCondition = z.enum(['above', 'below', 'crossing'], {
  error: 'the condition must be above, below or crossing',
});
export type AlertCondition = z.infer<typeof AlertCondition>;

const AlertPrice = Decimal.refine((v) => !v.startsWith('-') && /[1-9]/.test(v), 'the alert price must be greater than 0');

/**
 * A price alert on one market (exchange and symbol). The engine watches the market's trades
 * (through `accountId`'s connection, or any account on that exchange) and fires it once.
 */
export const PriceAlert = z.object({
  id: AlertId,
  exchange: ExchangeId,
  symbol: z.string(),
  /** The account whose connection watches the market (the one active when it was set). */
  accountId: AccountId,
  condition: AlertCondition,
  price: Decimal,
  createdAt: z.number(),
  /** `armed` until the condition is met once; `fired` after (edit it to arm it again). */
  state: z.enum(['armed', 'fired']),
  /** The last traded price the engine saw when the alert was armed (a crossing fires when a trade lands on the other side). */
  reference: Decimal.optional(),
  firedAt: z.number().optional(),
  /** The trade price that fired it. */
  firedPrice: Decimal.optional(),
});
export type PriceAlert = z.infer<typeof PriceAlert>;

export const AddAlertRequest = z.strictObject({
  accountId: AccountId,
  symbol: PairSymbol,
  condition: AlertCondition,
  price: AlertPrice,
});
export type AddAlertRequest = z.infer<typeof AddAlertRequest>;

/** Changes condition and/or price; either change (or `rearm`) arms the alert again. */
export const UpdateAlertRequest = z.strictObject({
  id: AlertId,
  condition: AlertCondition.exactOptional(),
  price: AlertPrice.exactOptional(),
  rearm: z.literal(true).exactOptional(),
});

export const alertsInvoke = {
  'alerts:list': invoke(z.undefined(), z.array(PriceAlert)),
  'alerts:add': invoke(AddAlertRequest, PriceAlert),
  'alerts:update': invoke(UpdateAlertRequest, PriceAlert),
  'alerts:remove': invoke(z.strictObject({ id: AlertId }), z.object({ removed: z.boolean() })),
} as const;

/** What a notification is about; the window picks the sound from it (buy fill, sell fill, alert). */
export const NotificationKind = z.enum(['fill', 'partial-fill', 'canceled', 'rejected', 'expired', 'alert']);
export type NotificationKind = z.infer<typeof NotificationKind>;

/**
 * Something the trader should hear about even with the window hidden: a fill, an order the
 * exchange ended, a price alert. Made in main, so it is raised whether or not a window listens.
 */
export const TerminalNotification = z.object({
  id: z.number().int().nonnegative(),
  kind: NotificationKind,
  /** Short line (the OS notification's title). */
  title: z.string(),
  /** The details, in the trader's words. */
  body: z.string(),
  time: z.number(),
  exchange: ExchangeId,
  symbol: z.string(),
  accountId: AccountId.optional(),
  /** Set for order notices: the window keeps one toast per order, updated as it fills. */
  orderId: OrderId.optional(),
  /** Set for fills: which sound (buy fill, sell fill). */
  side: Side.optional(),
  alertId: AlertId.optional(),
});
export type TerminalNotification = z.infer<typeof TerminalNotification>;

export const alertsEvents = {
  /** The whole alert list after any change (added, edited, removed, fired). */
  'alerts:changed': z.array(PriceAlert),
  /** A fill, an order the exchange ended, or a fired alert. */
  'alerts:notification': TerminalNotification,
} as const;
