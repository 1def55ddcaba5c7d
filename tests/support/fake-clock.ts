import type { Clock } from '../../src/main/net/clock';

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

/** One macrotask turn: pending promise callbacks run first. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A Clock for tests: time moves only when the test calls `advance`, and timers fire in due
 * order (ties in the order they were set), including timers set by other timers' callbacks.
 */
export class FakeClock implements Clock {
  private time: number;
  private seq = 0;
  private timers: Pending[] = [];

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const timer: Pending = { at: this.time + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.nextDue(end);
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = Math.max(this.time, next.at);
      next.fn();
    }
    this.time = end;
  }

  /**
   * Like `advance`, but lets promise callbacks and I/O callbacks run after each timer fires
   * (one macrotask turn), so code that reacts to a timer with promises or sockets keeps pace.
   */
  async advanceAsync(ms: number): Promise<void> {
    const end = this.time + ms;
    await turn();
    for (;;) {
      const next = this.nextDue(end);
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = Math.max(this.time, next.at);
      next.fn();
      await turn();
    }
    this.time = end;
    await turn();
  }

  /** How many timers are waiting. */
  get pending(): number {
    return this.timers.length;
  }

  /** When the earliest timer falls due, or undefined when none is set. */
  nextAt(): number | undefined {
    return this.nextDue(Infinity)?.at;
  }

  private nextDue(limit: number): Pending | undefined {
    let best: Pending | undefined;
    for (const t of this.timers) {
      if (t.at > limit) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
