import { createSecretKey, type KeyObject } from 'node:crypto';
import { SecretUnavailableError, type Credentials, type SecretStore } from './secret-store';

/**
 * What a connector signs with: the API key (sent in the clear on every signed call anyway) and
 * the secret as a Node KeyObject holding the secret's text bytes. A KeyObject prints as
 * `SecretKeyObject {}`, serialises to `{}`, and is never a string, so the secret cannot slip
 * into a log line, an error message or a snapshot (SECURITY.md, "Keys in memory").
 */
export interface SigningKey {
  readonly apiKey: string;
  readonly secret: KeyObject;
}

/** Turns credentials read from the keychain (or typed in accounts:add) into a signing key. */
export function signingKey(credentials: Credentials): SigningKey {
  return Object.freeze({ apiKey: credentials.apiKey, secret: createSecretKey(Buffer.from(credentials.apiSecret, 'utf8')) });
}

/**
 * One account's signing key, read from the keychain once, on first use, and kept as a KeyObject
 * (issue 19 point 3: the keychain is not on the order path). A failed read is not kept: the next
 * signed call reads again. forget() drops the key, so the next call reads the keychain again
 * (the runtime calls it when the exchange refuses the key).
 */
export class SigningKeyCache {
  private key: Promise<SigningKey> | undefined;
  /** Keychain reads so far (tests check that signing does not read it each time). */
  reads = 0;

  constructor(
    private readonly store: SecretStore,
    private readonly accountId: string,
  ) {}

  get(): Promise<SigningKey> {
    if (this.key) return this.key;
    const reading = this.read();
    this.key = reading;
    reading.catch(() => {
      if (this.key === reading) this.key = undefined;
    });
    return reading;
  }

  forget(): void {
    this.key = undefined;
  }

  private async read(): Promise<SigningKey> {
    this.reads++;
    const found = await this.store.get(this.accountId);
    if (!found.ok) {
      const code = found.error.code === 'KEYCHAIN_UNAVAILABLE' || found.error.code === 'NOT_FOUND' ? found.error.code : 'INTERNAL';
      throw new SecretUnavailableError(code, found.error.message);
    }
    return signingKey(found.value);
  }
}
