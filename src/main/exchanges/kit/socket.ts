import type { StreamState } from '../../../shared';
import type { Clock } from '../../net/clock';
import { ResilientSocket } from '../../net/resilient-socket';

/**
 * What every connector's stream needs from a socket: the shared ResilientSocket
 * (src/main/net/resilient-socket.ts) in production, a scripted fake in unit tests and benches.
 * It reconnects by itself with back-off; every (re)connect calls the onOpen listeners, which is
 * where the owner logs in and subscribes again.
 */
export interface StreamSocket {
  readonly state: StreamState;
  /** When `state` last changed (ms), if known. */
  readonly since?: number;
  /** Why the socket is in its state (e.g. the last close reason), for the status bar. */
  readonly detail?: string | undefined;
  /** While reconnecting: when the next attempt is due (ms). */
  readonly retryAt?: number | undefined;
  onOpen(fn: () => void): () => void;
  /** Frames as they came: text, or a Buffer for a binary frame (`isBinary`). */
  onMessage(fn: (data: string | Buffer, isBinary: boolean) => void): () => void;
  onState(fn: (state: StreamState, detail: string | undefined) => void): () => void;
  /** False when the socket is not open (the frame is dropped; onOpen resends state). */
  send(text: string): boolean;
  /** Drops the connection and reconnects (e.g. to retry a refused login). */
  reconnect(reason: string): void;
  /** Starts connecting; call after adding the listeners. */
  connect(): void;
  close(): void | Promise<void>;
}

export interface SocketSpec {
  url: string;
  /** Label in logs and the status bar: `icrypex public`. */
  name: string;
  /** Largest frame accepted (net/resilient-socket.ts default: 4 MiB). */
  maxPayload?: number;
}

export type SocketFactory = (spec: SocketSpec) => StreamSocket;

/** Keepalive and reconnect timing: each exchange's stream-protocol.ts gives its defaults (its server's ping rules). */
export interface SocketTiming {
  /** Protocol pings we send; 0 = none. */
  pingIntervalMs: number;
  /** No frame for this long: the stream is stale. */
  staleAfterMs: number;
  /** No frame for this long: reconnect. */
  deadAfterMs: number;
  /** The opening handshake must finish within this (net/resilient-socket.ts default 10 s). */
  connectTimeoutMs?: number;
  /** While a retry waits, probe the host this often and retry when it answers; 0/absent = none. */
  probeEveryMs?: number;
  backoff: { initialMs: number; maxMs: number };
}

/** Sockets on the shared ResilientSocket with one exchange's timing. */
export function resilientSockets(o: { clock: Clock; timing: SocketTiming; log?: (line: string) => void; random?: () => number }): SocketFactory {
  return (spec) =>
    new ResilientSocket({
      url: spec.url,
      name: spec.name,
      ...o.timing,
      clock: o.clock,
      ...(spec.maxPayload !== undefined ? { maxPayload: spec.maxPayload } : {}),
      ...(o.random ? { random: o.random } : {}),
      ...(o.log ? { log: o.log } : {}),
    });
}

/** A frame as text: a binary frame is decoded as UTF-8 rather than dropped (for text protocols). */
export function frameText(data: string | Buffer): string {
  return typeof data === 'string' ? data : data.toString('utf8');
}
