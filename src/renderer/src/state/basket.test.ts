import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Order } from '../../../shared';
import { app } from './app-state';
import { basketBlock, sendBasket } from './basket';
import type { ResolvedBasket } from '../panes/palette/run-command';

const basket: ResolvedBasket = {
  common: { symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '87000' },
  legs: [
    { accountId: 'a', label: 'A', quantity: '0.02' },
    { accountId: 'b', label: 'B', quantity: '0.01' },
  ],
};
const order = (accountId: string, id: string) => ({ accountId, id, symbol: 'BTCUSDT', status: 'open', side: 'buy', quantity: '0.02' }) as Order;

function engine(answers: Array<() => Promise<unknown>>) {
  const basketCall = vi.fn((request: { clientId: string }) => {
    void request;
    return answers.shift()!();
  });
  vi.stubGlobal('window', { terminal: { orders: { basket: basketCall } } });
  return basketCall;
}

afterEach(() => vi.unstubAllGlobals());

describe('sending a basket (issue 13 #1)', () => {
  it('a second Enter while it is in flight sends nothing; each leg reports on its own, a failed one beside a placed one', async () => {
    let release!: (value: unknown) => void;
    const call = engine([() => new Promise((r) => (release = r))]);
    const first = sendBasket(basket, 'line-1', 'BUY BTCUSDT @ 87000', false);
    expect(await sendBasket(basket, 'line-1', 'BUY BTCUSDT @ 87000', false)).toEqual({ kind: 'ignored' });
    release({ ok: true, value: { legs: [{ accountId: 'a', order: order('a', '1') }, { accountId: 'b', error: { code: 'EXCHANGE_REJECTED', message: 'insufficient USDT', retryable: false } }] } });
    expect((await first).kind).toBe('sent');
    expect(call).toHaveBeenCalledTimes(1);
    const texts = app.get().notices.map((n) => n.text);
    expect(texts).toContain('basket BUY BTCUSDT @ 87000: 1 of 2 legs placed');
    expect(texts).toContain('basket leg A: placed · order 1 (open)');
    expect(texts).toContain('basket leg B: rejected: insufficient USDT');
  });

  it('a retry of the same line after a failed call reuses the client id (the engine sends each leg once); a new line gets a new one', async () => {
    const call = engine([
      async () => ({ ok: false, error: { code: 'TIMEOUT', message: 'no answer', retryable: true } }),
      async () => ({ ok: true, value: { legs: [] } }),
      async () => ({ ok: true, value: { legs: [] } }),
    ]);
    expect((await sendBasket(basket, 'line-2', 'x', false)).kind).toBe('failed');
    await sendBasket(basket, 'line-2', 'x', false);
    await sendBasket(basket, 'line-3', 'x', false);
    const ids = call.mock.calls.map(([r]) => r.clientId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('sends nothing in read-only mode, nor while a leg breaks a rule', async () => {
    const call = engine([]);
    expect((await sendBasket(basket, 'line-4', 'x', true)).kind).toBe('blocked');
    expect(call).not.toHaveBeenCalled();
    expect(basketBlock(undefined, basket.legs)).toMatch(/checking/);
    expect(basketBlock([{ leg: basket.legs[0]!, preview: { violations: [] } }, { leg: basket.legs[1]!, preview: { violations: [{ field: 'quantity', message: 'below the minimum' }] } }], basket.legs)).toMatch(/fix or drop B/);
    expect(basketBlock([{ leg: basket.legs[0]!, preview: { violations: [] } }, { leg: basket.legs[1]!, preview: { violations: [] }, warning: 'needs more' }], basket.legs)).toBeUndefined();
  });
});
