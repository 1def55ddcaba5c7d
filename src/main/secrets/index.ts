export { APP_KEYCHAIN_SERVICE, createKeytarSecretStore, type KeytarBackend, type KeytarStoreOptions } from './keytar-store';
export { credentialsGetter, SecretUnavailableError, stopAfterUnavailable, type Credentials, type SecretStore } from './secret-store';
