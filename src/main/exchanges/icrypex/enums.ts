import type { OrderStatus, OrderType, Resolution, Side } from '../../../shared';
import { enumKey, WireError } from '../kit/wire';

/** BUY/SELL in any casing (REST) or 0/1 (WS trades, specs/icrypex.md §8.4). */
export function mapSide(v: unknown, field: string): Side {
  if (v === 0 || v === '0') return 'buy';
  if (v === 1 || v === '1') return 'sell';
  const k = enumKey(v, field);
  if (k === 'BUY') return 'buy';
  if (k === 'SELL') return 'sell';
  throw new WireError(field, `unknown side "${String(v)}"`);
}

/** Our side as Icrypex wants it in requests: upper case (specs/icrypex.md §9 #9). */
export function wireSide(side: Side): 'BUY' | 'SELL' {
  return side === 'buy' ? 'BUY' : 'SELL';
}

const TYPES: Record<string, OrderType> = {
  LIMIT: 'limit',
  MARKET: 'market',
  STOP_LIMIT: 'stop-limit',
  STOPLIMIT: 'stop-limit',
  STOP_MARKET: 'stop-market',
  STOPMARKET: 'stop-market',
};

/** LIMIT/MARKET/STOP_LIMIT/STOP_MARKET in any casing or separator. */
export function mapOrderType(v: unknown, field: string): OrderType {
  const t = TYPES[enumKey(v, field)];
  if (!t) throw new WireError(field, `unknown order type "${String(v)}"`);
  return t;
}

export function wireOrderType(type: OrderType): 'LIMIT' | 'MARKET' | 'STOP_LIMIT' | 'STOP_MARKET' {
  switch (type) {
    case 'limit':
      return 'LIMIT';
    case 'market':
      return 'MARKET';
    case 'stop-limit':
      return 'STOP_LIMIT';
    case 'stop-market':
      return 'STOP_MARKET';
  }
}

/**
 * Order status per specs/icrypex.md §9 #10: lists say OPEN/FILL/CANCEL, the place reply
 * `Open/Fill/Cancel` (or `Filled`/`Canceled` per the doc table). All casings are accepted.
 * `partial` tells an OPEN order with some quantity filled apart from an untouched one.
 */
export function mapOrderStatus(v: unknown, field: string, partial = false): OrderStatus {
  switch (enumKey(v, field)) {
    case 'OPEN':
    case 'NEW':
    case 'ACTIVE':
      return partial ? 'partially-filled' : 'open';
    case 'PARTIAL':
    case 'PARTIALLY_FILLED':
    case 'PARTIALFILL':
      return 'partially-filled';
    case 'FILL':
    case 'FILLED':
    case 'DONE':
      return 'filled';
    case 'CANCEL':
    case 'CANCELED':
    case 'CANCELLED':
      return 'canceled';
    case 'PENDING_CANCEL':
      return 'pending-cancel';
    case 'REJECT':
    case 'REJECTED':
      return 'rejected';
    case 'EXPIRED':
      return 'expired';
    default:
      throw new WireError(field, `unknown order status "${String(v)}"`);
  }
}

/**
 * REST kline resolutions (specs/icrypex.md §7.5: 1, 5, 15, 60, 240, 1D, 1W). 30m has no REST
 * form, so it is fetched as 15m (`wireSeconds`) and merged into 30 min buckets.
 */
export const REST_RESOLUTION: Partial<Record<Resolution, { wire: string; seconds: number; wireSeconds: number }>> = {
  '1m': { wire: '1', seconds: 60, wireSeconds: 60 },
  '5m': { wire: '5', seconds: 300, wireSeconds: 300 },
  '15m': { wire: '15', seconds: 900, wireSeconds: 900 },
  '30m': { wire: '15', seconds: 1800, wireSeconds: 900 },
  '1h': { wire: '60', seconds: 3600, wireSeconds: 3600 },
  '4h': { wire: '240', seconds: 14_400, wireSeconds: 14_400 },
  '1d': { wire: '1D', seconds: 86_400, wireSeconds: 86_400 },
  '1w': { wire: '1W', seconds: 604_800, wireSeconds: 604_800 },
};

/** WS candle channel suffix (specs/icrypex.md §8.4: 1, 5, 15, 30, 60, 120, 240, 1d, 1w). */
/** No month candle (the catalog's `resolutions` says so; the market service refuses it first). */
export const WS_RESOLUTION: Partial<Record<Resolution, string>> = {
  '1m': '1',
  '5m': '5',
  '15m': '15',
  '30m': '30',
  '1h': '60',
  '4h': '240',
  '1d': '1d',
  '1w': '1w',
};
