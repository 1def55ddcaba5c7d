import { divRound } from '../shared/decimal';
import { type OrderState } from './market-state';
import { type SimOrder } from './types';

/** An immutable copy of an order's current state. */
export function snapshotOrder(order: OrderState): SimOrder {
  return {
    id: order.id,
    accountId: order.accountId,
    symbol: order.market.def.symbol,
    side: order.side,
    type: order.type,
    status: order.status,
    triggered: order.triggered,
    price: order.hasPrice ? order.price.toString() : null,
    quantity: order.quantity?.toString() ?? null,
    quoteAmount: order.quoteAmount?.toString() ?? null,
    triggerPrice: order.triggerPrice?.toString() ?? null,
    clientId: order.clientId,
    filledQuantity: order.filled.toString(),
    remainingQuantity: order.quantity ? order.remaining.toString() : '0',
    filledQuote: order.filledQuote.toString(),
    averagePrice: order.filled.gt(0) ? divRound(order.filledQuote, order.filled, order.market.def.pricePrecision + 4).toString() : null,
    fee: order.fee.toString(),
    feeAsset: order.side === 'buy' ? order.market.def.base : order.market.def.quote,
    fillCount: order.fillCount,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
