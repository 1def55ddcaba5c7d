import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { startSimulators } from '../../src/main/sim';
import { ATTACKS, attackText, gzipBomb, type Attack } from './hostile-attacks';

// The malicious exchange of the fuzz suite, run as its own process so that its work never
// counts against the connectors being measured: both simulators, each behind a relay that
// rewrites what the exchange answers (REST bodies and WS frames) with the current attack.
// Control on stdin: `attack <name> <rate>`; it answers `ATTACK <name>` once in force.
// Usage: node --import tsx tests/fuzz/hostile-exchange.ts <seed> <bombMb> <deep> <oversizeMb>

const [seed = 1, bombMb = 256, deep = 1_000_000, oversizeMb = 17] = process.argv.slice(2).map(Number);
let attack: Attack = 'clean';
let rate = 0.5;
const stats = { rest: 0, ws: 0, attacked: 0 };
// A seeded stream of rolls: the same seed attacks the same messages in the same way.
const rolls = fc.sample(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { seed, numRuns: 50_000 });
let next = 0;
const roll = () => rolls[next++ % rolls.length]!;
const bomb = gzipBomb(bombMb);
const sizes = { deep };
const oversize = () => `{"data":"${'x'.repeat(oversizeMb * 1024 * 1024)}"}`;

function attackRest(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  const hit = attack !== 'clean' && roll() < rate;
  if (hit) stats.attacked++;
  const send = (bytes: Buffer | string, extra: Record<string, string> = {}) => {
    const out = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    res.writeHead(status, { ...headers, ...extra, 'content-length': String(out.length) });
    res.end(out);
  };
  if (!hit) return send(body);
  const r = roll();
  switch (attack) {
    case 'gzip-bomb':
      return send(bomb, { 'content-encoding': 'gzip' });
    case 'oversize':
      return send(oversize());
    case 'cut': {
      // Promise the whole body, send part of it, then drop the connection.
      res.writeHead(status, { ...headers, 'content-length': String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length * r)));
      setTimeout(() => req.socket.destroy(), 5);
      return;
    }
    default:
      return send(attackText(body.toString('utf8'), attack, r, sizes));
  }
}

async function restRelay(upstream: string): Promise<string> {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    stats.rest++;
    const out = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(up.headers)) if (v !== undefined && k !== 'content-length' && k !== 'transfer-encoding') headers[k] = String(v);
        attackRest(req, res, up.statusCode ?? 502, headers, Buffer.concat(chunks));
      });
    });
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function attackFrame(data: Buffer, binary: boolean): { data: Buffer | string; binary: boolean } {
  const hit = attack !== 'clean' && roll() < rate;
  if (!hit) return { data, binary };
  stats.attacked++;
  const gz = binary && data[0] === 0x1f && data[1] === 0x8b;
  const r = roll();
  if (attack === 'gzip-bomb') return { data: bomb, binary: true };
  if (attack === 'oversize') return { data: oversize(), binary: false };
  if (attack === 'cut' && gz) return { data: data.subarray(0, Math.floor(data.length * r)), binary: true };
  const text = gz ? gunzipSync(data).toString('utf8') : data.toString('utf8');
  const changed = attackText(text, attack, r, sizes);
  return gz ? { data: gzipSync(changed), binary: true } : { data: changed, binary };
}

async function wsRelay(upstream: string): Promise<string> {
  const base = new URL(upstream);
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: 1024 * 1024 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (client, req) => {
    const up = new WebSocket(new URL(req.url ?? '/', base).href, { perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
    const pending: Array<[RawData, boolean]> = [];
    up.on('open', () => pending.splice(0).forEach(([d, b]) => up.send(d, { binary: b })));
    up.on('message', (data, binary) => {
      stats.ws++;
      const frame = attackFrame(Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer), binary);
      if (client.readyState === WebSocket.OPEN) client.send(frame.data, { binary: frame.binary });
    });
    client.on('message', (data, binary) => (up.readyState === WebSocket.OPEN ? up.send(data, { binary }) : pending.push([data, binary])));
    const end = () => {
      client.terminate();
      up.terminate();
    };
    for (const socket of [client, up]) {
      socket.on('close', end);
      socket.on('error', end);
    }
  });
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}${base.pathname}${base.search}`;
}

async function main(): Promise<void> {
  const sims = await startSimulators({ seed });
  const endpoints = {
    icrypex: { rest: await restRelay(sims.icrypex.rest), ws: await wsRelay(sims.icrypex.ws) },
    cryptocom: { rest: await restRelay(sims.cryptocom.rest), ws: await wsRelay(sims.cryptocom.ws) },
  };
  const accounts = Object.fromEntries(sims.accounts.map((a) => [a.exchange, { apiKey: a.apiKey, apiSecret: a.apiSecret }]));
  console.log(`HOSTILE_READY ${JSON.stringify({ endpoints, accounts })}`);

  createInterface({ input: process.stdin }).on('line', (line) => {
    const [command, name, value] = line.trim().split(/\s+/);
    if (command === 'attack' && (name === 'clean' || (ATTACKS as readonly string[]).includes(name ?? ''))) {
      attack = name as Attack;
      rate = Number(value ?? rate);
      console.log(`ATTACK ${attack} ${JSON.stringify(stats)}`);
    } else if (command === 'stop') {
      console.log(`STOPPED ${JSON.stringify(stats)}`);
      void sims.stop().finally(() => process.exit(0));
    }
  });
  process.stdin.on('end', () => void sims.stop().finally(() => process.exit(0)));
}

void main();
