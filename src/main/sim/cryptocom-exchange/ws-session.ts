import { type WebSocket } from 'ws';
import { type Now } from '../shared/clock';
import { type RawNumber, stringifyRaw } from '../shared/raw-json';
import { CdcxError, CODES } from './codes';
import { type ErrorLog } from './envelope';
import { type CdcxQuirks } from './quirks';
import { WsBudget } from './rate';
import { type CdcxRequest, parseCdcxRequest } from './request';

/** The fault flags a session reads (the shared Faults object fits). */
export interface SessionFaults {
  readonly heartbeatsStopped: boolean;
}

let nextConnection = 1;

/**
 * What both Crypto.com Exchange sockets share (specs/cryptocom-exchange.md §7.1–§7.3): plain
 * JSON text frames, protocol pings, `public/heartbeat` with the close after unanswered ones
 * (§8.17), the per-connection request budget (§3), and error replies that log the raw frame.
 */
export abstract class CdcxSession {
  readonly connection = nextConnection++;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private outstanding: number | undefined;
  private missed = 0;
  private readonly budget: WsBudget;
  closed = false;

  constructor(
    readonly socket: WebSocket,
    protected readonly quirks: CdcxQuirks,
    protected readonly now: Now,
    protected readonly faults: SessionFaults,
    protected readonly errors: ErrorLog,
    requestsPerSecond: number,
  ) {
    this.budget = new WsBudget(requestsPerSecond, now(), quirks, now);
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.onText(data.toString());
    });
    socket.on('close', () => this.dispose());
    socket.on('error', () => socket.terminate());
    this.restartTimers();
  }

  /** (Re)reads the heartbeat and ping intervals. */
  restartTimers(): void {
    clearInterval(this.heartbeatTimer);
    clearInterval(this.pingTimer);
    if (this.quirks.heartbeatIntervalMs > 0) this.heartbeatTimer = setInterval(() => this.heartbeat(), this.quirks.heartbeatIntervalMs);
    if (this.quirks.pingIntervalMs > 0) this.pingTimer = setInterval(() => !this.faults.heartbeatsStopped && this.socket.ping(), this.quirks.pingIntervalMs);
  }

  /** §7.2 and §8.17: a heartbeat every interval; closed (1000) when too many went unanswered. */
  private heartbeat(): void {
    if (this.faults.heartbeatsStopped) return;
    if (this.outstanding !== undefined) this.missed++;
    if (this.missed >= this.quirks.unansweredHeartbeatsBeforeClose) {
      this.socket.close(1000, 'heartbeat not answered');
      return;
    }
    this.outstanding = this.now();
    this.send({ id: this.outstanding, method: 'public/heartbeat', code: 0 });
  }

  send(body: unknown): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(stringifyRaw(body));
  }

  /** `{id, method, code, message}` for a refused request, logged with its raw text. */
  replyError(raw: string, id: RawNumber | number, method: string, error: CdcxError, extra: Record<string, unknown> = {}): void {
    this.errors.add({ at: this.now(), method, code: error.code, message: error.message, raw });
    this.send({ id, method, code: this.code(error.code), ...extra, message: error.message, ...(error.result !== undefined ? { result: error.result } : {}) });
  }

  /** §8.1: code as a number, or as a string when switched. */
  code(code: number): number | string {
    return this.quirks.codeAsString ? String(code) : code;
  }

  private onText(text: string): void {
    let request: CdcxRequest;
    try {
      request = parseCdcxRequest(text);
    } catch (error) {
      // §7.3: text that is not JSON gets no reply; a JSON frame without id/method gets an ERROR reply (§6).
      if (error instanceof CdcxError && error.code === CODES.BAD_REQUEST && !/not JSON/.test(error.message)) {
        this.replyError(text, -1, 'ERROR', error, { original: text });
      }
      return;
    }
    const id = request.id ?? -1;
    if (request.method === 'public/respond-heartbeat') {
      if (request.id && Number(request.id.text) === this.outstanding) {
        this.outstanding = undefined;
        this.missed = 0;
      }
      return;
    }
    if (!this.budget.allow()) {
      this.replyError(text, id, request.method, new CdcxError(CODES.TOO_MANY_REQUESTS, 'TOO_MANY_REQUESTS'));
      return;
    }
    try {
      this.handle(request, id);
    } catch (error) {
      if (!(error instanceof CdcxError)) throw error;
      this.replyError(text, id, request.method, error);
    }
  }

  /** One parsed request (the heartbeat reply and the budget are handled already). */
  protected abstract handle(request: CdcxRequest, id: RawNumber | number): void;

  /** Cleans up when the socket closes (subclasses add their part). */
  protected dispose(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeatTimer);
    clearInterval(this.pingTimer);
  }
}
