import { err, exchangeName, ok, type Account, type EventSink, type ExchangeId, type Order, type Result } from '../../shared';
import type { ConnectorFactory, ExchangeConnector, SubmitResolution, Unsubscribe } from '../exchanges/connector';
import { signingKey, SigningKeyCache, type Credentials, type SecretStore } from '../secrets';
import { LatestOrders } from './latest-orders';

export type ConnectorFactories = Partial<Record<ExchangeId, ConnectorFactory>>;

export interface AccountRuntimeOptions {
  /** Where account metadata comes from (the registry). */
  account: (id: string) => Account | undefined;
  secrets: SecretStore;
  factories: ConnectorFactories;
  /** Receives orders:update, orders:fill and balances:update from every connector. */
  emit: EventSink;
  /** Told whenever a connector is created or stopped (the status service watches their streams). */
  onConnectorsChanged?: () => void;
  /** Told about every own-order update (the trading service refreshes its idempotency records). */
  onOrder?: (order: Order) => void;
  /** How an ambiguous submit ended (the trading service pushes it as an order outcome). */
  onSubmitResolved?: (accountId: string, resolution: SubmitResolution) => void;
  now?: () => number;
  log?: (line: string) => void;
}

interface Running {
  connector: ExchangeConnector;
  key: SigningKeyCache;
  started: Promise<void>;
  unsubscribe: Unsubscribe[];
}

/**
 * One connector per account, created on first use from the factory of its exchange. The
 * connector signs with the account's SigningKeyCache: the keychain is read once, at the first
 * signed call, and the secret kept only as a KeyObject (issue 19 point 3, SECURITY.md "Keys in
 * memory"); when the exchange refuses the key, it is read again at the next signed call.
 */
/** The connector calls that sign: their AUTH_INVALID_KEY answer makes the key be read again. */
const SIGNED_CALLS = new Set<string>(['checkCredentials', 'placeOrder', 'cancelOrder', 'cancelAll', 'openOrders', 'orderHistory', 'fills', 'balances']);

/**
 * The connector as the rest of main sees it: the same object, except that a signed call the
 * exchange answers AUTH_INVALID_KEY drops the cached key (the key may have been replaced).
 */
function forgetKeyOnRefusal(connector: ExchangeConnector, key: SigningKeyCache): ExchangeConnector {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(connector, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof name !== 'string' || !SIGNED_CALLS.has(name) || typeof value !== 'function') return value;
      let call = wrapped.get(name);
      if (!call) {
        const method = value as (...args: unknown[]) => Promise<Result<unknown>>;
        call = async (...args: unknown[]) => {
          const result = await method.apply(target, args);
          if (!result.ok && result.error.code === 'AUTH_INVALID_KEY') key.forget();
          return result;
        };
        wrapped.set(name, call);
      }
      return call;
    },
  });
}

export class AccountRuntime {
  private readonly running = new Map<string, Running>();
  private readonly log: (line: string) => void;

  constructor(private readonly options: AccountRuntimeOptions) {
    this.log = options.log ?? (() => {});
  }

  /** Whether this build has a connector for the exchange. */
  supports(exchange: ExchangeId): boolean {
    return this.options.factories[exchange] !== undefined;
  }

  /** The account's started connector, creating it on first use. */
  async connector(accountId: string): Promise<Result<ExchangeConnector>> {
    const entry = this.ensure(accountId);
    if (!entry.ok) return entry;
    try {
      await entry.value.started;
      return ok(entry.value.connector);
    } catch (cause) {
      // A connector that failed to start is dropped so the next call tries again.
      if (this.running.get(accountId) === entry.value) await this.stop(accountId);
      const reason = cause instanceof Error ? cause.message : String(cause);
      return err('EXCHANGE_UNAVAILABLE', `The connection for account ${accountId} could not start: ${reason}`);
    }
  }

