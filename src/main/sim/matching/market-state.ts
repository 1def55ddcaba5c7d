import { D, type Decimal } from '../shared/decimal';
import { CandleSeries } from './candles';
import { OrderBook, type RestingOrder } from './order-book';
import { type OrderStatus, type OrderType, type Side, type SimMarket, type SimTrade } from './types';

/** The engine's live order (never handed out; see SimOrder for snapshots). */
export interface OrderState extends RestingOrder {
  readonly id: number;
  readonly accountId: string;
  readonly market: MarketState;
  readonly side: Side;
  readonly type: OrderType;
  /** Limit price; ZERO for market and stop-market orders. */
  readonly price: Decimal;
  readonly hasPrice: boolean;
  /** Ordered base quantity; null when sized by quote amount. */
  readonly quantity: Decimal | null;
  readonly quoteAmount: Decimal | null;
  readonly triggerPrice: Decimal | null;
  readonly clientId: string | null;
  status: OrderStatus;
  triggered: boolean;
  /** Trigger fires when last >= trigger (true) or last <= trigger (false). */
  triggerUp: boolean;
  filled: Decimal;
  filledQuote: Decimal;
  fee: Decimal;
  fillCount: number;
  readonly createdAt: number;
  updatedAt: number;
  /** What is still locked for this order, in `reserveAsset`. */
  reserved: Decimal;
  readonly reserveAsset: string;
  readonly keepHistory: boolean;
}

/** Everything the engine keeps per market. */
export class MarketState {
  readonly tick: Decimal;
  readonly step: Decimal;
  readonly minNotional: Decimal;
  readonly makerFee: Decimal;
  readonly takerFee: Decimal;
  readonly band: Decimal | undefined;
  readonly book = new OrderBook();
  readonly candles = new CandleSeries();
  /** Untriggered stops in placement order. */
  stops: OrderState[] = [];
  /** Recent trades, oldest first (bounded). */
  tape: SimTrade[] = [];
  last: Decimal | undefined;
  cancelOnly = false;

  constructor(readonly def: SimMarket) {
    this.tick = D(def.tickSize);
    this.step = D(def.stepSize);
    this.minNotional = D(def.minNotional);
    this.makerFee = D(def.makerFee);
    this.takerFee = D(def.takerFee);
    this.band = def.priceBandFactor ? D(def.priceBandFactor) : undefined;
  }

  /** Appends to the tape, keeping at most `max` trades. */
  pushTrade(trade: SimTrade, max = 1000): void {
    this.tape.push(trade);
    if (this.tape.length > max * 2) this.tape = this.tape.slice(-max);
  }

  /** Last trade price, else the last seeded candle close. */
  lastPrice(): Decimal | undefined {
    return this.last ?? this.candles.lastPrice();
  }
}
