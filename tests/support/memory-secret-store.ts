import { err, ok } from '../../src/shared';
import type { Credentials } from '../../src/main/secrets';
import type { SecretStore } from '../../src/main/secrets';

/**
 * An in-memory SecretStore for unit tests only (the app itself has no store but the keychain).
 * `unavailable = true` makes every call answer KEYCHAIN_UNAVAILABLE, like a stopped keyring.
 */
export class MemorySecretStore implements SecretStore {
  readonly entries = new Map<string, Credentials>();
  unavailable = false;
  calls = 0;

  private down() {
    return err('KEYCHAIN_UNAVAILABLE', 'The system keychain (Secret Service) is not available (test). Start and unlock your keyring, then try again.', { retryable: true });
  }

  async set(id: string, credentials: Credentials) {
    this.calls++;
    if (this.unavailable) return this.down();
    this.entries.set(id, { ...credentials });
    return ok(undefined);
  }

  async get(id: string) {
    this.calls++;
    if (this.unavailable) return this.down();
    const found = this.entries.get(id);
    return found ? ok({ ...found }) : err('NOT_FOUND', `no key for ${id}`);
  }

  async delete(id: string) {
    this.calls++;
    if (this.unavailable) return this.down();
    return ok(this.entries.delete(id));
  }

  async list() {
    this.calls++;
    if (this.unavailable) return this.down();
    return ok([...this.entries.keys()].sort());
  }
}
