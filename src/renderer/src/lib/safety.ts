import type Big from 'big.js';
import type { OrderType } from '../../../shared';
import { percentDistance, toDecimal } from './decimal';

/**
 * Safety (ux.md "Safety on the client") has two halves:
 * - the engine's risk settings (read-only, price band, per-symbol max size and notional), which
 *   the trading service enforces on every order and reports in `orders:preview`; the UI shows
 *   and edits them through the settings channels;
 * - the ticket's own confirmations below, which only ask for a second Enter (the hot path is
 *   never a modal by default, so both are off until the trader sets them).
 */
export interface ClientSafety {
  /** Ask for a second Enter when the order's notional is above this (quote). */
  confirmAboveNotional?: string;
  /** Ask for a second Enter when a limit price is further than this % from the mid. */
  confirmBandPercent?: number;
}

/**
 * Nothing asks by default. (Esc used to cancel the last order when nothing was open; it only
 * dismisses now, and "cancel last" has its own chord: issue 11, "Esc never cancels".)
 */
export const DEFAULT_CLIENT_SAFETY: ClientSafety = {};

export interface ConfirmInput {
  type: OrderType;
  price?: string;
  /** Quote value (from the preview). */
  notional?: string;
  mid?: string;
}

const positiveDecimal = (value: string | undefined): Big | undefined => {
  const big = toDecimal(value);
  return big?.gt(0) ? big : undefined;
};

/** Why this order needs a second Enter (empty: send at once). */
export function confirmReasons(order: ConfirmInput, settings: ClientSafety): string[] {
  const out: string[] = [];
  const notional = positiveDecimal(order.notional);
  const above = positiveDecimal(settings.confirmAboveNotional);
  if (above && notional && notional.gt(above)) {
    out.push(`order value ${notional.round(2).toFixed()} is above ${settings.confirmAboveNotional}`);
  }
  const price = positiveDecimal(order.price);
  const mid = positiveDecimal(order.mid);
  const band = settings.confirmBandPercent;
  if (price && mid && band !== undefined && band > 0 && (order.type === 'limit' || order.type === 'stop-limit')) {
    const away = percentDistance(order.price, order.mid)!;
    if (away.gt(band)) out.push(`price ${order.price} is ${away.toFixed(1)} % from the mid ${mid.toFixed()} (confirm beyond ${band} %)`);
  }
  return out;
}

/** Reads the saved confirmations, keeping what is valid (a damaged entry loses only itself). */
export function parseClientSafety(saved: unknown): ClientSafety {
  const out: ClientSafety = { ...DEFAULT_CLIENT_SAFETY };
  if (!saved || typeof saved !== 'object') return out;
  const s = saved as Record<string, unknown>;
  if (typeof s['confirmAboveNotional'] === 'string' && positiveDecimal(s['confirmAboveNotional'])) out.confirmAboveNotional = s['confirmAboveNotional'];
  if (typeof s['confirmBandPercent'] === 'number' && s['confirmBandPercent'] > 0 && s['confirmBandPercent'] <= 100) out.confirmBandPercent = s['confirmBandPercent'];
  return out;
}
