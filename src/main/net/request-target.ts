/**
 * Reads the request target of an HTTP request or WebSocket upgrade that a loopback server
 * (the simulators, the browser host) received from any local process. Anything that is not a
 * plain origin-form path answers `undefined`, and the server replies 400 instead of throwing
 * (issue 12: `new URL('//', base)` and `decodeURIComponent('/%')` throw, and one such
 * request killed the simulators and the browser host).
 *
 * Refused: no target, longer than 8 KiB, not starting with exactly one `/` (`//`, `*`,
 * `http://…`), a path whose percent-encoding does not decode to UTF-8, and a NUL anywhere.
 */

export interface RequestTarget {
  /** The URL's path as WHATWG URL normalises it (dot segments resolved), still percent-encoded. */
  readonly pathname: string;
  /** `pathname` percent-decoded. */
  readonly decodedPath: string;
  readonly query: URLSearchParams;
}

const MAX_TARGET = 8 * 1024;

export function parseRequestTarget(target: string | undefined): RequestTarget | undefined {
  if (typeof target !== 'string' || target.length === 0 || target.length > MAX_TARGET) return undefined;
  if (target[0] !== '/' || target[1] === '/' || target[1] === '\\') return undefined;
  let url: URL;
  let decodedPath: string;
  try {
    url = new URL(target, 'http://127.0.0.1');
    decodedPath = decodeURIComponent(url.pathname);
    // The query must decode too: handlers read it with URLSearchParams, which would replace bad bytes silently.
    decodeURIComponent(url.search.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
  if (url.host !== '127.0.0.1' || decodedPath.includes('\0') || url.search.includes('%00')) return undefined;
  return { pathname: url.pathname, decodedPath, query: url.searchParams };
}

/** The raw reply a server writes on a socket it will not hand to an HTTP handler (refused upgrades). */
export function rawReply(status: 400 | 403 | 404 | 503, reason: string): string {
  return `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`;
}
