import { err, exchangeName, ok, type Account, type Endpoints, type ExchangeId, type Result } from '../../shared';
import type { ConnectorFactory, ExchangeConnector } from '../exchanges/connector';

/**
 * Market data keyed by exchange, not by account (issue 13 #6). Book, tape, chart and tickers
 * come from one public connector (no credentials: it never signs, and is never started, so it
 * opens no private stream and polls nothing) per exchange and endpoints. Two accounts on one
 * exchange share its streams; an exchange can be watched with no account at all (a first start
 * where the keychain is unavailable still streams the demo markets).
 *
 * An account's request uses the account's endpoints (a demo account reaches its simulator, a
 * live one the exchange); a request naming only an exchange uses `endpointsFor` (demo mode: the
 * simulator's), else the exchange's own public endpoints.
 */

export interface MarketSourcesOptions {
  account: (id: string) => Account | undefined;
  factories: Partial<Record<ExchangeId, ConnectorFactory>>;
  /** Where an exchange is watched without an account (demo mode: this run's simulator); undefined: the exchange itself. */
  endpointsFor?: (exchange: ExchangeId) => Endpoints | undefined;
  /** Told when a connector is made (the status service then watches its streams). */
  onConnectorsChanged?: () => void;
  now?: () => number;
  log?: (line: string) => void;
}

/** Whose market data a request wants: an account's exchange, or an exchange by name. */
export interface MarketSource {
  accountId?: string | undefined;
  exchange?: ExchangeId | undefined;
}

export class MarketSources {
  private readonly byKey = new Map<string, ExchangeConnector>();

  constructor(private readonly options: MarketSourcesOptions) {}

  /** The public connector serving `source`, created on first use. */
  resolve(source: MarketSource): Result<ExchangeConnector> {
    let exchange: ExchangeId;
    let endpoints: Endpoints;
    if (source.accountId !== undefined) {
      const account = this.options.account(source.accountId);
      if (!account) return err('NOT_FOUND', `There is no account ${source.accountId}.`, { field: 'accountId' });
      if (source.exchange !== undefined && source.exchange !== account.exchange) {
        return err('VALIDATION', `account ${account.label} is on ${exchangeName(account.exchange)}, not ${exchangeName(source.exchange)}`, { field: 'exchange' });
      }
      exchange = account.exchange;
      endpoints = account.endpoints;
    } else if (source.exchange !== undefined) {
      exchange = source.exchange;
      endpoints = this.options.endpointsFor?.(exchange) ?? {};
    } else {
      return err('VALIDATION', 'choose an account or an exchange to watch', { field: 'accountId' });
    }
    const key = `${exchange}|${endpoints.rest ?? ''}|${endpoints.ws ?? ''}`;
    const found = this.byKey.get(key);
    if (found) return ok(found);
    const factory = this.options.factories[exchange];
    if (!factory) return err('UNSUPPORTED', `This build has no ${exchangeName(exchange)} connector.`, { field: source.accountId !== undefined ? 'accountId' : 'exchange' });
    const connector = factory({ endpoints, now: this.options.now, log: (line) => this.options.log?.(`${exchange} market data: ${line}`) });
    this.byKey.set(key, connector);
    this.options.onConnectorsChanged?.();
    return ok(connector);
  }

  /** Every public connector made so far (the status bar's market streams). */
  connectors(): ExchangeConnector[] {
    return [...this.byKey.values()];
  }

  async stopAll(): Promise<void> {
    const all = [...this.byKey.values()];
    this.byKey.clear();
    await Promise.all(all.map((c) => c.stop().catch((cause: unknown) => this.options.log?.(`market data: stop failed: ${String(cause)}`))));
  }
}
