import type { AppError, Candle, Result } from '../../../../shared';
import { gapBefore, mergeCandles } from './candle-merge';

/** Candles asked for per page: the first screen and each older page. */
export const PAGE_CANDLES = 300;

export type HistoryChange = { kind: 'reset' | 'fill' | 'older'; candles: readonly Candle[]; added: number } | { kind: 'live'; candle: Candle };

export interface ChartHistoryOptions {
  /** Candle length in seconds. */
  step: number;
  /** REST chart history for [from, to] in Unix seconds, oldest first. */
  read: (from: number, to: number) => Promise<Result<Candle[]>>;
  /** Now in Unix seconds. */
  now: () => number;
  onChange: (change: HistoryChange) => void;
  /** A read failed (undefined: the last one worked). */
  onProblem: (error: AppError | undefined) => void;
}

/**
 * The candles of one chart (symbol, account, resolution) without holes (issue 14 #4): the first
 * page from REST, then live pushes; a live candle that skips buckets, or the stream coming back
 * after a drop, reads the missed stretch from REST and merges it in; scrolling back asks for
 * older pages until the exchange has none (Crypto.com V1 serves only its newest ~300).
 */
export class ChartHistory {
  candles: readonly Candle[] = [];
  /** The exchange had nothing older than the first candle shown. */
  exhausted = false;
  private ready = false;
  private held: Candle | undefined;
  private liveTime: number | undefined;
  private loadingOlder = false;
  private disposed = false;
  /** Reads in flight (gap fills), so a caller can wait until the chart is settled. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly o: ChartHistoryOptions) {}

  /** Loads the first page; live candles that arrive meanwhile are held and applied after it. */
  async start(): Promise<void> {
    const to = this.o.now();
    const r = await this.o.read(to - PAGE_CANDLES * this.o.step, to);
    if (this.disposed) return;
    this.o.onProblem(r.ok ? undefined : r.error);
    this.candles = r.ok ? mergeCandles([], r.value) : [];
    this.ready = true;
    this.o.onChange({ kind: 'reset', candles: this.candles, added: this.candles.length });
    const held = this.held;
    this.held = undefined;
    if (held) this.live(held);
  }

  /** One live candle push. */
  live(candle: Candle): void {
    if (this.disposed) return;
    if (!this.ready) {
      this.held = candle;
      return;
    }
    const last = this.candles[this.candles.length - 1];
    if (last && candle.time < last.time) return;
    const gap = gapBefore(last?.time, candle.time, this.o.step);
    this.liveTime = candle.time;
    this.candles = last?.time === candle.time ? [...this.candles.slice(0, -1), candle] : [...this.candles, candle];
    this.o.onChange({ kind: 'live', candle });
    if (gap) this.track(this.fill(gap.from));
  }

  /** The stream came back after a drop: read from the last candle shown to now. */
  reconnected(): void {
    if (!this.ready || this.disposed) return;
    const last = this.candles[this.candles.length - 1];
    this.track(this.fill(last ? last.time : this.o.now() - PAGE_CANDLES * this.o.step));
  }

  /** Reads [from, now] and merges it in (the live candle keeps its pushed state). */
  async fill(from: number): Promise<void> {
    const to = this.o.now() + this.o.step;
    const r = await this.o.read(from, to);
    if (this.disposed) return;
    this.o.onProblem(r.ok ? undefined : r.error);
    if (!r.ok) return;
    const before = this.candles.length;
    this.candles = mergeCandles(this.candles, r.value, this.liveTime);
    this.o.onChange({ kind: 'fill', candles: this.candles, added: this.candles.length - before });
  }

  /** Loads the page before the first candle shown (scrolling back); nothing when exhausted or already loading. */
  async older(): Promise<void> {
    const first = this.candles[0];
    if (!this.ready || this.exhausted || this.loadingOlder || !first || this.disposed) return;
    this.loadingOlder = true;
    try {
      const r = await this.o.read(first.time - PAGE_CANDLES * this.o.step, first.time - 1);
      if (this.disposed) return;
      this.o.onProblem(r.ok ? undefined : r.error);
      if (!r.ok) return;
      const older = r.value.filter((c) => c.time < first.time);
      if (older.length === 0) this.exhausted = true;
      const before = this.candles.length;
      this.candles = mergeCandles(this.candles, older);
      this.o.onChange({ kind: 'older', candles: this.candles, added: this.candles.length - before });
    } finally {
      this.loadingOlder = false;
    }
  }

  /** Resolves when no gap fill is in flight. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private track(read: Promise<void>): void {
    this.inFlight.add(read);
    void read.finally(() => this.inFlight.delete(read));
  }

  dispose(): void {
    this.disposed = true;
  }
}
