import { err, ok, type EventSink, type Mode, type ParsedRequestOf, type ResponseOf, type Result, type TerminalNotification } from '../../shared';
import { AlertService, alertsHandlers } from '../alerts/alert-service';
import { OrderNotices, type NoticeDraft } from '../alerts/order-notices';
import { startDemo, type RunningDemo, type SimulatorLauncher } from '../accounts/demo';
import { AccountRegistry } from '../accounts/registry';
import { AccountRuntime, type ConnectorFactories } from '../accounts/runtime';
import { AccountService, accountsHandlers } from '../accounts/service';
import type { ExchangeConnector } from '../exchanges/connector';
import { connectorFactories } from '../exchanges/registry';
import type { Handlers, SenderInfo } from '../ipc/handle';
import { MarketService, marketHandlers, MarketSources, StatusService, statusHandlers } from '../market';
import { createKeytarSecretStore, stopAfterUnavailable, type SecretStore } from '../secrets';
import { SettingsStore, settingsHandlers } from '../settings/settings-store';
import { TradingService, tradingHandlers } from '../trading/service';
import { bookMid, midPrice } from '../trading/market-cache';
import { EventHub } from './events';
import { defaultSimulators } from './simulators';

export interface EngineOptions {
  name: string;
  version: string;
  platform: string;
  host: 'electron' | 'browser-host' | 'node';
  /** Folder for the account registry and settings. */
  dataDir: string;
  /** Heartbeat period in ms; 0 turns it off (unit tests). */
  heartbeatMs?: number;
  now?: () => number;
  log?: (line: string) => void;
  /** Where API secrets live; default: the OS keychain (keytar, service `keyboard-terminal`). */
  secretStore?: SecretStore;
  /** One factory per exchange; default: src/main/exchanges/registry.ts. */
  connectorFactories?: ConnectorFactories;
  /** Demo mode: start the embedded simulators and demo accounts (default true). */
  demo?: boolean;
  /** The simulators demo mode starts; default: engine/simulators.ts. */
  simulators?: SimulatorLauncher;
  /** Mid price source for the trading service's guards; default: a shallow REST book. */
  referencePrice?: (connector: ExchangeConnector, symbol: string) => Promise<string | undefined>;
  /** Saves an export through the host's native dialog (the Electron shell); without it `app:save-export` answers UNSUPPORTED. */
  saveExport?: (request: ParsedRequestOf<'app:save-export'>) => Promise<Result<ResponseOf<'app:save-export'>>>;
}

/**
 * The Electron-free core: one object that implements the contract. It runs inside Electron
 * (src/main/index.ts) and in plain Node (tests, the browser host). It must never import electron.
 */
