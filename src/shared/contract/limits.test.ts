import { describe, expect, it } from 'vitest';
import { Account, Decimal } from '../model';
import { invokeChannels } from './index';

// Issue 12: every decimal and id in the contract is bounded, so no payload can make main do
// super-linear work (a 100k-digit preview blocked it for 19 s) or reach the keychain with NUL.

const preview = invokeChannels['orders:preview'].request;
const place = invokeChannels['orders:place'].request;
const base = { accountId: 'icrypex-3f9a1c0b2e', symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '48000', quantity: '0.5' } as const;

function firstIssue(result: { success: boolean; error?: { issues: readonly { path: PropertyKey[]; message: string }[] } }) {
  return result.error?.issues[0];
}

describe('contract decimals', () => {
  it('accept plain decimals of up to 40 characters', () => {
    for (const ok of ['0', '48000', '0.00012', '-1.5', '1'.repeat(40), `0.${'1'.repeat(38)}`]) expect(Decimal.safeParse(ok).success, ok).toBe(true);
  });

  it('refuse exponents, signs, odd digits, over-long and non-string values, naming the field', () => {
    const bad: unknown[] = ['1e5', '1E-8', '+5', '.5', '5.', '0x10', 'Infinity', 'NaN', '', ' 1', '1 ', '١٢٣', '１２３', '1\u0000', '1'.repeat(41), '9'.repeat(100_000), 5, null];
    for (const price of bad) {
      const result = preview.safeParse({ ...base, price });
      expect(result.success, JSON.stringify(price)?.slice(0, 30)).toBe(false);
      expect(firstIssue(result)?.path, JSON.stringify(price)?.slice(0, 30)).toEqual(['price']);
    }
    expect(firstIssue(preview.safeParse({ ...base, quantity: '9'.repeat(400) }))?.message).toBe('must be a number of at most 40 characters');
    expect(firstIssue(preview.safeParse({ ...base, quantity: '1e3' }))?.message).toMatch(/decimal number such as 0\.5/);
    expect(place.safeParse({ ...base, clientId: 'kt-abcdefgh', total: '9'.repeat(41) }).success).toBe(false);
    const basket = invokeChannels['orders:basket'].request;
    expect(basket.safeParse({ ...base, clientId: 'kt-abcdefgh', legs: [{ accountId: 'a', quantity: '9'.repeat(41) }] }).success).toBe(false);
  });
});

describe('contract ids', () => {
  const forged = ['acc\u0000', 'acc\u0000other', 'a\nb', 'a b', 'a/b', '-a', '', 'é', 'x'.repeat(65)];

  it('account ids are letters, digits, - and _ (1..64) on every channel that takes one', () => {
    expect(invokeChannels['accounts:remove'].request.safeParse({ accountId: 'icrypex-3f9a1c0b2e' }).success).toBe(true);
    for (const accountId of forged) {
      for (const channel of ['accounts:remove', 'accounts:test', 'market:list'] as const) {
        const result = invokeChannels[channel].request.safeParse({ accountId });
        expect(result.success, `${channel} ${JSON.stringify(accountId)}`).toBe(false);
        expect(firstIssue(result)?.path).toEqual(['accountId']);
      }
      expect(preview.safeParse({ ...base, accountId }).success).toBe(false);
      expect(Account.shape.id.safeParse(accountId).success).toBe(false);
    }
  });

  it('order ids and client ids are bounded and printable', () => {
    const cancel = invokeChannels['orders:cancel'].request;
    expect(cancel.safeParse({ accountId: 'a', symbol: 'BTCUSDT', orderId: '67952563' }).success).toBe(true);
    expect(cancel.safeParse({ accountId: 'a', symbol: 'BTCUSDT', orderId: 'dry-run-kt1abcdefgh' }).success).toBe(true);
    for (const orderId of [...forged, '1'.repeat(65)]) {
      const result = cancel.safeParse({ accountId: 'a', symbol: 'BTCUSDT', orderId });
      expect(result.success, JSON.stringify(orderId)).toBe(false);
      expect(firstIssue(result)?.path).toEqual(['orderId']);
    }
    for (const clientId of ['short', 'kt\u0000abcdefgh', 'kt abcdefgh', 'k'.repeat(41)]) {
      expect(place.safeParse({ ...base, clientId }).success, JSON.stringify(clientId)).toBe(false);
    }
  });
});

describe('other unbounded inputs', () => {
  it('endpoint addresses have a length limit', () => {
    const add = invokeChannels['accounts:add'].request;
    const request = { exchange: 'icrypex', label: 'A', apiKey: 'key-abcd', apiSecret: 'secret-abcd' };
    expect(add.safeParse({ ...request, endpoints: { rest: 'https://api.example.com' } }).success).toBe(true);
    const long = add.safeParse({ ...request, endpoints: { rest: `https://a.example.com/${'x'.repeat(1_000_000)}` } });
    expect(firstIssue(long)).toMatchObject({ path: ['endpoints', 'rest'], message: 'an address has at most 2048 characters' });
  });

  it('settings hold caps for at most 500 symbols', () => {
    const set = invokeChannels['settings:set'].request;
    const limits = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`SYM${i}USDT`, { maxQuantity: '1' }]));
    expect(set.safeParse({ symbolLimits: limits(500) }).success).toBe(true);
    expect(firstIssue(set.safeParse({ symbolLimits: limits(501) }))).toMatchObject({ path: ['symbolLimits'], message: 'caps can be set for at most 500 symbols' });
  });
});
