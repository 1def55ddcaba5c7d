import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IcrypexSimulator, startIcrypexSimulator } from '../../src/main/sim/icrypex';
import { manualClock } from '../../src/main/sim/shared/clock';
import { FrameClient } from '../support/icrypex-sim';

// specs/icrypex.md §3 worked example (made-up credentials from the spec).
const EXAMPLE = {
  apiKey: 'demoPublicKey123',
  secret: 'ZXhhbXBsZS1zZWNyZXQtYnl0ZXMtMDEyMzQ1Njc4OSE=',
  ts: '1700000000000',
  sign: 'wT+x3VhaiFs5p1fJXNqIniQZHA9bnZCMJvg/SJQtamY=',
  undecodedKeySign: 'izs2dcIhw0q2U2LVP0OUDffdFnD2AGfsqL2yhJrPwAI=',
  hexSign: 'c13fb1dd585a885b39a757c95cda889e24191c0f5b9d908c26f83f48942d6a66',
};

const clock = manualClock(Number(EXAMPLE.ts) + 1000);
let sim: IcrypexSimulator;

const wallet = (headers: Record<string, string>) => fetch(`${sim.restUrl}/sapi/v1/wallet`, { headers });
const headers = (overrides: Partial<Record<'key' | 'sign' | 'ts' | 'nonce', string>> = {}) => ({
  'ICX-API-KEY': overrides.key ?? EXAMPLE.apiKey,
  'ICX-SIGN': overrides.sign ?? EXAMPLE.sign,
  'ICX-TS': overrides.ts ?? EXAMPLE.ts,
  'ICX-NONCE': overrides.nonce ?? '15000',
  'Content-Type': 'application/json',
});

beforeAll(async () => {
  sim = await startIcrypexSimulator({
    accounts: [{ exchange: 'icrypex', apiKey: EXAMPLE.apiKey, apiSecret: EXAMPLE.secret, balances: { USDT: '1000' } }],
    synthetic: false,
    historyMinutes: 10,
    now: clock.now,
  });
});
afterAll(async () => {
  await sim.stop();
});

describe('Icrypex signed REST (§3)', () => {
  it('the test inputs reproduce the spec digests (so the checks below test the simulator, not the inputs)', () => {
    const key = Buffer.from(EXAMPLE.secret, 'base64');
    expect(createHmac('sha256', key).update(EXAMPLE.apiKey + EXAMPLE.ts).digest('base64')).toBe(EXAMPLE.sign);
    expect(createHmac('sha256', EXAMPLE.secret).update(EXAMPLE.apiKey + EXAMPLE.ts).digest('base64')).toBe(EXAMPLE.undecodedKeySign);
    expect(createHmac('sha256', key).update(EXAMPLE.apiKey + EXAMPLE.ts).digest('hex')).toBe(EXAMPLE.hexSign);
  });

  it('accepts the worked example', async () => {
    const res = await wallet(headers());
    expect(res.status).toBe(200);
    const rows = (await res.json()) as Array<{ asset: string; total: string }>;
    expect(rows.find((r) => r.asset === 'USDT')!.total).toBe('1000');
  });

  it('rejects the signature keyed with the undecoded secret, the hex signature, and an unknown key with 401 and an empty body', async () => {
    for (const bad of [{ sign: EXAMPLE.undecodedKeySign }, { sign: EXAMPLE.hexSign }, { key: 'someoneElse' }, { sign: '' }]) {
      const res = await wallet(headers(bad));
      expect(res.status, JSON.stringify(bad)).toBe(401);
      expect(await res.text()).toBe('');
    }
  });

  it('enforces the nonce window: |now - ts| within ICX-NONCE passes, beyond it fails', async () => {
    clock.set(Number(EXAMPLE.ts) + 15_000);
    expect((await wallet(headers({ nonce: '15000' }))).status).toBe(200);
    clock.set(Number(EXAMPLE.ts) + 15_001);
    expect((await wallet(headers({ nonce: '15000' }))).status).toBe(401);
    expect((await wallet(headers({ nonce: '20000' }))).status).toBe(200);
    clock.set(Number(EXAMPLE.ts) - 20_001);
    expect((await wallet(headers({ nonce: '20000' }))).status).toBe(401);
    clock.set(Number(EXAMPLE.ts) + 1000);
  });

  it('clamps a nonce above 60000 by default and answers 401 in strict mode', async () => {
    clock.set(Number(EXAMPLE.ts) + 60_000);
    expect((await wallet(headers({ nonce: String(Date.now()) }))).status).toBe(200);
    clock.set(Number(EXAMPLE.ts) + 60_001);
    expect((await wallet(headers({ nonce: String(Date.now()) }))).status).toBe(401);
    clock.set(Number(EXAMPLE.ts) + 1000);
    sim.quirks.strictNonce = true;
    try {
      expect((await wallet(headers({ nonce: '60001' }))).status).toBe(401);
      expect((await wallet(headers({ nonce: '60000' }))).status).toBe(200);
    } finally {
      sim.quirks.strictNonce = false;
    }
  });

  it('answers 401 when any of the four headers is missing', async () => {
    for (const drop of ['ICX-API-KEY', 'ICX-SIGN', 'ICX-TS', 'ICX-NONCE']) {
      const h: Record<string, string> = headers();
      delete h[drop];
      expect((await wallet(h)).status, drop).toBe(401);
    }
  });
});

describe('Icrypex WS api-login (§8.2)', () => {
  it('answers api-auth {"v":true} to the spec example frame and {"v":false} to its wrong variants', async () => {
    const client = await FrameClient.connect(sim.wsUrl);
    try {
      client.send(`api-login|{"pk":"demoPublicKey123","s":"${EXAMPLE.undecodedKeySign}","ts":1700000000000,"n":15000}`);
      expect(await client.waitFor((f) => f.startsWith('api-auth|'))).toMatchObject({ frame: 'api-auth|{"v":false}' });
      client.send(`api-login|{"pk":"demoPublicKey123","s":"${EXAMPLE.hexSign}","ts":1700000000000,"n":15000}`);
      expect((await client.waitFor((f) => f.startsWith('api-auth|'), { from: 1 })).frame).toBe('api-auth|{"v":false}');
      client.send('api-login|{"pk":"demoPublicKey123","s":"wT+x3VhaiFs5p1fJXNqIniQZHA9bnZCMJvg/SJQtamY=","ts":1700000000000,"n":15000}');
      expect((await client.waitFor((f) => f.startsWith('api-auth|'), { from: 2 })).frame).toBe('api-auth|{"v":true}');
    } finally {
      client.close();
    }
  });
});
