import net from 'node:net';
import WebSocket, { type RawData } from 'ws';
import type { StreamState } from '../../shared';
import { systemClock, type Clock } from './clock';
import { proxyAgent } from './proxy';

/**
 * One long-lived WebSocket connection that keeps itself alive: protocol pings, staleness when
 * nothing arrives, and reconnects with capped exponential backoff and full jitter, forever,
 * until close(). Every (re)connect calls the onOpen listeners, which is where the owner logs in
 * and re-sends every subscription (specs/icrypex.md §8.6: third-party clients that forget this
 * silently lose their streams after a reconnect). Protocol-level concerns (frame parsing,
 * gzip, application pings, book resync) belong to the owner.
 *
 * Issue 20: a book must be right or visibly not, and LIVE must come back within 2 s of the
 * exchange being reachable again. So: pings every few seconds and a short silence budget (a
 * half-open link, where nothing arrives and nothing closes, shows `stale` within staleAfterMs
 * and is dropped after deadAfterMs); the backoff restarts from its first step as soon as a new
 * connection delivers a frame (a flapping link never piles up delay); and while a long retry
 * waits, a cheap TCP probe every probeEveryMs cuts the wait short once the host answers again.
 */

export interface BackoffOptions {
  /** Cap of the first retry delay; doubles per consecutive failure. */
  initialMs: number;
  maxMs: number;
  /**
   * Unused since issue 20: the backoff restarts when a connection delivers its first frame
   * (a connection that works, however briefly, proves the link is back). Kept for callers.
   */
  resetAfterMs?: number;
}

/** Answers true when the host of `url` takes a TCP connection now (a cheap "is the link back?"). */
export type Probe = (url: string) => Promise<boolean>;

export interface ResilientSocketOptions {
  url: string;
  /** Names the connection in log lines and state details, e.g. `icrypex public`. */
  name: string;
  /** WebSocket protocol pings (specs/icrypex.md §8.5: 20-30 s); 0 turns them off. */
  pingIntervalMs: number;
  /** No frame (data, ping or pong) for this long: state `stale`. */
  staleAfterMs: number;
  /** No frame for this long: drop the connection and reconnect. Default: 2 × staleAfterMs. */
  deadAfterMs?: number;
  /** Opening handshake must finish within this. Default: 10 s. */
  connectTimeoutMs?: number;
  backoff: BackoffOptions;
  /**
   * While a retry waits longer than this, probe the host this often and retry at once when it
   * answers; 0 (default) = no probes. Only after a failure to reach the host (refused, reset,
   * timed out): a host that answers and then drops us is left to the backoff.
   */
  probeEveryMs?: number;
  /** The probe; default a TCP connect to the URL's host and port (none when a proxy is configured: see tcpProbe). */
  probe?: Probe;
  /** Jitter source in [0, 1); default Math.random. */
  random?: () => number;
  clock?: Clock;
  log?: (line: string) => void;
  /** Extra handshake headers (never logged). */
  headers?: Record<string, string>;
  /**
   * Largest frame accepted; a larger one closes the connection (1009) and it reconnects.
   * Default 4 MiB: the largest real frames are tens of KB, and a frame is held whole in memory
   * and parsed on the main thread (issue 12).
   */
  maxPayload?: number;
}

export const DEFAULT_MAX_PAYLOAD = 4 * 1024 * 1024;

export type Unsubscribe = () => void;
export type MessageListener = (data: string | Buffer, isBinary: boolean) => void;
export type StateListener = (state: StreamState, detail: string | undefined) => void;

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** A self-healing WebSocket; see the file comment. Call connect() after adding listeners. */
export class ResilientSocket {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly log: (line: string) => void;
  private readonly openListeners = new Set<() => void | Promise<void>>();
  private readonly messageListeners = new Set<MessageListener>();
  private readonly stateListeners = new Set<StateListener>();

  private ws: WebSocket | undefined;
  private currentState: StreamState = 'closed';
  private stateSince: number;
  private stateDetail: string | undefined = 'not started';
  private started = false;
  private closing = false;
  private failures = 0;
  private openedAt: number | undefined;
  private lastFrame = 0;
  private timers: Array<() => void> = [];
  private retryTimer: (() => void) | undefined;
  private retryAtValue: number | undefined;
  private stopProbes: (() => void) | undefined;
  /** The last attempt could not reach the host (vs. reached it and was dropped). */
  private unreachable = false;
  /** The current connection has delivered a frame (resets the backoff once). */
  private proven = false;
  private closeWaiters: Array<() => void> = [];

