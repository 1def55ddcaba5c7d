import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startBrowserHost } from '../src/browser-host/server/host';
import { Engine } from '../src/main/engine';
import { createHandle } from '../src/main/ipc/handle';
import { result, summarize } from './stats';

const ROUNDS = 2000;

/** app:ping round trips: straight through handle() (the floor) and through the browser host's socket. */
export async function ipcBenchmark(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'terminal-bench-'));
  const engine = new Engine({ name: 'bench', version: '0', platform: process.platform, host: 'node', dataDir, heartbeatMs: 0 });
  const sender = { id: 1, frameUrl: 'http://127.0.0.1/', isTopFrame: true };
  const handle = createHandle({ handlers: engine.handlers, isTrustedSender: () => true });

  const direct: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await handle('app:ping', sender, { sentAt: Date.now() });
    direct.push((performance.now() - start) * 1000);
  }

  const host = await startBrowserHost({ engine });
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/__host/bridge?token=${host.token}`, { origin: host.origin });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const bridged: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    ws.send(JSON.stringify({ t: 'invoke', id: i, channel: 'app:ping', payload: { sentAt: Date.now() } }));
    await new Promise((resolve) => ws.once('message', resolve));
    bridged.push((performance.now() - start) * 1000);
  }
  ws.close();
  await host.close();
  await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });

  const a = summarize(direct);
  const b = summarize(bridged);
  console.log(`app:ping round trip, ${ROUNDS} rounds (µs)      p50      p95      p99`);
  console.log(`  handle() in process                  ${a.p50.toFixed(1).padStart(8)} ${a.p95.toFixed(1).padStart(8)} ${a.p99.toFixed(1).padStart(8)}`);
  console.log(`  browser-host WebSocket bridge        ${b.p50.toFixed(1).padStart(8)} ${b.p95.toFixed(1).padStart(8)} ${b.p99.toFixed(1).padStart(8)}`);
  result({ name: 'ipc', metric: 'handle_p50', value: a.p50, unit: 'us' });
  result({ name: 'ipc', metric: 'bridge_p50', value: b.p50, unit: 'us', baseline: a.p50, ratio: b.p50 / a.p50 });
}
