import { z } from 'zod';
import { Decimal } from '../model';
import { PairSymbol } from './market';
import { invoke } from './define';
import { AccountGroups } from './groups';

const PositiveDecimal = Decimal.refine((value) => !value.startsWith('-') && /[1-9]/.test(value), 'must be greater than 0');

/** Names unknown keys in the user's words instead of zod's "Unrecognized key". */
function strictError(known: string) {
  return (issue: { code?: string; keys?: readonly string[] }) =>
    issue.code === 'unrecognized_keys'
      ? `there is no setting ${(issue.keys ?? []).map((k) => JSON.stringify(k.slice(0, 40))).join(', ')} (known: ${known})`
      : undefined;
}

/**
 * Caps for one pair (the terminal's symbol, e.g. `BTCUSDT`), on every account and exchange.
 * Strict: an unknown key or an explicit `undefined` is refused, a cap that is not there is left out.
 */
export const SymbolLimits = z.strictObject(
  {
    /** Largest base quantity one order may have (market buys by total are valued at the mid). */
    maxQuantity: PositiveDecimal.exactOptional(),
    /** Largest order value in the quote asset (price × quantity, or the total). */
    maxNotional: PositiveDecimal.exactOptional(),
  },
  { error: strictError('maxQuantity, maxNotional') },
);
export type SymbolLimits = z.infer<typeof SymbolLimits>;

const ReadOnly = z.boolean({ error: 'read-only mode must be true (on) or false (off)' });
const PriceBandPercent = z
  .number({ error: 'the price band must be a percentage such as 10, or null for no band' })
  .positive('the price band must be greater than 0')
  .max(100, 'the price band is at most 100 %')
  .nullable();
/** More symbols than any trader sets caps for; it bounds settings.json and every order's lookup. */
export const MAX_SYMBOL_LIMITS = 500;
const SymbolLimitsMap = z
  .record(PairSymbol, SymbolLimits, { error: 'symbol limits must map a symbol such as BTCUSDT to its caps' })
  .refine((map) => Object.keys(map).length <= MAX_SYMBOL_LIMITS, `caps can be set for at most ${MAX_SYMBOL_LIMITS} symbols`);

/**
 * The trader's safety settings, saved in the data folder (`settings.json`) and applied by the
 * trading service to every order before anything is sent (ux.md, "Safety on the client").
 */
export const Settings = z.strictObject(
  {
    /** Blocks every write to an exchange (place, cancel, cancel-all, basket) with RISK_BLOCKED; previews still work. */
    readOnly: ReadOnly,
    /**
     * A limit order whose price is more than this % away from the mid is blocked; `null` turns
     * the band off. Default 10.
     */
    priceBandPercent: PriceBandPercent,
    /** Per-symbol caps; a symbol without an entry has none. Keys are upper-cased without separators. */
    symbolLimits: SymbolLimitsMap,
    /** Named account groups for baskets (issue 13 #2); a file written before them has none. */
    accountGroups: AccountGroups.default([]),
  },
  { error: strictError('readOnly, priceBandPercent, symbolLimits, accountGroups') },
);
export type Settings = z.infer<typeof Settings>;

/**
 * What `settings:set` accepts: some of the fields, each with its real type. Strict (issue 12): an
 * unknown key, a wrong type or an explicit `undefined` is refused naming the field, so read-only
 * mode is only ever turned off by an explicit `false`.
 */
export const SettingsUpdate = z.strictObject(
  {
    readOnly: ReadOnly.exactOptional(),
    priceBandPercent: PriceBandPercent.exactOptional(),
    symbolLimits: SymbolLimitsMap.exactOptional(),
    /** Replaces every group. */
    accountGroups: AccountGroups.exactOptional(),
  },
  { error: strictError('readOnly, priceBandPercent, symbolLimits, accountGroups') },
);
export type SettingsUpdate = z.infer<typeof SettingsUpdate>;

export const settingsInvoke = {
  'settings:get': invoke(z.undefined(), Settings),
  /** Replaces the given top-level fields (a given `symbolLimits` replaces the whole map) and answers the saved settings. */
  'settings:set': invoke(SettingsUpdate, Settings),
} as const;

export const settingsEvents = {
  'settings:changed': Settings,
} as const;
