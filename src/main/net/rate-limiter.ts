import type { ExchangeId, RateBudget } from '../../shared';
import { systemClock, type Clock } from './clock';

/**
 * Client-side rate limiting that queues instead of failing.
 *
 * Scopes: an exchange counts some rules per source IP and some per API key (Icrypex counts most
 * private rules in both: specs/icrypex.md §5 "IP, Account"). Make ONE limiter per exchange host
 * for the IP scope, shared by every connector that talks to that host, and one limiter per
 * account whose `parent` is that IP limiter. A call scheduled on the account limiter with rule
 * `order-insert` takes a slot from `order-insert` in EVERY scope that defines it (the account's
 * and the IP's); a rule only the IP limiter defines (`tickers`) is counted there alone.
 *
 * Windows are sliding: a rule of N per W ms never lets more than N calls start in any W ms, so
 * it holds whether the exchange counts fixed or sliding windows (Icrypex does not say, §5).
 * Queueing is fair: a later call never takes a slot that an earlier queued call will need, so a
 * burst of one kind of call cannot starve another (FIFO per rule); but it may use a slot that
 * frees up again before the earlier call can start anyway, so calls that share no bottleneck
 * do not wait for each other.
 */

export interface RateRule {
  /** The name used in `schedule()` and shown in the status bar, e.g. `order-insert`. */
  readonly id: string;
  /** Calls allowed per window. */
  readonly limit: number;
  readonly windowMs: number;
  /** How long the exchange keeps rejecting after a 429 (Icrypex: 60 s, §5). Default: windowMs. */
  readonly penaltyMs?: number;
}

export interface RateLimiterOptions {
  exchange: ExchangeId;
  /** Set on a per-account limiter; shown in its budgets. */
  accountId?: string;
  rules: readonly RateRule[];
  /** The wider (per IP) limiter whose rules of the same name also count calls made here. */
  parent?: RateLimiter;
  /** Ignored when `parent` is given (the whole family shares the parent's clock and queue). */
  clock?: Clock;
}

export interface ScheduleOptions {
  /**
   * Give up with RateLimitedError when the call cannot start within this many ms (an order
   * that waited a minute may no longer be wanted). Judged AT ONCE from the queue ahead of the
   * call (`expectedStart`): a call that cannot make it is refused without waiting; one that
   * should make it but is held past it anyway (a 429 arrived, replies came slower than
   * expected) fails when the time is up. Default: wait as long as it takes.
   */
  maxWaitMs?: number;
  /**
   * Called once, at scheduling, when the call cannot start at once: with when it is expected
   * to start (ms, the limiter's clock), so the trader can be told "queued: sends in 1.2 s".
   */
  onQueued?: (expectedStartAt: number) => void;
  /** Removes the call from the queue (rejecting with the signal's reason) if it has not started. */
  signal?: AbortSignal;
  /**
   * Hold the call's slot until `fn` settles, and count its window from then. The exchange counts
   * ARRIVALS, which fall anywhere between the moment a call is let go and its reply: a call that
   * waits for a socket, or a connection slower to open than the next one, arrives bunched with
   * the next window's calls (issue 20 #6: 5 creates within 9 ms; seen again at 104 ms against a
   * 110 ms window on a new connection). Counted from the reply, no two windows' calls can arrive
   * closer than the window, whatever the path does.
   */
  untilDone?: boolean;
}

/** A call that could not get a slot in time (or whose limiter was closed). */
export class RateLimitedError extends Error {
  readonly code = 'RATE_LIMITED' as const;
  constructor(
    message: string,
    /** The rules that were in the way. */
    readonly rules: readonly string[],
    /** When the call could have started, if known (ms). */
    readonly retryAt?: number,
  ) {
    super(message);
    this.name = 'RateLimitedError';
  }
}

/**
 * When a call counted under a rule started: a number, or Infinity while a call counted until
 * its reply is still out. See `ScheduleOptions.untilDone`.
 */
interface Start {
  at: number;
}

/** One rule in one scope: the start times of the calls within the last window (at most `limit`). */
class Bucket {
  private starts: Start[] = [];
  blockedUntil = 0;

