import Big from 'big.js';
import { canonicalSymbol, type Market, type OrderType, type Settings, type Side } from '../../shared';
import type { Violation } from './order-rules';

/** The order as the risk guards see it: what the trader typed (the pair's rules never round it). */
export interface RiskOrder {
  type: OrderType;
  side: Side;
  price?: string;
  triggerPrice?: string;
  quantity?: string;
  total?: string;
}

function fmt(value: Big): string {
  return value.round(8).toFixed();
}

/**
 * The trader's own guards (ux.md, "Safety on the client"): per-symbol max order size and max
 * notional, and a price band around the mid for limit orders. Each violation names the limit,
 * so the message tells the trader which setting blocked the order.
 */
export function riskViolations(market: Market, order: RiskOrder, settings: Settings, mid: string | undefined): Violation[] {
  const out: Violation[] = [];
  const limits = settings.symbolLimits[canonicalSymbol(market.symbol)];
  const midPrice = mid !== undefined ? new Big(mid) : undefined;
  const valuation = order.price ?? order.triggerPrice ?? mid;
  const quantity = order.quantity !== undefined ? new Big(order.quantity) : order.total !== undefined && midPrice?.gt(0) ? new Big(order.total).div(midPrice) : undefined;
  const notional = order.total !== undefined ? new Big(order.total) : quantity && valuation !== undefined ? quantity.times(valuation) : undefined;
  const sizeField = order.quantity !== undefined ? 'quantity' : 'total';

  if (limits?.maxQuantity !== undefined) {
    if (!quantity) {
      out.push({ field: sizeField, message: `cannot check the max order size of ${limits.maxQuantity} ${market.base} for ${market.symbol}: no mid price to value the order` });
    } else if (quantity.gt(limits.maxQuantity)) {
      out.push({
        field: sizeField,
        message: `${fmt(quantity)} ${market.base} is above the max order size of ${limits.maxQuantity} ${market.base} set for ${market.symbol} (Settings, risk limits)`,
      });
    }
  }
  if (limits?.maxNotional !== undefined) {
    if (!notional) {
      out.push({ field: sizeField, message: `cannot check the max notional of ${limits.maxNotional} ${market.quote} for ${market.symbol}: no mid price to value the order` });
    } else if (notional.gt(limits.maxNotional)) {
      out.push({
        field: sizeField,
        message: `order value ${fmt(notional)} ${market.quote} is above the max notional of ${limits.maxNotional} ${market.quote} set for ${market.symbol} (Settings, risk limits)`,
      });
    }
  }
  const band = settings.priceBandPercent;
  if (band !== null && order.type === 'limit' && order.price !== undefined) {
    if (!midPrice || midPrice.lte(0)) {
      out.push({ field: 'price', message: `cannot check the price band of ${band} %: ${market.symbol} has no mid price (empty book); turn the band off in Settings to trade it` });
    } else {
      const away = new Big(order.price).minus(midPrice).abs().div(midPrice).times(100);
      if (away.gt(band)) {
        out.push({
          field: 'price',
          message: `price ${order.price} is ${away.round(2).toFixed()} % away from the mid ${fmt(midPrice)}; the price band allows ${band} % (Settings, price band)`,
        });
      }
    }
  }
  return out;
}

/** Whether the guards need a mid price for this order (to value it or to check the band). */
export function needsMid(market: Market, order: RiskOrder, settings: Settings): boolean {
  const limits = settings.symbolLimits[canonicalSymbol(market.symbol)];
  if (order.type === 'market' || order.type === 'stop-market') return true;
  if (order.type === 'limit' && settings.priceBandPercent !== null) return true;
  return limits !== undefined && order.price === undefined && order.triggerPrice === undefined;
}
