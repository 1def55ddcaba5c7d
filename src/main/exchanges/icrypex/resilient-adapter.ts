import type { Clock } from '../../net/clock';
import { ResilientSocket } from '../../net/resilient-socket';
import type { SocketFactory, StreamSocket } from './socket';

/**
 * Icrypex sockets on the shared ResilientSocket. §8.5: the server never pings and drops a
 * silent socket after ~60 s, so we send protocol pings every 25 s; pongs count as traffic.
 */
export interface SocketTiming {
  pingIntervalMs: number;
  staleAfterMs: number;
  deadAfterMs: number;
  backoff: { initialMs: number; maxMs: number };
}

export const DEFAULT_SOCKET_TIMING: SocketTiming = {
  pingIntervalMs: 25_000,
  staleAfterMs: 40_000,
  deadAfterMs: 70_000,
  backoff: { initialMs: 500, maxMs: 30_000 },
};

export function resilientSocketFactory(clock: Clock, log?: (line: string) => void, timing: SocketTiming = DEFAULT_SOCKET_TIMING): SocketFactory {
  return (spec): StreamSocket => {
    const socket = new ResilientSocket({
      url: spec.url,
      name: spec.name,
      ...timing,
      clock,
      log,
    });
    return {
      get state() {
        return socket.state;
      },
      onOpen: (fn) => socket.onOpen(fn),
      // Icrypex frames are text (§8.1); a binary frame is decoded as UTF-8 rather than dropped.
      onMessage: (fn) => socket.onMessage((data) => fn(typeof data === 'string' ? data : data.toString('utf8'))),
      onState: (fn) => socket.onState((state) => fn(state)),
      send: (text) => socket.send(text),
      connect: () => socket.connect(),
      reconnect: (reason) => socket.reconnect(reason),
      close: () => void socket.close(),
    };
  };
}
