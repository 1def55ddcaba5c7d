import { type MatchingEngine, type SimBalance, type SimFill, type SimOrder, type SimTrade } from '../matching';
import { D, ZERO } from '../shared/decimal';
import { RawNumber } from '../shared/raw-json';
import { USD_PRICES } from './markets';

/**
 * Wire shapes of the Crypto.com Exchange simulator (specs/cryptocom-exchange.md §5, §7.5):
 * decimals as strings, ids as 19-digit strings, ms timestamps as numbers, `tn` as a raw number
 * above 2^53 and `*_ns` as strings (§1.4, §9 item 6).
 */

const ORDER_ID_BASE = 6_530_219_500_000_000_000n;
const REJECTED_ID_BASE = 6_530_219_400_000_000_000n;
const TRADE_ID_BASE = 6_142_909_890_000_000_000n;
const MATCH_ID_BASE = 4_611_686_018_427_387_904n;

/** The exchange id of an engine order. */
export const orderIdOf = (engineId: number): string => String(ORDER_ID_BASE + BigInt(engineId));
/** Ids of orders refused before they reached the engine (they still get an id, §8.10). */
export const rejectedOrderId = (n: number): string => String(REJECTED_ID_BASE + BigInt(n));
/** One side's trade id: maker and taker of a match get neighbouring ids. */
export const tradeIdOf = (tradeId: number, liquidity: 'maker' | 'taker'): string => String(TRADE_ID_BASE + BigInt(tradeId) * 2n + (liquidity === 'taker' ? 1n : 0n));
export const matchIdOf = (tradeId: number): string => String(MATCH_ID_BASE + BigInt(tradeId));
/** ns from ms plus a sub-ms discriminator (the engine's clock is ms). */
export const nsOf = (ms: number, discriminator: number): string => String(BigInt(ms) * 1_000_000n + BigInt(discriminator % 1_000_000));

export type CdcxStatus = 'ACTIVE' | 'FILLED' | 'CANCELED' | 'REJECTED';

/** What the simulator keeps about an order beyond the engine's own record. */
export interface OrderRecord {
  readonly orderId: string;
  /** Current engine order (amend replaces it); undefined when refused before the engine. */
  engineId: number | undefined;
  readonly accountId: string;
  /** The account's uuid-like id shown as `account_id`. */
  readonly accountUuid: string;
  clientOid: string;
  readonly instrument: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: 'LIMIT' | 'MARKET';
  readonly timeInForce: string;
  readonly execInst: string[];
  price: string | undefined;
  quantity: string | undefined;
  readonly notional: string | undefined;
  /** Set for outcomes the engine does not model (REJECTED, IOC/FOK CANCELED). */
  statusOverride: CdcxStatus | undefined;
  reason: string | undefined;
  /** Fills of engine orders this one replaced (amend, §5.9). */
  carried: { quantity: string; value: string; fee: string };
  readonly createdAt: number;
  readonly createdNs: string;
  updatedAt: number;
  /** ms before which get-order-detail does not see it (§5.11 asynchronous creation). */
  readonly visibleAt: number;
  /** The user socket that placed it, for cancel-on-disconnect. */
  readonly connection: number | undefined;
}

const trim = (v: { toFixed(): string }): string => v.toFixed();

/** The §5.11 order object of a record and its current engine order. */
export function orderObject(rec: OrderRecord, engine: SimOrder | undefined, feeAsset: string): Record<string, unknown> {
  const filled = D(rec.carried.quantity).plus(engine?.filledQuantity ?? '0');
  const value = D(rec.carried.value).plus(engine?.filledQuote ?? '0');
  const fee = D(rec.carried.fee).plus(engine?.fee ?? '0');
  const status = statusOf(rec, engine);
  const out: Record<string, unknown> = {
    account_id: rec.accountUuid,
    order_id: rec.orderId,
    client_oid: rec.clientOid,
    order_type: rec.type,
    time_in_force: rec.timeInForce,
    side: rec.side,
    exec_inst: rec.execInst,
    quantity: rec.quantity ?? '0',
    ...(rec.type === 'LIMIT' ? { limit_price: rec.price } : {}),
    order_value: rec.type === 'LIMIT' && rec.price && rec.quantity ? trim(D(rec.price).times(rec.quantity)) : (rec.notional ?? '0'),
    avg_price: filled.gt(0) ? trim(value.div(filled).round(12, D.roundHalfUp)) : '0',
    trigger_price: '0',
    ref_price: '0',
    ref_price_type: 'NULL_VAL',
    cumulative_quantity: trim(filled),
    cumulative_value: trim(value),
    cumulative_fee: trim(fee),
    status,
    update_user_id: rec.accountUuid,
    order_date: new Date(rec.createdAt).toISOString().slice(0, 10),
    instrument_name: rec.instrument,
    fee_instrument_name: feeAsset,
    create_time: rec.createdAt,
    create_time_ns: rec.createdNs,
    update_time: Math.max(rec.updatedAt, engine?.updatedAt ?? 0),
    ...(rec.notional !== undefined ? { notional: rec.notional } : {}),
    ...(rec.reason !== undefined ? { reason: rec.reason } : {}),
  };
  return out;
}

