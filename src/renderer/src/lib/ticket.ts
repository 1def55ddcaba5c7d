import Big from 'big.js';
import type { Balance, Market, OrderType, PlaceOrderRequest, Side } from '../../../shared';

/** What the trader typed in the ticket; strings as typed, checked before anything is sent. */
export interface TicketFields {
  side: Side;
  type: OrderType;
  price: string;
  triggerPrice: string;
  quantity: string;
  total: string;
  /** Size by base quantity or by quote total (market buys). */
  sizeMode: 'quantity' | 'total';
}

export const EMPTY_FIELDS: TicketFields = {
  side: 'buy',
  type: 'limit',
  price: '',
  triggerPrice: '',
  quantity: '',
  total: '',
  sizeMode: 'quantity',
};

export interface FieldProblem {
  field: string;
  message: string;
}

export function needsPrice(type: OrderType): boolean {
  return type === 'limit' || type === 'stop-limit';
}

export function needsTrigger(type: OrderType): boolean {
  return type === 'stop-limit' || type === 'stop-market';
}

/** A market or stop-market buy may be sized by quote total. */
export function canUseTotal(side: Side, type: OrderType): boolean {
  return side === 'buy' && (type === 'market' || type === 'stop-market');
}

const LABELS: Record<string, string> = { price: 'price', triggerPrice: 'trigger price', quantity: 'quantity', total: 'total' };

/**
 * The checks the ticket can make alone, before asking the engine: every needed field is
 * there and is a positive decimal number. The pair's rules (precision, tick, minimum) come
 * from `orders:preview`.
 */
export function checkFields(fields: TicketFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const check = (field: keyof TicketFields, required: boolean) => {
    const label = LABELS[field]!;
    const raw = String(fields[field]).trim();
    if (raw === '') {
      if (required) problems.push({ field, message: `${label} is required for a ${fields.type} order` });
      return;
    }
    if (/^-/.test(raw)) {
      problems.push({ field, message: `${label} must be greater than 0, not ${raw}` });
      return;
    }
    if (!/^\d*\.?\d+$|^\d+\.$/.test(raw)) {
      problems.push({ field, message: /,/.test(raw) ? `${label} "${raw}": use a dot for decimals, no commas` : `${label} "${raw}" is not a number` });
      return;
    }
    if (new Big(raw.endsWith('.') ? raw.slice(0, -1) : raw).lte(0)) problems.push({ field, message: `${label} must be greater than 0` });
  };
  if (needsPrice(fields.type)) check('price', true);
  if (needsTrigger(fields.type)) check('triggerPrice', true);
  if (fields.sizeMode === 'total' && canUseTotal(fields.side, fields.type)) check('total', true);
  else check('quantity', true);
  return problems;
}

/** `"1."` → `"1"`, `".5"` → `"0.5"`: what the contract's Decimal accepts. */
export function canonicalDecimal(raw: string): string {
  let text = raw.trim();
  if (text.endsWith('.')) text = text.slice(0, -1);
  if (text.startsWith('.')) text = `0${text}`;
  return text;
}

/** The order the fields describe, without the client id (added per submission). */
export function toOrderRequest(
  fields: TicketFields,
  accountId: string,
  symbol: string,
): Omit<PlaceOrderRequest, 'clientId'> {
  const request: Omit<PlaceOrderRequest, 'clientId'> = { accountId, symbol, side: fields.side, type: fields.type };
  if (needsPrice(fields.type)) request.price = canonicalDecimal(fields.price);
  if (needsTrigger(fields.type)) request.triggerPrice = canonicalDecimal(fields.triggerPrice);
  if (fields.sizeMode === 'total' && canUseTotal(fields.side, fields.type)) request.total = canonicalDecimal(fields.total);
  else request.quantity = canonicalDecimal(fields.quantity);
  return request;
}

/** A stable key of an order request: two submissions with the same key are the same order. */
export function requestKey(request: Omit<PlaceOrderRequest, 'clientId'>): string {
  return [request.accountId, request.symbol, request.side, request.type, request.price ?? '', request.triggerPrice ?? '', request.quantity ?? '', request.total ?? ''].join('|');
}

/**
 * A new idempotency key (contract: 8..40 of [A-Za-z0-9_-]). One per submission: a second
 * Enter, or a retry after a timeout, reuses it and the engine answers with the first result.
 */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let text = '';
  for (const byte of bytes) text += byte.toString(36).padStart(2, '0');
  return `kt${Date.now().toString(36)}${text}`.slice(0, 40);
}

/** Moves a price by `steps` ticks and snaps it to the tick grid. Empty price starts from `from`. */
export function stepPrice(price: string, tickSize: string, steps: number, from?: string): string {
  const start = /^\d*\.?\d+$/.test(price.trim()) ? price.trim() : from;
  if (start === undefined) return price;
  const tick = new Big(tickSize);
  const snapped = new Big(start).div(tick).round(0, Big.roundHalfUp).plus(steps);
  const next = snapped.lte(0) ? tick : snapped.times(tick);
  return next.toFixed(Math.max(0, decimalsOfStep(tickSize)));
}

function decimalsOfStep(step: string): number {
  const text = new Big(step).toFixed();
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * `25%` or `12.5 %` typed into quantity: a percent of available (issue 11). Undefined when the
 * text is not a percent at all (it is then a size, checked as one).
 */
export function parseTypedPercent(text: string): { ok: true; percent: number } | { ok: false; message: string } | undefined {
  const match = /^\s*(\d*\.?\d+)\s*%\s*$/.exec(text);
  if (!match) return undefined;
  const percent = Number(match[1]);
  if (!(percent > 0 && percent <= 100)) return { ok: false, message: 'a percent of available is more than 0 and at most 100' };
  return { ok: true, percent };
}

/** Free balance of an asset in one account ('0' when absent). */
export function freeOf(balances: readonly Balance[], accountId: string, asset: string): string {
  return balances.find((b) => b.accountId === accountId && b.asset === asset)?.free ?? '0';
}

/**
 * The quantity for `percent` of what is available: sells use the free base asset, buys the
 * free quote divided by the price (and the taker fee, so a 100 % buy is affordable). Always
 * rounded down to the step, so it never exceeds the balance.
 */
export function quantityForPercent(args: {
  percent: number;
  side: Side;
  market: Pick<Market, 'base' | 'quote' | 'stepSize' | 'takerFeeRate'>;
  freeBase: string;
  freeQuote: string;
  /** Limit price, or a reference (mid/last) for market orders. */
  price?: string;
}): { ok: true; quantity: string } | { ok: false; message: string } {
  const { percent, side, market } = args;
  const step = new Big(market.stepSize);
  const fraction = new Big(percent).div(100);
  let raw: Big;
  if (side === 'sell') {
    raw = new Big(args.freeBase).times(fraction);
  } else {
    if (!args.price || !/^\d*\.?\d+$/.test(args.price) || new Big(args.price).lte(0)) {
      return { ok: false, message: `type a price first: ${percent} % of ${market.quote} needs one to size a buy` };
    }
    const fee = new Big(1).plus(market.takerFeeRate ?? '0.001');
    raw = new Big(args.freeQuote).times(fraction).div(new Big(args.price).times(fee));
  }
  const quantity = raw.div(step).round(0, Big.roundDown).times(step);
  if (quantity.lte(0)) {
    return { ok: false, message: `${percent} % of your free ${side === 'sell' ? market.base : market.quote} is less than one step (${market.stepSize})` };
  }
  return { ok: true, quantity: quantity.toFixed(decimalsOfStep(market.stepSize)) };
}
