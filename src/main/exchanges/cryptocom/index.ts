import type { ConnectorFactory } from '../connector';
import { CryptocomConnector, type CryptocomOptions } from './connector';

export { CryptocomConnector, type CryptocomOptions, type CryptocomTuning } from './connector';
export { CRYPTOCOM_REST_URL, CRYPTOCOM_WS_URL } from './endpoints';

/** The Crypto.com Exchange V1 connector (specs/cryptocom-v1.md); extra CryptocomOptions are for tests and demo mode. */
export const createCryptocomConnector: ConnectorFactory = (options) => new CryptocomConnector(options as CryptocomOptions);