/** §4.3: no partial status; a live order is ACTIVE whatever it has filled. */
export function statusOf(rec: OrderRecord, engine: SimOrder | undefined): CdcxStatus {
  if (rec.statusOverride) return rec.statusOverride;
  if (!engine) return 'REJECTED';
  if (engine.status === 'filled') return 'FILLED';
  if (engine.status === 'canceled' || engine.status === 'pending-cancel') return 'CANCELED';
  return 'ACTIVE';
}

/** True for FILLED, CANCELED, REJECTED (what history holds). */
export const isFinal = (status: CdcxStatus): boolean => status !== 'ACTIVE';

/** The §5.11 trade object of one fill. */
export function tradeObject(fill: SimFill, rec: OrderRecord): Record<string, unknown> {
  const ns = nsOf(fill.time, fill.tradeId);
  return {
    account_id: rec.accountUuid,
    event_date: new Date(fill.time).toISOString().slice(0, 10),
    journal_type: 'TRADING',
    side: rec.side,
    instrument_name: rec.instrument,
    fees: D(fill.fee).eq(0) ? '0' : `-${trim(D(fill.fee))}`,
    fee_credits: '0',
    trade_id: tradeIdOf(fill.tradeId, fill.liquidity),
    trade_match_id: matchIdOf(fill.tradeId),
    create_time: fill.time,
    create_time_ns: ns,
    transact_time_ns: ns,
    traded_price: fill.price,
    traded_quantity: fill.quantity,
    fee_instrument_name: fill.feeAsset,
    client_oid: rec.clientOid,
    taker_side: fill.liquidity === 'taker' ? 'TAKER' : 'MAKER',
    order_id: rec.orderId,
    match_count: '1',
    match_index: '0',
  };
}

/** §5.4 / §7.5 public trade row; `s` lowercase on REST, uppercase on WS (§8.12). */
export function publicTrade(t: SimTrade, upper: boolean): Record<string, unknown> {
  const side = t.takerSide === 'buy' ? 'buy' : 'sell';
  return {
    d: tradeIdOf(t.id, 'taker'), t: t.time, tn: new RawNumber(nsOf(t.time, t.id)), q: t.quantity, p: t.price,
    s: upper ? side.toUpperCase() : side, i: t.symbol, m: matchIdOf(t.id),
  };
}

/** §5.5 ticker row (plus `bs`/`ks` on WS). */
export function tickerRow(engine: MatchingEngine, symbol: string, now: number, withSizes: boolean): Record<string, unknown> {
  const s = engine.stats24h(symbol);
  const top = engine.bookWithCounts(symbol, 1);
  const change = s.open && s.last && D(s.open).gt(0) ? trim(D(s.last).minus(s.open).div(s.open).round(4, D.roundHalfUp)) : '0';
  const usd = D(s.quoteVolume).times(USD_PRICES[engine.market(symbol)?.quote ?? 'USD'] ?? '0');
  return {
    i: symbol, h: s.high, l: s.low, a: s.last, v: s.volume, vv: trim(usd.round(2, D.roundDown)), c: change,
    b: s.bestBid, k: s.bestAsk, oi: '0', t: now,
    ...(withSizes ? { bs: top.bids[0]?.[1] ?? null, ks: top.asks[0]?.[1] ?? null } : {}),
  };
}

/** §5.7 the one USD-denominated row of private/user-balance (and user.balance). */
export function balanceRow(balances: SimBalance[]): Record<string, unknown> {
  let total = ZERO;
  let available = ZERO;
  const positions = balances.map((b) => {
    const quantity = D(b.free).plus(b.locked);
    const value = quantity.times(USD_PRICES[b.asset] ?? '0');
    total = total.plus(value);
    available = available.plus(D(b.free).times(USD_PRICES[b.asset] ?? '0'));
    return {
      instrument_name: b.asset, quantity: trim(quantity), reserved_qty: b.locked, market_value: trim(value.round(8, D.roundDown)),
      collateral_amount: trim(value.round(8, D.roundDown)), haircut: '0', collateral_eligible: true, max_withdrawal_balance: b.free, hourly_interest_rate: '0',
    };
  });
  const t = trim(total.round(8, D.roundDown));
  return {
    instrument_name: 'USD', total_available_balance: trim(available.round(8, D.roundDown)), total_margin_balance: t, total_initial_margin: '0',
    total_haircut: '0', total_position_im: '0', total_maintenance_margin: '0', total_position_cost: '0', total_cash_balance: t,
    total_collateral_value: t, total_session_unrealized_pnl: '0', total_session_realized_pnl: '0', total_effective_leverage: '0',
    position_limit: '0', used_position_limit: '0', total_borrow: '0', total_isolated_cash_balance: '0', isolated_positions: [],
    credit_limits: [], is_liquidating: false, has_risk: false, terminatable: true, position_balances: positions,
  };
}
