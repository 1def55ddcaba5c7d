import { afterEach, describe, expect, it } from 'vitest';
import { Balance, Fill, Order } from '../../src/shared';
import { contractRig, type ContractRig } from '../support/contract-rig';
import { startRig, waitFor, type CdcRig } from '../support/cryptocom-connector';
import { assertOk } from '../support/result';

// The Crypto.com connector behind the same contract handlers the Icrypex one uses: every reply
// and every pushed event is checked against its schema, so panes need no per-exchange code.

let rig: CdcRig | undefined;
let contract: ContractRig | undefined;
afterEach(async () => {
  contract?.stop();
  contract = undefined;
  await rig?.stop();
  rig = undefined;
});

const sender = { id: 1, frameUrl: 'app://terminal/', isTopFrame: true };

describe('Crypto.com through the contract', () => {
  it('market:* and status:get answer inside their schemas and the pushes validate too', async () => {
    rig = await startRig({ quirks: { wsTickThrottleMs: 50 } });
    rig.sim.market.bootstrap();
    contract = contractRig(rig.connector);
    const { handle, events, bad, logs } = contract;

    const list = await handle('market:list', sender, { accountId: 'cdc-test' });
    expect(list).toMatchObject({ ok: true });
    expect(await handle('market:tickers', sender, { accountId: 'cdc-test' })).toMatchObject({ ok: true });
    for (const resolution of ['1m', '4h', '1w']) {
      const candles = await handle('market:candles', sender, { accountId: 'cdc-test', symbol: 'btc/usdt', resolution });
      expect(candles, `${resolution}: ${logs.join('\n')}`).toMatchObject({ ok: true });
    }
    for (const stream of ['book', 'trades', 'ticker', 'candles'] as const) {
      const req = stream === 'candles' ? { stream, accountId: 'cdc-test', symbol: 'BTCUSDT', resolution: '1m' } : { stream, accountId: 'cdc-test', symbol: 'BTCUSDT' };
      expect(await handle('market:subscribe', sender, req)).toMatchObject({ ok: true });
    }
    await waitFor(() => events.some((e) => e.channel === 'market:book'), 'a book push');
    // The synthetic market steps until each stream has pushed once.
    await waitFor(() => (rig!.sim.market.step(10), ['market:trades', 'market:ticker', 'market:candle'].every((c) => events.some((e) => e.channel === c))), 'trades, ticker and candle pushes');
    expect(new Set(events.map((e) => e.channel))).toEqual(new Set(['market:book', 'market:trades', 'market:ticker', 'market:candle']));
    const snap = await handle('status:get', sender, undefined);
    assertOk(snap);
    const value = snap.value as { streams: { kind: string; state: string; exchange: string }[]; limits: { rule: string }[] };
    expect(value.streams.find((s) => s.kind === 'public')).toMatchObject({ exchange: 'cryptocom', state: 'connected' });
    expect(value.limits.map((l) => l.rule).sort()).toEqual(['account', 'market', 'order-management', 'order-query']);
    expect(bad).toEqual([]);
  });

  it('own orders, fills and balances from the poller fit the shared schemas', async () => {
    rig = await startRig();
    rig.sim.market.bootstrap();
    const seen: unknown[] = [];
    const offs = [rig.connector.onOrder((o) => seen.push(Order.parse(o))), rig.connector.onFill((f) => seen.push(Fill.parse(f))), rig.connector.onBalances((b) => b.forEach((x) => seen.push(Balance.parse(x))))];
    const placed = await rig.connector.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'market', total: '100', clientId: 'contract-0001' });
    expect(placed.ok && Order.parse(placed.value)).toBeTruthy();
    await waitFor(() => seen.some((x) => 'orderId' in (x as object)), 'a fill');
    await waitFor(() => seen.some((x) => (x as Order).status === 'filled'), 'a filled order');
    const fills = await rig.connector.fills({ symbol: 'BTCUSDT' });
    expect(fills.ok && fills.value.every((f) => Fill.safeParse(f).success)).toBe(true);
    const history = await rig.connector.orderHistory({ symbol: 'BTCUSDT' });
    expect(history.ok && history.value.every((o) => Order.safeParse(o).success)).toBe(true);
    offs.forEach((f) => f());
  });
});
