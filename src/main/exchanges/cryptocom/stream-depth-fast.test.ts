import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import { parseLevels } from './map-market';
import { scanDepthFrame } from './stream-depth-fast';

const FIXTURES = join(__dirname, '../../../../tests/fixtures/chainup-live');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8').trim();
const DEPTH_FIXTURES = [
  'grovex/ws-depth-step0-snapshot-btcusdt.json',
  'grovex/ws-depth-step2-snapshot-btcusdt.json',
  'grovex/ws-depth-step0-empty-book-tigrinousdt.json',
  'bitrue-futures/ws-depth-step0-first-book-e_btcusdt.json',
  'bitrue-futures/ws-depth-step9-empty.json',
  'bittime-futures/ws-depth-step0-first-book-e_btcusdt.json',
  'bittime-futures/ws-depth-step0-first-book-e_zrxusdt.json',
  'bittime-futures/ws-depth-step9-empty.json',
];

/** The general path: JSON.parse, then numbers printed back to text. */
function viaJson(text: string) {
  const msg = JSON.parse(text) as { channel: string; ts: number; tick: { asks: unknown; buys?: unknown; bids?: unknown } };
  return { channel: msg.channel, ts: msg.ts, bids: parseLevels(msg.tick.buys ?? msg.tick.bids, 'b'), asks: parseLevels(msg.tick.asks, 'a') };
}
const numeric = (levels: [string, string][]) => levels.map(([p, q]) => [new Big(p).toFixed(), new Big(q).toFixed()]);

describe('scanDepthFrame: the depth fast path reads what JSON.parse would', () => {
  it('agrees with the general parser on every chainup-live depth frame (spaced ones too)', () => {
    for (const name of DEPTH_FIXTURES) {
      const text = fixture(name);
      const fast = scanDepthFrame(text);
      expect(fast, name).toBeDefined();
      const slow = viaJson(text);
      expect({ ...fast!, bids: numeric(fast!.bids), asks: numeric(fast!.asks) }, name).toEqual({ ...slow, bids: numeric(slow.bids), asks: numeric(slow.asks) });
    }
  });

  it('keeps the digits as sent (trailing zeros, quoted numbers) and accepts bids for buys', () => {
    const fast = scanDepthFrame('{"channel":"market_btcusdt_depth_step0","ts":7,"tick":{"bids":[["100.50","2.000"]],"asks":[[101.10, 0.5]]}}');
    expect(fast).toEqual({ channel: 'market_btcusdt_depth_step0', ts: 7, bids: [['100.50', '2.000']], asks: [['101.10', '0.5']] });
  });

  it('agrees on many generated books', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 50; n++) {
      const side = () => [...Array(Math.floor(rand() * 40))].map(() => [Math.round(rand() * 1e8) / 1e4, Math.round(rand() * 1e9) / 1e5]);
      const text = JSON.stringify({ event_rep: '', channel: 'market_crobtc_depth_step1', data: null, tick: { asks: side(), buys: side() }, ts: n + 1, status: 'ok' });
      const fast = scanDepthFrame(text)!;
      const slow = viaJson(text);
      expect(numeric(fast.bids)).toEqual(numeric(slow.bids));
      expect(numeric(fast.asks)).toEqual(numeric(slow.asks));
    }
  });

  it('leaves anything unusual to the general parser', () => {
    const wrap = (tick: string) => `{"channel":"market_btcusdt_depth_step0","ts":1,"tick":${tick}}`;
    expect(scanDepthFrame(wrap('{"asks":[[6.9e-7,1]],"buys":[]}'))).toBeUndefined();
    expect(scanDepthFrame(wrap('{"asks":[],"buys":[],"time":null}'))).toBeUndefined();
    expect(scanDepthFrame(wrap('{"side":"buys","price":1,"volume":0}'))).toBeUndefined();
    expect(scanDepthFrame(wrap('{"asks":[[1,2,3]],"buys":[]}'))).toBeUndefined();
    expect(scanDepthFrame(wrap('{"asks":[[1,2]]}'))).toBeUndefined();
    expect(scanDepthFrame(wrap('{"asks":[["1.",2]],"buys":[]}'))).toBeUndefined();
    expect(scanDepthFrame('{"channel":"market_btcusdt_depth_step0","ts":1,"tick":{"asks":[[1,2]],"buys":[]}')).toBeUndefined();
    expect(scanDepthFrame('{"event_rep":"rep","channel":"x","tick":{"asks":[],"buys":[]}}')).toBeUndefined();
    expect(scanDepthFrame('{"ping":1}')).toBeUndefined();
  });
});
