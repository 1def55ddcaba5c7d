import Big from 'big.js';
import { isOrderDone, type Balance, type Fill, type Market, type Order, type StreamState } from '../../../shared';
import { background } from '../../net/background';
import type { Clock } from '../../net/clock';
import { isPositive, sameDecimal } from '../kit/amounts';
import type { WireOrder } from './map-account';
import type { CryptocomRest } from './rest';
import { toNative } from './symbols';

/** The REST calls polling needs. */
export type PollRest = Pick<CryptocomRest, 'account' | 'openOrders' | 'showOrder'>;

export interface PollerTuning {
  /** Interval while an order is working or was just sent (ms). */
  fastMs: number;
  /** Interval when idle: balances, plus discovery of orders placed elsewhere (ms). */
  slowMs: number;
  /** How long a symbol stays on the fast list after a submit or cancel (ms). */
  recentMs: number;
  /** A market checked by discovery is not checked again sooner than this (ms). */
  discoveryRecheckMs: number;
  /** Order-query budget one call uses (§3: 1 per 100 ms per key), to stretch the interval (ms). */
  queryCostMs: number;
}

export const DEFAULT_POLLER_TUNING: PollerTuning = {
  fastMs: 750,
  slowMs: 5_000,
  recentMs: 15_000,
  discoveryRecheckMs: 60_000,
  queryCostMs: 100,
};

export interface PollerOptions {
  rest: PollRest;
  clock: Clock;
  markets: () => Promise<Market[]>;
  onOrder: (order: Order) => void;
  onFill: (fill: Fill) => void;
  onBalances: (balances: Balance[]) => void;
  onState: (state: StreamState, detail?: string) => void;
  tuning?: Partial<PollerTuning>;
  log?: (line: string) => void;
}

/** Decimals compare by value: the local order says `0`, the exchange `0.00000000` (§5.9). */
function changed(a: Order, b: Order): boolean {
  return a.status !== b.status || !sameDecimal(a.filledQuantity, b.filledQuantity) || !sameDecimal(a.quantity, b.quantity) || a.updatedAt !== b.updatedAt;
}

const MAX_SEEN_FILLS = 5_000;

/**
 * V1 has no private stream (specs/cryptocom-v1.md §6), so own orders and balances are polled:
 * open orders of every market with a working order (fast), balances (every cycle), and, when a
 * balance is locked by orders the terminal does not know, the markets that could hold them
 * (discovery, one per cycle). Every call goes through the per-key limiter, and the interval
 * stretches with the number of markets so polling stays inside §3's order-query budget. An
 * order that leaves the open list is read once with showOrder for its final state and fills.
 */
export class OrderPoller {
  private readonly tuning: PollerTuning;
  private readonly working = new Map<string, { order: Order; native: string }>();
  private readonly recent = new Map<string, number>();
  private readonly seenFills = new Set<string>();
  private readonly discovered = new Map<string, number>();
  private lastBalances = '';
  private locked = new Map<string, string>();
  private running = false;
  private busy = false;
  private again = false;
  private cancelTimer: (() => void) | undefined;
  private failures = 0;

  constructor(private readonly o: PollerOptions) {
    this.tuning = { ...DEFAULT_POLLER_TUNING, ...o.tuning };
  }

  /** Starts polling (idempotent); the first cycle runs at once. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.o.onState('connecting');
    this.schedule(0);
  }

  /** Stops polling: no timer, no call after the current one. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.o.onState('closed');
  }

  get active(): boolean {
    return this.running;
  }

  /** An order this connector placed or cancelled: poll its market fast and report its changes. */
  track(order: Order): void {
    const native = toNative(order.symbol);
    this.recent.set(native, this.o.clock.now() + this.tuning.recentMs);
    if (!isOrderDone(order.status) && !this.working.has(order.id)) this.working.set(order.id, { order, native });
    this.kick();
  }

  /** Polls soon (after a submit or cancel). */
  kick(): void {
    if (!this.running) return;
    if (this.busy) this.again = true;
    else this.schedule(0);
  }

  /** The last state seen of a working order, if the poller follows it. */
  known(orderId: string): Order | undefined {
    return this.working.get(orderId)?.order;
  }

  /** Order ids seen open, for safe submission (they cannot be a new create's result). */
  knownOrderIds(): string[] {
    return [...this.working.keys()];
  }

  /** The current interval: fast while anything works, stretched to the order-query budget. */
  intervalMs(): number {
    const symbols = this.fastSymbols().length;
    if (symbols === 0) return this.tuning.slowMs;
    return Math.max(this.tuning.fastMs, Math.ceil((symbols + 1) * this.tuning.queryCostMs * 1.5));
  }

  private fastSymbols(): string[] {
    const now = this.o.clock.now();
    const out = new Set<string>();
    for (const w of this.working.values()) out.add(w.native);
    for (const [native, until] of this.recent) {
      if (until > now) out.add(native);
      else this.recent.delete(native);
    }
    return [...out];
  }

  private schedule(delay: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.o.clock.setTimer(() => {
      this.cancelTimer = undefined;
      background('cryptocom poll', () => this.run(), this.o.log);
    }, delay);
  }

