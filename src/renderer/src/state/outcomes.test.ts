import { describe, expect, it } from 'vitest';
import type { OrderOutcome } from '../../../shared';
import { app } from './app-state';
import { describeFinal, followUnclear, onOutcome, onQueued, queuedLine, receiveOutcome, receiveQueued } from './outcomes';

const notPlaced = (clientId: string): OrderOutcome => ({ accountId: 'a', clientId, state: 'not-placed', message: 'not placed: its signature expired', certain: true });

describe('order outcomes in the window', () => {
  it('hands an outcome to whoever follows its client id, also when the push came first', () => {
    const seen: string[] = [];
    onOutcome('c-late', (o) => seen.push(`late:${o.state}`));
    receiveOutcome(notPlaced('c-late'));
    receiveOutcome(notPlaced('c-early'));
    onOutcome('c-early', (o) => seen.push(`early:${o.state}`));
    expect(seen).toEqual(['late:not-placed', 'early:not-placed']);
  });

  it('a sticky "looking it up" notice becomes the final line and then fades like any other', () => {
    followUnclear('c-note', 'BUY 0.001 BTCUSDT @ 48000');
    const sticky = app.get().notices.at(-1)!;
    expect(sticky).toMatchObject({ sticky: true, text: expect.stringContaining('not confirmed yet') });
    receiveOutcome(notPlaced('c-note'));
    const final = app.get().notices.find((n) => n.id === sticky.id)!;
    expect(final).toMatchObject({ level: 'error', text: 'BUY 0.001 BTCUSDT @ 48000 not placed: its signature expired' });
    expect(final.sticky).toBeUndefined();
  });

  it('hands every queued push to its listeners, and words the wait (issue 20 #5)', () => {
    const seen: string[] = [];
    const stop = onQueued((q) => seen.push(`${q.clientId}:${q.waitMs}`));
    receiveQueued({ accountId: 'a', clientId: 'c-q', waitMs: 1_234 });
    stop();
    receiveQueued({ accountId: 'a', clientId: 'c-after', waitMs: 5 });
    expect(seen).toEqual(['c-q:1234']);
    expect(queuedLine(1_234, 'BUY 1 BTCUSDT @ 100')).toBe('queued: sends in 1.2 s (exchange rate limit) · BUY 1 BTCUSDT @ 100');
    expect(queuedLine(3, 'x')).toBe('queued: sends in 0.1 s (exchange rate limit) · x');
  });

  it('names each final state', () => {
    const order = { accountId: 'a', exchange: 'icrypex', symbol: 'BTCUSDT', id: '9', side: 'buy', type: 'limit', status: 'filled', quantity: '1', filledQuantity: '1', createdAt: 1, updatedAt: 1 } as const;
    expect(describeFinal({ accountId: 'a', clientId: 'x', state: 'filled', order, message: '', certain: true }, 'BUY 1 BTCUSDT')).toEqual({ level: 'ok', text: 'filled BUY 1 BTCUSDT · order 9', short: 'filled · order 9' });
    expect(describeFinal({ accountId: 'a', clientId: 'x', state: 'rejected', message: 'insufficient balance', certain: true }, 'BUY 1 BTCUSDT').text).toBe('rejected BUY 1 BTCUSDT: insufficient balance');
  });

  it('says when an order was recognised by its fields rather than by client id (Crypto.com V1)', () => {
    const order = { accountId: 'a', exchange: 'cryptocom', symbol: 'BTCUSDT', id: '91', side: 'buy', type: 'limit', status: 'open', quantity: '1', filledQuantity: '0', createdAt: 1, updatedAt: 1 } as const;
    const message = 'found on Crypto.com after the unclear answer, matched by side, type, price, size and creation time (Crypto.com V1 has no client order id): order 91 (open)';
    const line = describeFinal({ accountId: 'a', clientId: 'x', state: 'placed', order, message, certain: false }, 'BUY 1 BTCUSDT @ 100');
    expect(line).toEqual({
      level: 'ok',
      text: 'placed BUY 1 BTCUSDT @ 100 · order 91 (open) · matched by side, type, price, size and creation time, not by client id (this exchange has none): check it there if in doubt',
      short: 'placed · order 91 (open) · matched by price, size and time (no client id)',
    });
    expect(describeFinal({ accountId: 'a', clientId: 'x', state: 'placed', order, message: 'Crypto.com confirmed it', certain: true }, 'BUY 1 BTCUSDT @ 100').short).toBe('placed · order 91 (open)');
  });
});
