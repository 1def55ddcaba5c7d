export { isOrderDone, isOrderOpen, laterOrderState } from './orders';
export { canonicalSymbol } from './symbol';
export { decimalMid, isZeroQuantity, totalBalances, type BalanceTotal } from './money';
