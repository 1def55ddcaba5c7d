import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer, type Server as HttpsServer } from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { HttpClient } from '../../src/main/net/http-client';
import { configureNetwork, networkConfig, proxyFromEnv } from '../../src/main/net/proxy';
import { ResilientSocket } from '../../src/main/net/resilient-socket';

// Exchange traffic through a proxy (issue 15, must-have 6): a small CONNECT proxy on loopback
// records each tunnel it opens; REST and WebSocket connections must go through it, TLS must run
// inside the tunnel, and a root the OS trusts (here: handed in as `ca`) must be accepted.

class ConnectProxy {
  readonly tunnels: string[] = [];
  private constructor(private readonly server: Server) {}
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  static async start(): Promise<ConnectProxy> {
    const server = createServer((_req, res) => res.writeHead(405).end());
    const proxy = new ConnectProxy(server);
    server.on('connect', (req, client, head) => {
      proxy.tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = net.connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return proxy;
  }
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }
}

const listen = (server: Server | HttpsServer) => new Promise<number>((done) => server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port)));

let proxy: ConnectProxy;
let plain: Server;
let plainPort: number;
let secure: HttpsServer;
let securePort: number;
let cert: string;
let certDir: string;
const original = networkConfig();

beforeAll(async () => {
  proxy = await ConnectProxy.start();
  plain = createServer((_req, res) => res.end('plain ok'));
  new WebSocketServer({ server: plain }).on('connection', (ws) => ws.send('hello over ws'));
  plainPort = await listen(plain);
  // A self-signed root, as a company proxy or a private exchange gateway would present.
  certDir = mkdtempSync(join(tmpdir(), 'proxy-cert-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' });
  cert = readFileSync(join(certDir, 'cert.pem'), 'utf8');
  secure = createTlsServer({ key: readFileSync(join(certDir, 'key.pem')), cert }, (_req, res) => res.end('secure ok'));
  securePort = await listen(secure);
});

afterEach(() => configureNetwork(original));

afterAll(async () => {
  await proxy.close();
  plain.closeAllConnections();
  secure.closeAllConnections();
  await Promise.all([new Promise((d) => plain.close(d)), new Promise((d) => secure.close(d))]);
  rmSync(certDir, { recursive: true, force: true });
});

const viaProxy = () => configureNetwork({ resolveProxy: () => Promise.resolve(`PROXY 127.0.0.1:${proxy.port}; DIRECT`) });

describe('exchange traffic through the system proxy', () => {
  it('sends REST requests through a CONNECT tunnel', async () => {
    viaProxy();
    const before = proxy.tunnels.length;
    const client = new HttpClient({ baseUrl: `http://127.0.0.1:${plainPort}`, timeoutMs: 5_000 });
    const reply = await client.request({ method: 'GET', path: '/' });
    client.close();
    expect(reply).toMatchObject({ ok: true, status: 200, text: 'plain ok' });
    expect(proxy.tunnels.slice(before)).toEqual([`127.0.0.1:${plainPort}`]);
  });

  it('opens WebSocket streams through the tunnel', async () => {
    viaProxy();
    const before = proxy.tunnels.length;
    const socket = new ResilientSocket({ url: `ws://127.0.0.1:${plainPort}/`, name: 'test', pingIntervalMs: 0, staleAfterMs: 60_000, backoff: { initialMs: 100, maxMs: 1_000 } });
    const first = new Promise<string>((done) => socket.onMessage((data) => done(String(data))));
    socket.connect();
    expect(await first).toBe('hello over ws');
    await socket.close();
    expect(proxy.tunnels.slice(before)).toEqual([`127.0.0.1:${plainPort}`]);
  });

  it('runs TLS end to end inside the tunnel and trusts the roots it is given (the OS store)', async () => {
    configureNetwork({ resolveProxy: () => Promise.resolve(`PROXY 127.0.0.1:${proxy.port}`), ca: [cert] });
    const client = new HttpClient({ baseUrl: `https://localhost:${securePort}`, timeoutMs: 5_000 });
    const reply = await client.request({ method: 'GET', path: '/' });
    client.close();
    expect(reply).toMatchObject({ ok: true, status: 200, text: 'secure ok' });
    expect(proxy.tunnels.at(-1)).toBe(`localhost:${securePort}`);
  });

  it('refuses a certificate no trusted root signed', async () => {
    configureNetwork({ resolveProxy: () => Promise.resolve('DIRECT'), ca: undefined });
    const client = new HttpClient({ baseUrl: `https://localhost:${securePort}`, timeoutMs: 5_000 });
    const reply = await client.request({ method: 'GET', path: '/' });
    client.close();
    expect(reply).toMatchObject({ ok: false, kind: 'network' });
  });

  it('goes direct when the resolver says DIRECT', async () => {
    configureNetwork({ resolveProxy: () => Promise.resolve('DIRECT') });
    const before = proxy.tunnels.length;
    const client = new HttpClient({ baseUrl: `http://127.0.0.1:${plainPort}`, timeoutMs: 5_000 });
    expect(await client.request({ method: 'GET', path: '/' })).toMatchObject({ ok: true, text: 'plain ok' });
    client.close();
    expect(proxy.tunnels.length).toBe(before);
  });

  it('fails as a network error naming the proxy when the proxy is down', async () => {
    const closed = net.createServer();
    const port = await new Promise<number>((done) => closed.listen(0, '127.0.0.1', () => done((closed.address() as AddressInfo).port)));
    await new Promise((done) => closed.close(done));
    configureNetwork({ resolveProxy: () => Promise.resolve(`PROXY 127.0.0.1:${port}`) });
    const client = new HttpClient({ baseUrl: `http://127.0.0.1:${plainPort}`, timeoutMs: 5_000 });
    const reply = await client.request({ method: 'GET', path: '/' });
    client.close();
    expect(reply).toMatchObject({ ok: false, kind: 'network' });
  });
});

describe('the proxy environment variables (plain Node, the browser host)', () => {
  it('uses HTTPS_PROXY for https and wss, HTTP_PROXY for http, and honours NO_PROXY and loopback', async () => {
    const resolve = proxyFromEnv({ HTTPS_PROXY: 'http://proxy.corp:3128', http_proxy: 'proxy.corp:8080', NO_PROXY: '.internal.corp, example.org' });
    expect(await resolve('https://api.exchange.com/v1')).toBe('PROXY proxy.corp:3128');
    expect(await resolve('wss://stream.exchange.com/')).toBe('PROXY proxy.corp:3128');
    expect(await resolve('http://api.exchange.com/')).toBe('PROXY proxy.corp:8080');
    expect(await resolve('https://gw.internal.corp/')).toBe('DIRECT');
    expect(await resolve('https://example.org/')).toBe('DIRECT');
    expect(await resolve('http://127.0.0.1:5000/')).toBe('DIRECT');
    expect(await resolve('ws://localhost:5001/')).toBe('DIRECT');
    expect(await proxyFromEnv({})('https://api.exchange.com/')).toBe('DIRECT');
  });
});
