import {
  err,
  MAX_ALERTS,
  ok,
  type Account,
  exchangeName,
  type AddAlertRequest,
  type EventSink,
  type ParsedRequestOf,
  type PriceAlert,
  type Result,
  type TerminalNotification,
  type Trade,
} from '../../shared';

import type { ExchangeConnector, Unsubscribe } from '../exchanges/connector';
import type { Handlers } from '../ipc/handle';

import { describeCondition, meets } from './alert-rules';
import { AlertStore } from './alert-store';
import type { NoticeDraft } from './order-notices';

export interface AlertServiceOptions {
  dataDir: string;
  accounts: () => Account[];
  /** The account's connector (started in the background if it is not yet). */
  connectorFor: (accountId: string) => Result<ExchangeConnector>;
  emit: EventSink;
  /** Raises a notification (the engine numbers, stamps and pushes it). */
  notify: (draft: NoticeDraft) => void;
  now: () => number;
  log: (line: string) => void;
}

interface Watch {
  accountId: string;
  symbol: string;
  stop: Unsubscribe;
}

/** `btc/usdt`, `btc-usdt` → `BTCUSDT`: the form markets and alerts use. */
function canonical(symbol: string): string {
  return symbol.replace(/[/_\-\s]/g, '').toUpperCase();
}

/**
 * Price alerts: kept in alerts.json, evaluated here in the main process on each market's live
 * trade stream, so they fire with the window hidden or closed to the tray. One trade stream per
 * market with armed alerts (shared with any pane through the connector); each alert fires once,
 * is marked `fired` with the price and time, and is armed again only by an edit.
 */
export class AlertService {
  readonly store: AlertStore;
  private readonly watches = new Map<string, Watch>();
  /** Last trade seen per watched market: the side a crossing alert starts from. */
  private readonly last = new Map<string, { price: string; time: number }>();
  /**
   * Per alert: the exchange time of the newest trade there was when it was armed. A trade stream
   * opens with a snapshot of recent trades; those are history, and an alert fires only on a
   * trade after this (after its creation time when it was armed in an earlier run).
   */
  private readonly armedAfter = new Map<string, number>();
  private started = false;

  constructor(private readonly options: AlertServiceOptions) {
    this.store = new AlertStore(options.dataDir, options.now);
  }

  /** Starts watching the markets of armed alerts (after accounts are loaded). */
  start(): void {
    this.started = true;
    this.sync();
  }

  stop(): void {
    this.started = false;
    for (const watch of this.watches.values()) watch.stop();
    this.watches.clear();
  }

  list(): PriceAlert[] {
    return this.store.list();
  }

  async add(request: AddAlertRequest): Promise<Result<PriceAlert>> {
    const account = this.options.accounts().find((a) => a.id === request.accountId);
    if (!account) return err('NOT_FOUND', `There is no account ${request.accountId} to watch the market with.`, { field: 'accountId' });
    if (this.store.list().length >= MAX_ALERTS) return err('VALIDATION', `At most ${MAX_ALERTS} alerts can be set; remove some first.`, { field: 'alerts' });
    const connector = this.options.connectorFor(account.id);
    if (!connector.ok) return connector;
    const markets = await connector.value.markets();
    if (!markets.ok) return markets;
    const symbol = markets.value.find((m) => canonical(m.symbol) === canonical(request.symbol))?.symbol;
    if (!symbol) return err('VALIDATION', `${exchangeName(account.exchange)} has no market ${canonical(request.symbol)}.`, { field: 'symbol' });
    const alert: PriceAlert = {
      id: this.store.newId(),
      exchange: account.exchange,
      symbol,
      accountId: account.id,
      condition: request.condition,
      price: request.price,
      createdAt: this.options.now(),
      state: 'armed',
    };
    const reference = await this.currentPrice(account.id, connector.value, symbol);
    if (reference !== undefined) {
      alert.reference = reference.price;
      this.armedAfter.set(alert.id, reference.time);
    }
    await this.save([...this.store.list(), alert]);
    // The price may already be past the level: say so now rather than at the next trade.
    if (reference !== undefined && alert.condition !== 'crossing') this.check(this.key(account.id, symbol), reference.price, undefined);
    return ok(this.store.get(alert.id)!);
  }

  async update(request: ParsedRequestOf<'alerts:update'>): Promise<Result<PriceAlert>> {
    const current = this.store.get(request.id);
    if (!current) return err('NOT_FOUND', `There is no alert ${request.id}; it may have been removed.`, { field: 'id' });
    const next: PriceAlert = {
      ...current,
      condition: request.condition ?? current.condition,
      price: request.price ?? current.price,
      state: 'armed',
      createdAt: this.options.now(),
    };
    delete next.firedAt;
    delete next.firedPrice;
    const watcher = this.watcherOf(next) ?? next.accountId;
    const key = this.key(watcher, next.symbol);
    const connector = this.options.connectorFor(watcher);
    const reference = connector.ok ? await this.currentPrice(watcher, connector.value, next.symbol) : undefined;
    if (reference !== undefined) {
      next.reference = reference.price;
      this.armedAfter.set(next.id, reference.time);
    } else {
      this.armedAfter.delete(next.id);
    }
    await this.save(this.store.list().map((a) => (a.id === next.id ? next : a)));
    if (reference !== undefined && next.condition !== 'crossing') this.check(key, reference.price, undefined);
    return ok(this.store.get(next.id)!);
  }

