/** Which requests a fault applies to; both parts optional (omitted = any). */
export interface RequestMatch {
  method?: string;
  path?: RegExp;
}

/** The request facts a fault needs to decide whether it applies. */
export interface RequestInfo {
  method: string;
  path: string;
}

/** What the HTTP layer must do with a request before (or instead of) handling it. */
export type FaultPlan =
  | { kind: 'pass'; delayMs: number }
  | { kind: 'fail'; status: number; delayMs: number }
  | { kind: 'hold'; holdMs: number; delayMs: number; done: () => void }
  /** The connection is reset (TCP RST, no reply): before the request is executed, or after it. */
  | { kind: 'reset'; afterExecuting: boolean; delayMs: number };

/** Hooks a simulator registers so socket-level faults can act on its live connections. */
export interface FaultHooks {
  /** Close every WebSocket abruptly (no close frame). */
  dropConnections?: () => void;
  /** Send one garbage frame to every socket now. */
  sendMalformedFrame?: () => void;
  /** Send this frame text to every socket now, framed as the exchange frames it (gzip for Crypto.com). */
  sendFrame?: (text: string) => void;
}

interface FailRule {
  status: number;
  remaining: number;
  match: RequestMatch | undefined;
}

interface ResetRule {
  match: RequestMatch | undefined;
  afterExecuting: boolean;
  remaining: number;
}

interface HoldRule {
  match: RequestMatch;
  ms: number;
  done: () => void;
}

function matches(match: RequestMatch | undefined, request: RequestInfo): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== request.method.toUpperCase()) return false;
  if (match.path) {
    match.path.lastIndex = 0;
    if (!match.path.test(request.path)) return false;
  }
  return true;
}

/**
 * Fault injection shared by both simulators (sim-api.md "Faults"). The HTTP helper asks
 * `planRequest` for every request; socket layers read the flags (`heartbeatsStopped`,
 * `takeSkipChangeSet`, `takeTruncateGzip`, `takeRejectSignature`) or act through FaultHooks.
 * Methods that do not apply to one exchange are accepted and do nothing there.
 */
export class Faults {
  private hooks: FaultHooks = {};
  private failRules: FailRule[] = [];
  private holdRules: HoldRule[] = [];
  private resetRules: ResetRule[] = [];
  private delays: Array<{ ms: number; match: RequestMatch | undefined }> = [];
  private readonly skipSets = new Map<string, number>();
  private readonly bookUpdateFaults = new Map<string, Array<'drop' | 'hold'>>();
  private truncateGzip = 0;
  private rejectSignatures = 0;
  private heartbeatsOff = false;
  /** Wall-clock ms until which new WebSocket upgrades are refused (an outage, not just a cut). */
  private refuseUntil = 0;
  /** refuseSockets: upgrades are refused until switched off. */
  private refusing = false;

  /** Called by a simulator once its sockets exist. */
  attach(hooks: FaultHooks): void {
    this.hooks = { ...this.hooks, ...hooks };
  }

  /** Closes every WS abruptly (no close frame; the client sees 1006); with `forMs`, refuses new ones that long too. */
  dropConnections(forMs = 0): void {
    if (forMs > 0) this.refuseUntil = Date.now() + forMs;
    this.hooks.dropConnections?.();
  }

  /** True while a drop with `forMs` or refuseSockets keeps the sockets down: upgrades are answered 503. */
  get socketsRefused(): boolean {
    return this.refusing || Date.now() < this.refuseUntil;
  }

  /** Icrypex: the next `obd` for `symbol` jumps `cs` by 2 (one change set is skipped). */
  skipChangeSet(symbol: string): void {
    const key = symbol.toUpperCase();
    this.skipSets.set(key, (this.skipSets.get(key) ?? 0) + 1);
  }

  /**
   * The next book update of `symbol` (Icrypex `obd`, Crypto.com depth push) is lost: the
   * exchange's book moves, the frame never arrives (issue 20: the last update before a quiet market).
   */
  dropNextBookUpdate(symbol: string): void {
    this.queueBookFault(symbol, 'drop');
  }

  /** The next book update of `symbol` is held and arrives after the one that follows it (reordered). */
  reorderNextBookUpdates(symbol: string): void {
    this.queueBookFault(symbol, 'hold');
  }

  /** Consumes the pending book-update fault of the symbol, if any. */
  takeBookUpdateFault(symbol: string): 'drop' | 'hold' | undefined {
    const key = symbol.toUpperCase();
    const queue = this.bookUpdateFaults.get(key);
    const next = queue?.shift();
    if (queue && queue.length === 0) this.bookUpdateFaults.delete(key);
    return next;
  }

  /** Book-update faults of the symbol not yet used (a market with no change does not use one). */
  pendingBookUpdateFaults(symbol: string): number {
    return this.bookUpdateFaults.get(symbol.toUpperCase())?.length ?? 0;
  }

  private queueBookFault(symbol: string, kind: 'drop' | 'hold'): void {
    const key = symbol.toUpperCase();
    this.bookUpdateFaults.set(key, [...(this.bookUpdateFaults.get(key) ?? []), kind]);
  }

