import Big from 'big.js';
import type { AppError, Balance, Market, Order, OrderPreview } from '../../../shared';

/**
 * Basket orders (issue 13 #1): one order to several accounts, each leg with its own size,
 * checked on its own before sending and reported on its own after. Pure, so unit tested.
 */

export interface BasketLeg {
  accountId: string;
  label: string;
  quantity?: string;
  total?: string;
}

/** What the leg's account has free for it, or a warning that the exchange will likely refuse it. */
export function balanceWarning(side: 'buy' | 'sell', preview: Pick<OrderPreview, 'quantity' | 'total' | 'notional'>, market: Pick<Market, 'base' | 'quote'> | undefined, balances: readonly Balance[], accountId: string): string | undefined {
  if (!market) return undefined;
  const asset = side === 'buy' ? market.quote : market.base;
  const need = side === 'buy' ? (preview.total ?? preview.notional) : preview.quantity;
  if (need === undefined) return undefined;
  const free = balances.find((b) => b.accountId === accountId && b.asset === asset)?.free ?? '0';
  if (new Big(need).lte(free)) return undefined;
  return `needs ${need} ${asset}, has ${free} ${asset} free: the exchange will likely refuse it`;
}

export interface LegOutcome {
  accountId: string;
  order?: Order;
  error?: AppError;
}

/** One leg's result in the trader's words: `placed · order 123 (open)` or `rejected: insufficient USDT`. */
export function legResultWords(leg: LegOutcome): { level: 'ok' | 'error' | 'unknown'; text: string } {
  if (leg.order) return { level: 'ok', text: `${leg.order.status === 'filled' ? 'filled' : 'placed'} · order ${leg.order.id} (${leg.order.status})` };
  if (leg.error?.code === 'ORDER_STATE_UNKNOWN') return { level: 'unknown', text: 'not confirmed yet, looking it up by client id' };
  const verb = leg.error?.code === 'EXCHANGE_REJECTED' ? 'rejected' : 'not placed';
  return { level: 'error', text: `${verb}: ${leg.error?.message ?? 'no answer'}` };
}

/** `basket BUY BTCUSDT @ 87000: 1 of 2 legs placed`. */
export function basketSummary(what: string, legs: readonly LegOutcome[]): { level: 'ok' | 'error'; text: string } {
  const placed = legs.filter((l) => l.order).length;
  const unknown = legs.filter((l) => l.error?.code === 'ORDER_STATE_UNKNOWN').length;
  const tail = unknown ? `, ${unknown} being looked up` : '';
  return { level: placed === legs.length ? 'ok' : 'error', text: `basket ${what}: ${placed} of ${legs.length} legs placed${tail}` };
}
