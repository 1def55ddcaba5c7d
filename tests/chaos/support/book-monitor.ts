import type { BookSnapshot } from '../../../src/shared';

/**
 * Watches one book against the exchange's own (the simulator's engine) every few ms and keeps
 * the figures of issue 20: how long a book that says LIVE (not stale) was different from the
 * exchange's. A LIVE book that stays wrong longer than SILENT_WRONG_MS is "silently wrong": that
 * is the longest a correct connector needs (a quiet book is checked after 2 s of quiet, on a 0.5 s
 * tick; a half-open link is stale after 2.5 s of silence) plus a second for a loaded CI machine.
 * It looks every SAMPLE_MS (the exchange's book changes) and at every book the connector hands over.
 */
export const SILENT_WRONG_MS = 3_500;
const SAMPLE_MS = 20;

export type Phase = 'moving' | 'quiet' | 'half-open';

export class BookMonitor {
  /** Episodes of a LIVE but wrong book longer than SILENT_WRONG_MS, per phase. */
  readonly silentlyWrong: Record<Phase, number> = { moving: 0, quiet: 0, 'half-open': 0 };
  /** The longest LIVE-but-wrong stretch seen (ms), and which phase it began in. */
  longestWrongMs = 0;
  phase: Phase = 'moving';
  /** Each silently wrong spell: its phase, when it began (epoch ms) and how long it lasted (ms, so far while it lasts). */
  readonly spells: Array<{ phase: Phase; from: number; ms: number }> = [];
  private wrongSince: number | undefined;
  private wrongPhase: Phase = 'moving';
  private counted = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly last: () => BookSnapshot | undefined,
    private readonly matches: (book: BookSnapshot) => boolean,
  ) {}

  /** LIVE and equal to the exchange's book right now. */
  live(): boolean {
    const book = this.last();
    return !!book && !book.stale && this.matches(book);
  }

  start(): void {
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Looks now: the rig calls this for each book the connector hands over. Sampling alone missed
   * a repaired book shown for a few ms before the next fault and joined two short spells into one.
   */
  look(): void {
    if (this.timer) this.sample();
  }

  private sample(): void {
    const book = this.last();
    const now = Date.now();
    if (!book || book.stale || this.matches(book)) {
      if (this.counted) this.spells.at(-1)!.ms = now - this.wrongSince!;
      this.wrongSince = undefined;
      this.counted = false;
      return;
    }
    if (this.wrongSince === undefined) {
      this.wrongSince = now;
      this.wrongPhase = this.phase;
    }
    const wrongFor = now - this.wrongSince;
    this.longestWrongMs = Math.max(this.longestWrongMs, wrongFor);
    if (wrongFor > SILENT_WRONG_MS && !this.counted) {
      this.counted = true;
      this.silentlyWrong[this.wrongPhase]++;
      this.spells.push({ phase: this.wrongPhase, from: this.wrongSince, ms: wrongFor });
    }
    if (this.counted) this.spells.at(-1)!.ms = wrongFor;
  }
}

/** p50 / p95 / max of a list of durations (ms), rounded; nearest-rank percentiles. */
export function spread(values: readonly number[]): { n: number; p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
  return { n: sorted.length, p50: Math.round(rank(0.5)), p95: Math.round(rank(0.95)), max: Math.round(sorted.at(-1) ?? NaN) };
}
