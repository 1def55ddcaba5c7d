/**
 * The exchange catalog: every exchange the terminal knows, once. Every list of exchanges in
 * both processes reads it (the `ExchangeId` schema, names in messages and panes, the add-account
 * form, the connector and simulator registries, demo mode). Adding an exchange is one entry
 * here, a connector folder under src/main/exchanges and, when it has one, a simulator folder
 * under src/main/sim (docs/exchanges.md "Adding an exchange").
 *
 * `has` follows ccxt's map of the same name: what the exchange offers, so callers ask the
 * catalog instead of comparing ids.
 */

export interface ExchangeCapabilities {
  /** Stop-limit and stop-market orders (else limit and market only). */
  readonly stopOrders: boolean;
  /** Own orders and fills arrive on a private socket (else the connector polls REST for them). */
  readonly privateStream: boolean;
}

export interface ExchangeEntry {
  readonly id: string;
  /** The name traders write: messages, pane headers, the status pane. */
  readonly name: string;
  /** The add-account form's label, naming the API version where it matters. */
  readonly formLabel: string;
  /** A three-letter tag beside a symbol in lists that mix exchanges (watchlist, alerts). */
  readonly short: string;
  /**
   * The asset the exchange takes its fee in: `received`, the asset the order receives (base for
   * buys, quote for sells).
   */
  readonly feeAsset: 'received';
  /** A loopback simulator of it exists under src/main/sim (demo mode, e2e, integration tests). */
  readonly simulator: boolean;
  readonly has: ExchangeCapabilities;
  /** Candle resolutions it serves, shortest first (the chart's buttons; names of model.ts `Resolution`). */
  readonly resolutions: readonly string[];
}

export const EXCHANGES = [
  {
    id: 'icrypex',
    name: 'Icrypex',
    formLabel: 'Icrypex',
    short: 'ICX',
    // specs/icrypex.md §7.11: "fee asset: base for buys, quote for sells".
    feeAsset: 'received',
    simulator: true,
    has: { stopOrders: true, privateStream: true },
    // §7.5 REST 1…1W (30m merged from 15m by the connector); no month candle.
    resolutions: ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w'],
  },
  {
    id: 'cryptocom',
    name: 'Crypto.com',
    formLabel: 'Crypto.com Exchange (legacy V1 API)',
    short: 'CDC',
    // specs/cryptocom-v1.md §5.9/§5.14: a SELL's feeCoin is the quote; buys pay in the base.
    feeAsset: 'received',
    simulator: true,
    has: { stopOrders: false, privateStream: false },
    // §4 kline periods 1 min … 1 month (4h built from 60 min by the connector).
    resolutions: ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w', '1month'],
  },
  {
    id: 'cryptocom-exchange',
    name: 'Crypto.com Exchange',
    formLabel: 'Crypto.com Exchange',
    short: 'CDX',
    // specs/cryptocom-exchange.md §5.11: a spot BUY pays in the base unless `fee_instrument_name`
    // names another asset (CRO, the quote); the terminal never sends one, so the default holds.
    feeAsset: 'received',
    simulator: true,
    // §4.2/§5.12: stop types left private/create-order for private/advanced/* (2025-12-17,
    // optional in the spec); the connector places LIMIT and MARKET only. Own orders, fills and
    // balances arrive on the user socket (§7.4).
    has: { stopOrders: false, privateStream: true },
    // §5.3 timeframes 1m … 1M; 2h, 6h, 12h and 14D have no terminal resolution.
    resolutions: ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w', '1month'],
  },
] as const satisfies readonly ExchangeEntry[];

type Entry = (typeof EXCHANGES)[number];

/** Every exchange id, in catalog order. */
export const EXCHANGE_IDS = EXCHANGES.map((e) => e.id) as [Entry['id'], ...Entry['id'][]];

/** The ids of the exchanges that have a simulator. */
export type SimulatedExchangeId = Extract<Entry, { simulator: true }>['id'];

/** The catalog entry of an exchange. */
export function exchangeEntry(id: Entry['id']): ExchangeEntry {
  return EXCHANGES.find((e) => e.id === id)!;
}

/** The exchange's name as traders write it; "the exchange" when the id is not known. */
export function exchangeName(id: string | undefined): string {
  return EXCHANGES.find((e) => e.id === id)?.name ?? 'the exchange';
}

/** The ids of the exchanges with a simulator, in catalog order. */
export function simulatedExchanges(): SimulatedExchangeId[] {
  return EXCHANGES.filter((e) => e.simulator).map((e) => e.id as SimulatedExchangeId);
}
