import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startSimulators, type StartedSimulators } from '../../src/main/sim';
import { hostileRequests, rawRequest } from '../support/raw-http';

// Issue 12, must-have 5: in demo mode the simulators run inside the app's main process, so
// nothing a loopback peer sends may throw out of their request or upgrade handlers. Each
// malformed request answers 4xx; afterwards REST and the market socket still work.

let sims: StartedSimulators;
const crashes: unknown[] = [];
const onCrash = (reason: unknown) => crashes.push(reason);

beforeAll(async () => {
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  sims = await startSimulators({ seed: 3 });
});

afterAll(async () => {
  await sims?.stop();
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
});

const exchanges = [
  { name: 'icrypex', rest: () => sims.icrypex.rest, ws: () => sims.icrypex.ws, good: '/v1/exchange/info' },
  { name: 'cryptocom', rest: () => sims.cryptocom.rest, ws: () => sims.cryptocom.ws, good: '/v1/symbols' },
] as const;

function opens(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.close();
      resolve();
    });
    ws.once('error', reject);
  });
}

async function stillServes(exchange: (typeof exchanges)[number]): Promise<void> {
  const reply = await fetch(`${exchange.rest()}${exchange.good}`);
  expect(reply.status).toBe(200);
  await opens(exchange.ws());
}

describe.each(exchanges)('the $name simulator against hostile requests', (exchange) => {
  it.each(hostileRequests('127.0.0.1'))('answers $name with a 4xx and keeps serving', async ({ bytes }) => {
    const port = Number(new URL(exchange.rest()).port);
    const reply = await rawRequest(port, bytes);
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    await stillServes(exchange);
    expect(crashes).toEqual([]);
  });
});