  /** Sends one garbage frame to every connected socket now (it is the next frame they get). */
  sendMalformedFrame(): void {
    this.hooks.sendMalformedFrame?.();
  }

  /** Sends the given frame text to every connected socket now (a hostile exchange, issue 12). */
  sendFrame(text: string): void {
    this.hooks.sendFrame?.(text);
  }

  /** Crypto.com: the next binary frame is a cut gzip stream. */
  truncateNextGzipFrame(): void {
    this.truncateGzip++;
  }

  /** Delays every matching REST reply by ms (until reset, or until the returned function is called). */
  delayResponses(ms: number, match?: RequestMatch): () => void {
    const rule = { ms, match };
    this.delays.push(rule);
    return () => {
      this.delays = this.delays.filter((d) => d !== rule);
    };
  }

  /** The next `count` matching REST requests answer `status` without being executed. */
  failNext(options: { status: 500 | 502 | 503 | 429 | number; count?: number; match?: RequestMatch }): void {
    this.failRules.push({ status: options.status, remaining: options.count ?? 1, match: options.match });
  }

  /**
   * The next `count` matching REST requests have their connection reset (TCP RST) instead of an
   * answer: by default before they are executed (the exchange never had them, issue 20 "reset
   * before the request arrives"); with `afterExecuting`, once executed (the reply is lost).
   */
  resetNext(options: { match?: RequestMatch; afterExecuting?: boolean; count?: number } = {}): void {
    this.resetRules.push({ match: options.match, afterExecuting: options.afterExecuting ?? false, remaining: options.count ?? 1 });
  }

  /** Crypto.com: stop the server pings; Icrypex: stop sending data frames. */
  stopHeartbeats(): void {
    this.heartbeatsOff = true;
  }

  /** WebSocket handshakes answer 503 (an exchange in maintenance) until called with false. */
  refuseSockets(on = true): void {
    this.refusing = on;
  }

  /** Undoes stopHeartbeats. */
  resumeHeartbeats(): void {
    this.heartbeatsOff = false;
    this.refusing = false;
  }

  /**
   * Holds the next matching request for ms (past the client's timeout), THEN executes it and
   * answers. The promise resolves once the held request has been executed.
   */
  holdNext(match: RequestMatch, ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.holdRules.push({ match, ms, done: resolve });
    });
  }

  /** The next signed call fails its signature check (Crypto.com 100005, Icrypex 401). */
  rejectNextSignature(): void {
    this.rejectSignatures++;
  }

  /** Clears every pending and persistent fault. */
  reset(): void {
    this.failRules = [];
    for (const hold of this.holdRules) hold.done();
    this.holdRules = [];
    this.resetRules = [];
    this.delays = [];
    this.skipSets.clear();
    this.bookUpdateFaults.clear();
    this.truncateGzip = 0;
    this.rejectSignatures = 0;
    this.heartbeatsOff = false;
    this.refuseUntil = 0;
  }

  /** True while stopHeartbeats is in force. */
  get heartbeatsStopped(): boolean {
    return this.heartbeatsOff;
  }

  /** Consumes one pending skipChangeSet for the symbol; true when this diff should skip. */
  takeSkipChangeSet(symbol: string): boolean {
    const key = symbol.toUpperCase();
    const count = this.skipSets.get(key) ?? 0;
    if (count <= 0) return false;
    if (count === 1) this.skipSets.delete(key);
    else this.skipSets.set(key, count - 1);
    return true;
  }

  /** Consumes one pending truncateNextGzipFrame. */
  takeTruncateGzip(): boolean {
    if (this.truncateGzip <= 0) return false;
    this.truncateGzip--;
    return true;
  }

  /** Consumes one pending rejectNextSignature. */
  takeRejectSignature(): boolean {
    if (this.rejectSignatures <= 0) return false;
    this.rejectSignatures--;
    return true;
  }

  /** Decides what happens to one REST request (consumes one-shot faults). */
  planRequest(request: RequestInfo): FaultPlan {
    let delayMs = 0;
    for (const delay of this.delays) if (matches(delay.match, request)) delayMs = Math.max(delayMs, delay.ms);
    const fail = this.failRules.find((rule) => rule.remaining > 0 && matches(rule.match, request));
    if (fail) {
      fail.remaining--;
      this.failRules = this.failRules.filter((rule) => rule.remaining > 0);
      return { kind: 'fail', status: fail.status, delayMs };
    }
    const reset = this.resetRules.find((rule) => rule.remaining > 0 && matches(rule.match, request));
    if (reset) {
      reset.remaining--;
      this.resetRules = this.resetRules.filter((rule) => rule.remaining > 0);
      return { kind: 'reset', afterExecuting: reset.afterExecuting, delayMs };
    }
    const holdIndex = this.holdRules.findIndex((rule) => matches(rule.match, request));
    if (holdIndex >= 0) {
      const [hold] = this.holdRules.splice(holdIndex, 1);
      return { kind: 'hold', holdMs: hold!.ms, delayMs, done: hold!.done };
    }
    return { kind: 'pass', delayMs };
  }
}
