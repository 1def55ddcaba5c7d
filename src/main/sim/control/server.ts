import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { SimFaultRequest } from '../../../shared/contract/sim';
import { parseRequestTarget, rawReply } from '../../net/request-target';
import { FAULT_NAMES, FaultSpecError, parseFaultSpec } from './spec';

/**
 * The simulators' control endpoint (issue 18): a person or a script injects faults into a
 * running `npm run sim` over loopback. Guarded like the browser host (architecture.md): it
 * listens on 127.0.0.1 only, answers only requests whose Host is its own address (a web page
 * cannot reach it through DNS rebinding) and only with the random token it printed at start,
 * sent as `Authorization: Bearer <token>` (compared in constant time).
 *
 *   POST /faults   body: a fault spec (`delay-orders=5s`, see spec.ts) or the JSON SimFaultRequest
 *   GET  /faults   the fault names and examples
 */
export interface SimControl {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export interface SimControlOptions {
  /** Applies one fault and says what it did (control/apply.ts). */
  apply: (request: SimFaultRequest) => string[];
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default: 24 random bytes, base64url. */
  token?: string;
}

const MAX_BODY = 4096;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when the Host header names this server (127.0.0.1 or localhost, this port). */
export function isOwnHost(header: string | undefined, port: number): boolean {
  if (typeof header !== 'string') return false;
  const name = header.toLowerCase();
  return name === `127.0.0.1:${port}` || name === `localhost:${port}`;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The fault a POST body asks for: a spec line, or JSON in the contract's shape. */
function requestFrom(body: string): SimFaultRequest {
  const text = body.trim();
  if (!text.startsWith('{')) return parseFaultSpec(text).request;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new FaultSpecError('the body is not valid JSON');
  }
  const parsed = SimFaultRequest.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FaultSpecError(`${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return parsed.data;
}

export async function startSimControl(options: SimControlOptions): Promise<SimControl> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = createServer();
  let port = 0;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (!isOwnHost(req.headers.host, port)) return send(403, { error: 'wrong host: use 127.0.0.1 and this port' });
    const target = parseRequestTarget(req.url);
    if (!target) return send(400, { error: 'bad request target' });
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!given || !sameSecret(given, token)) return send(401, { error: 'missing or wrong token: send Authorization: Bearer <token> as printed at start' });
    if (target.decodedPath !== '/faults') return send(404, { error: 'unknown path: use /faults' });
    if (req.method === 'GET') {
      return send(200, { faults: FAULT_NAMES, examples: ['drop-sockets', 'delay-orders=5s', 'fail-orders=500', 'cryptocom:fail-orders=503x3', 'gap-book=BTCUSDT', 'reset'] });
    }
    if (req.method !== 'POST') return send(405, { error: 'use GET or POST' });
    const body = await readBody(req);
    if (body === undefined) return send(413, { error: `the body must be at most ${MAX_BODY} bytes` });
    let request: SimFaultRequest;
    try {
      request = requestFrom(body);
    } catch (error) {
      if (error instanceof FaultSpecError) return send(400, { error: error.message });
      throw error;
    }
    return send(200, { applied: options.apply(request) });
  }

  // Nothing a peer sends may throw out of here: every request ends in a reply.
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable && !socket.writableEnded) socket.end(rawReply(400, 'Bad Request'));
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
