import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request seen by the proxy: when it arrived and where it went. */
export interface SeenRequest {
  method: string;
  path: string;
  at: number;
  status?: number;
}

/**
 * A loopback HTTP proxy in front of a simulator's REST port that records every request
 * (path and arrival time, never the body): tests use it to prove which calls a client made,
 * how often, and that it stayed inside rate limits.
 */
export class CountingProxy {
  seen: SeenRequest[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<CountingProxy> {
    const upstream = new URL(target);
    const seen: SeenRequest[] = [];
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const entry: SeenRequest = { method: req.method ?? 'GET', path, at: Date.now() };
      seen.push(entry);
      const out = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          entry.status = up.statusCode;
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      out.on('error', (error: NodeJS.ErrnoException) => {
        // A reset upstream (the simulators' resetNext fault) reaches the client as a reset, not a 502.
        if (error.code === 'ECONNRESET') return void req.socket.resetAndDestroy();
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(out);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new CountingProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    proxy.seen = seen;
    return proxy;
  }

  /** Requests to one path (exact), optionally since a time. */
  count(path: string, since = 0): number {
    return this.seen.filter((r) => r.path === path && r.at >= since).length;
  }

  /** The largest number of requests matching `paths` that arrived within any `windowMs`. */
  maxInWindow(paths: readonly string[], windowMs: number): number {
    const times = this.seen.filter((r) => paths.includes(r.path)).map((r) => r.at).sort((a, b) => a - b);
    let best = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= windowMs) j++;
      best = Math.max(best, i - j + 1);
    }
    return best;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
