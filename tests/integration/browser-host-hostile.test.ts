import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startBrowserHost, type BrowserHost } from '../../src/browser-host/server/host';
import { BRIDGE_PATH } from '../../src/browser-host/bridge/protocol';
import { Engine } from '../../src/main/engine';
import { MemorySecretStore } from '../support/memory-secret-store';
import { hostileRequests, rawRequest, upgradeRequest } from '../support/raw-http';

// Issue 12, must-have 5: nothing a loopback peer sends throws out of the browser host. Every
// malformed request answers 4xx, a foreign Host header is refused (DNS rebinding), and after
// all of it the page and the bridge still work.

let host: BrowserHost;
let engine: Engine;
let port: number;
const dirs: string[] = [];
const crashes: unknown[] = [];
const onCrash = (reason: unknown) => crashes.push(reason);

beforeAll(async () => {
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const rendererDir = mkdtempSync(join(tmpdir(), 'host-renderer-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'host-data-'));
  dirs.push(rendererDir, dataDir);
  writeFileSync(join(rendererDir, 'index.html'), "<!doctype html><meta http-equiv=\"Content-Security-Policy\" content=\"connect-src 'none'\"><script src=\"/app.js\"></script>");
  writeFileSync(join(rendererDir, 'app.js'), '// app');
  engine = new Engine({ name: 'Test', version: '0', platform: 'linux', host: 'browser-host', dataDir, heartbeatMs: 0, demo: false, secretStore: new MemorySecretStore() });
  await engine.start();
  host = await startBrowserHost({ engine, rendererDir });
  port = Number(new URL(host.origin).port);
}, 60_000);

afterAll(async () => {
  await host?.close();
  await engine?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
});

function bridge(origin = host.origin): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${BRIDGE_PATH}?token=${host.token}`, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function ping(ws: WebSocket, id: number): Promise<unknown> {
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { t: string; id?: number; result?: unknown };
      if (frame.t === 'result' && frame.id === id) resolve(frame.result);
    });
    ws.send(JSON.stringify({ t: 'invoke', id, channel: 'app:ping', payload: { sentAt: 1 } }));
  });
}

async function stillServes(): Promise<void> {
  const page = await rawRequest(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  expect(page.status).toBe(200);
  const ws = await bridge();
  expect(await ping(ws, 1)).toMatchObject({ ok: true });
  ws.close();
}

describe('the browser host against hostile requests', () => {
  it.each(hostileRequests('127.0.0.1:PORT'))('answers $name with a 4xx and keeps serving', async ({ bytes }) => {
    const reply = await rawRequest(port, bytes.replaceAll('PORT', String(port)));
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    await stillServes();
    expect(crashes).toEqual([]);
  });

  it('refuses a Host header other than 127.0.0.1 or localhost on its port (DNS rebinding)', async () => {
    for (const name of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `localhost.evil.example:${port}`, '']) {
      const page = await rawRequest(port, `GET / HTTP/1.1\r\nHost: ${name}\r\nConnection: close\r\n\r\n`);
      expect(page.status, `GET / with Host "${name}"`).toBe(403);
      const upgrade = await rawRequest(port, upgradeRequest(`${BRIDGE_PATH}?token=${host.token}`, name, [`Origin: ${host.origin}`]));
      expect(upgrade.status, `upgrade with Host "${name}"`).toBe(403);
    }
    const viaLocalhost = await rawRequest(port, `GET / HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`);
    expect(viaLocalhost.status).toBe(200);
    await stillServes();
  });

  it('survives bridge frames that are not what the page sends', async () => {
    for (const frame of ['null', '[]', '"x"', '{"t":"invoke","id":1}', '{"t":"invoke","id":"1","channel":"app:ping"}', 'not json', Buffer.alloc(2 * 1024 * 1024, 0x20)]) {
      const ws = await bridge();
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.on('error', () => undefined); // the host may drop us mid-send
      ws.send(frame);
      expect([1003, 1009]).toContain(await closed);
    }
    await stillServes();
    expect(crashes).toEqual([]);
  });

  it('refuses the bridge without the token or from another origin', async () => {
    await expect(bridge('http://127.0.0.1:1')).rejects.toThrow(/403/);
    const noToken = await rawRequest(port, upgradeRequest(BRIDGE_PATH, `127.0.0.1:${port}`, [`Origin: ${host.origin}`]));
    expect(noToken.status).toBe(403);
    await stillServes();
  });
});
