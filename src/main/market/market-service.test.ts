import { describe, expect, it } from 'vitest';
import { err, ok, type BookSnapshot, type Candle, type EventChannel, type Result } from '../../shared';
import type { ExchangeConnector } from '../exchanges/connector';
import { createHandle } from '../ipc/handle';
import { FakeClock } from '../../../tests/support/fake-clock';
import { FakeConnector, fakeMarket } from '../../../tests/support/fake-connector';
import { MarketService, marketHandlers, MAX_CANDLES, MAX_STREAMS_PER_RENDERER } from './market-service';
import type { MarketSource } from './market-sources';

const NOW_S = 1_700_000_000;

function setup(symbols = ['BTCUSDT', 'ETHUSDT', 'BTCUSDT/P']) {
  const clock = new FakeClock(NOW_S * 1000);
  const connector = new FakeConnector('icrypex', 'acct-1', symbols);
  const events: Array<{ channel: EventChannel; payload: unknown }> = [];
  const connectorFor = ({ accountId, exchange }: MarketSource): Result<ExchangeConnector> =>
    accountId === 'acct-1' || (accountId === undefined && exchange === 'icrypex') ? ok(connector) : err('NOT_FOUND', `no account "${accountId}"`, { field: 'accountId' });
  const service = new MarketService({ connectorFor, emit: (channel, payload) => events.push({ channel, payload }), clock });
  const handle = createHandle({ handlers: marketHandlers(service), isTrustedSender: () => true, checkResponses: true });
  const sender = { id: 1, frameUrl: 'file:///x', isTopFrame: true };
  const call = (channel: string, payload: unknown) => handle(channel, sender, payload);
  /** The same call from another renderer (webContents or bridge connection `id`). */
  const callAs = (id: number, channel: string, payload: unknown) => handle(channel, { ...sender, id }, payload);
  return { clock, connector, events, service, call, callAs };
}

