import { describe, expect, it } from 'vitest';
import type { Order } from '../../shared';
import { OrderNotices } from './order-notices';

const T0 = 1_700_000_000_000;

function order(patch: Partial<Order> = {}): Order {
  return {
    accountId: 'demo-icrypex',
    exchange: 'icrypex',
    symbol: 'BTCUSDT',
    id: '42',
    side: 'buy',
    type: 'limit',
    status: 'open',
    price: '87000.5',
    quantity: '0.003',
    filledQuantity: '0',
    createdAt: T0 + 1_000,
    updatedAt: T0 + 1_000,
    ...patch,
  };
}

function notices(now = T0 + 5_000) {
  let clock = now;
  const n = new OrderNotices({ accountLabel: () => 'Icrypex demo', startedAt: T0, now: () => clock });
  return { n, advance: (ms: number) => (clock += ms) };
}

describe('OrderNotices', () => {
  it('says a partial fill with how much, then the full fill, once each', () => {
    const { n } = notices();
    expect(n.update(order())).toEqual([]);
    const partial = n.update(order({ status: 'partially-filled', filledQuantity: '0.001' }));
    expect(partial.map((d) => [d.kind, d.title, d.side, d.orderId])).toEqual([['partial-fill', 'Partly filled: BUY BTCUSDT 0.001 @ 87000.5', 'buy', order().id]]);
    expect(partial[0]!.body).toContain('0.001 of 0.003 filled');
    // The same update again (a poll, a reconnect reconciliation) is not news.
    expect(n.update(order({ status: 'partially-filled', filledQuantity: '0.001' }))).toEqual([]);
    const full = n.update(order({ status: 'filled', filledQuantity: '0.003' }));
    expect(full.map((d) => [d.kind, d.title])).toEqual([['fill', 'Filled: BUY BTCUSDT 0.003 @ 87000.5']]);
  });

  it('a sell filled at once on first sight is one fill notice', () => {
    const { n } = notices();
    const out = n.update(order({ side: 'sell', type: 'market', price: undefined, status: 'filled', filledQuantity: '0.003' }));
    expect(out.map((d) => [d.kind, d.side, d.title])).toEqual([['fill', 'sell', 'Filled: SELL BTCUSDT 0.003']]);
  });

  it('an order from before this session seen for the first time is history, not news', () => {
    const { n } = notices();
    expect(n.update(order({ createdAt: T0 - 60_000, status: 'filled', filledQuantity: '0.003' }))).toEqual([]);
    expect(n.update(order({ id: '43', createdAt: T0 - 60_000, status: 'canceled' }))).toEqual([]);
    // ...but a fill after that first sight is news.
    expect(n.update(order({ id: '44', createdAt: T0 - 60_000, status: 'open' }))).toEqual([]);
    expect(n.update(order({ id: '44', createdAt: T0 - 60_000, status: 'filled', filledQuantity: '0.003' })).map((d) => d.kind)).toEqual(['fill']);
  });

  it('an order the exchange cancels, rejects or expires is said; one the terminal cancelled is not', () => {
    const { n, advance } = notices();
    n.update(order());
    n.update(order({ id: '7' }));
    n.update(order({ id: '8', symbol: 'ETHUSDT' }));
    expect(n.update(order({ status: 'canceled' })).map((d) => [d.kind, d.title])).toEqual([['canceled', 'The exchange cancelled BUY BTCUSDT 0.003 @ 87000.5']]);
    expect(n.update(order({ id: '9', status: 'rejected' })).map((d) => d.kind)).toEqual(['rejected']);
    n.noteCancelRequest('demo-icrypex', 'BTCUSDT', '7');
    expect(n.update(order({ id: '7', status: 'canceled' }))).toEqual([]);
    n.noteCancelRequest(undefined);
    expect(n.update(order({ id: '8', symbol: 'ETHUSDT', status: 'canceled' }))).toEqual([]);
    // A cancel asked for long ago explains nothing.
    n.update(order({ id: '10' }));
    advance(120_000);
    expect(n.update(order({ id: '10', status: 'canceled' })).map((d) => d.kind)).toEqual(['canceled']);
  });

  it('a partly filled order the exchange cancels says both the fill and the cancel', () => {
    const { n } = notices();
    n.update(order());
    const out = n.update(order({ status: 'canceled', filledQuantity: '0.001' }));
    expect(out.map((d) => d.kind)).toEqual(['partial-fill', 'canceled']);
    expect(out[1]!.body).toContain('0.002 not filled');
  });
});
