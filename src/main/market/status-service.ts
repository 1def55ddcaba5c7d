import { ok, type EventSink, type LinkHealth, type RateBudget, type StatusSnapshot, type StreamStatus } from '../../shared';
import type { ExchangeConnector, Unsubscribe } from '../exchanges/connector';
import type { Handlers } from '../ipc/handle';
import { systemClock, type Clock } from '../net/clock';

/**
 * Collects the status bar's facts from every live connector (stream states, rate budgets, link
 * latency and clock skew) into one StatusSnapshot, and pushes `status:update` when it changes:
 * soon after a stream changes state, otherwise on a slow poll (budgets refill with time), and
 * never more often than `minIntervalMs` (contract: "at most a few times a second").
 */

export interface StatusServiceOptions {
  /** Every connector that is running now (the account runtime's list). */
  connectors: () => Iterable<ExchangeConnector>;
  /**
   * The market-data connectors (market-sources.ts). When given, they alone report the public
   * (market) streams: an account connector's own market socket carries no pane's data then.
   */
  marketConnectors?: () => Iterable<ExchangeConnector>;
  emit: EventSink;
  clock?: Clock;
  log?: (line: string) => void;
  /** Smallest gap between two pushes. Default 250 ms. */
  minIntervalMs?: number;
  /** How often to look for changes nobody announced. Default 1 s. */
  pollMs?: number;
}

/** Budgets of a shared (per-IP) limiter show up in several connectors; keep one of each. */
function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Aggregates connector health for status:get and status:update; see the file comment. */
export class StatusService {
  private readonly clock: Clock;
  private readonly minIntervalMs: number;
  private readonly pollMs: number;
  private readonly watched = new Map<ExchangeConnector, Unsubscribe>();
  private lastJson = '';
  private lastPushAt = -Infinity;
  private cancelTimer: (() => void) | undefined;
  private timerAt = Infinity;
  private running = false;

  constructor(private readonly options: StatusServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.minIntervalMs = options.minIntervalMs ?? 250;
    this.pollMs = options.pollMs ?? 1_000;
  }

  /** The current facts from every connector. */
  snapshot(): StatusSnapshot {
    const streams: StreamStatus[] = [];
    const limits: RateBudget[] = [];
    const links: LinkHealth[] = [];
    const market = this.options.marketConnectors ? new Set(this.listOf(this.options.marketConnectors)) : undefined;
    for (const connector of [...this.list(), ...(market ?? [])]) {
      try {
        const own = connector.streams();
        streams.push(...(market && !market.has(connector) ? own.filter((s) => s.kind !== 'public') : own));
        limits.push(...connector.rateBudgets());
        links.push(connector.link());
      } catch (error) {
        this.options.log?.(`status: ${connector.exchange} ${connector.accountId ?? 'public'} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return {
      streams: dedupe(streams, (s) => `${s.exchange}|${s.accountId ?? ''}|${s.key}`),
      limits: dedupe(limits, (b) => `${b.exchange}|${b.accountId ?? ''}|${b.rule}`),
      links: dedupe(links, (l) => `${l.exchange}|${l.accountId ?? ''}`),
    };
  }

  /** Starts pushing status:update. Safe to call twice. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.tick();
  }

  /** Stops pushing and lets go of every connector. Safe to call twice. */
  stop(): void {
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.timerAt = Infinity;
    for (const unsubscribe of this.watched.values()) unsubscribe();
    this.watched.clear();
  }

  /** Something changed (a stream's state, an account added): push soon, within the rate cap. */
  notify(): void {
    if (!this.running) return;
    this.arm(Math.max(this.clock.now(), this.lastPushAt + this.minIntervalMs));
  }

  private list(): ExchangeConnector[] {
    return this.listOf(this.options.connectors);
  }

  private listOf(connectors: () => Iterable<ExchangeConnector>): ExchangeConnector[] {
    try {
      return [...connectors()];
    } catch (error) {
      this.options.log?.(`status: listing connectors failed: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  private tick(): void {
    if (!this.running) return;
    this.track();
    const snapshot = this.snapshot();
    const json = JSON.stringify(snapshot);
    const earliest = this.lastPushAt + this.minIntervalMs;
    if (json !== this.lastJson && this.clock.now() < earliest) {
      this.arm(earliest); // changed, but too soon after the last push
      return;
    }
    if (json !== this.lastJson) {
      this.lastJson = json;
      this.lastPushAt = this.clock.now();
      try {
        this.options.emit('status:update', snapshot);
      } catch (error) {
        this.options.log?.(`status: push failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.arm(this.clock.now() + this.pollMs);
  }

  /** Listens to stream changes of connectors that appeared, and forgets the ones that left. */
  private track(): void {
    const current = new Set([...this.list(), ...(this.options.marketConnectors ? this.listOf(this.options.marketConnectors) : [])]);
    for (const [connector, unsubscribe] of this.watched) {
      if (!current.has(connector)) {
        unsubscribe();
        this.watched.delete(connector);
      }
    }
    for (const connector of current) {
      if (!this.watched.has(connector)) this.watched.set(connector, connector.onStreams(() => this.notify()));
    }
  }

  private arm(at: number): void {
    if (at >= this.timerAt) return;
    this.cancelTimer?.();
    this.timerAt = at;
    this.cancelTimer = this.clock.setTimer(() => {
      this.cancelTimer = undefined;
      this.timerAt = Infinity;
      this.tick();
    }, at - this.clock.now());
  }
}

/** The status:* slice of the engine's handlers. */
export function statusHandlers(service: StatusService): Pick<Handlers, 'status:get'> {
  return { 'status:get': () => ok(service.snapshot()) };
}
