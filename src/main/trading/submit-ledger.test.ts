import { describe, expect, it } from 'vitest';
import { err, ok, type Order } from '../../shared';
import { SubmitLedger, type Submission } from './submit-ledger';

const order = (extra: Partial<Order> = {}): Order => ({
  accountId: 'a', exchange: 'icrypex', symbol: 'BTCUSDT', id: '1', clientId: 'client-0001', side: 'buy', type: 'limit', status: 'open',
  price: '1', quantity: '1', filledQuantity: '0', createdAt: 1, updatedAt: 1, ...extra,
});

describe('SubmitLedger', () => {
  it('runs a submit once while a second one with the same client id arrives in flight, and answers both the same', async () => {
    const ledger = new SubmitLedger();
    let sends = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const send = async (): Promise<Submission> => {
      sends++;
      await gate;
      return { result: ok(order()), sent: true };
    };
    const first = ledger.submit('client-0001', 'a', 'fp', send);
    const second = ledger.submit('client-0001', 'a', 'fp', send);
    release();
    expect(await first).toEqual(ok(order()));
    expect(await second).toEqual(ok(order()));
    expect(await ledger.submit('client-0001', 'a', 'fp', send)).toEqual(ok(order()));
    expect(sends).toBe(1);
  });

  it('answers the pushed state when a push overtook the reply: a fill never turns back into "pending"', async () => {
    const ledger = new SubmitLedger();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // The create's reply is stamped on arrival, after the push that says the order filled.
    const reply = order({ type: 'market', status: 'pending', updatedAt: 9 });
    const first = ledger.submit('client-0001', 'a', 'fp', async () => {
      await gate;
      return { result: ok(reply), sent: true };
    });
    const filled = order({ type: 'market', status: 'filled', filledQuantity: '1', updatedAt: 5 });
    ledger.note(filled);
    // A push of another account's order with the same client id is not this one.
    ledger.note({ ...filled, accountId: 'b', status: 'canceled' });
    release();
    expect(await first).toEqual(ok(filled));
    expect(await ledger.submit('client-0001', 'a', 'fp', async () => ({ result: ok(reply), sent: true }))).toEqual(ok(filled));
  });

  it('refuses a different order reusing a client id, naming the field', async () => {
    const ledger = new SubmitLedger();
    await ledger.submit('client-0001', 'a', 'fp-1', async () => ({ result: ok(order()), sent: true }));
    const reused = await ledger.submit('client-0001', 'a', 'fp-2', async () => ({ result: ok(order()), sent: true }));
    expect(reused).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'clientId' } });
  });

  it('keeps an ambiguous first answer and never resends; a later pushed state replaces it', async () => {
    const ledger = new SubmitLedger();
    let sends = 0;
    const send = async (): Promise<Submission> => {
      sends++;
      return { result: err('ORDER_STATE_UNKNOWN', 'timeout'), sent: true };
    };
    expect((await ledger.submit('client-0001', 'a', 'fp', send)).ok).toBe(false);
    expect(await ledger.submit('client-0001', 'a', 'fp', send)).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN' } });
    ledger.note(order({ status: 'filled', updatedAt: 5 }));
    expect(await ledger.submit('client-0001', 'a', 'fp', send)).toEqual(ok(order({ status: 'filled', updatedAt: 5 })));
    ledger.note(order({ accountId: 'other', status: 'canceled', updatedAt: 9 }));
    expect(await ledger.submit('client-0001', 'a', 'fp', send)).toEqual(ok(order({ status: 'filled', updatedAt: 5 })));
    expect(sends).toBe(1);
  });

  it('treats a throw from the send as ambiguous (sent), not as a chance to send again', async () => {
    const ledger = new SubmitLedger();
    let sends = 0;
    const send = async (): Promise<Submission> => {
      sends++;
      throw new Error('socket hang up');
    };
    expect(await ledger.submit('client-0001', 'a', 'fp', send)).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_UNKNOWN' } });
    await ledger.submit('client-0001', 'a', 'fp', send);
    expect(sends).toBe(1);
  });

  it('forgets a submit that was stopped before sending, so the fixed ticket can go with the same id', async () => {
    const ledger = new SubmitLedger();
    const blocked = await ledger.submit('client-0001', 'a', 'fp', async () => ({ result: err('RISK_BLOCKED', 'read-only'), sent: false }));
    expect(blocked.ok).toBe(false);
    expect(ledger.size).toBe(0);
    expect(await ledger.submit('client-0001', 'a', 'fp', async () => ({ result: ok(order()), sent: true }))).toEqual(ok(order()));
  });

  it('stays within its capacity by dropping the oldest settled entries', async () => {
    const ledger = new SubmitLedger(3);
    for (let i = 0; i < 6; i++) await ledger.submit(`client-000${i}`, 'a', 'fp', async () => ({ result: ok(order()), sent: true }));
    expect(ledger.size).toBe(3);
  });
});
