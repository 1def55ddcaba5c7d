import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { channels, decodeFrame, depthSubFrame, parseWsMessage, requestFrame, type WsMessage } from './stream-protocol';

const FIXTURES = join(__dirname, '../../../../tests/fixtures/chainup-live');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8').trim();
/** A server frame as it arrives: gzip inside a binary WebSocket frame (§6.1). */
const onWire = (name: string) => parseWsMessage(decodeFrame(gzipSync(Buffer.from(fixture(name))), true));

function expectKind<K extends WsMessage['kind']>(msg: WsMessage, kind: K): Extract<WsMessage, { kind: K }> {
  expect(msg.kind).toBe(kind);
  return msg as Extract<WsMessage, { kind: K }>;
}

describe('chainup-live server frames (every one parses)', () => {
  it('depth snapshots: `buys` becomes bids, numbers become decimal strings, best first', () => {
    const grovex = expectKind(onWire('grovex/ws-depth-step0-snapshot-btcusdt.json'), 'depth');
    expect(grovex).toMatchObject({ native: 'btcusdt', step: 0, time: 1790134142000 });
    expect(grovex.bids).toEqual([['86621.91', '0.05117'], ['86581.21', '0.0934'], ['86514.69', '0.10081']]);
    expect(grovex.asks[0]).toEqual(['86764.73', '0.18459']);
    const step2 = expectKind(onWire('grovex/ws-depth-step2-snapshot-btcusdt.json'), 'depth');
    expect(step2).toMatchObject({ step: 2, bids: [['86621', '0.05117'], ['86581', '0.0934'], ['86514', '0.10081']] });
    const bitrue = expectKind(onWire('bitrue-futures/ws-depth-step0-first-book-e_btcusdt.json'), 'depth');
    expect(bitrue).toMatchObject({ native: 'e_btcusdt', asks: [['86526', '61555'], ['86526.1', '64099'], ['86526.2', '18142']] });
    const spaced = expectKind(onWire('bittime-futures/ws-depth-step0-first-book-e_btcusdt.json'), 'depth');
    expect(spaced.bids[0]).toEqual(['86669.7', '187431']);
    const zrx = expectKind(onWire('bittime-futures/ws-depth-step0-first-book-e_zrxusdt.json'), 'depth');
    expect(zrx).toMatchObject({ native: 'e_zrxusdt', bids: [['0.124', '25174'], ['0.1239', '30392'], ['0.1238', '26347']] });
  });

  it('an empty book with a real ts is a snapshot; the ts:0 reply to an unserved step is dropped', () => {
    const empty = expectKind(onWire('grovex/ws-depth-step0-empty-book-tigrinousdt.json'), 'depth');
    expect(empty).toMatchObject({ native: 'tigrinousdt', bids: [], asks: [], time: 1790134143000 });
    expect(onWire('bitrue-futures/ws-depth-step9-empty.json')).toMatchObject({ kind: 'ignored' });
    expect(onWire('bittime-futures/ws-depth-step9-empty.json')).toMatchObject({ kind: 'ignored' });
  });

  it('server pings (gzip) are recognised with their value kept as sent', () => {
    expect(onWire('bitrue-futures/ws-server-ping.json')).toEqual({ kind: 'ping', value: 1790133532 });
    expect(onWire('bittime-futures/ws-server-ping.json')).toEqual({ kind: 'ping', value: 1790133947 });
    // Our answer is the fixture's client pong (spacing aside).
    expect(JSON.parse(fixture('bitrue-futures/ws-client-pong.json'))).toEqual({ pong: 1790133532 });
  });

  it('ticker pushes: close is last, rose the change ratio, extra keys ignored', () => {
    const grovex = expectKind(onWire('grovex/ws-ticker-btcusdt.json'), 'ticker');
    expect(grovex.ticker).toEqual({
      exchange: 'cryptocom',
      symbol: 'BTCUSDT',
      last: '86650.67',
      high: '86822.69',
      low: '85114',
      changeRatio: 0.0120822886,
      volume: '3570.32722',
      time: 1790134139000,
    });
    expect(expectKind(onWire('bitrue-futures/ws-ticker-e_btcusdt.json'), 'ticker').ticker.last).toBe('86526');
    expect(expectKind(onWire('bittime-futures/ws-ticker-e_btcusdt.json'), 'ticker').ticker.changeRatio).toBeCloseTo(0.01595373, 10);
  });

  it('trade pushes: ids kept, upper-case sides accepted, a missing id gets a stable key', () => {
    const grovex = expectKind(onWire('grovex/ws-trade-ticker-btcusdt.json'), 'trades');
    expect(grovex.trades).toEqual([
      { exchange: 'cryptocom', symbol: 'BTCUSDT', id: '13652120', price: '86650.65', quantity: '0.26903', side: 'buy', time: 1790134150000 },
    ]);
    const bitrue = expectKind(onWire('bitrue-futures/ws-trade-ticker-e_btcusdt.json'), 'trades');
    expect(bitrue.trades[0]).toMatchObject({ id: '1790133519078-86525.9-15-buy', side: 'buy', quantity: '15' });
    expect(expectKind(onWire('bitrue-futures/ws-trade-ticker-e_btcusdt.json'), 'trades').trades[0]!.id).toBe(bitrue.trades[0]!.id);
    expect(expectKind(onWire('bittime-futures/ws-trade-ticker-e_btcusdt.json'), 'trades').trades[0]).toMatchObject({ price: '86735.2', time: 1790133854505 });
  });

  it('the trade history reply (event_rep rep) gives history trades', () => {
    const rep = expectKind(onWire('grovex/ws-req-trade-ticker-history-reply.json'), 'trades');
    expect(rep.history).toBe(true);
    expect(rep.trades).toEqual([
      { exchange: 'cryptocom', symbol: 'BTCUSDT', id: '13652127', price: '86691.94', quantity: '0.24616', side: 'sell', time: 1790134230000 },
    ]);
  });

  it('the unknown-event echo is a non-gzip binary frame: read as text and ignored, no throw', () => {
    for (const name of ['grovex/ws-unknown-event-echo.json', 'bittime-futures/ws-unknown-event-echo.json']) {
      const frame = Buffer.from(fixture(name));
      expect(frame[0]).not.toBe(0x1f);
      expect(parseWsMessage(decodeFrame(frame, true))).toMatchObject({ kind: 'ignored' });
    }
  });
});

