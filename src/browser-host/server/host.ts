import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { type Engine } from '../../main/engine';
import { createHandle } from '../../main/ipc/handle';
import { describeError } from '../../main/net/background';
import { parseRequestTarget, rawReply } from '../../main/net/request-target';
import { BRIDGE_PATH, BRIDGE_SCRIPT_PATH, type ClientFrame, type ServerFrame } from '../bridge/protocol';
import { buildBridgeScript } from './build-bridge';

export interface BrowserHostOptions {
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (electron-vite's `out/renderer`). */
  rendererDir?: string;
  engine: Engine;
  /** The bridge, already bundled (`out/browser-host/bridge.js` from `npm run dev:browser`); else it is bundled here. */
  bridgeScript?: string;
  log?: (line: string) => void;
}

export interface BrowserHost {
  /** Open this in a browser: it carries the session token in its fragment. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * The Host header names this server (127.0.0.1 or localhost on our port). Checked on every
 * request and upgrade: a page on another origin whose name was re-pointed at 127.0.0.1 (DNS
 * rebinding) sends its own name here, and must not get the page or the bridge.
 */
export function isOwnHost(header: string | undefined, port: number): boolean {
  if (typeof header !== 'string') return false;
  const name = header.toLowerCase();
  return name === `127.0.0.1:${port}` || name === `localhost:${port}`;
}

/** A bridge frame as the page sends it; anything else closes the socket. */
function readFrame(data: unknown): ClientFrame | undefined {
  let frame: unknown;
  try {
    frame = JSON.parse(String(data));
  } catch {
    return undefined;
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return undefined;
  const f = frame as Record<string, unknown>;
  if (f.t !== 'invoke' || typeof f.id !== 'number' || !Number.isSafeInteger(f.id) || typeof f.channel !== 'string') return undefined;
  return f as ClientFrame;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Runs the engine in Node and serves the built renderer on 127.0.0.1, bridging the contract
 * over a loopback WebSocket guarded by a random token and an Origin check (architecture.md,
 * "browser host"). For tests and development only.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const rendererDir = resolve(options.rendererDir ?? join(__dirname, '../../../out/renderer'));
  const log = options.log ?? (() => {});
  const token = randomBytes(24).toString('base64url');
  const bridgeScript = options.bridgeScript ?? (await buildBridgeScript());
  const indexHtml = await readFile(join(rendererDir, 'index.html'), 'utf8').catch(() => {
    throw new Error(`no built renderer in ${rendererDir}: run \`npm run build\` first`);
  });

  const server = createServer();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  // The page may talk to this socket only: swap the production connect-src 'none'.
  const page = indexHtml
    .replace("connect-src 'none'", `connect-src ws://127.0.0.1:${port}`)
    .replace('<script', `<script type="module" src="${BRIDGE_SCRIPT_PATH}"></script>\n    <script`);

  // Nothing a peer sends may throw out of here (issue 12): every request ends in a reply.
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    serve(req, res).catch((error: unknown) => {
      log(`browser host: request failed: ${describeError(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });
  // Unparseable requests (bad request line, oversized or invalid headers): 400, then close.
  server.on('clientError', (_error, socket) => {
    if (socket.writable && !socket.writableEnded) socket.end(rawReply(400, 'Bad Request'));
    else socket.destroy();
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(body);
    };
    if (!isOwnHost(req.headers.host, port)) return send(403, 'text/plain', 'wrong host');
    const target = parseRequestTarget(req.url);
    if (!target) return send(400, 'text/plain', 'bad request');
    const path = target.decodedPath;
    if (req.method !== 'GET') return send(405, 'text/plain', 'method not allowed');
    if (path === '/' || path === '/index.html') return send(200, CONTENT_TYPES['.html']!, page);
    if (path === BRIDGE_SCRIPT_PATH) return send(200, CONTENT_TYPES['.js']!, bridgeScript);
    const file = normalize(join(rendererDir, path));
    if (!file.startsWith(rendererDir + sep)) return send(404, 'text/plain', 'not found');
    try {
      send(200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
    } catch {
      send(404, 'text/plain', 'not found');
    }
  }

  const sockets = new Map<number, WebSocket>();
  let nextConnection = 1;
  const handle = createHandle({
    handlers: options.engine.handlers,
    isTrustedSender: (sender) => sockets.has(sender.id),
    checkResponses: true,
    log,
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node stops watching the socket once it is handed over: a reset must not become an uncaught error.
    socket.on('error', () => socket.destroy());
    try {
      const target = parseRequestTarget(req.url);
      if (!target) {
        socket.end(rawReply(400, 'Bad Request'));
        return;
      }
      const allowed =
        isOwnHost(req.headers.host, port) &&
        target.pathname === BRIDGE_PATH &&
        req.headers.origin === origin &&
        sameSecret(target.query.get('token') ?? '', token);
      if (!allowed) {
        log(`browser host: refused a bridge connection from origin ${String(req.headers.origin).slice(0, 100)}`);
        socket.end(rawReply(403, 'Forbidden'));
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
    } catch (error) {
      log(`browser host: upgrade failed: ${describeError(error)}`);
      socket.destroy();
    }
  });

  function accept(ws: WebSocket): void {
    const id = nextConnection++;
    sockets.set(id, ws);
    const sender = { id, frameUrl: `${origin}/`, isTopFrame: true };
    ws.on('close', () => {
      sockets.delete(id);
      // The page is gone: its market streams end with it (they count against its cap otherwise).
      options.engine.releaseRenderer(id);
    });
    // Protocol errors (a frame over maxPayload, bad UTF-8) arrive here; ws closes the socket itself.
    ws.on('error', (error) => log(`browser host: bridge connection ${id}: ${describeError(error)}`));
    ws.on('message', (data) => {
      const frame = readFrame(data);
      if (!frame) return ws.close(1003, 'malformed frame');
      handle(frame.channel, sender, frame.payload)
        .then((result) => {
          const reply: ServerFrame = { t: 'result', id: frame.id, result };
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
        })
        .catch((error: unknown) => log(`browser host: reply to ${frame.channel.slice(0, 64)} failed: ${describeError(error)}`));
    });
  }

  const unsubscribe = options.engine.subscribe((channel, payload) => {
    const text = JSON.stringify({ t: 'event', channel, payload } satisfies ServerFrame);
    for (const ws of sockets.values()) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets.values()) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
