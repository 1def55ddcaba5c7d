export { OrderBook, type BookSide, type BookTop } from './order-book';