  constructor(private readonly options: ResilientSocketOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? (() => {});
    this.stateSince = this.clock.now();
    if (!/^wss?:\/\//i.test(options.url)) throw new Error(`${options.name}: url must start with ws:// or wss://`);
  }

  get state(): StreamState {
    return this.currentState;
  }

  /** When the state last changed (ms), and why, for StreamStatus. */
  get since(): number {
    return this.stateSince;
  }

  get detail(): string | undefined {
    return this.stateDetail;
  }

  /** When the next connection attempt is due (ms) while `reconnecting`; undefined otherwise. */
  get retryAt(): number | undefined {
    return this.retryAtValue;
  }

  /** When the last frame arrived (ms); 0 before any. */
  get lastFrameAt(): number {
    return this.lastFrame;
  }

  /** Called on every (re)connect, after state becomes `connected`: log in and resubscribe here. */
  onOpen(listener: () => void | Promise<void>): Unsubscribe {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  /** Text frames arrive as strings, binary frames as Buffers. */
  onMessage(listener: MessageListener): Unsubscribe {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onState(listener: StateListener): Unsubscribe {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Starts connecting (once; later calls do nothing). */
  connect(): void {
    if (this.started || this.closing) return;
    this.started = true;
    this.setState('connecting', undefined);
    this.open();
  }

  /** Sends a frame if connected; answers false (and sends nothing) otherwise. */
  send(data: string | Buffer): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(data);
    return true;
  }

  /** Drops the current connection and reconnects (e.g. the owner saw a login failure or a book it cannot repair). */
  reconnect(reason: string): void {
    if (this.closing || !this.started) return;
    this.log(`ws ${this.options.name}: reconnecting: ${reason}`);
    const ws = this.ws;
    if (ws) {
      this.down(ws, reason);
      ws.terminate();
    }
  }

  /** Closes the connection and stops reconnecting; resolves once the socket is closed. Safe to call twice. */
  close(): Promise<void> {
    this.closing = true;
    this.cancelRetry();
    this.clearTimers();
    const ws = this.ws;
    this.ws = undefined;
    if (this.currentState !== 'closed') this.setState('closed', 'closed by the app');
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.closeWaiters.push(resolve);
      let cancelFallback = (): void => {};
      ws.once('close', () => {
        cancelFallback();
        for (const w of this.closeWaiters.splice(0)) w();
      });
      if (ws.readyState === WebSocket.OPEN) {
        ws.close(1000, 'client closing');
        // A server that never answers the close frame does not hold us up.
        cancelFallback = this.clock.setTimer(() => ws.terminate(), 1_000);
      } else {
        ws.terminate();
      }
    });
  }

  private open(): void {
    const { url, headers } = this.options;
    let ws: WebSocket;
    try {
      // Through the system proxy, with the OS certificates (src/main/net/proxy.ts); one agent per
      // handshake, since a socket is never reused.
      ws = new WebSocket(url, { headers, perMessageDeflate: false, maxPayload: this.options.maxPayload ?? DEFAULT_MAX_PAYLOAD, agent: proxyAgent(new URL(url).protocol) });
    } catch (error) {
      this.log(`ws ${this.options.name}: cannot open: ${error instanceof Error ? error.name : 'error'}`);
      this.scheduleRetry('could not open the connection');
      return;
    }
    this.ws = ws;
    this.openedAt = undefined;
    this.proven = false;
    this.unreachable = false;
    this.addTimer(() => {
      if (ws.readyState === WebSocket.CONNECTING) {
        this.unreachable = true;
        this.down(ws, 'handshake timed out');
        ws.terminate();
      }
    }, this.options.connectTimeoutMs ?? 10_000);

    ws.on('open', () => {
      if (ws !== this.ws) return;
      this.clearTimers();
      this.openedAt = this.clock.now();
      this.lastFrame = this.openedAt;
      this.setState('connected', undefined);
      this.armPing(ws);
      this.armSilence(ws);
      for (const listener of this.openListeners) {
        try {
          const done = listener();
          if (done) done.catch((error: unknown) => this.listenerFailed('onOpen', error));
        } catch (error) {
          this.listenerFailed('onOpen', error);
        }
      }
    });
    ws.on('message', (data, isBinary) => {
      if (ws !== this.ws) return;
      this.frame();
      const payload = isBinary ? toBuffer(data) : toBuffer(data).toString('utf8');
      for (const listener of this.messageListeners) {
        try {
          listener(payload, isBinary);
        } catch (error) {
          this.listenerFailed('onMessage', error);
        }
      }
    });
    ws.on('ping', () => ws === this.ws && this.frame());
    ws.on('pong', () => ws === this.ws && this.frame());
    ws.on('error', (error) => {
      // ws always follows an error with 'close'; only the reason is recorded here.
      const code = (error as { code?: unknown }).code;
      // Only a host we could not reach is probed; one that answered (e.g. 503 in maintenance) waits its backoff.
      if (ws === this.ws && this.openedAt === undefined && typeof code === 'string' && UNREACHABLE.has(code)) this.unreachable = true;
      if (ws === this.ws) this.log(`ws ${this.options.name}: ${typeof code === 'string' ? code : error.message.slice(0, 80)}`);
    });
    ws.on('close', (code) => this.down(ws, `connection closed (${code})`));
  }

  /** The connection `ws` is gone: reconnect unless closing. Idempotent per connection. */
  private down(ws: WebSocket, reason: string): void {
    if (ws !== this.ws) return;
    this.ws = undefined;
    this.clearTimers();
    if (this.closing) return;
    this.scheduleRetry(reason);
  }

  private scheduleRetry(reason: string): void {
    const { initialMs, maxMs } = this.options.backoff;
    const cap = Math.min(maxMs, initialMs * 2 ** this.failures);
    const delay = Math.floor(this.random() * cap); // full jitter
    this.failures++;
    this.retryAtValue = this.clock.now() + delay;
    this.setState('reconnecting', `${reason}; retry ${this.failures} in ${delay} ms`);
    this.retryTimer = this.clock.setTimer(() => this.retryNow(), delay);
    const every = this.options.probeEveryMs ?? 0;
    if (every > 0 && delay > every && this.unreachable) this.startProbes(every);
  }

  private retryNow(): void {
    this.cancelRetry();
    if (!this.closing) this.open();
  }

  private cancelRetry(): void {
    this.retryTimer?.();
    this.retryTimer = undefined;
    this.retryAtValue = undefined;
    this.stopProbes?.();
    this.stopProbes = undefined;
  }

  /** Probes the host until it answers (then retries at once) or the retry is due anyway. */
  private startProbes(every: number): void {
    const probe = this.options.probe ?? tcpProbe;
    let stopped = false;
    let cancelTimer = (): void => {};
    this.stopProbes = () => {
      stopped = true;
      cancelTimer();
    };
    const tick = (): void => {
      probe(this.options.url).then(
        (up) => {
          if (stopped) return;
          if (up) {
            this.log(`ws ${this.options.name}: the host answers again; retrying now`);
            this.retryNow();
          } else cancelTimer = this.clock.setTimer(tick, every);
        },
        () => {
          if (!stopped) cancelTimer = this.clock.setTimer(tick, every);
        },
      );
    };
    cancelTimer = this.clock.setTimer(tick, every);
  }

  private frame(): void {
    this.lastFrame = this.clock.now();
    if (!this.proven) {
      // A connection that delivers is proof the link works: the next drop starts from the first step.
      this.proven = true;
      this.failures = 0;
    }
    if (this.currentState === 'stale') this.setState('connected', undefined);
  }

  private armPing(ws: WebSocket): void {
    const every = this.options.pingIntervalMs;
    if (every <= 0) return;
    const tick = (): void => {
      if (ws !== this.ws || ws.readyState !== WebSocket.OPEN) return;
      ws.ping();
      this.addTimer(tick, every);
    };
    this.addTimer(tick, every);
  }

  /** Checks silence lazily: one timer at the next moment it could matter, not one per frame. */
  private armSilence(ws: WebSocket): void {
    const staleAfter = this.options.staleAfterMs;
    const deadAfter = this.options.deadAfterMs ?? 2 * staleAfter;
    const check = (): void => {
      if (ws !== this.ws) return;
      const quiet = this.clock.now() - this.lastFrame;
      if (quiet >= deadAfter) {
        this.down(ws, `no frame for ${quiet} ms`);
        ws.terminate();
        return;
      }
      if (quiet >= staleAfter && this.currentState === 'connected') this.setState('stale', `no frame for ${quiet} ms`);
      const next = quiet >= staleAfter ? deadAfter - quiet : staleAfter - quiet;
      this.addTimer(check, next);
    };
    this.addTimer(check, staleAfter);
  }

  private addTimer(fn: () => void, ms: number): void {
    const cancel = this.clock.setTimer(() => {
      this.timers = this.timers.filter((t) => t !== cancel);
      fn();
    }, ms);
    this.timers.push(cancel);
  }

  private clearTimers(): void {
    for (const cancel of this.timers.splice(0)) cancel();
  }

  private setState(state: StreamState, detail: string | undefined): void {
    if (state === this.currentState && detail === this.stateDetail) return;
    this.currentState = state;
    this.stateDetail = detail;
    this.stateSince = this.clock.now();
    for (const listener of this.stateListeners) {
      try {
        listener(state, detail);
      } catch (error) {
        this.listenerFailed('onState', error);
      }
    }
  }

  private listenerFailed(which: string, error: unknown): void {
    this.log(`ws ${this.options.name}: ${which} listener failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/**
 * A TCP connect to the URL's host and port, closed at once; false on refusal, error or after
 * 1 s. Behind a system proxy that blocks direct connections it simply never answers true, and
 * the retry waits its backoff as before.
 */
export function tcpProbe(url: string): Promise<boolean> {
  const target = new URL(url);
  const secure = target.protocol === 'wss:';
  const port = Number(target.port || (secure ? 443 : 80));
  const host = target.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const done = (up: boolean): void => {
      sock.destroy();
      resolve(up);
    };
    sock.setTimeout(1_000, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}
