import type { StreamState } from '../../../shared';

/**
 * What the Icrypex streams need from a socket: the shared ResilientSocket
 * (src/main/net/resilient-socket.ts) in production, a scripted fake in unit tests.
 */
export interface StreamSocket {
  readonly state: StreamState;
  /** Called on every (re)connect: the owner logs in and resubscribes everything. */
  onOpen(fn: () => void): () => void;
  onMessage(fn: (data: string) => void): () => void;
  onState(fn: (state: StreamState) => void): () => void;
  /** False when the socket is not open (the frame is dropped; onOpen resends state). */
  send(text: string): boolean;
  /** Drops the connection and reconnects (e.g. to retry a refused login). */
  reconnect(reason: string): void;
  /** Starts connecting; call after adding the listeners. */
  connect(): void;
  close(): void;
}

export interface SocketSpec {
  url: string;
  /** Label in logs and the status bar: `icrypex public`. */
  name: string;
}

export type SocketFactory = (spec: SocketSpec) => StreamSocket;
