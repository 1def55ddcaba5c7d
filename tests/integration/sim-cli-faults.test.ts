import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { CRYPTOCOM_COMPACT_SYMBOLS } from '../../src/main/sim/cryptocom/markets';
import { type CryptocomSimulator } from '../../src/main/sim/cryptocom';
import { get, RawWs, signedPost } from '../support/cryptocom-sim';
import { FrameClient, rawRequest, signedHeaders } from '../support/icrypex-sim';

// Issue 18: `npm run sim -- --fault …` and the switches, seen from outside the process.

interface Summary {
  icrypex: { rest: string; ws: string };
  cryptocom: { rest: string; ws: string };
  control: { url: string; token: string };
  accounts: { exchange: 'icrypex' | 'cryptocom'; apiKey: string; apiSecret: string }[];
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGTERM');
});

function run(args: string[]): { child: ChildProcess; stderr: string[]; summary: Promise<Summary>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/sim/cli.ts', '--json', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const summary = new Promise<Summary>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as Summary));
    void exit.then((code) => reject(new Error(`sim exited with ${code}: ${stderr.join('\n')}`)));
  });
  // A test that expects the exit never reads the summary.
  summary.catch(() => {});
  return { child, stderr, summary, exit };
}

describe('npm run sim -- --fault', () => {
  it('applies faults given at start, repeats @EVERY ones, and takes more through the control endpoint', async () => {
    const { summary: started, stderr } = run([
      '--fault', 'cryptocom:fail-orders=503x2',
      '--fault', 'icrypex:delay-orders=60s',
      '--fault', 'icrypex:gap-book=BTCUSDT@250ms',
      '--cdc-markets', 'compact',
      '--cdc-order-query-rate', '10',
    ]);
    const summary = await started;
    const cdc = summary.accounts.find((a) => a.exchange === 'cryptocom')!;
    const icx = summary.accounts.find((a) => a.exchange === 'icrypex')!;
    const sim = { restUrl: summary.cryptocom.rest } as CryptocomSimulator;
    expect(stderr).toContain('sim: fault: Crypto.com: the next 2 orders answer HTTP 503');

    // --cdc-markets compact
    const symbols = (await get(sim, '/v1/symbols')).json as { data: { symbol: string }[] };
    expect(symbols.data.map((s) => s.symbol)).toEqual(CRYPTOCOM_COMPACT_SYMBOLS.map((s) => s.toLowerCase()));

    // --fault cryptocom:fail-orders=503x2
    const order = () => signedPost(sim, '/v1/order', { symbol: 'crousdt', side: 'BUY', type: '1', price: '0.05', volume: '100' }, cdc, Date.now());
    expect((await order()).status).toBe(503);
    expect((await order()).status).toBe(503);
    expect((await order()).json).toMatchObject({ code: '0' });

    // --cdc-order-query-rate 10: ten order queries at once all pass (the default of 1 per 100 ms refuses nine).
    const queries = await Promise.all(Array.from({ length: 10 }, () => signedPost(sim, '/v1/openOrders', { symbol: 'crousdt' }, cdc, Date.now())));
    expect(queries.map((q) => q.status)).toEqual(Array(10).fill(200));

    // --fault icrypex:delay-orders=60s: the order is still pending when a later query is answered.
    const events: string[] = [];
    const controller = new AbortController();
    const held = fetch(`${summary.icrypex.rest}/sapi/v1/orders`, {
      method: 'POST', signal: controller.signal, headers: signedHeaders(icx, Date.now()),
      body: JSON.stringify({ symbol: 'BTCUSDT', type: 'LIMIT', side: 'BUY', price: '60000', quantity: '0.001' }),
    }).then(() => events.push('order'), () => events.push('aborted'));
    expect((await fetch(`${summary.icrypex.rest}/v1/tickers`)).status).toBe(200);
    expect(events).toEqual([]);
    controller.abort();
    await held;

    // --fault icrypex:gap-book=BTCUSDT@250ms: a diff whose cs jumps by 2 arrives on its own.
    const client = await FrameClient.connect(summary.icrypex.ws);
    try {
      client.send('subscribe|{"c":"orderbook@btcusdt","s":true}');
      const snap = await client.next('orderbook');
      let cs = snap.body.cs as number;
      let from = snap.index + 1;
      let jumped = false;
      while (!jumped) {
        const diff = await client.next('obd', from, 10_000);
        jumped = diff.body.cs === cs + 2;
        cs = diff.body.cs as number;
        from = diff.index + 1;
      }
      expect(jumped).toBe(true);
    } finally {
      client.close();
    }

    // The control endpoint printed at start takes a fault now.
    const reply = await rawRequest(`${summary.control.url}/faults`, {
      method: 'POST', body: 'cryptocom:fail-orders=502',
      headers: { authorization: `Bearer ${summary.control.token}`, host: new URL(summary.control.url).host },
    });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ applied: ['Crypto.com: the next order answers HTTP 502'] });
    expect((await order()).status).toBe(502);
  });

  it('repeats drop-sockets@EVERY: a socket is cut without anyone asking', async () => {
    const { summary: started } = run(['--fault', 'drop-sockets@300ms']);
    const summary = await started;
    const ws = await RawWs.open(summary.cryptocom.ws);
    expect((await ws.waitClosed(10_000)).code).toBe(1006);
  });

  it('refuses a bad --fault before starting anything, naming it', async () => {
    const { exit, stderr } = run(['--fault', 'delay-orders=soon']);
    expect(await exit).toBe(2);
    expect(stderr.join('\n')).toContain('sim: --fault delay-orders=soon: delay-orders must be a duration such as 5s');
  });
});
