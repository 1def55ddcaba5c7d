import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from '../support/engine-harness';
import { MemorySecretStore } from '../support/memory-secret-store';

// Issue 12, must-have 6: the keychain is not there when the app needs a key (the keyring is
// locked or its daemon dies). Every signed call answers KEYCHAIN_UNAVAILABLE, background work
// (the Icrypex reconcile poll, the Crypto.com order poller) keeps going without a single
// unhandled rejection, and the engine stays up. Issue 19 point 3: once an account's key has been
// read, the keychain is off the order path, so losing it later no longer stops signed calls.

let harness: Harness | undefined;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

afterEach(async () => {
  process.off('unhandledRejection', onRejection);
  rejections.length = 0;
  await harness?.close();
  harness = undefined;
});

describe('a keychain that fails while the app runs', () => {
  it('answers KEYCHAIN_UNAVAILABLE on every account until a key is read, polls on without unhandled rejections, and stays up', async () => {
    process.on('unhandledRejection', onRejection);
    const secrets = new MemorySecretStore();
    const h = (harness = await startHarness({ secretStore: secrets, demo: true }));
    const accounts = await h.value('accounts:list', undefined);
    expect(accounts.map((a) => a.exchange).sort()).toEqual(['cryptocom', 'cryptocom-exchange', 'icrypex']);
    // Gone before any account has read its key (the demo keys were stored at start).
    secrets.unavailable = true;

    for (const account of accounts) {
      const open = await h.call('orders:open', { accountId: account.id });
      expect(open, `orders:open on ${account.exchange}`).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
      const balances = await h.call('balances:list', { accountId: account.id });
      expect(balances, `balances:list on ${account.exchange}`).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
      const tested = await h.call('accounts:test', { accountId: account.id });
      expect(tested, `accounts:test on ${account.exchange}`).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    }

    // The Icrypex reconcile poll runs every 5 s while its private socket is not logged in; wait
    // for it to have run against the dead keychain (or for the rejection the old code raised).
    const icrypex = accounts.find((a) => a.exchange === 'icrypex')!;
    await waitFor(
      () => rejections.length > 0 || h.logs.some((l) => l.includes(`icrypex ${icrypex.id}: reconcile`) && l.includes('KEYCHAIN_UNAVAILABLE')),
      'the Icrypex reconcile poll to run without the keychain',
      15_000,
    );
    expect(rejections.map((r) => (r instanceof Error ? `${r.name}: ${r.message}` : String(r)))).toEqual([]);

    // Still up: unsigned work answers, and signed work recovers when the keychain returns.
    expect((await h.call('app:ping', { sentAt: 1 })).ok).toBe(true);
    secrets.unavailable = false;
    for (const account of accounts) expect((await h.call('orders:open', { accountId: account.id })).ok, `orders:open on ${account.exchange} after the keychain returned`).toBe(true);
    // Read once, each key is held as a signing key: a keychain lost now does not stop signing.
    secrets.unavailable = true;
    for (const account of accounts) expect((await h.call('orders:open', { accountId: account.id })).ok, `orders:open on ${account.exchange} with the key held`).toBe(true);
    expect(rejections).toEqual([]);
  }, 30_000);
});
