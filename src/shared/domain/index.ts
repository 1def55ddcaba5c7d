export { isOrderDone, isOrderOpen } from './orders';
export { canonicalSymbol } from './symbol';
export { decimalMid, isZeroQuantity, totalBalances, type BalanceTotal } from './money';
