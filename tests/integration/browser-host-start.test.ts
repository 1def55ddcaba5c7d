import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { BRIDGE_PATH, BRIDGE_SCRIPT_PATH } from '../../src/browser-host/bridge/protocol';
import { startBrowserHost, type BrowserHost } from '../../src/browser-host/server/host';
import { Engine } from '../../src/main/engine';
import { MemorySecretStore } from '../support/memory-secret-store';
import { rawRequest } from '../support/raw-http';

// Issue 19 (cold start): the host serves the page before the engine has started, every call the
// page makes waits for the engine, and a bridge bundled at build time is served as it is.

const dirs: string[] = [];
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function rendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'host-renderer-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'index.html'), "<!doctype html><meta http-equiv=\"Content-Security-Policy\" content=\"connect-src 'none'\"><script src=\"/app.js\"></script>");
  return dir;
}

/** A keychain whose listing waits until the test lets it go: the engine's start is held there. */
class HeldSecretStore extends MemorySecretStore {
  release!: () => void;
  private readonly held = new Promise<void>((resolve) => (this.release = resolve));
  override async list() {
    await this.held;
    return super.list();
  }
}

function newEngine(secretStore = new MemorySecretStore()): Engine {
  const dataDir = mkdtempSync(join(tmpdir(), 'host-data-'));
  dirs.push(dataDir);
  const engine = new Engine({ name: 'Test', version: '0', platform: 'linux', host: 'browser-host', dataDir, heartbeatMs: 0, demo: false, secretStore });
  stops.push(() => engine.stop());
  return engine;
}

async function host(engine: Engine, bridgeScript?: string): Promise<BrowserHost> {
  const started = await startBrowserHost({ engine, rendererDir: rendererDir(), ...(bridgeScript === undefined ? {} : { bridgeScript }) });
  stops.push(() => started.close());
  return started;
}

/** A page's bridge socket: `call` sends one invoke and answers its result. */
async function bridge(started: BrowserHost): Promise<{ call(channel: string, payload?: unknown): Promise<unknown> }> {
  const port = new URL(started.origin).port;
  const ws = new WebSocket(`ws://127.0.0.1:${port}${BRIDGE_PATH}?token=${started.token}`, { origin: started.origin });
  stops.push(async () => void ws.close());
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  const waiting = new Map<number, (result: unknown) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { t: string; id?: number; result?: unknown };
    if (frame.t === 'result' && frame.id !== undefined) waiting.get(frame.id)?.(frame.result);
  });
  let next = 0;
  return {
    call: (channel, payload) =>
      new Promise((resolve) => {
        const id = ++next;
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ t: 'invoke', id, channel, payload }));
      }),
  };
}

describe('the browser host at start', () => {
  it('serves the page before the engine has started, and a call from it waits for the engine', async () => {
    const keychain = new HeldSecretStore();
    const engine = newEngine(keychain);
    const starting = engine.start();
    const started = await host(engine, '// bundled');
    const port = Number(new URL(started.origin).port);
    const page = await rawRequest(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(page.status).toBe(200);
    const socket = await bridge(started);
    let answered: unknown;
    const listed = socket.call('accounts:list').then((result) => (answered = result));
    // A ping sent after it comes back first: the host has read the list call and holds it.
    expect(await socket.call('app:ping', { sentAt: 1 })).toMatchObject({ ok: true });
    expect(answered).toBeUndefined();
    keychain.release();
    await starting;
    await listed;
    expect(answered).toEqual({ ok: true, value: [] });
  });

  it('serves a bridge bundled at build time as it is, without bundling one', async () => {
    const engine = newEngine();
    await engine.start();
    const started = await host(engine, '// the bridge from out/browser-host');
    const port = Number(new URL(started.origin).port);
    const reply = await rawRequest(port, `GET ${BRIDGE_SCRIPT_PATH} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(reply.status).toBe(200);
    // The body is the script it was given (sent chunked: one chunk, then the end).
    expect(reply.text.split('\r\n\r\n')[1]).toBe('23\r\n// the bridge from out/browser-host\r\n0');
  });
});
