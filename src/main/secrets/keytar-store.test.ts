import { describe, expect, it } from 'vitest';
import { createKeytarSecretStore, type KeytarBackend } from './keytar-store';
import { assertFailed } from '../../../tests/support/result';

/** A keytar stand-in backed by a Map; `mode` makes every call hang or fail like a broken keychain. */
function fakeKeytar() {
  const entries = new Map<string, string>();
  const state = { mode: 'ok' as 'ok' | 'hang' | 'fail', failure: 'Cannot autolaunch D-Bus without X11 $DISPLAY' };
  const gate = async <T>(run: () => T): Promise<T> => {
    if (state.mode === 'hang') return new Promise<T>(() => {});
    if (state.mode === 'fail') throw new Error(state.failure);
    return run();
  };
  const backend: KeytarBackend = {
    setPassword: (s, a, p) => gate(() => void entries.set(`${s}/${a}`, p)),
    getPassword: (s, a) => gate(() => entries.get(`${s}/${a}`) ?? null),
    deletePassword: (s, a) => gate(() => entries.delete(`${s}/${a}`)),
    findCredentials: (s) =>
      gate(() => [...entries].filter(([k]) => k.startsWith(`${s}/`)).map(([k, password]) => ({ account: k.slice(s.length + 1), password }))),
  };
  return { backend, entries, state };
}

const creds = { apiKey: 'key-abcd1234', apiSecret: 'sec-' + 'x'.repeat(40) };

describe('keytar SecretStore', () => {
  it('stores key and secret together in one entry per account under the app service, and reads them back', async () => {
    const fake = fakeKeytar();
    const store = createKeytarSecretStore({ service: 'svc', backend: async () => fake.backend });
    expect(await store.set('acc-1', creds)).toEqual({ ok: true, value: undefined });
    expect([...fake.entries.keys()]).toEqual(['svc/acc-1']);
    expect(JSON.parse(fake.entries.get('svc/acc-1')!)).toEqual({ v: 1, ...creds });
    expect(await store.get('acc-1')).toEqual({ ok: true, value: creds });
  });

  it('lists account ids only and deletes one entry', async () => {
    const fake = fakeKeytar();
    const store = createKeytarSecretStore({ service: 'svc', backend: async () => fake.backend });
    await store.set('b', creds);
    await store.set('a', creds);
    await fake.backend.setPassword('other-app', 'c', 'x');
    const listed = await store.list();
    expect(listed).toEqual({ ok: true, value: ['a', 'b'] });
    expect(JSON.stringify(listed)).not.toContain(creds.apiSecret);
    expect(await store.delete('a')).toEqual({ ok: true, value: true });
    expect(await store.delete('a')).toEqual({ ok: true, value: false });
    expect(await store.get('a')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('answers KEYCHAIN_UNAVAILABLE with what to do when every call fails', async () => {
    const fake = fakeKeytar();
    fake.state.mode = 'fail';
    const store = createKeytarSecretStore({ backend: async () => fake.backend, platform: 'linux' });
    for (const result of [await store.set('a', creds), await store.get('a'), await store.delete('a'), await store.list()]) {
      assertFailed(result);
      expect(result.error.code).toBe('KEYCHAIN_UNAVAILABLE');
      expect(result.error.message).toContain('Cannot autolaunch D-Bus');
      expect(result.error.message).toMatch(/unlock your keyring/);
      expect(result.error.message).toMatch(/never stored anywhere else/);
    }
  });

  it('gives platform-specific advice on macOS and Windows', async () => {
    const fake = fakeKeytar();
    fake.state.mode = 'fail';
    const mac = await createKeytarSecretStore({ backend: async () => fake.backend, platform: 'darwin' }).list();
    const win = await createKeytarSecretStore({ backend: async () => fake.backend, platform: 'win32' }).list();
    expect(!mac.ok && mac.error.message).toMatch(/macOS Keychain.*Keychain Access/);
    expect(!win.ok && win.error.message).toMatch(/Credential Manager/);
  });

  it('answers KEYCHAIN_UNAVAILABLE when a call hangs past the timeout (a stuck D-Bus call or an unanswered prompt)', async () => {
    const fake = fakeKeytar();
    fake.state.mode = 'hang';
    const store = createKeytarSecretStore({ backend: async () => fake.backend, timeoutMs: 30 });
    const result = await store.get('a');
    expect(result).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE', retryable: true } });
    expect(!result.ok && result.error.message).toMatch(/did not answer within 30 ms; it may be locked/);
  });

  it('answers KEYCHAIN_UNAVAILABLE when the native module cannot load, and tries loading again later', async () => {
    const fake = fakeKeytar();
    let attempts = 0;
    const store = createKeytarSecretStore({
      backend: async () => {
        attempts++;
        if (attempts === 1) throw new Error('libsecret-1.so.0: cannot open shared object file');
        return fake.backend;
      },
    });
    const first = await store.list();
    expect(first).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
    expect(!first.ok && first.error.message).toContain('libsecret-1.so.0');
    expect(await store.list()).toEqual({ ok: true, value: [] });
  });

  it('never repeats the key or secret in an error, even when the backend echoes them', async () => {
    const fake = fakeKeytar();
    fake.state.mode = 'fail';
    fake.state.failure = `rejected entry ${JSON.stringify(creds)}`;
    const result = await createKeytarSecretStore({ backend: async () => fake.backend }).set('a', creds);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(creds.apiSecret);
    expect(JSON.stringify(result)).not.toContain(creds.apiKey);
  });

  it('reports a damaged entry instead of guessing', async () => {
    const fake = fakeKeytar();
    fake.entries.set('keyboard-terminal/a', 'not json');
    const result = await createKeytarSecretStore({ backend: async () => fake.backend }).get('a');
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(!result.ok && result.error.message).toMatch(/damaged.*add it again/);
  });

  it('refuses an empty or over-long account id, naming the field', async () => {
    const store = createKeytarSecretStore({ backend: async () => fakeKeytar().backend });
    expect(await store.get('')).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'accountId' } });
    expect(await store.set('x'.repeat(65), creds)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'accountId' } });
  });
});

describe('keytar SecretStore ids (issue 12)', () => {
  it('refuses NUL, control characters, spaces and over-long ids without calling the keychain', async () => {
    const fake = fakeKeytar();
    let calls = 0;
    const counted: KeytarBackend = {
      setPassword: (...a) => (calls++, fake.backend.setPassword(...a)),
      getPassword: (...a) => (calls++, fake.backend.getPassword(...a)),
      deletePassword: (...a) => (calls++, fake.backend.deletePassword(...a)),
      findCredentials: (...a) => (calls++, fake.backend.findCredentials(...a)),
    };
    const store = createKeytarSecretStore({ service: 'svc', backend: async () => counted });
    expect(await store.set('icrypex-3f9a1c0b2e', creds)).toMatchObject({ ok: true });
    calls = 0;
    for (const id of ['icrypex-3f9a1c0b2e\0', 'icrypex-3f9a1c0b2e\0other', '\0', 'a\nb', 'a\tb', 'a b', 'a/b', '-leading-dash', 'é', 'x'.repeat(65)]) {
      for (const answer of [await store.get(id), await store.delete(id), await store.set(id, creds)]) {
        expect(answer, JSON.stringify(id)).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'accountId', message: expect.stringMatching(/letters, digits, - or _/) } });
      }
    }
    expect(calls).toBe(0);
    expect([...fake.entries.keys()]).toEqual(['svc/icrypex-3f9a1c0b2e']);
  });
});
