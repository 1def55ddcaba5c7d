/**
 * Every Icrypex variant the spec lists (specs/icrypex.md §9 and the sections cited), as a
 * switch. Defaults are the best-evidenced side; tests flip them to prove clients cope.
 */
export interface IcrypexQuirks {
  /** §7.7/§9.11: place reply trade array key. Sample: `lastTrades`; table: `trades`. */
  placeTradesKey: 'lastTrades' | 'trades' | 'both';
  /** §9.10: place reply status spelling. Sample `Fill` (PascalCase of the list words). */
  placeStatusStyle: 'Pascal' | 'UPPER' | 'table';
  /** §9.10: list endpoints' status spelling: OPEN/FILL/CANCEL (docs) or OPEN/FILLED/CANCELED. */
  listStatusStyle: 'short' | 'long';
  /** §7.9/§9.12: order amount key: `total` (later doc edit), `totalQuote` (sample), or both. */
  orderTotalKey: 'total' | 'totalQuote' | 'both';
  /** §3/§9.17: ICX-NONCE above 60000: clamp to 60000 (default) or answer 401. */
  strictNonce: boolean;
  /** §7.4/§9.15: REST trades/last `d` as seconds (contract) or seconds/1000 (live quirk). */
  lastTradesDateQuirk: boolean;
  /** §9.13: order createdDate/updatedDate unit. */
  orderDateUnit: 'ms' | 's';
  /** §7.11/§9.14: user trade `date` unit. */
  tradeDateUnit: 's' | 'ms';
  /** §9.16: unit of query `from`/`to`. */
  queryTimeUnit: 's' | 'ms';
  /** §7.13: wallet rows also carry SDK-seen `locked`, `tryValue`, `btcValue`. */
  walletExtraFields: boolean;
  /** §7.1/§9.19: assets carry the limitWithdrawal/limitDeposit fields. */
  assetLimitFields: boolean;
  /** §7.7: place reply `id` as a string (docs) or an integer. */
  placeIdAsString: boolean;
  /** §8.4: obd removal rows carry the level's last quantity (fixtures) or "0". */
  obdRemovalQuantity: 'last' | 'zero';
  /** §8.4: orderbook-short frames carry `cs` (unverified). */
  shortBookCs: boolean;
  /** §8.4: live ticker frames carry undocumented `bs`/`qs`. */
  tickerAssetKeys: boolean;
  /** §8.4: trade frames carry undocumented `m` (0). */
  tradeM: boolean;
  /** §7.5: empty kline range answers UDF `{"s":"no_data"}` or `{"s":"ok"}` with empty arrays. */
  emptyKlines: 'no_data' | 'ok';
  /** §4/§7.3: missing symbol on orderbook: 500 with the Turkish message (curl) or empty (node). */
  missingSymbolBody: boolean;
  /** §7.8: cancel of an unknown/closed order: 422 error model or 404 empty. */
  cancelUnknown: 422 | 404;
  /** §8.3: ack of an unsubscribe (`s` value). */
  unsubscribeAck: boolean;
}

/** The best-evidenced choice for each switch. */
export const DEFAULT_ICRYPEX_QUIRKS: Readonly<IcrypexQuirks> = {
  placeTradesKey: 'lastTrades',
  placeStatusStyle: 'Pascal',
  listStatusStyle: 'short',
  orderTotalKey: 'total',
  strictNonce: false,
  lastTradesDateQuirk: false,
  orderDateUnit: 'ms',
  tradeDateUnit: 's',
  queryTimeUnit: 's',
  walletExtraFields: true,
  assetLimitFields: false,
  placeIdAsString: true,
  obdRemovalQuantity: 'last',
  shortBookCs: false,
  tickerAssetKeys: true,
  tradeM: true,
  emptyKlines: 'no_data',
  missingSymbolBody: true,
  cancelUnknown: 422,
  unsubscribeAck: false,
};