export class Engine {
  readonly handlers: Partial<Handlers>;
  readonly registry: AccountRegistry;
  readonly settings: SettingsStore;
  readonly runtime: AccountRuntime;
  readonly accounts: AccountService;
  readonly trading: TradingService;
  readonly market: MarketService;
  /** Market data keyed by exchange (issue 13 #6): one public connector per exchange and endpoints, shared by its accounts. */
  readonly sources: MarketSources;
  readonly status: StatusService;
  readonly alerts: AlertService;
  private readonly orderNotices: OrderNotices;
  private noticeSeq = 0;
  private readonly secrets: SecretStore;
  private readonly events = new EventHub();
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private heartbeatSeq = 0;
  private demo: RunningDemo | undefined;
  private starting: Promise<void> | undefined;
  private markReady!: (started: Promise<void>) => void;
  /** Settles when start() has loaded the registry and settings; account and order handlers wait for it. */
  private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(private readonly options: EngineOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
    const emit: EventSink = (channel, payload) => {
      this.events.emit(channel, payload);
      // An account added or removed may change which connection watches an alert's market.
      if (channel === 'accounts:changed') queueMicrotask(() => this.alerts.sync());
    };
    const secrets = (this.secrets = options.secretStore ?? createKeytarSecretStore());
    this.registry = new AccountRegistry(options.dataDir, { now: this.now });
    this.settings = new SettingsStore(options.dataDir, this.now);
    this.runtime = new AccountRuntime({
      account: (id) => this.registry.get(id),
      secrets,
      factories: options.connectorFactories ?? connectorFactories,
      emit,
      onOrder: (order) => {
        this.trading.noteOrder(order);
        for (const draft of this.orderNotices.update(order)) this.raise(draft);
      },
      onSubmitResolved: (accountId, resolution) => this.trading.noteResolution(accountId, resolution),
      onConnectorsChanged: () => this.status.notify(),
      now: options.now,
      log: this.log,
    });
    this.accounts = new AccountService({ registry: this.registry, runtime: this.runtime, secrets, emit, now: this.now, log: this.log });
    this.trading = new TradingService({
      source: {
        connector: (id) => this.runtime.connector(id),
        account: (id) => this.registry.get(id),
        accountIds: () => this.registry.list().map((a) => a.id),
      },
      settings: () => this.settings.get(),
      onOutcome: (outcome) => emit('orders:outcome', outcome),
      onQueued: (queued) => emit('orders:queued', queued),
      // The mid comes from a live, in-sync book when a pane is watching one (no REST call, no
      // rate budget: previews run on every keystroke), else from a shallow REST book.
      referencePrice:
        options.referencePrice ??
        (async (connector, symbol) => {
          const live = connector.accountId !== undefined ? this.market.liveBook({ accountId: connector.accountId }, symbol) : undefined;
          return (live && bookMid(live)) ?? midPrice(connector, symbol);
        }),
      now: this.now,
      log: this.log,
    });
    // Market data is keyed by exchange, not by account (issue 13 #6): an account's request goes to
    // the public connector of its exchange at its endpoints (demo accounts reach the simulators);
    // an exchange watched with no account, to the demo simulator or the exchange itself.
    this.sources = new MarketSources({
      account: (id) => this.registry.get(id),
      factories: options.connectorFactories ?? connectorFactories,
      endpointsFor: (exchange) => this.demo?.endpoints[exchange],
      onConnectorsChanged: () => this.status.notify(),
      now: options.now,
      log: this.log,
    });
    this.market = new MarketService({ connectorFor: (source) => this.sources.resolve(source), emit, log: this.log });
    this.status = new StatusService({ connectors: () => this.runtime.connectors(), marketConnectors: () => this.sources.connectors(), emit, log: this.log });
    this.orderNotices = new OrderNotices({ accountLabel: (id) => this.registry.get(id)?.label ?? id, startedAt: this.now(), now: this.now });
    this.alerts = new AlertService({
      dataDir: options.dataDir,
      accounts: () => this.registry.list(),
      connectorFor: (id) => this.runtime.connectorNow(id),
      emit,
      notify: (draft) => this.raise(draft),
      now: this.now,
      log: this.log,
    });
    const trading = tradingHandlers(this.trading);
    this.settings.onChange((settings) => emit('settings:changed', settings));
    this.handlers = {
      'app:info': () =>
        ok({
          name: options.name,
          version: options.version,
          platform: options.platform,
          mode: this.mode(),
          host: options.host,
        }),
      'app:ping': (request) => {
        const receivedAt = this.now();
        return ok({ sentAt: request.sentAt, echo: request.echo, receivedAt, repliedAt: this.now() });
      },
      'app:save-export': (request) =>
        options.saveExport?.(request) ??
        err('UNSUPPORTED', 'saving a file with a dialog needs the desktop app; here the export downloads instead'),
      ...afterStart(
        {
          ...accountsHandlers(this.accounts),
          ...settingsHandlers(this.settings),
          ...trading,
          // A cancel the terminal asks for is not news when the exchange confirms it.
          'orders:cancel': (request, sender) => {
            this.orderNotices.noteCancelRequest(request.accountId, request.symbol, request.orderId);
            return trading['orders:cancel'](request, sender);
          },
          // A move cancels the original unless the exchange amends it: that cancel is not news either.
          'orders:move': (request, sender) => {
            this.orderNotices.noteCancelRequest(request.accountId, request.symbol, request.orderId);
            return trading['orders:move'](request, sender);
          },
          'orders:cancel-all': (request, sender) => {
            this.orderNotices.noteCancelRequest(request.accountId, request.symbol);
            return trading['orders:cancel-all'](request, sender);
          },
          ...alertsHandlers(this.alerts),
          ...marketHandlers(this.market),
          ...statusHandlers(this.status),
          // Demo mode only (issue 18): never while an account that trades real money exists.
          'sim:fault': async (request) => {
            if (this.mode() === 'live') return err('UNSUPPORTED', 'sim commands work in demo mode only: a live account exists, so no fault was injected');
            const inject = this.demo?.fault;
            if (!inject) return err('UNSUPPORTED', "demo mode's simulated exchanges are not running");
            try {
              // The simulators run in their own process (engine/simulators.ts): the answer comes over its channel.
              return ok({ applied: await inject(request) });
            } catch (cause) {
              return err('EXCHANGE_UNAVAILABLE', cause instanceof Error ? cause.message : String(cause));
            }
          },
        },
        () => this.ready,
      ),
    };
  }

