import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { err, type Err } from '../../shared';
import { systemClock, type Clock } from './clock';
import { ClockSkewEstimator } from './clock-skew';
import { decodeContent, DecompressionLimitError, UnsupportedEncodingError } from './inflate';
import { proxyAgent } from './proxy';

/**
 * HTTP for exchange REST calls, on node:http(s) rather than fetch because safe order
 * submission needs to know whether a failed request may have reached the server: this client
 * watches the socket, so `ambiguous` is false only when no byte of the request can have left
 * (refused, DNS failure, timed out while connecting, aborted before sending) and true as soon
 * as it may have (connected, then reset or timed out with no reply).
 *
 * Secrets: signed requests carry keys and signatures in headers, query and body. This client
 * never puts a query string, a header or a body into an error message or a log line; it
 * names only the method and the path, and describes failures from Node's error codes, not
 * their messages (some Node messages quote header values).
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpClientOptions {
  /** `https://api.icrypex.com`; a path prefix (`http://127.0.0.1:5000/api`) is kept. */
  baseUrl: string;
  /** Default per-request timeout, from the call to the end of the reply body. */
  timeoutMs: number;
  /** Label in messages and logs (`icrypex`). */
  name?: string;
  clock?: Clock;
  log?: (line: string) => void;
  /**
   * Largest reply body accepted, as sent and again after decompression; larger replies fail as
   * `network` (a gzip bomb costs at most this). Default 8 MiB: the largest real replies
   * (markets, a page of candles or orders) are a few hundred KB.
   */
  maxBodyBytes?: number;
}

export interface HttpRequest {
  method: HttpMethod;
  /** Path below the base URL, `/v1/orderbook`. */
  path: string;
  /** Sent in insertion order; undefined values are skipped. A string is sent as is (already encoded). */
  query?: Record<string, string | number | boolean | undefined> | string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A reply came (any status: the caller maps 4xx/5xx to its own errors). */
export interface HttpReply {
  ok: true;
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  text: string;
  latencyMs: number;
}

/** No (complete) reply came. */
export interface HttpFailure {
  ok: false;
  kind: 'network' | 'timeout' | 'aborted';
  /** True when the request may have reached the server: do not blindly retry a non-idempotent call. */
  ambiguous: boolean;
  /** Safe to show and log: method, path and a description; never query, headers or body. */
  message: string;
  latencyMs: number;
}

export type HttpOutcome = HttpReply | HttpFailure;

/** What the client has measured of the link: recent latency and the server's clock offset. */
export interface HttpLinkStats {
  latencyMs?: number;
  /** Server clock minus ours, ms (from the Date header). */
  clockSkewMs?: number;
}

// Node error codes that mean the request never left this machine.
const NOT_SENT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed (temporary)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'local address not available',
};
const DESCRIBED: Record<string, string> = {
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'connection closed while sending',
  ETIMEDOUT: 'connection timed out',
  ECONNABORTED: 'connection aborted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate does not match the host',
  CERT_HAS_EXPIRED: 'TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate cannot be verified',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate chain is self-signed',
};

function describe(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return NOT_SENT[code] ?? DESCRIBED[code] ?? `error ${code}`;
  return 'connection failed';
}

