/**
 * Estimates the server's clock offset from HTTP `Date` headers (Icrypex has no time endpoint:
 * specs/icrypex.md §1 "use the Date header").
 *
 * A Date header is whole seconds, stamped somewhere between our send and receive. So one reply
 * says: offset is in (date - receivedAt, date + 1000 - sentAt). Intersecting the intervals of
 * several replies narrows it well below a second; the estimate is the middle of what is left.
 * When the intervals stop overlapping (one clock jumped), the older samples are dropped.
 */
export class ClockSkewEstimator {
  private samples: Array<{ lo: number; hi: number; at: number }> = [];

  constructor(
    private readonly maxSamples = 32,
    /** Samples older than this are forgotten (clocks drift). */
    private readonly maxAgeMs = 10 * 60_000,
  ) {}

  /** Adds one reply: its Date header (ms, whole seconds) and our clock at send and at receive. */
  add(serverDateMs: number, sentAt: number, receivedAt: number): void {
    if (!Number.isFinite(serverDateMs) || !Number.isFinite(sentAt) || !Number.isFinite(receivedAt)) return;
    const sample = { lo: serverDateMs - receivedAt, hi: serverDateMs + 1000 - sentAt, at: receivedAt };
    this.samples.push(sample);
    if (this.samples.length > this.maxSamples) this.samples.shift();
    const [lo, hi] = this.bounds();
    if (lo > hi) this.samples = [sample];
  }

  /** Server clock minus ours (ms, rounded), or undefined before any reply. */
  estimate(now: number): number | undefined {
    this.samples = this.samples.filter((s) => now - s.at <= this.maxAgeMs);
    if (this.samples.length === 0) return undefined;
    const [lo, hi] = this.bounds();
    return Math.round((lo + hi) / 2);
  }

  private bounds(): [number, number] {
    let lo = -Infinity;
    let hi = Infinity;
    for (const s of this.samples) {
      lo = Math.max(lo, s.lo);
      hi = Math.min(hi, s.hi);
    }
    return [lo, hi];
  }
}