describe('MarketService', () => {
  it('lists markets and tickers through the account’s connector', async () => {
    const { call, connector } = setup();
    connector.tickersResult = ok([{ exchange: 'icrypex', symbol: 'BTCUSDT', last: '1', high: '1', low: '1', changeRatio: 0, volume: '0', time: 1 }]);
    const markets = await call('market:list', { accountId: 'acct-1' });
    expect(markets.ok && (markets.value as Array<{ symbol: string }>).map((m) => m.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'BTCUSDT/P']);
    expect(await call('market:tickers', { accountId: 'acct-1' })).toMatchObject({ ok: true, value: [{ symbol: 'BTCUSDT' }] });
  });

  it('passes the lookup’s error through for an unknown account, and the connector’s own errors too', async () => {
    const { call, connector } = setup();
    expect(await call('market:list', { accountId: 'nope' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no account "nope"', retryable: false, field: 'accountId' },
    });
    connector.tickersResult = err('RATE_LIMITED', 'icrypex: rate limited (ticker)');
    expect(await call('market:tickers', { accountId: 'acct-1' })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryable: true } });
  });

  it('fills the chart by default: 300 candles ending now, with the symbol in the exchange’s spelling', async () => {
    const { call, connector } = setup();
    const candles: Candle[] = [{ time: NOW_S - 60, open: 1, high: 2, low: 1, close: 2, volume: 3 }];
    connector.candlesResult = ok(candles);
    expect(await call('market:candles', { accountId: 'acct-1', symbol: 'btc/usdt', resolution: '1m' })).toEqual({ ok: true, value: candles });
    expect(connector.calls.at(-1)).toBe(`candles BTCUSDT 1m ${NOW_S - 300 * 60} ${NOW_S}`);
    await call('market:candles', { accountId: 'acct-1', symbol: 'ETHUSDT', resolution: '1h', from: 1_000, to: 8_200 });
    expect(connector.calls.at(-1)).toBe('candles ETHUSDT 1h 1000 8200');
  });

  it('refuses a backwards or oversized candle range and an unknown symbol, naming the field', async () => {
    const { call } = setup();
    expect(await call('market:candles', { accountId: 'acct-1', symbol: 'BTCUSDT', resolution: '1m', from: 500, to: 500 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'from', message: 'from (500) must be before to (500)' },
    });
    const tooMany = await call('market:candles', { accountId: 'acct-1', symbol: 'BTCUSDT', resolution: '1m', from: 0, to: (MAX_CANDLES + 1) * 60 });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'from' } });
    expect(!tooMany.ok && tooMany.error.message).toBe(`that range holds ${MAX_CANDLES + 1} 1m candles; ask for at most ${MAX_CANDLES} at a time`);
    expect(await call('market:candles', { accountId: 'acct-1', symbol: 'DOGEUSDT', resolution: '1m' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'symbol', message: '"DOGEUSDT" is not a market on icrypex' },
    });
  });

  it('refuses a resolution the exchange does not serve (1month is Crypto.com only), for history and streams', async () => {
    const { call, connector } = setup();
    const refused = { ok: false, error: { code: 'VALIDATION', field: 'resolution', message: 'Icrypex has no 1month candles' } };
    expect(await call('market:candles', { accountId: 'acct-1', symbol: 'BTCUSDT', resolution: '1month' })).toMatchObject(refused);
    expect(await call('market:subscribe', { stream: 'candles', accountId: 'acct-1', symbol: 'BTCUSDT', resolution: '1month' })).toMatchObject(refused);
    expect(connector.calls.filter((c) => c.startsWith('candles'))).toEqual([]);
  });

  it('subscribes with the exchange’s symbol and delivers coalesced pushes under the answered id', async () => {
    const { call, connector, clock, events } = setup();
    const reply = await call('market:subscribe', { stream: 'book', accountId: 'acct-1', symbol: 'btc-usdt' });
    expect(reply.ok).toBe(true);
    const { subscriptionId } = (reply as { value: { subscriptionId: string } }).value;
    expect(connector.watching('book|BTCUSDT')).toBe(1);
    const snapshot: BookSnapshot = { exchange: 'icrypex', symbol: 'BTCUSDT', bids: [['1', '1']], asks: [['2', '1']], stale: false, time: 1 };
    connector.push('book|BTCUSDT', snapshot);
    clock.advance(0);
    expect(events).toEqual([{ channel: 'market:book', payload: { subscriptionId, book: snapshot } }]);
    expect(await call('market:unsubscribe', { subscriptionId })).toEqual({ ok: true, value: { removed: true } });
    expect(await call('market:unsubscribe', { subscriptionId })).toEqual({ ok: true, value: { removed: false } });
    expect(connector.watching('book|BTCUSDT')).toBe(0);
  });

  it('tells a perpetual from its spot pair and prefers the exact spelling', async () => {
    const { call, connector } = setup();
    await call('market:subscribe', { stream: 'trades', accountId: 'acct-1', symbol: 'BTCUSDT/P' });
    expect(connector.watching('trades|BTCUSDT/P')).toBe(1);
    expect(connector.watching('trades|BTCUSDT')).toBe(0);
  });

  it('refuses an unknown symbol with a VALIDATION error on symbol, and malformed requests at the contract', async () => {
    const { call, connector } = setup();
    expect(await call('market:subscribe', { stream: 'ticker', accountId: 'acct-1', symbol: 'NOPEUSDT' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'symbol' },
    });
    expect(await call('market:subscribe', { stream: 'book', accountId: 'acct-1', symbol: 'BTCUSDT', depth: 5_000 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'depth' },
    });
    expect(connector.watching('ticker|NOPEUSDT')).toBe(0);
  });

  it('checks symbols against the connector’s list, which owns the one cache of it (no second lifetime here)', async () => {
    const { call, connector } = setup();
    expect(await call('market:subscribe', { stream: 'ticker', accountId: 'acct-1', symbol: 'BTCUSDT' })).toMatchObject({ ok: true });
    connector.marketsResult = ok([...(connector.marketsResult.ok ? connector.marketsResult.value : []), { ...fakeMarket('icrypex', 'SOLUSDT') }]);
    expect(await call('market:subscribe', { stream: 'ticker', accountId: 'acct-1', symbol: 'SOLUSDT' })).toMatchObject({ ok: true });
    expect(connector.watching('ticker|SOLUSDT')).toBe(1);
  });

  it('still subscribes (upper-cased, unchecked) when the markets cannot be loaded', async () => {
    const { call, connector } = setup();
    connector.marketsResult = err('NETWORK', 'icrypex GET /v1/exchange/info: connection refused');
    expect(await call('market:subscribe', { stream: 'ticker', accountId: 'acct-1', symbol: 'ethusdt' })).toMatchObject({ ok: true });
    expect(connector.watching('ticker|ETHUSDT')).toBe(1);
  });

  it('answers INTERNAL when the connector cannot start the stream', async () => {
    const { call, connector } = setup();
    connector.watchTicker = () => {
      throw new Error('socket closed for good');
    };
    expect(await call('market:subscribe', { stream: 'ticker', accountId: 'acct-1', symbol: 'BTCUSDT' })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'could not start the ticker stream: socket closed for good' },
    });
  });

  it('stop() ends every stream', async () => {
    const { call, connector, service } = setup();
    await call('market:subscribe', { stream: 'ticker', accountId: 'acct-1', symbol: 'BTCUSDT' });
    await call('market:subscribe', { stream: 'candles', accountId: 'acct-1', symbol: 'BTCUSDT', resolution: '5m' });
    service.stop();
    expect(connector.watching('ticker|BTCUSDT') + connector.watching('candles|BTCUSDT|5m')).toBe(0);
  });

  it('shares identical subscriptions of one renderer under one id and one push, ref-counted', async () => {
    const { call, callAs, connector, clock, events } = setup();
    const ids = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const reply = await call('market:subscribe', { stream: 'book', accountId: 'acct-1', symbol: i % 2 ? 'btcusdt' : 'BTC/USDT', depth: 20 });
      if (reply.ok) ids.add((reply.value as { subscriptionId: string }).subscriptionId);
    }
    expect(ids.size).toBe(1);
    const [id] = [...ids] as [string];
    expect(connector.watching('book|BTCUSDT')).toBe(1);
    connector.push('book|BTCUSDT', { exchange: 'icrypex', symbol: 'BTCUSDT', bids: [['1', '1']], asks: [['2', '1']], stale: false, time: 1 });
    clock.advance(0);
    expect(events).toHaveLength(1);
    // Another renderer neither shares the id nor can end this one's subscription.
    const other = await callAs(2, 'market:subscribe', { stream: 'book', accountId: 'acct-1', symbol: 'BTCUSDT', depth: 20 });
    expect(other.ok && (other.value as { subscriptionId: string }).subscriptionId).not.toBe(id);
    expect(await callAs(2, 'market:unsubscribe', { subscriptionId: id })).toEqual({ ok: true, value: { removed: false } });
    // 1,999 unsubscribes keep it; the 2,000th ends it.
    for (let i = 0; i < 1_999; i++) await call('market:unsubscribe', { subscriptionId: id });
    connector.push('book|BTCUSDT', { exchange: 'icrypex', symbol: 'BTCUSDT', bids: [['1', '2']], asks: [['2', '1']], stale: false, time: 2 });
    clock.advance(20);
    expect(events.filter((e) => (e.payload as { subscriptionId: string }).subscriptionId === id)).toHaveLength(2);
    expect(await call('market:unsubscribe', { subscriptionId: id })).toEqual({ ok: true, value: { removed: true } });
    expect(await call('market:unsubscribe', { subscriptionId: id })).toEqual({ ok: true, value: { removed: false } });
  });

  it(`caps each renderer at ${MAX_STREAMS_PER_RENDERER} distinct streams with a typed error, and frees them when the renderer goes`, async () => {
    const symbols = Array.from({ length: 100 }, (_, i) => `C${i}USDT`);
    const { call, callAs, connector, service } = setup(symbols);
    for (let i = 0; i < MAX_STREAMS_PER_RENDERER; i++) {
      expect((await call('market:subscribe', { stream: 'ticker', accountId: 'acct-1', symbol: symbols[i] })).ok).toBe(true);
    }
    const over = await call('market:subscribe', { stream: 'ticker', accountId: 'acct-1', symbol: symbols[MAX_STREAMS_PER_RENDERER] });
    expect(over).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryable: false, message: expect.stringMatching(new RegExp(`${MAX_STREAMS_PER_RENDERER} market streams`)) } });
    expect(connector.watching(`ticker|${symbols[MAX_STREAMS_PER_RENDERER]}`)).toBe(0);
    // An already-watched stream is still shared, and another renderer has its own budget.
    expect((await call('market:subscribe', { stream: 'ticker', accountId: 'acct-1', symbol: symbols[0] })).ok).toBe(true);
    expect((await callAs(2, 'market:subscribe', { stream: 'ticker', accountId: 'acct-1', symbol: symbols[99] })).ok).toBe(true);
    // The renderer closes (or reloads): all of its subscriptions end at once.
    service.releaseRenderer(1);
    expect(symbols.slice(0, MAX_STREAMS_PER_RENDERER).reduce((n, s) => n + connector.watching(`ticker|${s}`), 0)).toBe(0);
    expect(connector.watching(`ticker|${symbols[99]}`)).toBe(1);
    expect((await call('market:subscribe', { stream: 'ticker', accountId: 'acct-1', symbol: symbols[MAX_STREAMS_PER_RENDERER] })).ok).toBe(true);
  });
});
