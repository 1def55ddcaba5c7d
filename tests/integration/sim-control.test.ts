import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimFaultRequest } from '../../src/shared';
import { startSimControl, type SimControl } from '../../src/main/sim/control';
import { startSimulators, type StartedSimulators } from '../../src/main/sim';
import { generateAccount } from '../../src/main/sim/shared/accounts';
import { CRYPTOCOM_DEMO_BALANCES } from '../../src/main/sim/cryptocom/markets';
import { RawWs, seedBook, signedPost } from '../support/cryptocom-sim';
import { FrameClient, rawRequest, signedHeaders } from '../support/icrypex-sim';

// Issue 18: faults from outside code. The control endpoint's guard, and every fault as the
// running simulators apply it (the same code serves `--fault`, the endpoint and the palette).

describe('the control endpoint refuses anything but its own token on its own loopback address', () => {
  const seen: SimFaultRequest[] = [];
  let control: SimControl;
  beforeAll(async () => {
    control = await startSimControl({ apply: (request) => (seen.push(request), ['applied']) });
  });
  afterAll(() => control.close());
  const call = (init: { method?: string; path?: string; host?: string; auth?: string; body?: string }) =>
    rawRequest(`${control.url}${init.path ?? '/faults'}`, {
      method: init.method ?? 'POST',
      headers: { host: init.host ?? `127.0.0.1:${control.port}`, ...(init.auth === undefined ? {} : { authorization: init.auth }) },
      body: init.body,
    });

  it('listens on 127.0.0.1 with a long random token', () => {
    expect(control.url).toBe(`http://127.0.0.1:${control.port}`);
    expect(control.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('answers 401 without a token, with a wrong one, or with one of another length, and applies nothing', async () => {
    const wrong = control.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const auth of [undefined, '', 'Bearer ', `Bearer ${wrong}`, `Bearer ${control.token}x`, `Basic ${control.token}`, control.token]) {
      const reply = await call({ auth, body: 'drop-sockets' });
      expect(reply.status, String(auth)).toBe(401);
      expect(reply.text).toContain('token');
    }
    expect(seen).toEqual([]);
  });

  it('answers 403 to a Host that is not its own loopback address, even with the right token', async () => {
    for (const host of ['evil.example', `evil.example:${control.port}`, `127.0.0.1:${control.port + 1}`, '127.0.0.1', `192.168.1.2:${control.port}`]) {
      const reply = await call({ host, auth: `Bearer ${control.token}`, body: 'drop-sockets' });
      expect(reply.status, host).toBe(403);
    }
    expect(seen).toEqual([]);
  });

  it('applies a spec line or a JSON request with the right token, on 127.0.0.1 or localhost', async () => {
    const auth = `Bearer ${control.token}`;
    const line = await call({ auth, body: 'cryptocom:fail-orders=503x2' });
    expect(line.status).toBe(200);
    expect(line.json()).toEqual({ applied: ['applied'] });
    const json = await call({ auth, host: `localhost:${control.port}`, body: JSON.stringify({ fault: { kind: 'delay-orders', ms: 5000 } }) });
    expect(json.status).toBe(200);
    expect(seen).toEqual([{ fault: { kind: 'fail-orders', status: 503, count: 2 }, exchange: 'cryptocom' }, { fault: { kind: 'delay-orders', ms: 5000 } }]);
    expect((await call({ auth, method: 'GET' })).json()).toMatchObject({ faults: expect.arrayContaining(['drop-sockets', 'gap-book']) });
  });

  it('says what is wrong with a bad request: spec, JSON, path, method', async () => {
    const auth = `Bearer ${control.token}`;
    const before = seen.length;
    expect(await call({ auth, body: 'explode' })).toMatchObject({ status: 400, text: expect.stringContaining('unknown fault \\"explode\\"') });
    expect(await call({ auth, body: 'drop-sockets@1s' })).toMatchObject({ status: 400, text: expect.stringContaining('command line only') });
    expect(await call({ auth, body: '{"fault":' })).toMatchObject({ status: 400, text: expect.stringContaining('not valid JSON') });
    expect(await call({ auth, body: '{"fault":{"kind":"delay-orders","ms":-1}}' })).toMatchObject({ status: 400, text: expect.stringContaining('fault.ms') });
    expect((await call({ auth, path: '/other' })).status).toBe(404);
    expect((await call({ auth, method: 'PUT' })).status).toBe(405);
    expect((await call({ auth, body: 'x'.repeat(5000) })).status).toBe(413);
    expect((await rawRequest(`${control.url}//faults`, { headers: { host: `127.0.0.1:${control.port}`, authorization: auth } })).status).toBe(400);
    expect(seen.length).toBe(before);
  });
});

describe('every fault, applied to running simulators', () => {
  const icx = generateAccount('icrypex', { USDT: '100000', BTC: '5' });
  const cdc = generateAccount('cryptocom', CRYPTOCOM_DEMO_BALANCES);
  let sims: StartedSimulators;
  beforeAll(async () => {
    sims = await startSimulators({ seed: 4, accounts: [icx, cdc], synthetic: false });
    seedBook(sims.cryptocom.sim, 'BTCUSDT', '9700', '1', '1');
  });
  afterAll(() => sims.stop());
  const cdcOrder = () => signedPost(sims.cryptocom.sim, '/v1/order', { symbol: 'btcusdt', side: 'BUY', type: '1', price: '9000', volume: '0.001' }, cdc, Date.now());
  const icxOrder = () =>
    fetch(`${sims.icrypex.rest}/sapi/v1/orders`, { method: 'POST', headers: signedHeaders(icx, Date.now()), body: JSON.stringify({ symbol: 'BTCUSDT', type: 'LIMIT', side: 'BUY', price: '60000', quantity: '0.001' }) });

  it('drop-sockets cuts every socket of every exchange (1006) and says how many', async () => {
    const a = await FrameClient.connect(sims.icrypex.ws);
    const b = await RawWs.open(sims.cryptocom.ws);
    await expect.poll(() => sims.cryptocom.sim.wsConnections).toBe(1);
    expect(sims.fault({ fault: { kind: 'drop-sockets' } })).toEqual(['Icrypex: cut 1 socket', 'Crypto.com: cut 1 socket', 'Crypto.com Exchange: cut 0 sockets']);
    expect(await a.whenClosed()).toBe(1006);
    expect((await b.waitClosed()).code).toBe(1006);
  });

  it('fail-orders fails the next order placements of the named exchange only, then lets them through', async () => {
    expect(sims.fault({ fault: { kind: 'fail-orders', status: 503, count: 2 }, exchange: 'cryptocom' })).toEqual(['Crypto.com: the next 2 orders answer HTTP 503']);
    expect((await signedPost(sims.cryptocom.sim, '/v1/account', {}, cdc, Date.now())).status).toBe(200);
    expect((await cdcOrder()).status).toBe(503);
    expect((await cdcOrder()).status).toBe(503);
    expect((await cdcOrder()).json).toMatchObject({ code: '0' });
    expect((await icxOrder()).status).toBe(200);
  });

  it('delay-orders holds placing and cancelling (not queries), a new one replaces the old, and 0 ends it', async () => {
    const plan = (exchange: 'icrypex' | 'cryptocom' | 'cryptocom-exchange', method: string, path: string) => sims[exchange].sim.faults.planRequest({ method, path }).delayMs;
    expect(sims.fault({ fault: { kind: 'delay-orders', ms: 5000 } })).toEqual(['Icrypex: orders and cancels wait 5 s', 'Crypto.com: orders and cancels wait 5 s', 'Crypto.com Exchange: orders and cancels wait 5 s']);
    const cdx = (method: string) => plan('cryptocom-exchange', 'POST', `/exchange/v1/private/${method}`);
    expect(['create-order', 'amend-order', 'cancel-order', 'cancel-all-orders', 'get-open-orders', 'user-balance'].map(cdx)).toEqual([5000, 5000, 5000, 5000, 0, 0]);
    expect([plan('icrypex', 'POST', '/sapi/v1/orders'), plan('icrypex', 'DELETE', '/sapi/v1/orders'), plan('icrypex', 'DELETE', '/sapi/v1/orders/12'), plan('icrypex', 'GET', '/sapi/v1/orders')]).toEqual([5000, 5000, 5000, 0]);
    expect([plan('cryptocom', 'POST', '/v1/order'), plan('cryptocom', 'POST', '/v1/orders/cancel'), plan('cryptocom', 'POST', '/v1/cancelAllOrders'), plan('cryptocom', 'POST', '/v1/showOrder')]).toEqual([5000, 5000, 5000, 0]);
    sims.fault({ fault: { kind: 'delay-orders', ms: 250 } });
    expect(plan('cryptocom', 'POST', '/v1/order')).toBe(250);
    // On the wire: the delayed order is still pending when a query sent after it is answered.
    const events: string[] = [];
    const order = cdcOrder().then((r) => (events.push('order'), r));
    const query = signedPost(sims.cryptocom.sim, '/v1/openOrders', { symbol: 'btcusdt' }, cdc, Date.now()).then((r) => (events.push('query'), r));
    await Promise.all([order, query]);
    expect(events).toEqual(['query', 'order']);
    expect(sims.fault({ fault: { kind: 'delay-orders', ms: 0 } })).toEqual(['Icrypex: orders no longer delayed', 'Crypto.com: orders no longer delayed', 'Crypto.com Exchange: orders no longer delayed']);
    expect([plan('icrypex', 'POST', '/sapi/v1/orders'), plan('cryptocom', 'POST', '/v1/order')]).toEqual([0, 0]);
  });

  it('gap-book makes the next Icrypex book diff skip a change set and Crypto.com Exchange skip a delta; Crypto.com V1 says it has no diffs to skip', async () => {
    const client = await FrameClient.connect(sims.icrypex.ws);
    try {
      client.send('subscribe|{"c":"orderbook@btcusdt","s":true}');
      const snap = await client.next('orderbook');
      expect(sims.fault({ fault: { kind: 'gap-book', symbol: 'btcusdt' } })).toEqual([
        'Icrypex: the next book diff of BTCUSDT skips a change set',
        'Crypto.com: sends whole book snapshots (specs/cryptocom-v1.md §6.6), so a book cannot have a gap',
        'Crypto.com Exchange: the next book delta of BTC_USDT is skipped (its pu will not match)',
      ]);
      sims.icrypex.sim.market.stepChanges(60);
      sims.icrypex.sim.flushBooks();
      const jumped = await client.next('obd', snap.index + 1);
      expect(jumped.body.cs).toBe((snap.body.cs as number) + 2);
    } finally {
      client.close();
    }
    expect(sims.fault({ fault: { kind: 'gap-book', symbol: 'NOPE' }, exchange: 'icrypex' })).toEqual(['Icrypex: has no market NOPE']);
  });

  it('malformed-frame, heartbeats, reject-signature and reset act on every simulator', async () => {
    const client = await FrameClient.connect(sims.icrypex.ws);
    try {
      sims.fault({ fault: { kind: 'malformed-frame' }, exchange: 'icrypex' });
      await client.waitFor((frame) => frame === 'obd|{"ps":"BTCUSDT","cs":');
    } finally {
      client.close();
    }
    sims.fault({ fault: { kind: 'stop-heartbeats' } });
    const stopped = () => [sims.icrypex.sim.faults.heartbeatsStopped, sims.cryptocom.sim.faults.heartbeatsStopped, sims['cryptocom-exchange'].sim.faults.heartbeatsStopped];
    expect(stopped()).toEqual([true, true, true]);
    sims.fault({ fault: { kind: 'resume-heartbeats' } });
    expect(stopped()).toEqual([false, false, false]);
    sims.fault({ fault: { kind: 'reject-signature' }, exchange: 'cryptocom' });
    expect((await signedPost(sims.cryptocom.sim, '/v1/account', {}, cdc, Date.now())).json).toMatchObject({ code: '100005' });
    sims.cryptocom.sim.resetRateLimits(); // §3: one account call per 100 ms
    expect((await signedPost(sims.cryptocom.sim, '/v1/account', {}, cdc, Date.now())).json).toMatchObject({ code: '0' });
    sims.fault({ fault: { kind: 'delay-orders', ms: 9000 } });
    sims.fault({ fault: { kind: 'stop-heartbeats' } });
    expect(sims.fault({ fault: { kind: 'reset' } })).toEqual(['Icrypex: every fault cleared', 'Crypto.com: every fault cleared', 'Crypto.com Exchange: every fault cleared']);
    expect(sims.cryptocom.sim.faults.planRequest({ method: 'POST', path: '/v1/order' }).delayMs).toBe(0);
    expect(sims.icrypex.sim.faults.heartbeatsStopped).toBe(false);
  });
});
