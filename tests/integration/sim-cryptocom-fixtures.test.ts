import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { type CryptocomSimulator, startCryptocomSimulator } from '../../src/main/sim/cryptocom';
import { get, onChannel, RawWs, seedBook } from '../support/cryptocom-sim';

// The simulator's frames next to the real ChainUP-family captures (tests/fixtures/chainup-live,
// copied from shared/fixtures): same keys in the same order, same JSON types.
const dir = join(__dirname, '..', 'fixtures', 'chainup-live');
const fixture = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;

/** A value's JSON shape: key order and types, recursively (arrays by their first item). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (value === null) return 'null';
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, shape(v)]));
  return typeof value;
}

/** Same keys in the same order and the same JSON types. */
function expectSameShape(actual: unknown, expected: unknown): void {
  expect(JSON.stringify(shape(actual))).toBe(JSON.stringify(shape(expected)));
}

let sim: CryptocomSimulator;
const clients: RawWs[] = [];

beforeAll(async () => {
  sim = await startCryptocomSimulator({ synthetic: false, quirks: { rateLimitsEnabled: false, wsTickThrottleMs: 0, wsDepthThrottleMs: 0 } });
  seedBook(sim, 'BTCUSDT', '86700', '0.5', '0.2');
  sim.engine.addAccount('taker', { USDT: '100000', BTC: '10' });
});
afterAll(async () => {
  await sim.stop();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

async function connect(): Promise<RawWs> {
  const ws = await RawWs.open(sim.wsUrl);
  clients.push(ws);
  return ws;
}

describe('V1 frames look like the live ChainUP captures', () => {
  it('depth snapshots (GroveX step0 and step2)', async () => {
    const ws = await connect();
    ws.send(fixture('grovex/ws-client-sub-depth-step0.json'));
    ws.sub('market_btcusdt_depth_step2');
    const step0 = await ws.next(onChannel('market_btcusdt_depth_step0'));
    const step2 = await ws.next(onChannel('market_btcusdt_depth_step2'));
    expectSameShape(step0.json, fixture('grovex/ws-depth-step0-snapshot-btcusdt.json'));
    expectSameShape(step2.json, fixture('grovex/ws-depth-step2-snapshot-btcusdt.json'));
  });

  it('an empty book has empty asks and buys', async () => {
    const ws = await connect();
    ws.sub('market_ethusdt_depth_step0');
    const empty = await ws.next(onChannel('market_ethusdt_depth_step0'));
    expect(empty.json!.tick).toEqual(fixture('grovex/ws-depth-step0-empty-book-tigrinousdt.json').tick);
  });

  it('ticker and trade pushes, with the uppercase side switched on as on GroveX', async () => {
    sim.quirks.wsTradeSideCase = 'upper';
    const ws = await connect();
    ws.sub('market_btcusdt_trade_ticker');
    ws.sub('market_btcusdt_ticker');
    const ticker = await ws.next(onChannel('market_btcusdt_ticker'));
    expectSameShape(ticker.json, fixture('grovex/ws-ticker-btcusdt.json'));
    expect(sim.engine.place({ accountId: 'taker', symbol: 'BTCUSDT', side: 'buy', type: 'market', quoteAmount: '100' }).ok).toBe(true);
    const trade = await ws.next(onChannel('market_btcusdt_trade_ticker'));
    const sample = fixture('grovex/ws-trade-ticker-btcusdt.json');
    // V1 adds the max trade id to the tick (specs/cryptocom-v1.md §6.6); the rest is GroveX's.
    const { id: maxId, ...tick } = trade.json!.tick as Record<string, unknown>;
    expect(typeof maxId).toBe('number');
    expectSameShape({ ...trade.json, tick }, sample);
    expect(((tick.data as Record<string, unknown>[])[0]!).side).toBe('BUY');
  });

  it('the trade history reply', async () => {
    const ws = await connect();
    ws.send({ event: 'req', params: { channel: 'market_btcusdt_trade_ticker', top: 1 } });
    const rep = await ws.next((f) => f.json?.event_rep === 'rep');
    const { top, ...rest } = rep.json!;
    expect(top).toBe(1);
    expectSameShape(rest, fixture('grovex/ws-req-trade-ticker-history-reply.json'));
  });

  it('the unknown-event echo is the request, not gzip', async () => {
    const ws = await connect();
    const request = readFileSync(join(dir, 'grovex/ws-unknown-event-echo.json'), 'utf8').trim();
    ws.send(request);
    const echo = await ws.next(() => true);
    expect(echo.gzip).toBe(false);
    expect(echo.raw.toString('utf8')).toBe(request);
  });

  it('the server ping is {"ping":n} like the Bitrue/Bittime captures', async () => {
    sim.quirks.wsPingIntervalMs = 20;
    sim.restartWsTimers();
    const ws = await connect();
    const ping = await ws.next((f) => f.json?.ping !== undefined);
    expectSameShape(ping.json, fixture('bitrue-futures/ws-server-ping.json'));
    ws.send(fixture('bitrue-futures/ws-client-pong.json'));
    sim.quirks.wsPingIntervalMs = 0;
    sim.restartWsTimers();
  });

  it('the symbols row carries the GroveX keys V1 documents', async () => {
    const rows = ((await get(sim, '/v1/symbols')).json as { data: Record<string, unknown>[] }).data;
    const { limit_volume_min: _extra, ...grovex } = fixture('grovex/rest-common-symbols-row-btcusdt.json');
    expectSameShape(rows[0], grovex);
  });

  it('an unknown path answers a Spring-style 404 like GroveX', async () => {
    const r = await get(sim, '/open/api/nope');
    expect(r.status).toBe(404);
    expectSameShape(r.json, fixture('grovex/rest-404-unknown-path.json'));
  });
});
