import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Duplex } from 'node:stream';
import { parseRequestTarget, rawReply } from '../../net/request-target';
import { type Now } from './clock';
import { type Faults } from './faults';

/** One parsed REST request as a simulator handler sees it. */
export interface SimRequest {
  readonly method: string;
  /** Path without the query string, percent-decoding left to the handler. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Raw body text ('' when none). */
  readonly body: string;
  /** Remote address (the rate-limit key "IP"). */
  readonly ip: string;
  /** Values of `:name` segments of the matched route. */
  readonly params: Readonly<Record<string, string>>;
}

/** A reply: objects and arrays are sent as JSON, strings as text, undefined as an empty body. */
export interface SimResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type SimHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

interface Route {
  method: string;
  segments: string[];
  handler: SimHandler;
}

/** Method + path router with `:param` segments; first registered match wins. */
export class Router {
  private readonly routes: Route[] = [];

  /** Registers a handler for METHOD and a pattern like `/sapi/v1/orders/:orderId`. */
  add(method: string, pattern: string, handler: SimHandler): this {
    this.routes.push({ method: method.toUpperCase(), segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /** Finds the handler for a request; `methodMismatch` when only another method matches the path. */
  match(method: string, path: string): { handler: SimHandler; params: Record<string, string> } | { methodMismatch: true } | undefined {
    const parts = path.split('/').filter(Boolean);
    let pathMatched = false;
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const segment = route.segments[i]!;
        const part = parts[i]!;
        if (segment.startsWith(':')) params[segment.slice(1)] = safeDecode(part);
        else if (segment !== part) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      pathMatched = true;
      if (route.method === method.toUpperCase()) return { handler: route.handler, params };
    }
    return pathMatched ? { methodMismatch: true } : undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Routes WebSocket upgrades on `server`: a target outside `paths` answers 404, a malformed one
 * 400, and nothing a peer sends throws out of the handler (in demo mode this runs inside the
 * app's main process: one upgrade to `//` used to kill it).
 */
export function onUpgrade(server: Server, paths: readonly string[], accept: (request: IncomingMessage, socket: Duplex, head: Buffer) => void, refused?: () => boolean): void {
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node stops watching an upgraded socket: without this a reset would be an uncaught error.
    socket.on('error', () => socket.destroy());
    try {
      const target = parseRequestTarget(request.url);
      if (!target) socket.end(rawReply(400, 'Bad Request'));
      else if (!paths.includes(target.pathname)) socket.end(rawReply(404, 'Not Found'));
      // An outage fault (drop-sockets for a while): the exchange is unreachable until it ends.
      else if (refused?.()) socket.end(rawReply(503, 'Service Unavailable'));
      else accept(request, socket, head);
    } catch {
      socket.destroy();
    }
  });
}

/** A started loopback server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** The node server, for attaching a WebSocket upgrade handler. */
  readonly server: Server;
  close(): Promise<void>;
}

export interface LoopbackOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  router: Router;
  faults?: Faults;
  /** Clock for the `Date` header (clients estimate skew from it). */
  now?: Now;
  /** Reply for unknown paths (default 404, empty body: specs/icrypex.md §4). */
  notFound?: SimHandler;
  /** Reply when a handler throws (default 500, empty body). */
  internalError?: (error: unknown) => SimResponse;
  /** Body for a failNext fault of the given status (default empty). */
  faultBody?: (status: number) => SimResponse;
  /** Largest accepted body in bytes (default 1 MiB); more answers 413. */
  maxBodyBytes?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function readBody(request: IncomingMessage, max: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) tooBig = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooBig ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, reply: SimResponse, now: Now | undefined): void {
  if (response.destroyed || response.writableEnded) return;
  const headers: Record<string, string> = { 'cache-control': 'no-cache, no-store', ...reply.headers };
  if (now) headers.date = new Date(now()).toUTCString();
  let payload = '';
  if (reply.body !== undefined) {
    if (typeof reply.body === 'string') {
      payload = reply.body;
      headers['content-type'] ??= 'text/plain; charset=utf-8';
    } else {
      payload = JSON.stringify(reply.body);
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  response.writeHead(reply.status, headers);
  response.end(payload);
}

/** Starts an HTTP server on 127.0.0.1 that routes requests and applies REST faults. */
export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const server = createServer((request, response) => {
    void (async () => {
      // A malformed target (`//`, bad percent-encoding) is answered, never thrown (issue 12).
      const url = parseRequestTarget(request.url);
      if (!url) return send(response, { status: 400 }, options.now);
      const method = (request.method ?? 'GET').toUpperCase();
      const body = await readBody(request, maxBody);
      if (body === undefined) return send(response, { status: 413 }, options.now);
      const plan = options.faults?.planRequest({ method, path: url.pathname }) ?? { kind: 'pass' as const, delayMs: 0 };
      if (plan.delayMs > 0) await sleep(plan.delayMs);
      if (plan.kind === 'fail') return send(response, options.faultBody?.(plan.status) ?? { status: plan.status }, options.now);
      if (plan.kind === 'hold') await sleep(plan.holdMs);
      if (plan.kind === 'reset' && !plan.afterExecuting) return void request.socket.resetAndDestroy();
      const found = options.router.match(method, url.pathname);
      const base = {
        method,
        path: url.pathname,
        query: url.query,
        headers: request.headers,
        body,
        ip: request.socket.remoteAddress ?? '127.0.0.1',
      };
      let reply: SimResponse;
      try {
        if (found && 'handler' in found) reply = await found.handler({ ...base, params: found.params });
        else if (found) reply = { status: 405 };
        else reply = options.notFound ? await options.notFound({ ...base, params: {} }) : { status: 404 };
      } catch (error) {
        reply = options.internalError?.(error) ?? { status: 500 };
      }
      if (plan.kind === 'hold') plan.done();
      if (plan.kind === 'reset') return void request.socket.resetAndDestroy();
      send(response, reply, options.now);
    })().catch(() => {
      if (!response.headersSent) send(response, { status: 500 }, options.now);
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
