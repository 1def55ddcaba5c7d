import Big from 'big.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { CryptocomQuirks } from '../../src/main/sim/cryptocom';
import { startRig, type CdcRig } from '../support/cryptocom-connector';
import { assertOk } from '../support/result';

// The connector's REST side against the Crypto.com V1 simulator (specs/cryptocom-v1.md §5),
// with the simulator's defaults and then with every listed variant switched on.

let rig: CdcRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

/** Books and candle history from the synthetic market, stepped until BTCUSDT has traded. */
function liven(r: CdcRig): void {
  r.sim.market.bootstrap();
  for (let i = 0; i < 500 && r.sim.engine.recentTrades('BTCUSDT').length === 0; i++) r.sim.market.step(5);
  expect(r.sim.engine.recentTrades('BTCUSDT').length).toBeGreaterThan(0);
}

const norm = (levels: readonly (readonly [string, string])[]) => levels.map(([p, q]) => [new Big(p).toFixed(), new Big(q).toFixed()]);

/** Everything a terminal reads over REST, checked against the simulator's own state. */
async function readEverything(r: CdcRig): Promise<void> {
  const c = r.connector;
  const markets = await c.markets();
  assertOk(markets);
  const btc = markets.value.find((m) => m.symbol === 'BTCUSDT')!;
  const simBtc = r.sim.engine.market('BTCUSDT')!;
  expect(btc).toMatchObject({ exchange: 'cryptocom', nativeSymbol: 'btcusdt', base: 'BTC', quote: 'USDT', pricePrecision: simBtc.pricePrecision, quantityPrecision: simBtc.quantityPrecision });
  expect(new Big(btc.tickSize).eq(new Big(10).pow(-simBtc.pricePrecision))).toBe(true);
  expect(markets.value.map((m) => m.symbol).sort()).toEqual(r.sim.engine.listMarkets().map((m) => m.symbol).sort());

  const tickers = await c.tickers();
  expect(tickers.ok && tickers.value.map((t) => t.symbol).sort()).toEqual(markets.value.map((m) => m.symbol).sort());
  const one = await c.rest.ticker('btcusdt');
  expect(one).toMatchObject({ ok: true, value: { symbol: 'BTCUSDT' } });

  const book = await c.orderBook('BTCUSDT', 20);
  assertOk(book);
  const simBook = r.sim.engine.book('BTCUSDT', 20);
  expect(norm(book.value.bids)).toEqual(norm(simBook.bids));
  expect(norm(book.value.asks)).toEqual(norm(simBook.asks));
  for (const step of [1, 2] as const) {
    const merged = await c.rest.depth('btcusdt', step);
    assertOk(merged);
    expect(merged.value.bids.length).toBeGreaterThan(0);
    // Merged prices carry no more decimals than the full-precision book.
    const decimals = (p: string) => (p.split('.')[1] ?? '').length;
    expect(Math.max(...merged.value.bids.map(([p]) => decimals(new Big(p).toFixed())))).toBeLessThanOrEqual(btc.pricePrecision);
  }

  const trades = await c.recentTrades('BTCUSDT');
  assertOk(trades);
  expect(trades.value.length).toBeGreaterThan(0);
  for (let i = 1; i < trades.value.length; i++) expect(trades.value[i]!.time).toBeGreaterThanOrEqual(trades.value[i - 1]!.time);

  const now = Math.floor(Date.now() / 1000);
  for (const res of ['1m', '1h', '4h'] as const) {
    const candles = await c.candles('BTCUSDT', res, now - 30 * 86_400, now + 60);
    assertOk(candles);
    expect(candles.value.length).toBeGreaterThan(0);
    for (let i = 1; i < candles.value.length; i++) expect(candles.value[i]!.time).toBeGreaterThan(candles.value[i - 1]!.time);
    // 4h buckets start on 4-hour boundaries; the others on their own (1m and 1h divide 4h).
    expect(candles.value.every((k) => k.time % { '1m': 60, '1h': 3_600, '4h': 14_400 }[res] === 0)).toBe(true);
  }

  const balances = await c.balances();
  assertOk(balances);
  const simBalances = r.sim.engine.balances(r.engineAccount).filter((b) => new Big(b.free).plus(b.locked).gt(0));
  expect(balances.value.map((b) => [b.asset, new Big(b.free).toFixed(), new Big(b.locked).toFixed()]).sort()).toEqual(
    simBalances.map((b) => [b.asset.toUpperCase(), new Big(b.free).toFixed(), new Big(b.locked).toFixed()]).sort(),
  );
  expect(await c.checkCredentials()).toMatchObject({ ok: true });
  // Everything stayed inside the simulator's §3 limits: not one 429.
  expect(r.proxy.seen.filter((s) => s.status === 429).map((s) => s.path)).toEqual([]);
}

describe('Crypto.com connector REST against the simulator', () => {
  it('reads markets, tickers, books at every step, trades, candles (1m, 1h, 4h) and balances as the simulator holds them', async () => {
    rig = await startRig();
    liven(rig);
    await readEverything(rig);
  });

  it('an unknown symbol is NOT_FOUND before any market call is made', async () => {
    rig = await startRig();
    const before = rig.proxy.seen.length;
    const r = await rig.connector.orderBook('NOPEUSDT');
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'symbol' } });
    expect(rig.proxy.seen.slice(before).map((s) => s.path)).toEqual(['/v1/symbols']);
  });

  it('a wrong secret is AUTH_INVALID_KEY carrying the exchange message', async () => {
    rig = await startRig();
    const bad = rig.withSecret('not-the-secret-0000000000000000');
    const r = await bad.checkCredentials();
    expect(r).toMatchObject({ ok: false, error: { code: 'AUTH_INVALID_KEY', retryable: false } });
    expect(!r.ok && r.error.message).toMatch(/sign illegal/);
    expect(!r.ok && r.error.message).not.toContain('not-the-secret');
  });

  const VARIANTS: [string, Partial<CryptocomQuirks>][] = [
    ['lower-case coins, numbers for ticker and account decimals, btcValuation, upper-case account coins', { symbolCoinCase: 'lower', tickerDecimals: 'number', accountDecimals: 'number', btcValuationKey: 'btcValuation', accountCoinCase: 'upper' }],
    ['strings for trades, depth and klines, depth time in ms, klines newest first', { tradeDecimals: 'string', depthDecimals: 'string', klineDecimals: 'string', depthTime: 'ms', klineOrder: 'desc' }],
    ['the FAQ rate table, long error codes, business errors on HTTP 400, unknown symbols as 100004', { rateLimitTable: 'faq', errorCodeSet: 'long', businessErrorHttpStatus: 400, unknownMarketSymbol: 'code-100004' }],
  ];
  for (const [name, quirks] of VARIANTS) {
    it(`reads everything the same with ${name}`, async () => {
      rig = await startRig({ quirks });
      liven(rig);
      await readEverything(rig);
    });
  }
});
