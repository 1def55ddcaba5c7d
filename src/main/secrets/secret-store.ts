import type { Result } from '../../shared';

/** An API key and secret as the keychain stores them; in memory only until made a SigningKey (signing-key.ts). */
export interface Credentials {
  readonly apiKey: string;
  readonly apiSecret: string;
}

/**
 * Where API secrets live: the OS keychain, one entry per terminal account (the account id).
 * Every call answers a Result; when the keychain cannot be used it answers
 * `KEYCHAIN_UNAVAILABLE` and never falls back to anything else (SECURITY.md, "Keys").
 */
export interface SecretStore {
  /** Stores (or replaces) the key and secret of one account. */
  set(accountId: string, credentials: Credentials): Promise<Result<void>>;
  /** The account's key and secret; `NOT_FOUND` when the keychain has no entry for it. */
  get(accountId: string): Promise<Result<Credentials>>;
  /** Removes the account's entry; `false` when there was none. */
  delete(accountId: string): Promise<Result<boolean>>;
  /** Ids of the accounts that have an entry (never their secrets). */
  list(): Promise<Result<string[]>>;
}

/** Thrown by the credentials callback a connector calls to sign; carries the shared error code. */
export class SecretUnavailableError extends Error {
  constructor(
    readonly code: 'KEYCHAIN_UNAVAILABLE' | 'NOT_FOUND' | 'INTERNAL',
    message: string,
  ) {
    super(message);
    this.name = 'SecretUnavailableError';
  }
}

/**
 * A view of the store for one batch of work (the engine's start): after the first
 * KEYCHAIN_UNAVAILABLE every later call answers the same at once, so a hung keychain costs one
 * timeout, not one per account. The underlying store is untouched for later calls.
 */
export function stopAfterUnavailable(store: SecretStore): SecretStore {
  let down: Extract<Result<never>, { ok: false }> | undefined;
  const guard = <T>(call: () => Promise<Result<T>>) => async (): Promise<Result<T>> => {
    if (down) return down;
    const result = await call();
    if (!result.ok && result.error.code === 'KEYCHAIN_UNAVAILABLE') down = result;
    return result;
  };
  return {
    set: (id, credentials) => guard(() => store.set(id, credentials))(),
    get: (id) => guard(() => store.get(id))(),
    delete: (id) => guard(() => store.delete(id))(),
    list: () => guard(() => store.list())(),
  };
}
