import { createHash } from 'node:crypto';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type CryptocomSimulator, DEFAULT_CRYPTOCOM_QUIRKS, startCryptocomSimulator } from '../../src/main/sim/cryptocom';
import { signingBuffer } from '../../src/main/sim/cryptocom/sign';
import { manualClock } from '../../src/main/sim/shared/clock';
import { postForm } from '../support/cryptocom-sim';

// specs/cryptocom-v1.md §2 worked examples A-D sent as raw form bodies, and their wrong variants.
const clock = manualClock(1_575_000_000_000);
let sim: CryptocomSimulator;

// Made-up credentials from the spec's examples (not secrets).
const DEMO = { apiKey: 'demoKey123', apiSecret: 'demoSecret456' };
const OFFICIAL = { apiKey: 'mZhlB7z8dDXXdL74uwoIoqAtPQSpY6Mk', apiSecret: 'qg7fPyVj43tvfWBX83pSB7s8ZajHD1ve' };

beforeAll(async () => {
  sim = await startCryptocomSimulator({
    now: clock.now,
    synthetic: false,
    accounts: [
      { exchange: 'cryptocom', ...DEMO, balances: { USDT: '1000' } },
      { exchange: 'cryptocom', ...OFFICIAL, balances: { USDT: '1' } },
    ],
    quirks: { rateLimitsEnabled: false },
  });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => {
  Object.assign(sim.quirks, DEFAULT_CRYPTOCOM_QUIRKS, { rateLimitsEnabled: false });
  clock.set(1_575_000_000_000);
});

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('worked examples are accepted', () => {
  it('A: /v1/account', async () => {
    const r = await postForm(sim, '/v1/account', 'api_key=demoKey123&time=1575000000000&sign=d17ccc22cb754af132e92842019d33a585c62f3760cbad9cf8c6ec24f883d8a9');
    expect(r.json).toMatchObject({ code: '0', msg: 'suc' });
  });

  it('B: /v1/order limit buy with the exact body of the spec', async () => {
    const body =
      'api_key=demoKey123&price=150.25&side=BUY&symbol=ethusdt&time=1575000000000&type=1&volume=0.5&sign=29bbd8458379af6d8b9100e9f1556ce913fb8186cc5e890b8c3275020906a641';
    const r = await postForm(sim, '/v1/order', body);
    expect(r.json).toMatchObject({ code: '0', msg: 'suc', data: { order_id: expect.any(Number) } });
  });

  it('C: the official page inputs', async () => {
    clock.set(1_573_789_761_928);
    const r = await postForm(sim, '/v1/account', `api_key=${OFFICIAL.apiKey}&time=1573789761928&sign=566812d7cddd99c796516ca2071db0fc8aaaa35a37c276b43b8188e1a930d4ca`);
    expect(r.json).toMatchObject({ code: '0' });
  });

  it('D: an empty page is skipped by the official rule', async () => {
    const body = 'api_key=demoKey123&time=1575000000000&symbol=ethusdt&page=&sign=a02e8530e76382297996ea0e033c504730fd328d5f96823e7fb0f25d8baf0b73';
    expect((await postForm(sim, '/v1/openOrders', body)).json).toMatchObject({ code: '0' });
  });
});

describe('wrong variants are rejected with 100005', () => {
  const rejected = { code: '100005', msg: 'request sign illegal', data: null };

  it('D in the S7 style (empty name kept) is rejected, and accepted once switched', async () => {
    const body = 'api_key=demoKey123&time=1575000000000&symbol=ethusdt&page=&sign=10960e583c910c61b6834563512303603e553f6b372ea2bc807445d02e351d02';
    expect((await postForm(sim, '/v1/openOrders', body)).json).toEqual(rejected);
    sim.quirks.emptyValueRule = 'keep-name';
    expect((await postForm(sim, '/v1/openOrders', body)).json).toMatchObject({ code: '0' });
  });

  it('an unsorted concatenation (S13) is rejected', async () => {
    const params = { symbol: 'ethusdt', side: 'BUY', type: '1', volume: '0.5', price: '150.25', api_key: 'demoKey123', time: '1575000000000' };
    const unsorted = sha(Object.entries(params).map(([k, v]) => k + v).join('') + DEMO.apiSecret);
    const r = await postForm(sim, '/v1/order', new URLSearchParams({ ...params, sign: unsorted }).toString());
    expect(r.json).toEqual(rejected);
  });

  it('uppercase hex is rejected by default and accepted when switched', async () => {
    const body = 'api_key=demoKey123&time=1575000000000&sign=D17CCC22CB754AF132E92842019D33A585C62F3760CBAD9CF8C6EC24F883D8A9';
    expect((await postForm(sim, '/v1/account', body)).json).toEqual(rejected);
    sim.quirks.acceptUppercaseHex = true;
    expect((await postForm(sim, '/v1/account', body)).json).toMatchObject({ code: '0' });
  });

  it('a signature without the secret appended is rejected', async () => {
    const sign = sha(signingBuffer({ api_key: 'demoKey123', time: '1575000000000' }));
    expect((await postForm(sim, '/v1/account', `api_key=demoKey123&time=1575000000000&sign=${sign}`)).json).toEqual(rejected);
  });

  it('a signature over a changed value is rejected', async () => {
    const body = 'api_key=demoKey123&time=1575000000001&sign=d17ccc22cb754af132e92842019d33a585c62f3760cbad9cf8c6ec24f883d8a9';
    expect((await postForm(sim, '/v1/account', body)).json).toEqual(rejected);
  });

  it('an unknown api_key is rejected', async () => {
    const sign = sha('api_keyotherKeytime1575000000000demoSecret456');
    expect((await postForm(sim, '/v1/account', `api_key=otherKey&time=1575000000000&sign=${sign}`)).json).toEqual(rejected);
  });
});

describe('time window and missing parameters (100004)', () => {
  const illegal = { code: '100004', msg: 'request parameter illegal', data: null };

  it('refuses a time more than 30 s away, and accepts it with a wider window', async () => {
    clock.advance(30_001);
    const body = 'api_key=demoKey123&time=1575000000000&sign=d17ccc22cb754af132e92842019d33a585c62f3760cbad9cf8c6ec24f883d8a9';
    const r = await postForm(sim, '/v1/account', body);
    expect(r.json).toEqual(illegal);
    expect(r.detail).toMatch(/^time: /);
    sim.quirks.timeWindowMs = 60_000;
    expect((await postForm(sim, '/v1/account', body)).json).toMatchObject({ code: '0' });
  });

  it('accepts a time 29 s in the future', async () => {
    clock.advance(-29_000);
    const body = 'api_key=demoKey123&time=1575000000000&sign=d17ccc22cb754af132e92842019d33a585c62f3760cbad9cf8c6ec24f883d8a9';
    expect((await postForm(sim, '/v1/account', body)).json).toMatchObject({ code: '0' });
  });

  it('refuses a missing api_key, time or sign, naming it', async () => {
    for (const [body, field] of [
      ['time=1575000000000&sign=d17ccc22cb754af132e92842019d33a585c62f3760cbad9cf8c6ec24f883d8a9', 'api_key'],
      ['api_key=demoKey123&sign=d17ccc22cb754af132e92842019d33a585c62f3760cbad9cf8c6ec24f883d8a9', 'time'],
      ['api_key=demoKey123&time=1575000000000', 'sign'],
    ] as const) {
      const r = await postForm(sim, '/v1/account', body);
      expect(r.status).toBe(200);
      expect(r.json).toEqual(illegal);
      expect(r.detail).toBe(`${field}: missing`);
    }
  });

  it('refuses a JSON body (V1 bodies are form-encoded)', async () => {
    const r = await fetch(`${sim.restUrl}/v1/account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: 'demoKey123', time: '1575000000000', sign: 'd17ccc22cb754af132e92842019d33a585c62f3760cbad9cf8c6ec24f883d8a9' }),
    });
    expect(await r.json()).toEqual(illegal);
  });
});
