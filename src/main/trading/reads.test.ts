import { describe, expect, it } from 'vitest';
import { err, ok, type Account, type Balance, type Market, type Order, type Result } from '../../shared';
import type { ExchangeConnector, HistoryQuery } from '../exchanges/connector';
import { marketsToRead } from './reads';
import { TradingService } from './service';
import { assertOk } from '../../../tests/support/result';

const market = (symbol: string, base: string, quote: string): Market =>
  ({ symbol, nativeSymbol: symbol, base, quote, exchange: 'cryptocom' }) as unknown as Market;

const order = (accountId: string, symbol: string, id: string, createdAt: number): Order => ({
  accountId, exchange: 'cryptocom', symbol, id, side: 'buy', type: 'limit', status: 'filled',
  price: '1', quantity: '1', filledQuantity: '1', createdAt, updatedAt: createdAt,
});

/** A connector that answers reads from tables; `failing` symbols (or '*' for every read) answer an error. */
function stubConnector(options: { perMarket?: boolean; markets?: Market[]; balances?: Balance[]; history?: Record<string, Order[]>; open?: Order[]; failing?: string[] }): ExchangeConnector & { asked: (string | undefined)[] } {
  const asked: (string | undefined)[] = [];
  const fails = (symbol: string | undefined) => options.failing?.includes('*') || (symbol !== undefined && options.failing?.includes(symbol));
  const history = async (q: HistoryQuery): Promise<Result<Order[]>> => {
    asked.push(q.symbol);
    if (fails(q.symbol)) return err('NETWORK', 'timed out');
    if (options.perMarket && !q.symbol) return err('VALIDATION', 'choose a symbol', { field: 'symbol' });
    return ok(q.symbol ? (options.history?.[q.symbol] ?? []) : Object.values(options.history ?? {}).flat());
  };
  return {
    exchange: options.perMarket ? 'cryptocom' : 'icrypex',
    accountId: undefined,
    historyNeedsSymbol: options.perMarket,
    asked,
    markets: async () => ok(options.markets ?? []),
    balances: async () => ok(options.balances ?? []),
    orderHistory: history,
    openOrders: async () => (fails(undefined) ? err('NETWORK', 'timed out') : ok(options.open ?? [])),
  } as unknown as ExchangeConnector & { asked: (string | undefined)[] };
}

function service(connectors: Record<string, ExchangeConnector>) {
  const accounts: Record<string, Account> = Object.fromEntries(
    Object.keys(connectors).map((id) => [id, { id, exchange: connectors[id]!.exchange, label: id, mode: 'live', keyLast4: 'aaaa', endpoints: {}, createdAt: 0 } as Account]),
  );
  return new TradingService({
    source: { connector: async (id) => (connectors[id] ? ok(connectors[id]) : err('NOT_FOUND', 'gone')), account: (id) => accounts[id], accountIds: () => Object.keys(accounts) },
    settings: () => ({ readOnly: false, priceBandPercent: 10, symbolLimits: {}, accountGroups: [] }),
  });
}

const holding = (...assets: string[]): Balance[] => assets.map((asset) => ({ asset, free: '1', locked: '0' }) as Balance);

describe('reads across accounts never fail whole (issue 13 #5)', () => {
  it('answers the rows of the accounts that answered and names the one that failed', async () => {
    const good = stubConnector({ open: [order('', 'BTCUSDT', '1', 1)] });
    const bad = stubConnector({ failing: ['*'] });
    const read = await service({ good, bad }).open({});
    expect(read).toMatchObject({ ok: true, value: { rows: [{ accountId: 'good', id: '1' }], gaps: [{ accountId: 'bad', kind: 'failed', message: expect.stringMatching(/could not read open orders: timed out/) }] } });
    // One account asked by name that fails is an error: there is nothing else to show.
    expect(await service({ good, bad }).open({ accountId: 'bad' })).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
  });

  it('shares one per-market fan-out between the same reads asked while it runs, so repeated asks do not multiply exchange calls', async () => {
    const markets = [market('BTCUSDT', 'BTC', 'USDT'), market('ETHUSDT', 'ETH', 'USDT')];
    const cdc = stubConnector({ perMarket: true, markets, balances: holding('BTC', 'ETH', 'USDT'), history: { BTCUSDT: [order('', 'BTCUSDT', '1', 1)] } });
    const trading = service({ cdc });
    const [first, second, third] = await Promise.all([trading.history({}), trading.history({}), trading.history({})]);
    expect(cdc.asked.sort()).toEqual(['BTCUSDT', 'ETHUSDT']);
    for (const read of [first, second, third]) expect(read).toMatchObject({ ok: true, value: { rows: [{ accountId: 'cdc', id: '1' }] } });
    // Once it has ended, a new ask reads afresh.
    await trading.history({});
    expect(cdc.asked).toHaveLength(4);
  });

  it('reads all symbols of a one-market-at-a-time exchange over the markets it holds or traded, naming a market that failed and saying it may be partial', async () => {
    const markets = [market('BTCUSDT', 'BTC', 'USDT'), market('ETHUSDT', 'ETH', 'USDT'), market('CROBTC', 'CRO', 'BTC'), market('DOGEUSDT', 'DOGE', 'USDT')];
    const cdc = stubConnector({
      perMarket: true,
      markets,
      balances: holding('BTC', 'USDT', 'ETH'),
      history: { BTCUSDT: [order('', 'BTCUSDT', 'b', 2)], CROBTC: [order('', 'CROBTC', 'c', 3)] },
      failing: ['ETHUSDT'],
    });
    const icx = stubConnector({ history: { BTCUSDT: [order('', 'BTCUSDT', 'i', 1)] } });
    const trading = service({ cdc, icx });
    trading.noteOrder(order('cdc', 'CROBTC', 'c', 3));
    const read = await trading.history({});
    assertOk(read);
    expect(read.value.rows.map((o) => `${o.accountId}:${o.id}`)).toEqual(['cdc:c', 'cdc:b', 'icx:i']);
    // Traded here first, then held pairs; DOGEUSDT (not held) is not asked; never without a symbol.
    expect(cdc.asked).toEqual(['CROBTC', 'BTCUSDT', 'ETHUSDT']);
    expect(read.value.gaps).toEqual([
      { accountId: 'cdc', symbol: 'ETHUSDT', kind: 'failed', message: 'could not read order history on ETHUSDT: timed out' },
      { accountId: 'cdc', kind: 'partial', message: expect.stringMatching(/^may be partial: .*one market at a time; read only CROBTC, BTCUSDT, ETHUSDT \(the markets it holds or traded here\)/) },
    ]);
    // With a symbol it is one plain call, no note.
    const one = await trading.history({ symbol: 'BTCUSDT' });
    expect(one.ok && one.value.gaps).toEqual([]);
  });

  it('reads at most a bounded number of markets per account and says how many it left out', () => {
    const markets = Array.from({ length: 15 }, (_, i) => market(`A${i}USDT`, `A${i}`, 'USDT'));
    const held = new Set(['USDT', ...markets.map((m) => m.base)]);
    expect(marketsToRead(markets, held, new Set(), 12)).toMatchObject({ leftOut: 3, symbols: expect.arrayContaining(['A0USDT']) });
    expect(marketsToRead(markets, held, new Set(), 12).symbols).toHaveLength(12);
    expect(marketsToRead(markets, new Set(['A1']), new Set(), 12)).toEqual({ symbols: [], leftOut: 0 });
  });
});