  private async run(): Promise<void> {
    if (!this.running || this.busy) return;
    this.busy = true;
    const started = this.o.clock.now();
    try {
      await this.cycle();
    } catch (e) {
      this.o.log?.(`cryptocom poll: cycle failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.busy = false;
    }
    if (!this.running) return;
    if (this.again) {
      this.again = false;
      this.schedule(0);
      return;
    }
    this.schedule(Math.max(0, this.intervalMs() - (this.o.clock.now() - started)));
  }

  private async cycle(): Promise<void> {
    let ok = true;
    const balances = await this.o.rest.account();
    if (!this.running) return;
    if (balances.ok) {
      const key = JSON.stringify(balances.value);
      this.locked = new Map(balances.value.filter((b) => isPositive(b.locked)).map((b) => [b.asset, b.locked]));
      if (key !== this.lastBalances) {
        this.lastBalances = key;
        this.o.onBalances(balances.value);
      }
    } else {
      ok = false;
      this.o.log?.(`cryptocom poll: balances: ${balances.error.message}`);
    }
    for (const native of this.fastSymbols()) {
      if (!this.running) return;
      ok = (await this.pollSymbol(native)) && ok;
    }
    if (!this.running) return;
    const next = await this.nextDiscovery();
    if (next && this.running) ok = (await this.pollSymbol(next)) && ok;
    this.failures = ok ? 0 : this.failures + 1;
    if (this.running) this.o.onState(this.failures >= 2 ? 'stale' : 'connected', this.failures >= 2 ? 'polling keeps failing' : undefined);
  }

  /**
   * A market that may hold orders the terminal does not know of: one whose base or quote coin
   * has more locked than the known working orders explain. One market per cycle, each market at
   * most once per discoveryRecheckMs.
   */
  private async nextDiscovery(): Promise<string | undefined> {
    if (this.locked.size === 0) return undefined;
    let markets: Market[];
    try {
      markets = await this.o.markets();
    } catch {
      return undefined;
    }
    const byNative = new Map(markets.map((m) => [m.nativeSymbol, m]));
    const explained = new Map<string, Big>();
    const add = (asset: string, amount: Big) => explained.set(asset, (explained.get(asset) ?? new Big(0)).plus(amount));
    for (const { order, native } of this.working.values()) {
      const m = byNative.get(native);
      if (!m) continue;
      const remaining = new Big(order.quantity).minus(order.filledQuantity);
      if (order.side === 'sell') add(m.base, remaining);
      else if (order.price !== undefined) add(m.quote, remaining.times(order.price));
    }
    const unexplained = new Set<string>();
    for (const [asset, amount] of this.locked) {
      // 1 % headroom for fees some venues lock with the order.
      if (new Big(amount).gt((explained.get(asset) ?? new Big(0)).times(1.01))) unexplained.add(asset);
    }
    if (unexplained.size === 0) return undefined;
    const busy = new Set(this.fastSymbols());
    const now = this.o.clock.now();
    let best: { native: string; at: number } | undefined;
    for (const m of markets) {
      if (busy.has(m.nativeSymbol)) continue;
      if (!unexplained.has(m.base) && !unexplained.has(m.quote)) continue;
      const at = this.discovered.get(m.nativeSymbol) ?? 0;
      if (now - at < this.tuning.discoveryRecheckMs) continue;
      if (!best || at < best.at) best = { native: m.nativeSymbol, at };
    }
    if (best) this.discovered.set(best.native, now);
    return best?.native;
  }

  private async pollSymbol(native: string): Promise<boolean> {
    const open = await this.o.rest.openOrders(native);
    // Stopped meanwhile: make no further call (the reply is dropped, the next start re-reads).
    if (!this.running) return true;
    if (!open.ok) {
      this.o.log?.(`cryptocom poll: open orders of ${native}: ${open.error.message}`);
      return false;
    }
    const seen = new Set<string>();
    for (const w of open.value) {
      seen.add(w.order.id);
      const prev = this.working.get(w.order.id);
      this.working.set(w.order.id, { order: mergeClientId(w.order, prev?.order), native });
      if (!prev || changed(prev.order, w.order)) this.o.onOrder(mergeClientId(w.order, prev?.order));
      if (prev ? !sameDecimal(prev.order.filledQuantity, w.order.filledQuantity) : isPositive(w.order.filledQuantity)) {
        await this.readFills(native, w.order.id, !prev);
      }
    }
    for (const [id, w] of [...this.working]) {
      if (w.native !== native || seen.has(id)) continue;
      if (!this.running) return true;
      // Left the open list: read its final state (and the fills that got it there) once.
      const shown = await this.o.rest.showOrder(native, id);
      if (!shown.ok) {
        if (shown.error.code === 'NOT_FOUND') this.working.delete(id);
        continue;
      }
      const order = mergeClientId(shown.value.order, w.order);
      if (changed(w.order, order)) this.o.onOrder(order);
      this.emitFills(shown.value, false);
      if (isOrderDone(order.status)) this.working.delete(id);
      else this.working.set(id, { order, native });
    }
    return true;
  }

  private async readFills(native: string, id: string, firstSight: boolean): Promise<void> {
    if (!this.running) return;
    const shown = await this.o.rest.showOrder(native, id);
    if (shown.ok) this.emitFills(shown.value, firstSight);
  }

  /** Emits fills not reported yet; on first sight of an order placed elsewhere they are history, not news. */
  private emitFills(w: WireOrder, silent: boolean): void {
    for (const fill of w.fills) {
      if (this.seenFills.has(fill.id)) continue;
      this.seenFills.add(fill.id);
      if (!silent) this.o.onFill(fill);
    }
    if (this.seenFills.size > MAX_SEEN_FILLS) {
      const drop = this.seenFills.size - MAX_SEEN_FILLS;
      let i = 0;
      for (const id of this.seenFills) {
        if (i++ >= drop) break;
        this.seenFills.delete(id);
      }
    }
  }
}

function mergeClientId(order: Order, prev: Order | undefined): Order {
  return prev?.clientId && !order.clientId ? { ...order, clientId: prev.clientId } : order;
}
