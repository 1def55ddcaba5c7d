import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

// The renderer is served from `app://terminal/`, not `file://` (issue 12, SECURITY.md "The
// window"): a standard, secure scheme gives the page a real origin (`app://terminal`) that the
// sender check can compare in full, and it lets the packaged app turn off the
// GrantFileProtocolExtraPrivileges fuse, so file:// pages get no extra powers. Electron-free
// (the shell in src/main/index.ts registers it), so plain Node tests drive the same handler.

export const APP_SCHEME = 'app';
export const APP_HOST = 'terminal';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the window loads in production. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * `protocol.registerSchemesAsPrivileged` privileges (Electron `CustomScheme.privileges`):
 * standard (relative URLs and a tuple origin, so CSP `'self'` means `app://terminal`) and
 * secure (a secure context, like https). Nothing bypasses the CSP, no service workers, no
 * CORS reads of our files from other origins.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  codeCache: true,
  bypassCSP: false,
  corsEnabled: false,
  allowServiceWorkers: false,
  stream: false,
} as const;

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The Content-Type a file is served with (nosniff is always set, so this is what the page gets). */
export function mimeTypeOf(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type AppPath = { ok: true; file: string } | { ok: false; status: 403 | 404; reason: string };

/**
 * Maps an `app://terminal/...` URL to a file inside `root`, or says why not. The path is
 * percent-decoded, then normalised, and must stay inside `root`: `..` (plain or encoded),
 * backslashes, NUL and absolute or drive paths are refused before the disk is touched.
 */
export function resolveAppPath(root: string, url: string): AppPath {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 404, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== APP_HOST) {
    return { ok: false, status: 404, reason: 'not our origin' };
  }
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 404, reason: 'bad percent-encoding' };
  }
  if (path.includes('\0') || path.includes('\\')) return { ok: false, status: 403, reason: 'NUL or backslash in the path' };
  const wanted = path.replace(/^\/+/, '') || 'index.html';
  const base = resolve(root);
  const file = resolve(base, wanted);
  const inside = relative(base, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    return { ok: false, status: 403, reason: 'outside the renderer folder' };
  }
  return { ok: true, file };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
}

/**
 * The `protocol.handle(APP_SCHEME, ...)` handler: serves the built renderer (out/renderer)
 * read-only. index.html carries the production CSP as a meta tag (electron.vite.config.ts).
 */
export function createAppProtocolHandler(root: string, log: (line: string) => void = () => {}) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const target = resolveAppPath(root, request.url);
    if (!target.ok) {
      log(`app protocol: refused ${request.url.slice(0, 200)} (${target.reason})`);
      return plain(target.status, target.status === 403 ? 'forbidden' : 'not found');
    }
    let body: Buffer;
    try {
      body = await readFile(target.file);
    } catch {
      return plain(404, 'not found');
    }
    const headers = { 'content-type': mimeTypeOf(target.file), 'content-length': String(body.length), 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
