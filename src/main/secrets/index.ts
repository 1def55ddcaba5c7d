export { APP_KEYCHAIN_SERVICE, createKeytarSecretStore, type KeytarBackend, type KeytarStoreOptions } from './keytar-store';
export { SecretUnavailableError, stopAfterUnavailable, type Credentials, type SecretStore } from './secret-store';
export { signingKey, SigningKeyCache, type SigningKey } from './signing-key';
