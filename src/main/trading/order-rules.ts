import Big from 'big.js';
import type { Market, OrderPreview, PlaceOrderRequest } from '../../shared';
import { err, exchangeEntry, ok, type Result } from '../../shared';
import type { ConnectorOrder } from '../exchanges/connector';

/** An order as the ticket describes it, before the pair's rules are applied. */
export type OrderInput = Omit<PlaceOrderRequest, 'accountId' | 'clientId' | 'dryRun'> & { clientId?: string };

/**
 * The rules are strict for the preview and the place alike: a price off the tick, a quantity
 * off the step or a total with more decimals than the pair allows is a violation, never
 * rounded. The ticket may send before its preview is back (issue 19), so the engine must not
 * send a number other than the one on the trader's screen.
 */
export interface RuleOptions {
  /** Mid or last price, to value market orders and check the minimum notional. */
  referencePrice?: string;
  /** Used when the market publishes no fee rate. */
  defaultFeeRate?: string;
}

export interface Violation {
  field: string;
  message: string;
}

const DEFAULT_FEE_RATE = '0.001';

function decimals(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

function positive(value: string | undefined, field: string, label: string, out: Violation[]): Big | undefined {
  if (value === undefined) return undefined;
  let parsed: Big;
  try {
    parsed = new Big(value);
  } catch {
    out.push({ field, message: `${label} must be a number` });
    return undefined;
  }
  if (parsed.lte(0)) {
    out.push({ field, message: `${label} must be greater than 0` });
    return undefined;
  }
  return parsed;
}

/** Whether `value` is a whole multiple of `step`. */
function onStep(value: Big, step: Big): boolean {
  return value.mod(step).eq(0);
}

function requireField(value: string | undefined, field: string, label: string, type: string, out: Violation[]): void {
  if (value === undefined || value === '') out.push({ field, message: `${label} is required for a ${type} order` });
}

function forbidField(value: string | undefined, field: string, label: string, type: string, out: Violation[]): void {
  if (value !== undefined) out.push({ field, message: `${label} does not apply to a ${type} order` });
}

/**
 * Checks an order against the pair's rules. Returns every violation (for the ticket) and, when
 * there is none, the order a connector can send: the same numbers, never rounded.
 */
export function evaluateOrder(
  market: Market,
  input: OrderInput,
  options: RuleOptions = {},
): { violations: Violation[]; order?: Omit<ConnectorOrder, 'clientId'>; preview: OrderPreview } {
  const out: Violation[] = [];
  const { type, side } = input;
  if (market.status !== 'trading') {
    out.push({ field: 'symbol', message: `${market.symbol} is ${market.status === 'cancel-only' ? 'in cancel-only mode' : 'halted'}: no new orders` });
  }
  if (!market.orderTypes.includes(type)) {
    out.push({ field: 'type', message: `${market.symbol} on ${market.exchange} does not take ${type} orders` });
  }

  const needsPrice = type === 'limit' || type === 'stop-limit';
  const needsTrigger = type === 'stop-limit' || type === 'stop-market';
  const byTotalAllowed = (type === 'market' || type === 'stop-market') && side === 'buy';
  if (needsPrice) requireField(input.price, 'price', 'price', type, out);
  else forbidField(input.price, 'price', 'a limit price', type, out);
  if (needsTrigger) requireField(input.triggerPrice, 'triggerPrice', 'trigger price', type, out);
  else forbidField(input.triggerPrice, 'triggerPrice', 'a trigger price', type, out);
  if (!byTotalAllowed) {
    forbidField(input.total, 'total', 'a total', `${type} ${side}`, out);
    requireField(input.quantity, 'quantity', 'quantity', type, out);
  } else if ((input.quantity === undefined) === (input.total === undefined)) {
    out.push({ field: 'quantity', message: `give either a quantity or a total for a ${type} buy, not both` });
  }

  const price = positive(input.price, 'price', 'price', out);
  const trigger = positive(input.triggerPrice, 'triggerPrice', 'trigger price', out);
  const quantity = positive(input.quantity, 'quantity', 'quantity', out);
  const total = positive(input.total, 'total', 'total', out);

  const tick = new Big(market.tickSize);
  const step = new Big(market.stepSize);
  const checkPrice = (value: Big | undefined, field: string, label: string) => {
    if (!value || onStep(value, tick)) return;
    out.push({
      field,
      message:
        decimals(value.toFixed()) > market.pricePrecision
          ? `${label} has too many decimals: ${market.symbol} allows ${market.pricePrecision}`
          : `${label} must be a multiple of the tick size ${market.tickSize}`,
    });
  };
  checkPrice(price, 'price', 'price');
  checkPrice(trigger, 'triggerPrice', 'trigger price');
  if (quantity && !onStep(quantity, step)) {
    out.push({
      field: 'quantity',
      message:
        decimals(quantity.toFixed()) > market.quantityPrecision
          ? `quantity has too many decimals: ${market.symbol} allows ${market.quantityPrecision}`
          : `quantity must be a multiple of the step size ${market.stepSize}`,
    });
  }
  if (quantity?.lt(step)) out.push({ field: 'quantity', message: `quantity is below one step (${market.stepSize})` });
  const totalDecimals = Math.max(market.pricePrecision, 2);
  if (total && decimals(total.toFixed()) > totalDecimals) out.push({ field: 'total', message: `total has too many decimals: ${market.symbol} allows ${totalDecimals}` });

  // Notional in quote: price × quantity, or the total, or the reference price for market orders.
  const valuation = price ?? trigger ?? (options.referencePrice ? new Big(options.referencePrice) : undefined);
  const notional = total ?? (quantity && valuation ? quantity.times(valuation) : undefined);
  const minNotional = new Big(market.minNotional);
  if (notional && minNotional.gt(0) && notional.lt(minNotional)) {
    out.push({
      field: total ? 'total' : 'quantity',
      message: `order value ${notional.round(8).toFixed()} ${market.quote} is below the minimum ${market.minNotional} ${market.quote}`,
    });
  }
  const feeRate = new Big(market.takerFeeRate ?? options.defaultFeeRate ?? DEFAULT_FEE_RATE);
  const fee = estimateFee(market, side, feeRate, { notional, quantity, valuation });
  const preview: OrderPreview = {
    price: price?.toFixed(),
    quantity: quantity?.toFixed(),
    total: total?.toFixed(),
    notional: notional?.round(8).toFixed(),
    estimatedFee: fee?.amount,
    feeAsset: fee?.asset,
    violations: out,
  };
  if (out.length) return { violations: out, preview };
  return {
    violations: out,
    preview,
    order: {
      symbol: market.symbol,
      side,
      type,
      price: price?.toFixed(),
      triggerPrice: trigger?.toFixed(),
      quantity: quantity?.toFixed(),
      total: total?.toFixed(),
    },
  };
}

/**
 * The asset an exchange takes its fee in, per side. Icrypex (specs/icrypex.md §7.11, "fee
 * asset: base for buys, quote for sells") and Crypto.com V1 (§5.9/§5.14: a SELL's `feeCoin`
 * is the quote; both simulators charge buys in the base) take it from what the order receives.
 */
export function feeAssetOf(market: Pick<Market, 'exchange' | 'base' | 'quote'>, side: 'buy' | 'sell'): string {
  switch (exchangeEntry(market.exchange).feeAsset) {
    case 'received':
      return side === 'buy' ? market.base : market.quote;
  }
}

/** The taker fee at `rate` in the asset charged; a buy by total needs a valuation to know its base quantity. */
function estimateFee(
  market: Market,
  side: 'buy' | 'sell',
  rate: Big,
  sized: { notional?: Big; quantity?: Big; valuation?: Big },
): { amount: string; asset: string } | undefined {
  const asset = feeAssetOf(market, side);
  const charged = asset === market.quote ? sized.notional : (sized.quantity ?? (sized.notional && sized.valuation?.gt(0) ? sized.notional.div(sized.valuation) : undefined));
  if (!charged) return undefined;
  return { amount: charged.times(rate).round(8, Big.roundUp).toFixed(), asset };
}

/** The order a connector may send, or the first violation as a VALIDATION error naming the field. */
export function prepareOrder(
  market: Market,
  input: OrderInput & { clientId: string },
  options: RuleOptions = {},
): Result<ConnectorOrder> {
  const { violations, order } = evaluateOrder(market, input, options);
  const first = violations[0];
  if (first || !order) return err('VALIDATION', first?.message ?? 'order rejected', { field: first?.field });
  return ok({ ...order, clientId: input.clientId });
}
