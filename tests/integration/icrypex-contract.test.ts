import { afterEach, describe, expect, it } from 'vitest';
import { Balance, Fill, Order } from '../../src/shared';
import { contractRig, type ContractRig } from '../support/contract-rig';
import { makeTrades, startHarness, waitFor, type Harness } from './icrypex-harness';
import { assertOk } from '../support/result';

// The Icrypex connector behind the generic contract handlers: every reply and every pushed
// event is checked against its schema, so panes need no Icrypex-specific code.

let h: Harness | undefined;
let contract: ContractRig | undefined;
afterEach(async () => {
  contract?.stop();
  contract = undefined;
  await h?.stop();
  h = undefined;
});

const sender = { id: 1, frameUrl: 'app://terminal/', isTopFrame: true };

describe('Icrypex through the contract', () => {
  it('market:* and status:get answer inside their schemas and the pushes validate too', async () => {
    h = await startHarness();
    contract = contractRig(h.connector);
    const { handle, events, bad, logs } = contract;

    expect(await handle('market:list', sender, { accountId: 'acc-1' })).toMatchObject({ ok: true });
    expect(await handle('market:tickers', sender, { accountId: 'acc-1' })).toMatchObject({ ok: true });
    for (const resolution of ['1m', '30m', '4h', '1w']) {
      const candles = await handle('market:candles', sender, { accountId: 'acc-1', symbol: 'BTCUSDT', resolution });
      expect(candles, `${resolution}: ${logs.join('\n')}`).toMatchObject({ ok: true });
    }
    for (const stream of ['book', 'trades', 'ticker', 'candles'] as const) {
      const req = stream === 'candles' ? { stream, accountId: 'acc-1', symbol: 'BTCUSDT', resolution: '1m' } : { stream, accountId: 'acc-1', symbol: 'BTCUSDT' };
      expect(await handle('market:subscribe', sender, req)).toMatchObject({ ok: true });
    }
    await waitFor(() => events.some((e) => e.channel === 'market:book'), 'a book push');
    await waitFor(() => h!.connector.streams().find((s) => s.key === 'icrypex:public')?.state === 'connected', 'the public socket');
    // Trades until each stream has pushed once.
    await waitFor(() => (makeTrades(h!, 'BTCUSDT', 2), ['market:trades', 'market:ticker', 'market:candle'].every((c) => events.some((e) => e.channel === c))), 'trades, ticker and candle pushes');
    expect(new Set(events.map((e) => e.channel))).toEqual(new Set(['market:book', 'market:trades', 'market:ticker', 'market:candle']));
    const snap = await handle('status:get', sender, undefined);
    assertOk(snap);
    const value = snap.value as { streams: { key: string; state: string }[]; limits: { rule: string; accountId?: string }[] };
    expect(value.streams.find((s) => s.key === 'icrypex:book:BTCUSDT')).toMatchObject({ state: 'connected' });
    expect(value.limits.filter((l) => l.accountId === 'acc-1').map((l) => l.rule).sort()).toEqual(
      ['account-trades', 'open-orders', 'order-cancel', 'order-history', 'order-insert', 'order-trades', 'wallet'],
    );
    expect(value.limits.some((l) => l.accountId === undefined && l.rule === 'orderbook')).toBe(true);
    expect(bad).toEqual([]);
  });

  it('own orders, fills and balances pushed by the connector fit the shared schemas', async () => {
    h = await startHarness({ connector: { pollMs: { healthy: 600_000, degraded: 600_000 } } });
    const seen: unknown[] = [];
    h.connector.onOrder((o) => seen.push(Order.parse(o)));
    h.connector.onFill((f) => seen.push(Fill.parse(f)));
    h.connector.onBalances((b) => b.forEach((x) => seen.push(Balance.parse(x))));
    await h.connector.start();
    const placed = await h.connector.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'market', total: '100', clientId: 'contract-0001' });
    expect(placed.ok && Order.parse(placed.value)).toBeTruthy();
    await waitFor(() => seen.some((x) => 'orderId' in (x as object)), 'a fill');
    await waitFor(() => seen.some((x) => (x as Order).status === 'filled'), 'a filled order');
    await waitFor(() => seen.some((x) => 'free' in (x as object)), 'balances');
  });
});
