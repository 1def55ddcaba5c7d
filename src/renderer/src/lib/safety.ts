import Big from 'big.js';
import type { OrderType, Side } from '../../../shared';

/**
 * Client-side safety (ux.md "Safety on the client"). The engine enforces its own guards too;
 * the ticket checks the same settings first so the trader sees the reason before sending and
 * a blocked order is never sent.
 */
export interface SafetySettings {
  /** Dry run: every write is blocked; the ticket shows what would be sent. */
  readOnly: boolean;
  /** Per symbol (terminal spelling, e.g. BTCUSDT): largest base quantity and quote notional per order. */
  limits: Record<string, { maxQuantity?: string; maxNotional?: string }>;
  /** Applies to symbols without their own maxNotional. */
  defaultMaxNotional?: string;
  /** A limit price further than this percent from the mid is confirmed or blocked. */
  priceBandPercent?: number;
  priceBandAction: 'confirm' | 'block';
  /** Ask for a second Enter above this notional (quote). Unset = never (the hot path has no modal). */
  confirmAboveNotional?: string;
  /** Esc with no ticket or palette open cancels the last order placed here. */
  escCancelsLastOrder: boolean;
}

export const DEFAULT_SAFETY: SafetySettings = {
  readOnly: false,
  limits: {},
  priceBandPercent: 5,
  priceBandAction: 'confirm',
  escCancelsLastOrder: true,
};

export interface GuardInput {
  symbol: string;
  side: Side;
  type: OrderType;
  price?: string;
  quantity?: string;
  /** Quote value (from the preview). */
  notional?: string;
  /** Current mid of the book, for the price band. */
  mid?: string;
}

export interface GuardOutcome {
  /** The order must not be sent; each line says why. */
  blocked: string[];
  /** The order needs a second Enter; each line says why. */
  confirm: string[];
}

const positiveDecimal = (value: string | undefined): Big | undefined => {
  if (value === undefined || !/^\d*\.?\d+$/.test(value)) return undefined;
  const big = new Big(value);
  return big.gt(0) ? big : undefined;
};

/** Checks one order against the safety settings. */
export function checkGuards(order: GuardInput, settings: SafetySettings): GuardOutcome {
  const blocked: string[] = [];
  const confirm: string[] = [];
  const limit = settings.limits[order.symbol.toUpperCase()] ?? {};
  const quantity = positiveDecimal(order.quantity);
  const notional = positiveDecimal(order.notional);

  const maxQuantity = positiveDecimal(limit.maxQuantity);
  if (maxQuantity && quantity && quantity.gt(maxQuantity)) {
    blocked.push(`quantity ${order.quantity} is above your max size ${limit.maxQuantity} for ${order.symbol}`);
  }
  const maxNotionalText = limit.maxNotional ?? settings.defaultMaxNotional;
  const maxNotional = positiveDecimal(maxNotionalText);
  if (maxNotional && notional && notional.gt(maxNotional)) {
    blocked.push(`order value ${notional.round(2).toFixed()} is above your max notional ${maxNotionalText} for ${order.symbol}`);
  }

  const price = positiveDecimal(order.price);
  const mid = positiveDecimal(order.mid);
  const band = settings.priceBandPercent;
  if (price && mid && band !== undefined && band > 0 && (order.type === 'limit' || order.type === 'stop-limit')) {
    const away = price.minus(mid).abs().div(mid).times(100);
    if (away.gt(band)) {
      const message = `price ${order.price} is ${away.toFixed(1)} % from the mid ${order.mid} (band ${band} %)`;
      (settings.priceBandAction === 'block' ? blocked : confirm).push(message);
    }
  }

  const confirmAbove = positiveDecimal(settings.confirmAboveNotional);
  if (confirmAbove && notional && notional.gt(confirmAbove)) {
    confirm.push(`order value ${notional.round(2).toFixed()} is above ${settings.confirmAboveNotional}: press Enter again to send`);
  }
  return { blocked, confirm };
}

/**
 * Reads saved safety settings, keeping what is valid and falling back to the defaults for the
 * rest (a damaged entry loses only itself).
 */
export function parseSafety(saved: unknown): SafetySettings {
  const out: SafetySettings = { ...DEFAULT_SAFETY, limits: {} };
  if (!saved || typeof saved !== 'object') return out;
  const s = saved as Record<string, unknown>;
  if (typeof s['readOnly'] === 'boolean') out.readOnly = s['readOnly'];
  if (typeof s['escCancelsLastOrder'] === 'boolean') out.escCancelsLastOrder = s['escCancelsLastOrder'];
  if (s['priceBandAction'] === 'block' || s['priceBandAction'] === 'confirm') out.priceBandAction = s['priceBandAction'];
  if (s['priceBandPercent'] === null) delete out.priceBandPercent;
  else if (typeof s['priceBandPercent'] === 'number' && s['priceBandPercent'] > 0) out.priceBandPercent = s['priceBandPercent'];
  if (typeof s['defaultMaxNotional'] === 'string' && positiveDecimal(s['defaultMaxNotional'])) out.defaultMaxNotional = s['defaultMaxNotional'];
  if (typeof s['confirmAboveNotional'] === 'string' && positiveDecimal(s['confirmAboveNotional'])) out.confirmAboveNotional = s['confirmAboveNotional'];
  const limits = s['limits'];
  if (limits && typeof limits === 'object') {
    for (const [symbol, value] of Object.entries(limits as Record<string, unknown>)) {
      if (!value || typeof value !== 'object') continue;
      const v = value as Record<string, unknown>;
      const entry: { maxQuantity?: string; maxNotional?: string } = {};
      if (typeof v['maxQuantity'] === 'string' && positiveDecimal(v['maxQuantity'])) entry.maxQuantity = v['maxQuantity'];
      if (typeof v['maxNotional'] === 'string' && positiveDecimal(v['maxNotional'])) entry.maxNotional = v['maxNotional'];
      if (entry.maxQuantity || entry.maxNotional) out.limits[symbol.toUpperCase()] = entry;
    }
  }
  return out;
}
