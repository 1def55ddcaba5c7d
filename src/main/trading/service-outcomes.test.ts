import { describe, expect, it } from 'vitest';
import { ok, type Account, type OrderOutcome, type OrderQueued } from '../../shared';
import { FakeExchange } from '../../../tests/support/fake-exchange';
import { FakeClock } from '../../../tests/support/fake-clock';
import { DEFAULT_SETTINGS } from '../settings/settings-store';
import { TradingService } from './service';
import { signingKey } from '../secrets';

const ACCOUNT: Account = { id: 'acc-a', exchange: 'icrypex', label: 'A', mode: 'demo', keyLast4: 'aaaa', endpoints: {}, createdAt: 0 };
const LIMIT = { accountId: 'acc-a', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '50000', quantity: '0.01' } as const;

/** A trading service over one fake Icrypex account, its deadline on a fake clock. */
function setup() {
  const venue = new FakeExchange('icrypex');
  venue.addAccount('key-aaaa', 'secret-aaaa');
  const connector = venue.factory({ accountId: ACCOUNT.id, credentials: async () => signingKey({ apiKey: 'key-aaaa', apiSecret: 'secret-aaaa' }) });
  const clock = new FakeClock(Date.now());
  const outcomes: OrderOutcome[] = [];
  const queued: OrderQueued[] = [];
  const service = new TradingService({
    source: { connector: async () => ok(connector), account: (id) => (id === ACCOUNT.id ? ACCOUNT : undefined), accountIds: () => [ACCOUNT.id] },
    settings: () => DEFAULT_SETTINGS,
    referencePrice: async () => '50000',
    clock,
    answerWithinMs: 11_000,
    onOutcome: (o) => outcomes.push(o),
    onQueued: (q) => queued.push(q),
  });
  connector.onOrder((o) => service.noteOrder({ ...o, accountId: ACCOUNT.id }));
  connector.onSubmitResolved((r) => service.noteResolution(ACCOUNT.id, r));
  /** Advances the fake clock in steps until `p` settles (the service awaits real promises in between). */
  async function settle<T>(p: Promise<T>, maxMs = 30_000): Promise<T> {
    let done = false;
    void p.then(() => (done = true));
    for (let t = 0; t < maxMs && !done; t += 100) await clock.advanceAsync(100);
    if (!done) throw new Error('did not settle');
    return p;
  }
  return { venue, connector, clock, outcomes, queued, service, settle };
}

describe('an order waiting for the rate budget is announced (issue 20 #5)', () => {
  it('passes the connector\'s expected wait on with the account and client id, before the answer', async () => {
    const s = setup();
    const place = s.connector.placeOrder.bind(s.connector);
    s.connector.placeOrder = async (order, hooks) => {
      hooks?.onQueued?.(1_234.4);
      return place(order);
    };
    const answer = await s.settle(s.service.place({ ...LIMIT, clientId: 'client-queued' }));
    expect(answer.ok).toBe(true);
    expect(s.queued).toEqual([{ accountId: 'acc-a', clientId: 'client-queued', waitMs: 1_234 }]);
  });
});

describe('orders:place answers within the engine deadline, and the outcome follows by push (issue 11 #5)', () => {
  it('an exchange that does not answer in time: ORDER_STATE_UNKNOWN at the deadline, then "placed" when it answers, and a retry gets the order', async () => {
    const s = setup();
    let release!: () => void;
    s.venue.hold = new Promise((r) => (release = r));
    const started = s.clock.now();
    const answer = await s.settle(s.service.place({ ...LIMIT, clientId: 'client-held' }));
    expect(answer).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN', message: expect.stringContaining('within 11 s') } });
    expect(s.clock.now() - started).toBeGreaterThanOrEqual(11_000);
    expect(s.clock.now() - started).toBeLessThan(11_500);
    expect(s.outcomes).toEqual([]);
    release();
    await s.settle(new Promise<void>((r) => { const poll = () => (s.outcomes.length ? r() : setTimeout(poll, 1)); poll(); }));
    expect(s.outcomes).toEqual([expect.objectContaining({ clientId: 'client-held', state: 'placed', certain: true })]);
    const retry = await s.service.place({ ...LIMIT, clientId: 'client-held' });
    expect(retry).toMatchObject({ ok: true, value: { id: s.outcomes[0]!.order!.id } });
    expect(s.venue.placeCalls).toBe(1);
  });

  it('an unclear answer the connector later establishes as not placed: the outcome is pushed, and a retry answers it without sending', async () => {
    const s = setup();
    s.venue.unclearPlaces = 1;
    const answer = await s.settle(s.service.place({ ...LIMIT, clientId: 'client-lost' }));
    expect(answer).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN' } });
    s.venue.connectors[0]!.pushResolution({ clientId: 'client-lost', notPlaced: { reason: 'absent past its signature window', certain: true } });
    expect(s.outcomes).toEqual([{ accountId: 'acc-a', clientId: 'client-lost', state: 'not-placed', message: 'not placed: absent past its signature window', certain: true }]);
    const retry = await s.service.place({ ...LIMIT, clientId: 'client-lost' });
    expect(retry).toMatchObject({ ok: false, error: { code: 'EXCHANGE_REJECTED', message: expect.stringContaining('not placed') } });
    expect(s.venue.placeCalls).toBe(1);
  });

  it('a normal placement pushes its outcome too, and an order stopped by the rules pushes none (nothing was sent)', async () => {
    const s = setup();
    const placed = await s.settle(s.service.place({ ...LIMIT, clientId: 'client-fine' }));
    expect(placed.ok).toBe(true);
    const refused = await s.settle(s.service.place({ ...LIMIT, quantity: '0.00001', clientId: 'client-tiny' }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(s.outcomes.map((o) => [o.clientId, o.state])).toEqual([['client-fine', 'placed']]);
  });
});
