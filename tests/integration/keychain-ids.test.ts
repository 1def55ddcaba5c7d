import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../src/main/secrets';
import type { RequestOf } from '../../src/shared';
import { FakeExchange } from '../support/fake-exchange';
import { startHarness, type Harness } from '../support/engine-harness';

// Issue 12: keytar cuts an account name at NUL, so `accounts:remove("<id>\0")` deleted the
// keychain entry of account <id> while that account stayed listed. Run on the real keychain
// (npm test gives it a private, throwaway keyring).

let h: Harness | undefined;
const services: string[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const service of services.splice(0)) {
    const store = createKeytarSecretStore({ service });
    const listed = await store.list();
    if (listed.ok) for (const id of listed.value) await store.delete(id);
  }
});

describe('account ids with NUL or control characters never reach the keychain', () => {
  it('accounts:remove("<id>\\0") is refused and the account keeps its key', async () => {
    const service = `keyboard-terminal-test-${randomBytes(6).toString('hex')}`;
    services.push(service);
    const secrets = createKeytarSecretStore({ service });
    const icx = new FakeExchange('icrypex');
    const apiKey = `key-${randomBytes(8).toString('hex')}`;
    const apiSecret = randomBytes(24).toString('base64');
    icx.addAccount(apiKey, apiSecret);
    h = await startHarness({ secretStore: secrets, connectorFactories: { icrypex: icx.factory } });
    const account = await h.value('accounts:add', { exchange: 'icrypex', label: 'Main', apiKey, apiSecret });
    expect(await secrets.get(account.id)).toEqual({ ok: true, value: { apiKey, apiSecret } });

    for (const forged of [`${account.id}\0`, `${account.id}\0x`, `${account.id}\n`, `${account.id} `]) {
      const answer = await h.call('accounts:remove', { accountId: forged } as RequestOf<'accounts:remove'>);
      expect(answer, JSON.stringify(forged)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'accountId' } });
      const test = await h.call('accounts:test', { accountId: forged } as RequestOf<'accounts:test'>);
      expect(test, JSON.stringify(forged)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'accountId' } });
    }
    expect(await secrets.get(account.id)).toEqual({ ok: true, value: { apiKey, apiSecret } });
    expect((await h.value('accounts:list', undefined)).map((a) => a.id)).toEqual([account.id]);
    expect(await h.value('accounts:test', { accountId: account.id })).toEqual({ latencyMs: 1 });
  });

  it('the keychain layer itself refuses such an id (second line of defence)', async () => {
    const service = `keyboard-terminal-test-${randomBytes(6).toString('hex')}`;
    services.push(service);
    const secrets = createKeytarSecretStore({ service });
    const credentials = { apiKey: 'k-abcd', apiSecret: randomBytes(24).toString('base64') };
    expect(await secrets.set('acc-1', credentials)).toMatchObject({ ok: true });
    expect(await secrets.delete('acc-1\0')).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'accountId' } });
    expect(await secrets.get('acc-1\0other')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await secrets.set('acc-1\0', { apiKey: 'k-evil', apiSecret: 'overwritten' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await secrets.get('acc-1')).toEqual({ ok: true, value: credentials });
  });
});
