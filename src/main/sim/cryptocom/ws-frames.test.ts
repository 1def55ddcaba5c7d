import { gunzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { makeQuirks } from './quirks';
import { gzipFrame, parseChannel, parseClientFrame, pingBody, pushBody, repBody, statsTick, subAckBody, tradeTick, truncateGzip } from './ws-frames';

const q = makeQuirks();

describe('V1 WS channel names (§6.4)', () => {
  it('parses every channel family', () => {
    expect(parseChannel('market_btcusdt_ticker')).toEqual({ kind: 'ticker', symbol: 'btcusdt' });
    expect(parseChannel('market_crobtc_kline_1month')).toEqual({ kind: 'kline', symbol: 'crobtc', period: '1month' });
    expect(parseChannel('market_ethusdt_trade_ticker')).toEqual({ kind: 'trade', symbol: 'ethusdt' });
    expect(parseChannel('market_btcusdt_depth_step2')).toEqual({ kind: 'depth', symbol: 'btcusdt', step: 2 });
    expect(parseChannel('review')).toEqual({ kind: 'review' });
  });

  it('does not recognise uppercase symbols, unknown steps or periods', () => {
    for (const name of ['market_BTCUSDT_ticker', 'market_btcusdt_depth_step9', 'market_btcusdt_kline_2min', 'market_btcusdt', 'nope']) {
      expect(parseChannel(name)).toBeUndefined();
    }
  });
});

describe('V1 WS client frames', () => {
  it('classifies requests, pongs, pings and garbage', () => {
    expect(parseClientFrame('{"event":"sub","params":{"channel":"review"}}')).toMatchObject({ kind: 'request', request: { event: 'sub', params: { channel: 'review' } } });
    expect(parseClientFrame('{"pong":123}')).toEqual({ kind: 'pong', value: 123 });
    expect(parseClientFrame('{"ping":1}')).toEqual({ kind: 'ping', value: 1 });
    expect(parseClientFrame('{oops')).toEqual({ kind: 'malformed', raw: '{oops' });
    expect(parseClientFrame('[1]')).toMatchObject({ kind: 'malformed' });
  });
});

describe('V1 WS server frames', () => {
  it('gzips frames (1f 8b) so that gunzip gives the JSON back', () => {
    const frame = gzipFrame(pingBody(1790133532000, q));
    expect([...frame.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(JSON.parse(gunzipSync(frame).toString())).toEqual({ ping: 1790133532000 });
    expect(pingBody(1790133532999, { wsPingUnit: 's' })).toBe('{"ping":1790133532}');
  });

  it('a truncated frame fails to gunzip', () => {
    expect(() => gunzipSync(truncateGzip(gzipFrame(pushBody('c', { x: 1 }, 1, q))))).toThrow();
  });

  it('writes the push envelope like the live siblings, or bare when switched off', () => {
    expect(pushBody('market_btcusdt_ticker', { a: 1 }, 5, q)).toBe('{"event_rep":"","channel":"market_btcusdt_ticker","data":null,"tick":{"a":1},"ts":5,"status":"ok"}');
    expect(pushBody('market_btcusdt_ticker', { a: 1 }, 5, { wsEnvelopeExtras: false })).toBe('{"channel":"market_btcusdt_ticker","ts":5,"tick":{"a":1}}');
  });

  it('writes the ChainUP sub ack with lower_frame for tickers and the depth counts', () => {
    expect(JSON.parse(subAckBody('market_btcusdt_ticker', { kind: 'ticker', symbol: 'btcusdt' }, { cb_id: 'x' }, 7))).toEqual({
      event_rep: 'subed', channel: 'market_btcusdt_ticker', cb_id: 'x', lower_frame: '0', ts: 7, status: 'ok',
    });
    expect(JSON.parse(subAckBody('market_btcusdt_depth_step0', { kind: 'depth', symbol: 'btcusdt', step: 0 }, { asks: 150, bids: 150 }, 7))).toMatchObject({ asks: 150, bids: 150 });
  });

  it('writes stats with exactly the 7 review keys, as strings by default', () => {
    const tick = JSON.parse(JSON.stringify(statsTick({ open: '1', high: '2', low: '0.5', close: '1.5', vol: '10', amount: '15', rose: '0.5' }, q)));
    expect(Object.keys(tick).sort()).toEqual(['amount', 'close', 'high', 'low', 'open', 'rose', 'vol']);
    expect(tick.close).toBe('1.5');
  });

  it('writes trade items with exactly amount, ds, id, price, side, ts, vol (§6.6)', () => {
    const tick = tradeTick([{ id: 9, price: '86650.65', qty: '0.26903', side: 'buy', time: Date.UTC(2026, 8, 23, 3, 29, 10) }], q);
    const item = JSON.parse(JSON.stringify((tick.data as unknown[])[0]));
    expect(Object.keys(item).sort()).toEqual(['amount', 'ds', 'id', 'price', 'side', 'ts', 'vol']);
    expect(item).toMatchObject({ amount: '23311.6243695', ds: '2026-09-23 11:29:10', side: 'buy', vol: '0.26903' });
    expect(tick.id).toBe(9);
  });

  it('writes rep frames with cb_id echoed and extra keys', () => {
    expect(JSON.parse(repBody('market_btcusdt_trade_ticker', { cb_id: 'z' }, [], { top: 5 }, 3, q))).toEqual({
      event_rep: 'rep', channel: 'market_btcusdt_trade_ticker', cb_id: 'z', top: 5, data: [], tick: null, ts: 3, status: 'ok',
    });
  });
});
