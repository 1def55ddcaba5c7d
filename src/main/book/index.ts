export { OrderBook, isZeroQuantity, type BookSide, type BookTop } from './order-book';
