import { ACCOUNT_ID_RE, err, ok, type Result } from '../../shared';
import type { Credentials } from './secret-store';
import type { SecretStore } from './secret-store';

/** The part of keytar the store uses (injectable so unit tests can make it fail or hang). */
export interface KeytarBackend {
  setPassword(service: string, account: string, password: string): Promise<void>;
  getPassword(service: string, account: string): Promise<string | null>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export interface KeytarStoreOptions {
  /** Keychain service name; one per app (tests use their own). */
  service?: string;
  /** A keychain call that has not answered by then is reported unavailable (a hung D-Bus call, a prompt nobody answers). */
  timeoutMs?: number;
  /** Defaults to the keytar native module, loaded on first use so a missing library is an error value, not a crash. */
  backend?: () => Promise<KeytarBackend>;
  platform?: NodeJS.Platform;
}

export const APP_KEYCHAIN_SERVICE = 'keyboard-terminal';
const DEFAULT_TIMEOUT_MS = 15_000;
/** Entry format version, so a later change of the stored JSON can be migrated. */
const ENTRY_VERSION = 1;

const loadKeytar = async (): Promise<KeytarBackend> => {
  const mod = (await import('keytar')) as unknown as KeytarBackend & { default?: KeytarBackend };
  return mod.default ?? mod;
};

class KeychainFailure extends Error {}

function advice(platform: NodeJS.Platform): { name: string; todo: string } {
  if (platform === 'darwin') {
    return { name: 'The macOS Keychain', todo: 'Unlock your login keychain (Keychain Access) and allow Keyboard Terminal to use it, then try again.' };
  }
  if (platform === 'win32') {
    return { name: 'Windows Credential Manager', todo: 'Sign in to Windows normally (Credential Manager needs your user profile), then try again.' };
  }
  return {
    name: 'The system keychain (Secret Service)',
    todo: 'Start and unlock your keyring (GNOME Keyring or KWallet; on a server run gnome-keyring-daemon inside a D-Bus session), then try again.',
  };
}

/**
 * SecretStore over keytar: service `keyboard-terminal`, one entry per terminal account whose
 * password is `{"v":1,"apiKey":…,"apiSecret":…}`, so the registry never needs the key either.
 */
export function createKeytarSecretStore(options: KeytarStoreOptions = {}): SecretStore {
  const service = options.service ?? APP_KEYCHAIN_SERVICE;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const load = options.backend ?? loadKeytar;
  const { name, todo } = advice(options.platform ?? process.platform);
  let backend: Promise<KeytarBackend> | undefined;

  const unavailable = (cause: string) =>
    err('KEYCHAIN_UNAVAILABLE', `${name} is not available (${cause}). ${todo} Keys are never stored anywhere else.`, {
      retryable: true,
    });

  /** Runs one keychain call under the timeout; any failure becomes KEYCHAIN_UNAVAILABLE with a cleaned cause. */
  async function call<T>(what: string, run: (keytar: KeytarBackend) => Promise<T>, redact: string[] = []): Promise<Result<T>> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new KeychainFailure(`it did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${timeoutMs / 1000} s`}; it may be locked or waiting for a prompt`)), timeoutMs);
      timer.unref?.();
    });
    try {
      backend ??= load().catch((cause: unknown) => {
        backend = undefined;
        throw new KeychainFailure(`the keychain library could not be loaded: ${describe(cause)}`);
      });
      const keytar = await Promise.race([backend, deadline]);
      return ok(await Promise.race([run(keytar), deadline]));
    } catch (cause) {
      let text = cause instanceof KeychainFailure ? cause.message : `${what} failed: ${describe(cause)}`;
      for (const secret of redact) if (secret) text = text.split(secret).join('[redacted]');
      return unavailable(text.slice(0, 240));
    } finally {
      clearTimeout(timer);
    }
  }

  // Second line behind the IPC schema (issue 12): keytar cuts an account name at NUL, so
  // "<id>\0" would read or delete another account's entry. Only the contract's id form passes.
  const badId = (accountId: string) =>
    typeof accountId === 'string' && ACCOUNT_ID_RE.test(accountId)
      ? undefined
      : err('VALIDATION', 'The keychain was not used: an account id has 1 to 64 letters, digits, - or _ (no spaces or control characters).', { field: 'accountId' });

  return {
    async set(accountId, credentials) {
      const invalid = badId(accountId);
      if (invalid) return invalid;
      const entry = JSON.stringify({ v: ENTRY_VERSION, apiKey: credentials.apiKey, apiSecret: credentials.apiSecret });
      return call('storing the key', (k) => k.setPassword(service, accountId, entry), [credentials.apiSecret, credentials.apiKey]);
    },

    async get(accountId) {
      const invalid = badId(accountId);
      if (invalid) return invalid;
      const found = await call('reading the key', (k) => k.getPassword(service, accountId));
      if (!found.ok) return found;
      if (found.value === null) {
        return err('NOT_FOUND', `The keychain has no key for account ${accountId}. Remove the account and add it again with its API key.`);
      }
      const parsed = parseEntry(found.value);
      if (!parsed) {
        return err('INTERNAL', `The keychain entry of account ${accountId} is damaged. Remove the account and add it again with its API key.`);
      }
      return ok(parsed);
    },

    async delete(accountId) {
      const invalid = badId(accountId);
      if (invalid) return invalid;
      return call('deleting the key', (k) => k.deletePassword(service, accountId));
    },

    async list() {
      const found = await call('listing keys', (k) => k.findCredentials(service));
      // Only the account names leave this function; the passwords are dropped here.
      return found.ok ? ok(found.value.map((entry) => entry.account).sort()) : found;
    },
  };
}

function parseEntry(text: string): Credentials | undefined {
  try {
    const value = JSON.parse(text) as { v?: unknown; apiKey?: unknown; apiSecret?: unknown };
    if (value.v !== ENTRY_VERSION || typeof value.apiKey !== 'string' || typeof value.apiSecret !== 'string') return undefined;
    return { apiKey: value.apiKey, apiSecret: value.apiSecret };
  } catch {
    return undefined;
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
