import http from 'node:http';
import https from 'node:https';
import net, { type Socket } from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';

/**
 * Exchange traffic through the system proxy and with the OS certificates (issue 15, must-have 6).
 * A trader behind a corporate proxy (often one that re-signs TLS with the company's own root)
 * could not connect: Node's https and ws go straight out and trust only Node's bundled roots.
 *
 * Every connection a connector opens (HttpClient's agent, ResilientSocket's handshake) goes
 * through `proxyAgent()`: for each new socket it asks the resolver where to go, in the PAC form
 * Chromium answers (`DIRECT`, `PROXY host:port; DIRECT`), and tunnels through the first proxy
 * with HTTP CONNECT (TLS to the exchange then runs inside the tunnel, end to end). The Electron
 * shell installs `session.resolveProxy` (the OS settings, PAC files included); plain Node (the
 * browser host, tests) reads the standard environment variables. Loopback never goes through a
 * proxy unless the resolver says so explicitly (the simulators are on 127.0.0.1).
 */

/** Answers the PAC-style proxy list for a URL, e.g. `PROXY proxy.corp:8080; DIRECT`. */
export type ProxyResolver = (url: string) => Promise<string>;

export interface NetworkConfig {
  resolveProxy: ProxyResolver;
  /** Roots that TLS to an exchange trusts; undefined = Node's defaults. */
  ca?: string[];
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;

/** The standard variables (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY, lower case too) as a resolver. */
export function proxyFromEnv(env: NodeJS.ProcessEnv = process.env): ProxyResolver {
  const read = (name: string) => env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? '';
  return (url) => {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (LOOPBACK.test(host) || bypassed(host, read('no_proxy'))) return Promise.resolve('DIRECT');
    const secure = target.protocol === 'https:' || target.protocol === 'wss:';
    const proxy = (secure ? read('https_proxy') : read('http_proxy')) || read('all_proxy');
    if (!proxy) return Promise.resolve('DIRECT');
    const parsed = new URL(/^[a-z]+:\/\//i.test(proxy) ? proxy : `http://${proxy}`);
    return Promise.resolve(`PROXY ${parsed.hostname}:${parsed.port || '80'}`);
  };
}

function bypassed(host: string, noProxy: string): boolean {
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const name = entry.replace(/:\d+$/, '').replace(/^\*?\./, '').toLowerCase();
      return host === name || host.endsWith(`.${name}`);
    });
}

/** The first usable entry of a PAC answer: a proxy to tunnel through, or undefined for DIRECT. */
export function firstProxy(answer: string): { host: string; port: number } | undefined {
  for (const entry of answer.split(';').map((e) => e.trim())) {
    if (/^direct$/i.test(entry)) return undefined;
    const match = /^(?:PROXY|HTTPS?)\s+\[?([^\]\s]+?)\]?:(\d{1,5})$/i.exec(entry);
    if (match) return { host: match[1]!, port: Number(match[2]) };
    // SOCKS and anything else we cannot speak: try the next entry.
  }
  return undefined;
}

/**
 * The roots TLS trusts: Node's bundled ones plus the operating system's store where this Node can
 * read it (`tls.getCACertificates('system')`, Node 22.15+; Electron 45's Node has it). Without it,
 * Node's roots only, plus NODE_EXTRA_CA_CERTS as always.
 */
export function systemCertificates(source: { getCACertificates?: (kind: 'default' | 'system') => string[] } = tls as never): string[] | undefined {
  if (typeof source.getCACertificates !== 'function') return undefined;
  try {
    return [...new Set([...source.getCACertificates('default'), ...source.getCACertificates('system')])];
  } catch {
    return undefined;
  }
}

let config: NetworkConfig = { resolveProxy: proxyFromEnv(), ca: systemCertificates() };

/** Set once at start by the host (the Electron shell passes `session.resolveProxy`). */
export function configureNetwork(next: Partial<NetworkConfig>): void {
  config = { ...config, ...next };
}

export function networkConfig(): Readonly<NetworkConfig> {
  return config;
}

/** Opens a CONNECT tunnel to host:port through the proxy; the socket is the raw tunnel. */
function tunnel(proxy: { host: string; port: number }, host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    const request = http.request({ host: proxy.host, port: proxy.port, method: 'CONNECT', path: authority, headers: { host: authority }, timeout: timeoutMs });
    request.once('connect', (res, socket) => {
      if (res.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject(new Error(`the proxy ${proxy.host}:${proxy.port} refused the tunnel to ${authority} (HTTP ${res.statusCode})`));
    });
    request.once('timeout', () => request.destroy(new Error(`the proxy ${proxy.host}:${proxy.port} did not answer in ${timeoutMs} ms`)));
    request.once('error', (error) => reject(new Error(`the proxy ${proxy.host}:${proxy.port} cannot be reached: ${error.message}`)));
    request.end();
  });
}

type ConnectOptions = tls.ConnectionOptions & net.NetConnectOpts & { host?: string; port?: number; servername?: string };
type Callback = (error: Error | null, socket?: Duplex) => void;

function connectVia(secure: boolean, options: ConnectOptions, done: Callback): void {
  const host = options.host ?? 'localhost';
  const port = Number(options.port ?? (secure ? 443 : 80));
  const scheme = secure ? 'https' : 'http';
  const ca = options.ca ?? config.ca;
  config
    .resolveProxy(`${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}/`)
    .then(async (answer) => {
      const proxy = firstProxy(answer);
      if (!proxy) return done(null, secure ? tls.connect({ ...options, ca }) : net.connect(options));
      const socket = await tunnel(proxy, host, port, 10_000);
      if (!secure) return done(null, socket);
      done(null, tls.connect({ ...options, ca, socket, servername: options.servername ?? (net.isIP(host) ? undefined : host) }));
    })
    .catch((error: unknown) => done(error instanceof Error ? error : new Error(String(error))));
}

class ProxyHttpsAgent extends https.Agent {
  override createConnection(options: ConnectOptions, done: Callback): undefined {
    connectVia(true, options, done);
    return undefined;
  }
}

class ProxyHttpAgent extends http.Agent {
  override createConnection(options: ConnectOptions, done: Callback): undefined {
    connectVia(false, options, done);
    return undefined;
  }
}

/** An agent for one protocol (`https:`/`wss:` or `http:`/`ws:`) that goes through the configured proxy. */
export function proxyAgent(protocol: string, options: http.AgentOptions = {}): http.Agent {
  return protocol === 'https:' || protocol === 'wss:' ? new ProxyHttpsAgent(options) : new ProxyHttpAgent(options);
}
