import { type Now, systemNow } from './clock';

/** One rule: at most `limit` hits per `windowMs` (sliding), then reject for `penaltyMs`. */
export interface RateRule {
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
  /** After an overflow, every hit on the same key is rejected for this long (0 = none). */
  readonly penaltyMs: number;
}

export interface RateVerdict {
  readonly allowed: boolean;
  /** How long until a retry could succeed (0 when allowed). */
  readonly retryAfterMs: number;
}

interface Bucket {
  hits: number[];
  head: number;
  blockedUntil: number;
}

/**
 * Sliding-window counters for one rule, keyed by anything (IP, API key). Works for the
 * 60 s windows of specs/icrypex.md §5 and the 100 ms windows of specs/cryptocom-v1.md §3.
 * Rejected hits are not counted; a rejection starts the penalty period.
 */
export class RateWindow {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly rule: RateRule,
    private readonly now: Now = systemNow,
  ) {}

  /** Counts a hit for `key` unless it is over the limit or in its penalty period. */
  hit(key: string): RateVerdict {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { hits: [], head: 0, blockedUntil: 0 };
      this.buckets.set(key, bucket);
    }
    if (now < bucket.blockedUntil) return { allowed: false, retryAfterMs: bucket.blockedUntil - now };
    const since = now - this.rule.windowMs;
    while (bucket.head < bucket.hits.length && bucket.hits[bucket.head]! <= since) bucket.head++;
    if (bucket.head > 1024 && bucket.head * 2 > bucket.hits.length) {
      bucket.hits = bucket.hits.slice(bucket.head);
      bucket.head = 0;
    }
    const live = bucket.hits.length - bucket.head;
    if (live >= this.rule.limit) {
      if (this.rule.penaltyMs > 0) {
        bucket.blockedUntil = now + this.rule.penaltyMs;
        return { allowed: false, retryAfterMs: this.rule.penaltyMs };
      }
      const oldest = bucket.hits[bucket.head]!;
      return { allowed: false, retryAfterMs: Math.max(1, oldest + this.rule.windowMs - now) };
    }
    bucket.hits.push(now);
    return { allowed: true, retryAfterMs: 0 };
  }

  /** Checks without counting. */
  peek(key: string): RateVerdict {
    const now = this.now();
    const bucket = this.buckets.get(key);
    if (!bucket) return { allowed: true, retryAfterMs: 0 };
    if (now < bucket.blockedUntil) return { allowed: false, retryAfterMs: bucket.blockedUntil - now };
    const since = now - this.rule.windowMs;
    let live = 0;
    for (let i = bucket.head; i < bucket.hits.length; i++) if (bucket.hits[i]! > since) live++;
    return live >= this.rule.limit ? { allowed: false, retryAfterMs: 1 } : { allowed: true, retryAfterMs: 0 };
  }

  /** Forgets every counter and penalty. */
  reset(): void {
    this.buckets.clear();
  }
}

/**
 * A rule counted under several keys at once (e.g. per IP and per account, specs/icrypex.md §5:
 * rejected if either counter is over). A hit is counted on every key only when all allow it.
 */
export class MultiKeyLimiter {
  private readonly windows: RateWindow[];

  constructor(rule: RateRule, dimensions: number, now: Now = systemNow) {
    this.windows = Array.from({ length: dimensions }, () => new RateWindow(rule, now));
  }

  /** `keys[i]` is the key in dimension i (undefined = not counted in that dimension). */
  hit(keys: ReadonlyArray<string | undefined>): RateVerdict {
    for (let i = 0; i < this.windows.length; i++) {
      const key = keys[i];
      if (key === undefined) continue;
      const verdict = this.windows[i]!.peek(key);
      if (!verdict.allowed) {
        // Count the overflow so the penalty period starts on this key too.
        return this.windows[i]!.hit(key);
      }
    }
    for (let i = 0; i < this.windows.length; i++) {
      const key = keys[i];
      if (key !== undefined) this.windows[i]!.hit(key);
    }
    return { allowed: true, retryAfterMs: 0 };
  }

  /** Forgets every counter and penalty. */
  reset(): void {
    for (const window of this.windows) window.reset();
  }
}
