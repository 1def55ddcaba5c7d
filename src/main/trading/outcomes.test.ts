import { describe, expect, it } from 'vitest';
import { err, ok, type Order, type OrderOutcome, type Result } from '../../shared';
import { OutcomeTracker } from './outcomes';

const order = (over: Partial<Order> = {}): Order => ({
  accountId: 'acc-a',
  exchange: 'icrypex',
  symbol: 'BTCUSDT',
  id: '42',
  clientId: 'client-1',
  side: 'buy',
  type: 'limit',
  status: 'open',
  price: '100',
  quantity: '1',
  filledQuantity: '0',
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

function setup() {
  const outcomes: OrderOutcome[] = [];
  const settled: Array<[string, Result<Order>]> = [];
  const tracker = new OutcomeTracker((o) => outcomes.push(o), (id, r) => settled.push([id, r]));
  tracker.begin('acc-a', 'client-1', 'Icrypex');
  return { tracker, outcomes, settled };
}

describe('OutcomeTracker: every sent order ends in exactly one outcome', () => {
  it('a confirmed answer is the outcome at once, with its state from the order status', () => {
    const s = setup();
    s.tracker.answered('client-1', ok(order({ status: 'filled', filledQuantity: '1' })));
    expect(s.outcomes).toEqual([expect.objectContaining({ clientId: 'client-1', state: 'filled', certain: true, message: expect.stringContaining('Icrypex confirmed it') })]);
    s.tracker.answered('client-1', ok(order()));
    expect(s.outcomes).toHaveLength(1);
    expect(s.tracker.size).toBe(0);
  });

  it('an unknown answer waits; the connector finding the order ends it as placed and tells the ledger', () => {
    const s = setup();
    s.tracker.answered('client-1', err('ORDER_STATE_UNKNOWN', 'unclear'));
    expect(s.outcomes).toEqual([]);
    s.tracker.resolved('acc-a', { clientId: 'client-1', order: order({ id: '77' }) });
    expect(s.outcomes).toEqual([expect.objectContaining({ state: 'placed', order: expect.objectContaining({ id: '77' }), message: expect.stringMatching(/found on Icrypex/) })]);
    expect(s.settled).toEqual([['client-1', { ok: true, value: expect.objectContaining({ id: '77' }) }]]);
  });

  it('an order found by matching its fields (Crypto.com V1) ends as placed, but says how it was recognised and is not "certain"', () => {
    const s = setup();
    // The match can be reported before placeOrder answers with the same order.
    s.tracker.resolved('acc-a', { clientId: 'client-1', order: order({ id: '91' }), matchedBy: 'matched by side, type, price, size and creation time' });
    s.tracker.answered('client-1', ok(order({ id: '91' })));
    expect(s.outcomes).toEqual([
      expect.objectContaining({ state: 'placed', certain: false, message: expect.stringMatching(/found on Icrypex after the unclear answer, matched by side, type, price, size and creation time: order 91/) }),
    ]);
    expect(s.settled).toEqual([['client-1', { ok: true, value: expect.objectContaining({ id: '91' }) }]]);
  });

  it('evidence that arrives before the answer still ends it once (a push with the client id)', () => {
    const s = setup();
    s.tracker.noteOrder(order({ accountId: 'acc-other' }));
    expect(s.outcomes).toEqual([]);
    s.tracker.noteOrder(order({ status: 'partially-filled' }));
    s.tracker.answered('client-1', err('ORDER_STATE_UNKNOWN', 'unclear'));
    expect(s.outcomes.map((o) => o.state)).toEqual(['placed']);
  });

  it('"not placed" says whether it is the exchange\'s word or the terminal\'s judgement', () => {
    const certain = setup();
    certain.tracker.resolved('acc-a', { clientId: 'client-1', notPlaced: { reason: 'absent past its signature window', certain: true } });
    expect(certain.outcomes).toEqual([expect.objectContaining({ state: 'not-placed', certain: true, message: 'not placed: absent past its signature window' })]);
    const judged = setup();
    judged.tracker.resolved('acc-a', { clientId: 'client-1', notPlaced: { reason: 'not seen for 3 min', certain: false } });
    expect(judged.outcomes[0]).toMatchObject({ state: 'not-placed', certain: false, message: expect.stringMatching(/judgement.*check the exchange's order history/) });
    expect(judged.settled[0]![1]).toMatchObject({ ok: false, error: { code: 'EXCHANGE_REJECTED' } });
  });

  it('a definite error is rejected when the exchange refused, not placed when it never got there', () => {
    const refused = setup();
    refused.tracker.answered('client-1', err('EXCHANGE_REJECTED', 'insufficient balance'));
    const limited = setup();
    limited.tracker.answered('client-1', err('RATE_LIMITED', 'not sent, the rate limit is used up'));
    expect([refused.outcomes[0]?.state, limited.outcomes[0]?.state]).toEqual(['rejected', 'not-placed']);
  });

  it('ignores news of client ids it does not follow', () => {
    const s = setup();
    s.tracker.resolved('acc-a', { clientId: 'client-2', notPlaced: { reason: 'x', certain: true } });
    s.tracker.answered('client-2', ok(order({ clientId: 'client-2' })));
    expect(s.outcomes).toEqual([]);
  });
});