describe('frame decoding faults', () => {
  it('a truncated gzip frame throws (the stream drops it) instead of yielding garbage', () => {
    const whole = gzipSync(Buffer.from(fixture('grovex/ws-depth-step0-snapshot-btcusdt.json')));
    expect(() => decodeFrame(whole.subarray(0, whole.length - 12), true)).toThrow();
  });

  it('a text frame passes through undecoded', () => {
    expect(decodeFrame('{"ping":5}', false)).toBe('{"ping":5}');
  });

  it('non-JSON text throws a WireError naming the frame', () => {
    expect(() => parseWsMessage('garbage')).toThrow(/frame: not JSON/);
  });
});

describe('nesting is bounded on the depth fast path too (issue 12)', () => {
  const depthPush = (extra: string, tick = '{"asks":[["101","1"]],"buys":[["100","2"]]}') => `{"channel":"market_btcusdt_depth_step0","ts":5,${extra}"tick":${tick}}`;
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

  it('a deep value beside a readable tick, or in place of its levels, is refused as nested too deep', () => {
    for (const text of [depthPush(`"x":${deep(10_000)},`), depthPush('', `{"asks":${deep(10_000)},"buys":[]}`), `${depthPush('')}`.replace('"ts":5', `"ts":5,"y":{"z":${deep(40)}}`)]) {
      expect(() => parseWsMessage(text), text.slice(0, 80)).toThrow(/nested deeper than 32 levels/);
    }
  });

  it('a depth push nested up to the bound still reads on the fast path', () => {
    const text = depthPush(`"x":${deep(30)},`);
    expect(parseWsMessage(text)).toMatchObject({ kind: 'depth', bids: [['100', '2']], asks: [['101', '1']] });
  });
});