  async remove(id: string): Promise<Result<{ removed: boolean }>> {
    const alerts = this.store.list();
    if (!alerts.some((a) => a.id === id)) return ok({ removed: false });
    this.armedAfter.delete(id);
    await this.save(alerts.filter((a) => a.id !== id));
    return ok({ removed: true });
  }

  /** Re-evaluates which markets to watch (alerts changed, or an account was added or removed). */
  sync(): void {
    if (!this.started) return;
    const wanted = new Map<string, { accountId: string; symbol: string }>();
    for (const alert of this.store.list()) {
      if (alert.state !== 'armed') continue;
      const accountId = this.watcherOf(alert);
      if (accountId) wanted.set(this.key(accountId, alert.symbol), { accountId, symbol: alert.symbol });
    }
    for (const [key, watch] of this.watches) {
      if (wanted.has(key)) continue;
      watch.stop();
      this.watches.delete(key);
      // Unwatched, the last price seen goes stale: the next alert here asks the exchange again.
      this.last.delete(key);
    }
    for (const [key, { accountId, symbol }] of wanted) {
      if (this.watches.has(key)) continue;
      const connector = this.options.connectorFor(accountId);
      if (!connector.ok) {
        this.options.log(`alerts: cannot watch ${symbol} on ${accountId}: ${connector.error.message}`);
        continue;
      }
      const stop = connector.value.watchTrades(symbol, (trades) => this.onTrades(key, trades));
      this.watches.set(key, { accountId, symbol, stop });
    }
  }

  private onTrades(key: string, trades: Trade[]): void {
    for (const trade of trades) {
      const last = this.last.get(key);
      this.check(key, trade.price, last?.price, trade.time);
      // A snapshot may list the newest trade first: the last price is the newest one's.
      if (!last || trade.time >= last.time) this.last.set(key, { price: trade.price, time: trade.time });
    }
  }

  /**
   * Fires every armed alert of this market that a trade at `price` meets. `time` is the trade's
   * (absent for the price seen when an alert is armed): a trade from before the alert was armed
   * is history and fires nothing.
   */
  private check(key: string, price: string, previous: string | undefined, time?: number): void {
    const fired: PriceAlert[] = [];
    const alerts = this.store.list().map((alert) => {
      if (alert.state !== 'armed' || this.key(this.watcherOf(alert) ?? '', alert.symbol) !== key) return alert;
      if (time !== undefined && time <= (this.armedAfter.get(alert.id) ?? alert.createdAt)) return alert;
      // A crossing alert starts from the price seen when it was armed; after that, the last trade.
      const from = previous ?? alert.reference;
      if (!meets(alert.condition, alert.price, price, from)) return alert;
      const done: PriceAlert = { ...alert, state: 'fired', firedAt: this.options.now(), firedPrice: price };
      fired.push(done);
      return done;
    });
    if (fired.length === 0) return;
    void this.save(alerts).catch((cause: unknown) => this.options.log(`alerts: could not save: ${String(cause)}`));
    for (const alert of fired) this.options.notify(this.notice(alert));
  }

  private notice(alert: PriceAlert): Omit<TerminalNotification, 'id' | 'time'> {
    const exchange = exchangeName(alert.exchange);
    return {
      kind: 'alert',
      title: `Alert: ${alert.symbol} ${describeCondition(alert.condition, alert.price)}`,
      body: `Traded at ${alert.firedPrice} on ${exchange}. It fired once and is now off; edit it to arm it again.`,
      exchange: alert.exchange,
      symbol: alert.symbol,
      accountId: alert.accountId,
      alertId: alert.id,
    };
  }

  private async save(alerts: PriceAlert[]): Promise<void> {
    await this.store.save(alerts);
    this.options.emit('alerts:changed', this.store.list());
    this.sync();
  }

  /** The account that watches an alert's market: its own, else any account on the same exchange. */
  private watcherOf(alert: PriceAlert): string | undefined {
    const accounts = this.options.accounts();
    if (accounts.some((a) => a.id === alert.accountId)) return alert.accountId;
    return accounts.find((a) => a.exchange === alert.exchange)?.id;
  }

  private key(accountId: string, symbol: string): string {
    return `${accountId}|${symbol}`;
  }

  /** The last trade: from the live stream if watched, else the newest REST trade. */
  private async currentPrice(accountId: string, connector: ExchangeConnector, symbol: string): Promise<{ price: string; time: number } | undefined> {
    const live = this.last.get(this.key(accountId, symbol));
    if (live !== undefined) return live;
    const recent = await connector.recentTrades(symbol);
    if (!recent.ok || recent.value.length === 0) return undefined;
    const newest = recent.value.reduce((a, b) => (b.time >= a.time ? b : a));
    return { price: newest.price, time: newest.time };
  }
}

/** The alerts:* channels. */
export function alertsHandlers(service: AlertService): Pick<Handlers, 'alerts:list' | 'alerts:add' | 'alerts:update' | 'alerts:remove'> {
  return {
    'alerts:list': () => ok(service.list()),
    'alerts:add': (request) => service.add(request),
    'alerts:update': (request) => service.update(request),
    'alerts:remove': (request) => service.remove(request.id),
  };
}