  constructor(readonly rule: RateRule) {}

  private prune(now: number): void {
    const { windowMs } = this.rule;
    if (this.starts.some((s) => s.at + windowMs <= now)) this.starts = this.starts.filter((s) => s.at + windowMs > now);
  }

  /**
   * Earliest time a new call may start under this rule. A call granted but not yet gone holds
   * its slot with no end in sight (Infinity) unless `estimate`, where it counts as leaving now
   * (to judge whether a queued call can still make its deadline).
   */
  readyAt(now: number, estimate = false): number {
    this.prune(now);
    let at = Math.max(now, this.blockedUntil);
    if (this.starts.length >= this.rule.limit) {
      let oldest = Infinity;
      for (const s of this.starts) oldest = Math.min(oldest, s.at === Infinity && estimate ? now : s.at);
      at = Math.max(at, oldest + this.rule.windowMs);
    }
    return at;
  }

  /** Counts a call that starts now, or (pending) whose start is set when it leaves. */
  record(now: number, pending = false): Start {
    this.prune(now);
    const start = { at: pending ? Infinity : now };
    this.starts.push(start);
    return start;
  }

  /**
   * Free slots at time `at` (not before now), counting one more call started at `extraAt` if
   * given. Free slots only grow with time while nothing else starts.
   */
  freeAt(at: number, extraAt?: number): number {
    if (at < this.blockedUntil) return 0;
    const { limit, windowMs } = this.rule;
    let used = extraAt !== undefined && extraAt + windowMs > at ? 1 : 0;
    for (const s of this.starts) if (s.at + windowMs > at) used++;
    return limit - used;
  }

  /**
   * When the call `ahead` places back in this rule's queue is expected to start: each slot
   * frees a window after its call's reply (a call still out: `outMs` from now, the usual time a
   * call is out), and each queued call takes the first slot to free and holds it `outMs`.
   * Free times only grow, so the slots form a FIFO.
   */
  expectedStart(now: number, ahead: number, outMs: number): number {
    this.prune(now);
    const { limit, windowMs } = this.rule;
    const from = Math.max(now, this.blockedUntil);
    const frees: number[] = this.starts.map((s) => (s.at === Infinity ? now + outMs : s.at) + windowMs).sort((a, b) => a - b);
    while (frees.length < limit) frees.unshift(from);
    let at = from;
    for (let i = 0; i <= ahead; i++) {
      at = Math.max(from, frees[i]!);
      frees.push(at + outMs + windowMs);
    }
    return at;
  }

  /** Calls started (or on their way out) within the window ending now. */
  used(now: number): number {
    this.prune(now);
    return this.starts.length;
  }
}

interface Job {
  readonly owner: RateLimiter;
  readonly buckets: readonly Bucket[];
  readonly deadline: number;
  readonly untilDone: boolean;
  start(starts: Start[]): void;
  fail(error: unknown): void;
}

/** The one queue and timer shared by a limiter and its children. */
class Scheduler {
  readonly queue: Job[] = [];
  private cancelTimer: (() => void) | undefined;
  private timerAt = Infinity;
  /** How long a call counted until its reply is usually out (ms): a moving average of the last ones. */
  private outMs: number | undefined;

  constructor(readonly clock: Clock) {}

  /** Learns how long a call was out (untilDone), for `expectedStart`. */
  noteOut(ms: number): void {
    this.outMs = this.outMs === undefined ? ms : this.outMs * 0.8 + ms * 0.2;
  }

  /** When a call on these buckets, made now, is expected to start: behind every queued call that shares one of them. */
  expectedStart(buckets: readonly Bucket[], now: number): { at: number; rules: string[] } {
    let at = now;
    const rules: string[] = [];
    for (const b of buckets) {
      let ahead = 0;
      for (const job of this.queue) if (job.buckets.includes(b)) ahead++;
      const start = b.expectedStart(now, ahead, this.outMs ?? 0);
      if (start > now && !rules.includes(b.rule.id)) rules.push(b.rule.id);
      at = Math.max(at, start);
    }
    return { at, rules };
  }