describe('other push shapes of §6', () => {
  it('a subscription ack (subed) is ignored', () => {
    expect(parseWsMessage('{"event_rep":"subed","channel":"market_btcusdt_ticker","cb_id":"x","ts":1,"status":"ok"}')).toMatchObject({ kind: 'ignored' });
  });

  it('incremental depth frames become level changes with asks/buys mapped to sides', () => {
    const msg = expectKind(parseWsMessage('{"channel":"market_btcusdt_depth_step0","ts":5,"tick":{"side":"buys","price":100.5,"volume":0}}'), 'depth-delta');
    expect(msg.changes).toEqual([{ side: 'bid', price: '100.5', quantity: '0' }]);
    const many = expectKind(parseWsMessage('{"channel":"market_btcusdt_depth_step0","ts":5,"tick":[{"side":"asks","price":"101","volume":"2"}]}'), 'depth-delta');
    expect(many.changes).toEqual([{ side: 'ask', price: '101', quantity: '2' }]);
    const bad = expectKind(parseWsMessage('{"channel":"market_btcusdt_depth_step0","ts":5,"tick":{"side":"up","price":1,"volume":1}}'), 'depth-suspect');
    expect(bad.error.message).toMatch(/tick\[0\]\.side/);
  });

  it('kline pushes and history carry second buckets; review gives every ticker', () => {
    const k = expectKind(parseWsMessage('{"channel":"market_btcusdt_kline_1min","ts":1,"tick":{"id":1588707000,"open":1,"high":"2","low":0.5,"close":1.5,"vol":"10","amount":15}}'), 'kline');
    expect(k).toMatchObject({ native: 'btcusdt', period: '1min', candle: { time: 1588707000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 } });
    const h = expectKind(parseWsMessage('{"event_rep":"rep","channel":"market_btcusdt_kline_1min","ts":1,"data":[{"id":120,"open":1,"high":1,"low":1,"close":1,"vol":1},{"id":60,"open":1,"high":1,"low":1,"close":1,"vol":1}]}'), 'kline-history');
    expect(h.candles.map((c) => c.time)).toEqual([60, 120]);
    const r = expectKind(parseWsMessage('{"event_rep":"rep","channel":"review","ts":9,"data":{"btcusdt":{"amount":"1","close":"10","high":"11","low":"9","open":"8","rose":"0.25","vol":"3"},"crobtc":{"amount":"1","close":"0.0000069","high":"0.00000700","low":"0.0000068","open":"0.0000069","rose":"0","vol":"100"}}}'), 'review');
    expect(r.tickers.map((t) => [t.symbol, t.last, t.changeRatio])).toEqual([['BTCUSDT', '10', 0.25], ['CROBTC', '0.0000069', 0]]);
  });

  it('request frames leave unset fields out and use the documented channel names', () => {
    expect(channels.depth('btcusdt', 1)).toBe('market_btcusdt_depth_step1');
    expect(channels.kline('btcusdt', '60min')).toBe('market_btcusdt_kline_60min');
    expect(JSON.parse(requestFrame('req', 'market_btcusdt_kline_1min', { endIdx: '', pageSize: 300, since: undefined }))).toEqual({
      event: 'req',
      params: { channel: 'market_btcusdt_kline_1min', cb_id: 'market_btcusdt_kline_1min', pageSize: 300 },
    });
    expect(JSON.parse(depthSubFrame('btcusdt'))).toEqual(JSON.parse(fixture('grovex/ws-client-sub-depth-step0.json').replace('"cb_id":"btcusdt"', '"cb_id":"market_btcusdt_depth_step0"')));
  });
});
