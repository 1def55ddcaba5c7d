import type { Clock } from '../../net/clock';
import { DropLog } from '../kit/wire';
import { frameText, type StreamSocket } from '../kit/socket';
import { WAIT_AFTER_OPEN_MS } from './limits';
import { parseFrame, respondHeartbeat, type Frame } from './stream-protocol';

export interface SessionOptions {
  socket: StreamSocket;
  clock: Clock;
  /** Runs 1 s after every (re)connect, when requests may be sent (§3, §7.1). */
  onReady: () => void;
  onFrame: (frame: Frame) => void;
  /** How a text frame is read (the market socket scans book pushes first); parseFrame by default. */
  parse?: (text: string) => Frame;
  log?: (line: string) => void;
  name: string;
}

/**
 * What both Crypto.com Exchange sockets share (specs/cryptocom-exchange.md §7.1-§7.2): nothing
 * is sent until 1 s after the socket opens (the first second's budget is pro-rated), every
 * `public/heartbeat` is answered with `public/respond-heartbeat` and the same id (the server
 * closes the socket after two unanswered ones), frames are read bounded and bad ones dropped
 * with one log line per kind.
 */
export class CdxSession {
  private readyTimer: (() => void) | undefined;
  private isReady = false;
  private nextRequestId = 1;
  readonly drops: DropLog;

  constructor(private readonly o: SessionOptions) {
    this.drops = new DropLog(o.name, o.log);
    o.socket.onOpen(() => {
      this.isReady = false;
      this.readyTimer?.();
      this.readyTimer = o.clock.setTimer(() => {
        this.readyTimer = undefined;
        this.isReady = true;
        o.onReady();
      }, WAIT_AFTER_OPEN_MS);
    });
    o.socket.onState((state) => {
      if (state === 'connected' || state === 'stale') return;
      this.isReady = false;
      this.readyTimer?.();
      this.readyTimer = undefined;
    });
    const parse = o.parse ?? parseFrame;
    o.socket.onMessage((data) => {
      const frame = this.drops.attempt(() => parse(frameText(data)));
      if (!frame) return;
      if (frame.kind === 'heartbeat') {
        o.socket.send(respondHeartbeat(frame.id));
        return;
      }
      o.onFrame(frame);
    });
  }

  get ready(): boolean {
    return this.isReady;
  }

  nextId(): number {
    return this.nextRequestId++;
  }

  /** Sends a request once the socket is ready; false otherwise (onReady sends the state again). */
  send(text: string): boolean {
    return this.isReady && this.o.socket.send(text);
  }

  close(): void {
    this.readyTimer?.();
    this.readyTimer = undefined;
    this.isReady = false;
  }
}