  /** The account's connector right away (its start runs in the background), for callers that cannot wait (the market service). */
  connectorNow(accountId: string): Result<ExchangeConnector> {
    const entry = this.ensure(accountId);
    return entry.ok ? ok(entry.value.connector) : entry;
  }

  /** Every connector that exists now (the status bar's sources). */
  connectors(): ExchangeConnector[] {
    return [...this.running.values()].map((entry) => entry.connector);
  }

  private ensure(accountId: string): Result<Running> {
    const existing = this.running.get(accountId);
    if (existing) return ok(existing);
    const account = this.options.account(accountId);
    if (!account) return err('NOT_FOUND', `There is no account ${accountId}.`, { field: 'accountId' });
    const factory = this.options.factories[account.exchange];
    if (!factory) return err('UNSUPPORTED', `This build has no ${exchangeName(account.exchange)} connector.`, { field: 'accountId' });
    const key = new SigningKeyCache(this.options.secrets, accountId);
    const connector = forgetKeyOnRefusal(
      factory({
        accountId,
        endpoints: account.endpoints,
        credentials: () => key.get(),
        now: this.options.now,
        log: (line) => this.log(`${accountId}: ${line}`),
      }),
      key,
    );
    const entry: Running = { connector, key, started: connector.start(), unsubscribe: this.forward(accountId, connector) };
    // Observed here so a background start that fails is never an unhandled rejection.
    entry.started.catch((cause: unknown) => this.log(`${accountId}: start failed: ${cause instanceof Error ? cause.message : String(cause)}`));
    this.running.set(accountId, entry);
    this.options.onConnectorsChanged?.();
    return ok(entry);
  }

  /**
   * A throwaway connector with credentials held in memory, to check a key before an account
   * exists (accounts:add). The caller stops it.
   */
  probe(account: Pick<Account, 'id' | 'exchange' | 'endpoints'>, credentials: Credentials): Result<ExchangeConnector> {
    const factory = this.options.factories[account.exchange];
    if (!factory) return err('UNSUPPORTED', `This build has no ${exchangeName(account.exchange)} connector.`, { field: 'exchange' });
    const key = signingKey(credentials);
    return ok(
      factory({
        accountId: account.id,
        endpoints: account.endpoints,
        credentials: async () => key,
        now: this.options.now,
        log: (line) => this.log(`${account.id} (key check): ${line}`),
      }),
    );
  }

  /** Stops and forgets the account's connector (after removal, or to pick up new endpoints). */
  async stop(accountId: string): Promise<void> {
    const entry = this.running.get(accountId);
    if (!entry) return;
    this.running.delete(accountId);
    this.options.onConnectorsChanged?.();
    for (const off of entry.unsubscribe) off();
    await entry.started.catch(() => {});
    await entry.connector.stop().catch((cause: unknown) => this.log(`${accountId}: stop failed: ${String(cause)}`));
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }

  /** Ids of the accounts whose connector exists now. */
  active(): string[] {
    return [...this.running.keys()];
  }

  private forward(accountId: string, connector: ExchangeConnector): Unsubscribe[] {
    const { emit } = this.options;
    // The account id is stamped here too, so a connector can never report for another account.
    // A report behind one already passed on (a reply after the fill push) goes no further.
    const latest = new LatestOrders();
    return [
      connector.onOrder((order) => {
        const stamped = latest.admit({ ...order, accountId });
        if (!stamped) return;
        this.options.onOrder?.(stamped);
        emit('orders:update', stamped);
      }),
      connector.onFill((fill) => emit('orders:fill', { ...fill, accountId })),
      connector.onBalances((balances) => emit('balances:update', { accountId, balances: balances.map((b) => ({ ...b, accountId })) })),
      connector.onSubmitResolved((resolution) => this.options.onSubmitResolved?.(accountId, 'order' in resolution ? { ...resolution, order: { ...resolution.order, accountId } } : resolution)),
    ];
  }
}
