import { z } from 'zod';
import { Decimal } from '../model';
import { PairSymbol } from './market';
import { invoke } from './define';

const PositiveDecimal = Decimal.refine((value) => !value.startsWith('-') && /[1-9]/.test(value), 'must be greater than 0');

/** Caps for one pair (the terminal's symbol, e.g. `BTCUSDT`), on every account and exchange. */
export const SymbolLimits = z.object({
  /** Largest base quantity one order may have (market buys by total are valued at the mid). */
  maxQuantity: PositiveDecimal.optional(),
  /** Largest order value in the quote asset (price × quantity, or the total). */
  maxNotional: PositiveDecimal.optional(),
});
export type SymbolLimits = z.infer<typeof SymbolLimits>;

/**
 * The trader's safety settings, saved in the data folder (`settings.json`) and applied by the
 * trading service to every order before anything is sent (ux.md, "Safety on the client").
 */
export const Settings = z.object({
  /** Blocks every write to an exchange (place, cancel, cancel-all, basket) with RISK_BLOCKED; previews still work. */
  readOnly: z.boolean(),
  /**
   * A limit order whose price is more than this % away from the mid is blocked; `null` turns
   * the band off. Default 10.
   */
  priceBandPercent: z.number().positive('must be greater than 0').max(100, 'at most 100 %').nullable(),
  /** Per-symbol caps; a symbol without an entry has none. Keys are upper-cased without separators. */
  symbolLimits: z.record(PairSymbol, SymbolLimits),
});
export type Settings = z.infer<typeof Settings>;

export const settingsInvoke = {
  'settings:get': invoke(z.undefined(), Settings),
  /** Replaces the given top-level fields (a given `symbolLimits` replaces the whole map) and answers the saved settings. */
  'settings:set': invoke(Settings.partial(), Settings),
} as const;

export const settingsEvents = {
  'settings:changed': Settings,
} as const;
