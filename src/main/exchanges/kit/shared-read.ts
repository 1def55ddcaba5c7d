/**
 * One read shared by every caller that can use it (issue 20 #5: many unresolved submits each
 * re-read every open-order page and drew a 429 and a 60 s block on Icrypex). A caller asks for
 * a result of a read that STARTED no earlier than `notBefore` — an order sent at t can only be
 * in a list read after t — and gets the last finished read, or the running one, if it started
 * late enough; otherwise one new read starts after the running one, for everyone who asks
 * meanwhile. So N callers cost at most two reads at a time, whatever N is.
 */
export interface Read<T> {
  value: T;
  /** When the read started (clock ms): what it shows is at least this recent. */
  startedAt: number;
}

export class SharedRead<T> {
  private last: Read<T> | undefined;
  private running: { startedAt: number; promise: Promise<Read<T>> } | undefined;
  private next: Promise<Read<T>> | undefined;

  /** `keep` says whether a result may be handed to later callers (failures usually not). */
  constructor(
    private readonly read: () => Promise<T>,
    private readonly now: () => number,
    private readonly keep: (value: T) => boolean = () => true,
  ) {}

  /** The newest read kept (see `keep`), if any. */
  latest(): Read<T> | undefined {
    return this.last;
  }

  get(notBefore: number): Promise<Read<T>> {
    if (this.last && this.last.startedAt >= notBefore) return Promise.resolve(this.last);
    if (this.running && this.running.startedAt >= notBefore) return this.running.promise;
    if (this.running) {
      this.next ??= this.running.promise
        .catch(() => undefined)
        .then(() => {
          this.next = undefined;
          return this.start();
        });
      return this.next;
    }
    return this.start();
  }

  private start(): Promise<Read<T>> {
    const startedAt = this.now();
    const promise = this.read()
      .then((value) => {
        const done = { value, startedAt };
        if (this.keep(value) && (!this.last || startedAt >= this.last.startedAt)) this.last = done;
        return done;
      })
      .finally(() => {
        if (this.running?.promise === promise) this.running = undefined;
      });
    this.running = { startedAt, promise };
    return promise;
  }
}