  /** `live` as soon as any live account exists (real money is reachable); `demo` while only demo accounts (or none) do. */
  mode(): Mode {
    return this.registry.list().some((a) => a.mode === 'live') ? 'live' : 'demo';
  }

  /**
   * A renderer is gone (window closed, page reloaded, bridge connection closed): end the market
   * streams it held, so they neither leak nor count against the next page's cap.
   */
  releaseRenderer(senderId: number): void {
    this.market.releaseRenderer(senderId);
  }

  /** Numbers, stamps and pushes a notification (the shell also shows it as an OS notification). */
  private raise(draft: NoticeDraft): void {
    const notification: TerminalNotification = { ...draft, id: ++this.noticeSeq, time: this.now() };
    this.log(`notify: ${notification.kind} ${notification.symbol}`);
    this.events.emit('alerts:notification', notification);
  }

  /** Adds a receiver of pushed events; returns its unsubscribe. */
  subscribe(sink: EventSink): () => void {
    return this.events.subscribe(sink);
  }

  async start(): Promise<void> {
    this.starting ??= this.load();
    this.markReady(this.starting);
    await this.starting;
    this.status.start();
    const period = this.options.heartbeatMs ?? 1000;
    if (period > 0 && !this.heartbeat) {
      this.heartbeat = setInterval(() => {
        this.events.emit('app:heartbeat', { seq: ++this.heartbeatSeq, time: this.now() });
      }, period);
      this.heartbeat.unref?.();
    }
  }

  /** Stops timers and closes every connection; safe to call twice. */
  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    await this.starting?.catch(() => {});
    this.market.stop();
    await this.sources.stopAll();
    this.status.stop();
    this.alerts.stop();
    await this.runtime.stopAll();
    const demo = this.demo;
    this.demo = undefined;
    await demo?.stop().catch((cause: unknown) => this.log(`demo: stop failed: ${String(cause)}`));
    await Promise.all([this.registry.flush(), this.settings.flush(), this.alerts.store.flush()]);
  }

  /** Loads settings and accounts, sets up demo mode, reports leftover keys, and opens every account's connection. */
  private async load(): Promise<void> {
    for (const store of [this.settings, this.registry, this.alerts.store]) {
      try {
        const problem = await store.open();
        if (problem) this.accounts.report(problem);
      } catch (cause) {
        // An unreadable data folder must not keep the window from opening: start empty and say why.
        const reason = cause instanceof Error ? cause.message : String(cause);
        this.accounts.report({ kind: 'data-folder-unusable', file: store.file, message: `${store.file} could not be read (${reason}); changes may not be saved until the data folder is fixed.`, time: this.now() });
      }
    }
    // A hung or locked keychain costs start at most one timeout, however many accounts there are.
    const secrets = stopAfterUnavailable(this.secrets);
    const launcher = this.options.simulators ?? defaultSimulators;
    if ((this.options.demo ?? true) && launcher) {
      this.demo = await startDemo({
        registry: this.registry,
        secrets,
        launcher,
        supports: (exchange) => this.runtime.supports(exchange),
        report: (problem) => this.accounts.report(problem),
        newId: (exchange) => this.accounts.newId(exchange),
        now: this.now,
        log: this.log,
      });
    }
    await this.accounts.findOrphanKeys(secrets);
    this.alerts.start();
    for (const account of this.registry.list()) {
      void this.runtime.connector(account.id).then((result) => {
        if (!result.ok) this.log(`accounts: ${account.id} did not connect: ${result.error.message}`);
      });
    }
  }
}

/** Wraps handlers so they wait until the engine has loaded its state. */
function afterStart<H extends Partial<Handlers>>(handlers: H, ready: () => Promise<void>): H {
  const out: Record<string, (request: unknown, sender?: SenderInfo) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers)) {
    const run = handler as (request: unknown, sender?: SenderInfo) => unknown;
    out[channel] = async (request, sender) => {
      await ready();
      return run(request, sender);
    };
  }
  return out as unknown as H;
}
