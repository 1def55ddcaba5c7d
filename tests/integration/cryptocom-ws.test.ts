import Big from 'big.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { BookSnapshot, Candle, StreamStatus, Ticker, Trade } from '../../src/shared';
import { startRig, waitFor, type CdcRig } from '../support/cryptocom-connector';

// The connector's market socket against the simulator (specs/cryptocom-v1.md §6).

let rig: CdcRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const norm = (levels: readonly (readonly [string, string])[]) => levels.map(([p, q]) => `${new Big(p).toFixed()}@${new Big(q).toFixed()}`);
const sameBook = (book: BookSnapshot | undefined, r: CdcRig, symbol: string) => {
  if (!book || book.stale) return false;
  const sim = r.sim.engine.book(symbol, 150);
  return norm(book.bids).join() === norm(sim.bids).join() && norm(book.asks).join() === norm(sim.asks).join();
};

/** One taker trade on BTCUSDT at the best ask, made in the engine by a throwaway account. */
function trade(r: CdcRig, quantity = '0.001'): void {
  if (!r.sim.engine.hasAccount('t')) r.sim.engine.addAccount('t', { USDT: '10000000', BTC: '100' });
  const placed = r.sim.engine.place({ accountId: 't', symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity });
  expect(placed.ok).toBe(true);
}

describe('Crypto.com market socket against the simulator', () => {
  it('the book equals the simulator book after every change, and only whole snapshots are needed', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    let last: BookSnapshot | undefined;
    rig.connector.watchBook('BTCUSDT', (b) => (last = b));
    await waitFor(() => sameBook(last, rig!, 'BTCUSDT'), 'first snapshot equal to the engine book');
    for (let i = 0; i < 5; i++) {
      rig.sim.market.step(20);
      await waitFor(() => sameBook(last, rig!, 'BTCUSDT'), `book equal after change ${i}`);
    }
    expect(rig.connector.stream.dropped).toBe(0);
    // The depth subscription went out once, in the ChainUP shape (§6.3).
    const subs = rig.tap.frames().filter((f) => f.event === 'sub');
    expect(subs).toEqual([{ event: 'sub', params: { channel: 'market_btcusdt_depth_step0', cb_id: 'market_btcusdt_depth_step0', asks: 150, bids: 150 } }]);
  });

  it('answers the server pings with pongs of the same value and never sends a ping of its own', async () => {
    rig = await startRig({ quirks: { wsPingIntervalMs: 100, wsClientPingCloses: true } });
    rig.connector.watchTicker('BTCUSDT', () => {});
    await waitFor(() => rig!.tap.frames().filter((f) => 'pong' in f).length >= 3, 'three pongs');
    const pongs = rig.tap.frames().filter((f) => 'pong' in f);
    for (const p of pongs) expect(rig.tap.serverPings).toContain(p.pong);
    expect(rig.tap.frames().some((f) => 'ping' in f)).toBe(false);
    expect(rig.tap.connections).toBe(1);
  });

  it('trades arrive once each, with the engine ids, oldest first', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    const got: Trade[] = [];
    rig.connector.watchTrades('BTCUSDT', (t) => got.push(...t));
    await waitFor(() => rig!.connector.stream.state === 'connected' && rig!.tap.frames().length > 0, 'subscribed');
    await waitFor(() => rig!.sim.wsConnections === 1, 'sim session');
    const before = rig.sim.engine.recentTrades('BTCUSDT', 1000).length;
    trade(rig);
    trade(rig);
    const engineTrades = () => rig!.sim.engine.recentTrades('BTCUSDT', 1000).slice(0, rig!.sim.engine.recentTrades('BTCUSDT', 1000).length - before);
    await waitFor(() => got.length >= engineTrades().length && engineTrades().length >= 2, 'trade pushes');
    expect(new Set(got.map((t) => t.id)).size).toBe(got.length);
    expect(got.map((t) => t.id).sort()).toEqual(engineTrades().map((t) => String(t.id)).sort());
    for (let i = 1; i < got.length; i++) expect(got[i]!.time).toBeGreaterThanOrEqual(got[i - 1]!.time);
  });

  it('the ticker and the current 1m candle follow the last trade', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    const tickers: Ticker[] = [];
    const candles: Candle[] = [];
    rig.connector.watchTicker('BTCUSDT', (t) => tickers.push(t));
    rig.connector.watchCandles('BTCUSDT', '1m', (c) => candles.push(c));
    await waitFor(() => rig!.sim.wsConnections === 1 && rig!.tap.frames().filter((f) => f.event === 'sub').length === 2, 'subscribed');
    trade(rig);
    const last = () => rig!.sim.engine.lastPrice('BTCUSDT')!;
    await waitFor(() => tickers.some((t) => new Big(t.last).eq(last())), 'ticker with the last price');
    await waitFor(() => candles.some((c) => new Big(c.close).eq(last())), 'candle with the last price');
    const times = candles.map((c) => c.time);
    expect(times.every((t) => t % 60 === 0)).toBe(true);
    // A repeated push of an unchanged candle is not passed on.
    for (let i = 1; i < candles.length; i++) expect(candles[i]).not.toEqual(candles[i - 1]);
  });

  it('review answers every market; tickers() falls back to it when REST fails', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    const review = await rig.connector.stream.review(5000);
    expect(review.ok && review.value.map((t) => t.symbol).sort()).toEqual(rig.sim.engine.listMarkets().map((m) => m.symbol).sort());
    rig.sim.faults.failNext({ status: 503, count: 1, match: { path: /^\/v1\/ticker$/ } });
    const tickers = await rig.connector.tickers();
    expect(tickers.ok && tickers.value.length).toBe(rig.sim.engine.listMarkets().length);
    expect(rig.proxy.seen.filter((s) => s.path === '/v1/ticker').map((s) => s.status)).toEqual([503]);
  });

  it('closes the socket when the last pane unsubscribes and reports the stream closed', async () => {
    rig = await startRig();
    const states: StreamStatus[][] = [];
    rig.connector.onStreams((s) => states.push(s));
    const off = rig.connector.watchTicker('BTCUSDT', () => {});
    await waitFor(() => rig!.sim.wsConnections === 1, 'connected');
    off();
    await waitFor(() => rig!.sim.wsConnections === 0, 'socket closed after the linger');
    expect(rig.tap.frames().at(-1)).toMatchObject({ event: 'unsub', params: { channel: 'market_btcusdt_ticker' } });
    expect(rig.connector.streams().find((s) => s.kind === 'public')!.state).toBe('closed');
    expect(states.some((s) => s.find((x) => x.kind === 'public')?.state === 'connected')).toBe(true);
  });
});