function encodeQuery(query: HttpRequest['query']): string {
  if (query === undefined) return '';
  if (typeof query === 'string') return query === '' ? '' : `?${query.replace(/^\?/, '')}`;
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Why a body could not be decoded, in words safe to log (never the body). */
function decodeProblem(error: unknown): string {
  if (error instanceof DecompressionLimitError || error instanceof UnsupportedEncodingError) return error.message;
  return 'reply body could not be decoded';
}

const LATENCY_SAMPLES = 16;
/** Connections kept per host; callers that send more at once queue in front (kit/rest.ts). */
export const MAX_SOCKETS = 8;

/** A small REST client for one exchange host; see the file comment for what it promises. */
export class HttpClient {
  private readonly base: URL;
  private readonly name: string;
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  private readonly maxBodyBytes: number;
  private readonly agent: http.Agent;
  private readonly latencies: number[] = [];
  private readonly skew = new ClockSkewEstimator();

  constructor(private readonly options: HttpClientOptions) {
    const base = new URL(options.baseUrl);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new Error(`http client: baseUrl must be http or https, not ${base.protocol}`);
    }
    if (base.username || base.password) throw new Error('http client: baseUrl must not carry credentials');
    base.search = '';
    base.hash = '';
    this.base = base;
    this.name = options.name ?? base.host;
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? (() => {});
    this.maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
    // Through the system proxy, with the OS certificates (src/main/net/proxy.ts).
    this.agent = proxyAgent(base.protocol, { keepAlive: true, maxSockets: MAX_SOCKETS });
  }

  /** Sends one request; never throws. */
  request(req: HttpRequest, retried = false): Promise<HttpOutcome> {
    const path = req.path.startsWith('/') ? req.path : `/${req.path}`;
    const label = `${this.name} ${req.method} ${path.split('?')[0]}`;
    const started = performance.now();
    const sentAt = this.clock.now();
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs;

    return new Promise<HttpOutcome>((resolve) => {
      let settled = false;
      let connected = false;
      let replied = false;
      let cause: 'timeout' | 'aborted' | 'too-large' | undefined;
      let cancelTimer: () => void = () => {};
      let onAbort: () => void = () => {};

      const finish = (outcome: HttpOutcome): void => {
        if (settled) return;
        settled = true;
        cancelTimer();
        req.signal?.removeEventListener('abort', onAbort);
        if (!outcome.ok) this.log(`http: ${outcome.message}`);
        resolve(outcome);
      };
      const fail = (kind: HttpFailure['kind'], ambiguous: boolean, what: string): void =>
        finish({ ok: false, kind, ambiguous, message: `${label}: ${what}`, latencyMs: performance.now() - started });

      if (req.signal?.aborted) return fail('aborted', false, 'cancelled before sending');

      let request: http.ClientRequest;
      try {
        const prefix = this.base.pathname.replace(/\/$/, '');
        const url = new URL(`${this.base.origin}${prefix}${path}${encodeQuery(req.query)}`);
        const transport = url.protocol === 'https:' ? https : http;
        request = transport.request(url, { method: req.method, headers: req.headers, agent: this.agent });
      } catch (error) {
        // e.g. an invalid header value; Node's message would quote it, so only the code is kept.
        return fail('network', false, `request could not be built (${describe(error)})`);
      }

      request.on('socket', (socket) => {
        // A reused keep-alive socket is already connected (and past its TLS handshake); on a new
        // one the request bytes leave only after 'connect' (plain) or 'secureConnect' (TLS).
        if (!socket.connecting) connected = true;
        else socket.once('encrypted' in socket ? 'secureConnect' : 'connect', () => (connected = true));
      });

      request.on('response', (res) => {
        replied = true;
        // A declared length over the cap is refused before a byte of it is read.
        if (Number(res.headers['content-length']) > this.maxBodyBytes) {
          cause = 'too-large';
          request.destroy();
          report();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.maxBodyBytes) {
            cause = 'too-large';
            request.destroy();
            report();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          if (cause) return;
          const latencyMs = performance.now() - started;
          const receivedAt = this.clock.now();
          // We never send Accept-Encoding, but a proxy might compress anyway: decoded off the
          // main thread, capped (issue 12), and an unknown encoding is refused, not read as text.
          decodeContent(Buffer.concat(chunks), res.headers['content-encoding'], this.maxBodyBytes).then(
            (body) => {
              this.recordLatency(latencyMs);
              const date = res.headers.date;
              if (date) this.skew.add(Date.parse(date), sentAt, receivedAt);
              finish({ ok: true, status: res.statusCode ?? 0, headers: flattenHeaders(res.headers), text: body.toString('utf8'), latencyMs });
            },
            (error: unknown) => fail('network', true, `${decodeProblem(error)} (status ${res.statusCode})`),
          );
        });
        res.on('error', () => undefined); // 'close' below reports it
        res.on('close', () => {
          if (!res.complete) report();
        });
      });

      const report = (error?: unknown): void => {
        if (cause === 'timeout') return fail('timeout', connected, `no reply within ${timeoutMs} ms`);
        if (cause === 'aborted') return fail('aborted', connected, connected ? 'cancelled after sending' : 'cancelled before sending');
        if (cause === 'too-large') return fail('network', true, `reply larger than ${this.maxBodyBytes} bytes`);
        if (replied) return fail('network', true, 'connection closed in the middle of the reply');
        // A keep-alive socket the server closed just as it was reused (Node's documented race):
        // a GET that got no reply changed nothing, so it goes out once more on a fresh socket.
        if (!retried && !settled && req.method === 'GET' && request.reusedSocket && (error as NodeJS.ErrnoException | undefined)?.code === 'ECONNRESET') {
          settled = true;
          cancelTimer();
          req.signal?.removeEventListener('abort', onAbort);
          resolve(this.request(req, true));
          return;
        }
        return fail('network', connected, describe(error));
      };
      request.on('error', report);

      cancelTimer = this.clock.setTimer(() => {
        cause = 'timeout';
        request.destroy();
        report();
      }, timeoutMs);
      onAbort = () => {
        cause = 'aborted';
        request.destroy();
        report();
      };
      req.signal?.addEventListener('abort', onAbort, { once: true });

      request.end(req.body);
    });
  }

  /** The median of recent latencies and the estimated clock offset, when measured. */
  link(): HttpLinkStats {
    const stats: HttpLinkStats = {};
    if (this.latencies.length) {
      const sorted = [...this.latencies].sort((a, b) => a - b);
      stats.latencyMs = Math.round(sorted[Math.floor(sorted.length / 2)]!);
    }
    const skew = this.skew.estimate(this.clock.now());
    if (skew !== undefined) stats.clockSkewMs = skew;
    return stats;
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  private recordLatency(ms: number): void {
    this.latencies.push(ms);
    if (this.latencies.length > LATENCY_SAMPLES) this.latencies.shift();
  }
}

/** Maps a failed request to the shared error shape (`TIMEOUT` or `NETWORK`). */
export function transportErr(failure: HttpFailure): Err {
  return err(failure.kind === 'timeout' ? 'TIMEOUT' : 'NETWORK', failure.message);
}