  remove(job: Job): boolean {
    const i = this.queue.indexOf(job);
    if (i < 0) return false;
    this.queue.splice(i, 1);
    return true;
  }

  /**
   * Starts every queued call that may start now, fails the ones that cannot make their deadline,
   * and sets the next wake-up. An earlier waiting call holds a reservation on each of its rules
   * for the time it can start (R); a later call may use a rule now only if that still leaves
   * room at R for every reservation, so nothing overtakes an earlier call and delays it, while
   * a call waiting on its own account's rule does not hold up other accounts on the IP rule.
   */
  pump(): void {
    const now = this.clock.now();
    const reserved = new Map<Bucket, { at: number; count: number }>();
    let wake = Infinity;
    for (let i = 0; i < this.queue.length; ) {
      const job = this.queue[i]!;
      let readyAt = now;
      let estimate = now;
      for (const b of job.buckets) {
        readyAt = Math.max(readyAt, b.readyAt(now));
        estimate = Math.max(estimate, b.readyAt(now, true));
      }
      let behind = -Infinity; // when the reservations in this call's way can be served
      if (readyAt <= now) {
        for (const b of job.buckets) {
          const r = reserved.get(b);
          if (r && b.freeAt(r.at, now) < r.count) behind = Math.max(behind, r.at);
        }
        if (behind === -Infinity) {
          this.queue.splice(i, 1);
          job.start(job.buckets.map((b) => b.record(now, job.untilDone)));
          continue;
        }
      }
      if (estimate > job.deadline || now >= job.deadline) {
        // It cannot make its deadline: say so now rather than after waiting for nothing.
        this.queue.splice(i, 1);
        const rules = job.buckets.filter((b) => b.readyAt(now) > now).map((b) => b.rule.id);
        job.fail(
          new RateLimitedError(
            `rate limit: ${rules.length ? rules.join(', ') : 'earlier queued calls'} would hold this call past its deadline`,
            rules,
            estimate,
          ),
        );
        continue;
      }
      const at = Math.max(estimate, behind);
      for (const b of job.buckets) {
        const r = reserved.get(b);
        if (r) {
          r.at = Math.min(r.at, at);
          r.count++;
        } else reserved.set(b, { at, count: 1 });
      }
      // A bucket held by calls still out wakes the queue when one is answered, not by timer.
      if (readyAt > now && readyAt !== Infinity) wake = Math.min(wake, readyAt);
      wake = Math.min(wake, job.deadline);
      i++;
    }
    this.arm(wake, now);
  }

  private arm(wake: number, now: number): void {
    if (wake === Infinity || wake >= this.timerAt) return;
    this.cancelTimer?.();
    this.timerAt = wake;
    this.cancelTimer = this.clock.setTimer(() => {
      this.cancelTimer = undefined;
      this.timerAt = Infinity;
      this.pump();
    }, wake - now);
  }
}

/** Queues calls so that every named rate rule holds; see the file comment for scopes. */
export class RateLimiter {
  readonly exchange: ExchangeId;
  readonly accountId: string | undefined;
  private readonly buckets = new Map<string, Bucket>();
  private readonly parent: RateLimiter | undefined;
  private readonly scheduler: Scheduler;
  private closed = false;

  constructor(options: RateLimiterOptions) {
    this.exchange = options.exchange;
    this.accountId = options.accountId;
    this.parent = options.parent;
    this.scheduler = options.parent ? options.parent.scheduler : new Scheduler(options.clock ?? systemClock);
    for (const rule of options.rules) {
      if (!rule.id) throw new Error('rate rule: id must not be empty');
      if (!Number.isInteger(rule.limit) || rule.limit < 1) throw new Error(`rate rule ${rule.id}: limit must be a positive integer`);
      if (!(rule.windowMs > 0)) throw new Error(`rate rule ${rule.id}: windowMs must be positive`);
      if (this.buckets.has(rule.id)) throw new Error(`rate rule ${rule.id}: defined twice`);
      this.buckets.set(rule.id, new Bucket(rule));
    }
  }

