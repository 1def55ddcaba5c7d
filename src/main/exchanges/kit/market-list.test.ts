import { describe, expect, it } from 'vitest';
import { err, ok, type Market, type Result } from '../../../shared';
import { MarketList, MARKETS_TTL_MS } from './market-list';

const market = (symbol: string, nativeSymbol = symbol.toLowerCase()): Market =>
  ({ exchange: 'icrypex', symbol, nativeSymbol, base: 'BTC', quote: 'USDT' }) as Market;

function setup(answers: Array<Result<Market[]>>) {
  let now = 0;
  let loads = 0;
  const list = new MarketList(
    async () => {
      loads++;
      return answers.shift() ?? err('NETWORK', 'no more answers');
    },
    () => now,
  );
  return { list, loads: () => loads, advance: (ms: number) => (now += ms) };
}

describe('MarketList (the one market-list cache of a connector)', () => {
  it('loads once for concurrent callers and reuses the list for its lifetime', async () => {
    const t = setup([ok([market('BTCUSDT')]), ok([market('BTCUSDT'), market('ETHUSDT')])]);
    const [a, b] = await Promise.all([t.list.markets(), t.list.markets()]);
    expect(a).toEqual(b);
    expect(t.loads()).toBe(1);
    t.advance(MARKETS_TTL_MS - 1);
    expect(await t.list.markets()).toMatchObject({ ok: true, value: [{ symbol: 'BTCUSDT' }] });
    expect(t.loads()).toBe(1);
    t.advance(1);
    expect(await t.list.markets()).toMatchObject({ ok: true, value: [{ symbol: 'BTCUSDT' }, { symbol: 'ETHUSDT' }] });
    expect(t.loads()).toBe(2);
  });

  it('loads anew on refresh; a failed reload answers the last good list, a failed first load its error', async () => {
    const first = setup([err('NETWORK', 'down')]);
    expect(await first.list.markets()).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    const t = setup([ok([market('BTCUSDT', 'btc_usdt')]), err('NETWORK', 'down')]);
    await t.list.markets();
    expect(t.list.native('BTCUSDT')).toBe('btc_usdt');
    expect(await t.list.markets({ refresh: true })).toMatchObject({ ok: true, value: [{ symbol: 'BTCUSDT' }] });
    expect(t.loads()).toBe(2);
    expect(t.list.native('BTCUSDT')).toBe('btc_usdt');
    expect(t.list.native('ETHUSDT')).toBe('ETHUSDT');
  });
});
