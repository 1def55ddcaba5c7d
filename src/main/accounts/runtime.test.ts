import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../shared';
import { FakeExchange } from '../../../tests/support/fake-exchange';
import { MemorySecretStore } from '../../../tests/support/memory-secret-store';
import { AccountRuntime } from './runtime';

const SECRET = 'c2VjcmV0LW9mLXRoZS1ydW50aW1lLXRlc3Q=';
const order = { symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '40000', quantity: '0.001', clientId: 'c1' } as const;

function setup() {
  const exchange = new FakeExchange('icrypex');
  exchange.addAccount('key-1', SECRET);
  const secrets = new MemorySecretStore();
  secrets.entries.set('acc-1', { apiKey: 'key-1', apiSecret: SECRET });
  const account = { id: 'acc-1', exchange: 'icrypex', label: 'Main', endpoints: undefined } as unknown as Account;
  const runtime = new AccountRuntime({ account: (id) => (id === 'acc-1' ? account : undefined), secrets, factories: { icrypex: exchange.factory }, emit: () => {} });
  return { exchange, secrets, runtime };
}

describe('AccountRuntime signing keys (issue 19 point 3: the keychain is not on the order path)', () => {
  it('reads the keychain once for any number of signed calls', async () => {
    const { secrets, runtime } = setup();
    const connector = await runtime.connector('acc-1');
    if (!connector.ok) throw new Error(connector.error.message);
    const before = secrets.calls;
    for (let i = 0; i < 5; i++) expect(await connector.value.balances()).toMatchObject({ ok: true });
    expect(await connector.value.placeOrder({ ...order })).toMatchObject({ ok: true });
    expect(secrets.calls - before).toBe(1);
  });

  it('reads it again after a failed read, and after the exchange refuses the key', async () => {
    const { exchange, secrets, runtime } = setup();
    const connector = await runtime.connector('acc-1');
    if (!connector.ok) throw new Error(connector.error.message);
    secrets.unavailable = true;
    // The fake connector lets the keychain's error through, as the service expects of it.
    await expect(connector.value.balances()).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    secrets.unavailable = false;
    const before = secrets.calls;
    expect(await connector.value.balances()).toMatchObject({ ok: true });
    expect(secrets.calls - before).toBe(1);
    // The key was replaced at the exchange and in the keychain: the refusal makes the next call read it.
    exchange.accounts.get('key-1')!.secret = 'bmV3LXNlY3JldA==';
    expect(await connector.value.balances()).toMatchObject({ ok: false, error: { code: 'AUTH_INVALID_KEY' } });
    secrets.entries.set('acc-1', { apiKey: 'key-1', apiSecret: 'bmV3LXNlY3JldA==' });
    expect(await connector.value.balances()).toMatchObject({ ok: true });
    expect(secrets.calls - before).toBe(2);
  });

  it('hands connectors the secret only as a KeyObject, which prints and serialises as nothing', async () => {
    const { exchange, runtime } = setup();
    await runtime.connector('acc-1');
    const key = await exchange.connectors[0]!['options'].credentials!();
    expect(Object.keys(key).sort()).toEqual(['apiKey', 'secret']);
    expect(key.secret.type).toBe('secret');
    const printed = `${JSON.stringify(key)} ${String(key.secret)} ${inspect(key, { depth: 5 })}`;
    expect(printed).not.toContain(SECRET);
    expect(printed).not.toContain(Buffer.from(SECRET, 'base64').toString('utf8'));
  });
});

describe('AccountRuntime order reports', () => {
  it('passes on no report that is behind one already passed on: a late "pending" reply never undoes a fill', async () => {
    const { exchange, secrets } = setup();
    const events: Array<[string, unknown]> = [];
    const told: string[] = [];
    const account = { id: 'acc-1', exchange: 'icrypex', label: 'Main', endpoints: undefined } as unknown as Account;
    const runtime = new AccountRuntime({
      account: (id) => (id === 'acc-1' ? account : undefined),
      secrets,
      factories: { icrypex: exchange.factory },
      emit: (channel, payload) => events.push([channel, payload]),
      onOrder: (o) => told.push(o.status),
    });
    await runtime.connector('acc-1');
    const fake = exchange.connectors[0]!;
    const base = { accountId: 'elsewhere', exchange: 'icrypex', symbol: 'BTCUSDT', id: '7', clientId: 'c7', side: 'sell', type: 'market', quantity: '0.01', createdAt: 1 } as const;
    fake.pushOrder({ ...base, status: 'filled', filledQuantity: '0.01', updatedAt: 5 });
    // The create's reply, stamped on arrival after the fill.
    fake.pushOrder({ ...base, status: 'pending', filledQuantity: '0', updatedAt: 9 });
    // Another order's report is its own.
    fake.pushOrder({ ...base, id: '8', status: 'pending', filledQuantity: '0', updatedAt: 9 });
    const updates = events.filter(([c]) => c === 'orders:update').map(([, o]) => o as { id: string; status: string; accountId: string });
    expect(updates.map((o) => [o.id, o.status, o.accountId])).toEqual([
      ['7', 'filled', 'acc-1'],
      ['8', 'pending', 'acc-1'],
    ]);
    expect(told).toEqual(['filled', 'pending']);
  });
});
