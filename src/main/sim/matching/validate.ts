import { type Decimal, decimalsOf, isMultipleOf, parseDecimal } from '../shared/decimal';
import { type MarketState } from './market-state';
import { type OrderType, type PlaceRequest, type Rejection, type RejectReason, type Side } from './types';

/** A place request after validation: parsed decimals, market resolved. */
export interface ValidPlace {
  readonly market: MarketState;
  readonly side: Side;
  readonly type: OrderType;
  readonly price: Decimal | undefined;
  readonly quantity: Decimal | undefined;
  readonly quoteAmount: Decimal | undefined;
  readonly triggerPrice: Decimal | undefined;
  readonly clientId: string | null;
}

const SIDES: readonly string[] = ['buy', 'sell'];
const TYPES: readonly string[] = ['limit', 'market', 'stop-limit', 'stop-market'];

/** Builds a Rejection value. */
export function reject(reason: RejectReason, message: string, field?: string): Rejection {
  return field === undefined ? { ok: false, reason, message } : { ok: false, reason, message, field };
}

function positive(field: string, value: unknown): Decimal | Rejection {
  const parsed = parseDecimal(value);
  if (!parsed || parsed.lte(0)) return reject('invalid_parameter', `${field} must be a positive decimal, got ${JSON.stringify(value)}`, field);
  return parsed;
}

function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && (value as Rejection).ok === false;
}

function onTick(field: string, value: Decimal, market: MarketState): Rejection | undefined {
  if (decimalsOf(value.toString()) > market.def.pricePrecision || !isMultipleOf(value, market.tick)) {
    return reject('bad_precision', `${field} ${value.toString()} is not a multiple of the tick size ${market.def.tickSize}`, field);
  }
  return undefined;
}

/**
 * Checks a place request against the pair rules (shape, tick, step, band, minimum value).
 * Balance checks happen in the engine, which owns the ledger.
 */
export function validatePlace(request: PlaceRequest, market: MarketState | undefined): ValidPlace | Rejection {
  if (!market) return reject('unknown_symbol', `unknown symbol ${JSON.stringify(request.symbol)}`, 'symbol');
  if (market.cancelOnly) return reject('market_disabled', `${market.def.symbol} market is in Cancel Only mode`, 'symbol');
  if (!SIDES.includes(request.side)) return reject('invalid_parameter', `side must be buy or sell, got ${JSON.stringify(request.side)}`, 'side');
  if (!TYPES.includes(request.type)) {
    return reject('invalid_parameter', `type must be limit, market, stop-limit or stop-market, got ${JSON.stringify(request.type)}`, 'type');
  }
  const { side, type } = request;
  const isStop = type === 'stop-limit' || type === 'stop-market';
  const hasLimit = type === 'limit' || type === 'stop-limit';
  if (request.clientId !== undefined && (typeof request.clientId !== 'string' || request.clientId.length > 100)) {
    return reject('invalid_parameter', 'clientId must be a string of at most 100 characters', 'clientId');
  }

  let price: Decimal | undefined;
  if (hasLimit) {
    if (request.price === undefined || request.price === '') return reject('invalid_parameter', `price is required for a ${type} order`, 'price');
    const parsed = positive('price', request.price);
    if (isRejection(parsed)) return parsed;
    const bad = onTick('price', parsed, market);
    if (bad) return bad;
    price = parsed;
  }

  let triggerPrice: Decimal | undefined;
  if (isStop) {
    if (request.triggerPrice === undefined || request.triggerPrice === '') {
      return reject('invalid_parameter', `triggerPrice is required for a ${type} order`, 'triggerPrice');
    }
    const parsed = positive('triggerPrice', request.triggerPrice);
    if (isRejection(parsed)) return parsed;
    const bad = onTick('triggerPrice', parsed, market);
    if (bad) return bad;
    triggerPrice = parsed;
  }

  let quantity: Decimal | undefined;
  let quoteAmount: Decimal | undefined;
  const sizedByQuote = !hasLimit && side === 'buy' && request.quoteAmount !== undefined && request.quoteAmount !== '';
  if (sizedByQuote) {
    const parsed = positive('quoteAmount', request.quoteAmount);
    if (isRejection(parsed)) return parsed;
    quoteAmount = parsed;
  } else if (request.quantity === undefined || request.quantity === '') {
    if (type === 'market' && side === 'buy') return reject('invalid_parameter', 'a market buy needs quoteAmount (or quantity)', 'quoteAmount');
    if (type === 'stop-market' && side === 'buy') return reject('invalid_parameter', 'a stop-market buy needs quoteAmount', 'quoteAmount');
    return reject('invalid_parameter', `quantity is required for a ${side} ${type} order`, 'quantity');
  } else if (type === 'stop-market' && side === 'buy') {
    return reject('invalid_parameter', 'a stop-market buy is sized by quoteAmount, not quantity', 'quoteAmount');
  } else {
    const parsed = positive('quantity', request.quantity);
    if (isRejection(parsed)) return parsed;
    if (decimalsOf(parsed.toString()) > market.def.quantityPrecision || !isMultipleOf(parsed, market.step)) {
      return reject('bad_precision', `quantity ${parsed.toString()} is not a multiple of the step size ${market.def.stepSize}`, 'quantity');
    }
    quantity = parsed;
  }

  const last = market.lastPrice();
  if (price && market.band && last) {
    const low = last.div(market.band);
    const high = last.times(market.band);
    if (price.lt(low) || price.gt(high)) {
      return reject('price_out_of_band', `price ${price.toString()} is outside the allowed band ${low.round(market.def.pricePrecision).toString()}..${high.round(market.def.pricePrecision).toString()}`, 'price');
    }
  }

  // Order value in quote, as well as we can know it before matching.
  let value: Decimal | undefined;
  if (quoteAmount) value = quoteAmount;
  else if (quantity && price) value = quantity.times(price);
  else if (quantity && triggerPrice) value = quantity.times(triggerPrice);
  else if (quantity) {
    const reference = side === 'buy' ? market.book.asks.best()?.price : market.book.bids.best()?.price;
    const ref = reference ?? last;
    if (ref) value = quantity.times(ref);
  }
  if (value && value.lt(market.minNotional)) {
    const field = quoteAmount ? 'quoteAmount' : 'quantity';
    return reject('below_min_notional', `${field}: order value ${value.toString()} ${market.def.quote} is below the minimum ${market.def.minNotional}`, field);
  }

  return { market, side, type, price, quantity, quoteAmount, triggerPrice, clientId: request.clientId ?? null };
}

export { isRejection };