  /**
   * Runs `fn` once a slot is free in every named rule (in this scope and the parent's), and
   * answers what it answers. Never fails for being over the limit unless `maxWaitMs` says so.
   */
  schedule<T>(ruleIds: readonly string[], fn: () => Promise<T> | T, options: ScheduleOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.closed) return reject(new RateLimitedError('rate limit: this limiter is closed', []));
      const buckets: Bucket[] = [];
      for (const id of ruleIds) {
        const found = this.resolve(id);
        if (found.length === 0) return reject(new Error(`rate limiter: unknown rule "${id}"`));
        for (const b of found) if (!buckets.includes(b)) buckets.push(b);
      }
      const { signal } = options;
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = (): void => {
        if (this.scheduler.remove(job)) {
          reject(signal!.reason);
          this.scheduler.pump();
        }
      };
      const now = this.scheduler.clock.now();
      const deadline = options.maxWaitMs === undefined ? Infinity : now + options.maxWaitMs;
      const { at: expected, rules } = this.scheduler.expectedStart(buckets, now);
      if (expected > deadline) {
        // Refused now, not when the wait is over (issue 20 #5): the trader can act at once.
        return reject(new RateLimitedError(`rate limit: ${rules.join(', ')} would hold this call ${Math.ceil((expected - now) / 100) / 10} s`, rules, expected));
      }
      let started = false;
      const job: Job = {
        owner: this,
        buckets,
        deadline,
        untilDone: options.untilDone === true,
        start: (starts) => {
          started = true;
          signal?.removeEventListener('abort', onAbort);
          const grantedAt = this.scheduler.clock.now();
          const done = (): void => {
            if (!options.untilDone) return;
            const at = this.scheduler.clock.now();
            this.scheduler.noteOut(at - grantedAt);
            for (const s of starts) s.at = at;
            this.scheduler.pump();
          };
          Promise.resolve()
            .then(fn)
            .finally(done)
            .then(resolve, reject);
        },
        fail(error) {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.scheduler.queue.push(job);
      this.scheduler.pump();
      if (!started && this.scheduler.queue.includes(job)) options.onQueued?.(expected);
    });
  }

  /**
   * Records a 429: the named rules (or all) are blocked in this scope and the parent's until
   * `untilMs`, or for each rule's penalty period when omitted. Queued calls wait, then resume.
   */
  penalize(ruleIds: readonly string[] | 'all', untilMs?: number): void {
    const now = this.scheduler.clock.now();
    const buckets = ruleIds === 'all' ? this.family() : ruleIds.flatMap((id) => this.resolve(id));
    for (const b of buckets) {
      const until = untilMs ?? now + (b.rule.penaltyMs ?? b.rule.windowMs);
      b.blockedUntil = Math.max(b.blockedUntil, until);
    }
    this.scheduler.pump();
  }

  /** What is left of each rule of THIS scope (not the parent's), for the status bar. */
  budgets(): RateBudget[] {
    const now = this.scheduler.clock.now();
    return [...this.buckets.values()].map((b) => {
      const budget: RateBudget = {
        exchange: this.exchange,
        rule: b.rule.id,
        limit: b.rule.limit,
        remaining: b.blockedUntil > now ? 0 : b.rule.limit - b.used(now),
        windowMs: b.rule.windowMs,
        queued: this.scheduler.queue.filter((job) => job.buckets.includes(b)).length,
      };
      if (this.accountId !== undefined) budget.accountId = this.accountId;
      if (b.blockedUntil > now) budget.blockedUntil = b.blockedUntil;
      return budget;
    });
  }

  /** Rejects this limiter's queued calls and refuses new ones (the connector is stopping). Safe to call twice. */
  close(): void {
    this.closed = true;
    for (const job of [...this.scheduler.queue]) {
      if (job.owner !== this) continue;
      this.scheduler.remove(job);
      job.fail(new RateLimitedError('rate limit: the limiter was closed before this call could start', []));
    }
    this.scheduler.pump();
  }

  private resolve(id: string): Bucket[] {
    const own = this.buckets.get(id);
    const inherited = this.parent ? this.parent.resolve(id) : [];
    return own ? [own, ...inherited] : inherited;
  }

  private family(): Bucket[] {
    return [...this.buckets.values(), ...(this.parent ? this.parent.family() : [])];
  }
}
