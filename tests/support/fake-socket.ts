import type { StreamState } from '../../src/shared';
import type { SocketFactory, SocketSpec, StreamSocket } from '../../src/main/exchanges/kit/socket';

/** A scripted StreamSocket for unit tests: the test opens, drops and feeds it by hand. */
export class FakeSocket implements StreamSocket {
  state: StreamState = 'closed';
  readonly sent: string[] = [];
  private readonly opens = new Set<() => void>();
  private readonly messages = new Set<(data: string | Buffer, isBinary: boolean) => void>();
  private readonly states = new Set<(s: StreamState, detail: string | undefined) => void>();

  constructor(readonly spec: SocketSpec) {}

  onOpen(fn: () => void) {
    this.opens.add(fn);
    return () => void this.opens.delete(fn);
  }
  onMessage(fn: (data: string | Buffer, isBinary: boolean) => void) {
    this.messages.add(fn);
    return () => void this.messages.delete(fn);
  }
  onState(fn: (s: StreamState, detail: string | undefined) => void) {
    this.states.add(fn);
    return () => void this.states.delete(fn);
  }
  send(text: string): boolean {
    if (this.state !== 'connected' && this.state !== 'stale') return false;
    this.sent.push(text);
    return true;
  }
  connect(): void {
    this.setState('connecting');
  }
  reconnect(): void {
    this.drop();
  }
  close(): void {
    this.setState('closed');
  }

  /** The server accepted the connection. */
  open(): void {
    this.setState('connected');
    for (const fn of [...this.opens]) fn();
  }
  /** The connection dropped; the resilient socket would now back off and reconnect. */
  drop(): void {
    this.setState('reconnecting');
  }
  receive(text: string): void {
    for (const fn of [...this.messages]) fn(text, false);
  }
  setState(state: StreamState): void {
    this.state = state;
    for (const fn of [...this.states]) fn(state, undefined);
  }
  /** Frames sent since the last call. */
  take(): string[] {
    return this.sent.splice(0);
  }
}

/** A factory that records every socket it made. */
export function fakeSocketFactory(): { factory: SocketFactory; sockets: FakeSocket[] } {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    factory: (spec) => {
      const s = new FakeSocket(spec);
      sockets.push(s);
      return s;
    },
  };
}
