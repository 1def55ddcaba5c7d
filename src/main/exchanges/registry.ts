import type { ExchangeId } from '../../shared';
import type { ConnectorFactory } from './connector';
import { createCryptocomConnector } from './cryptocom';

/**
 * The connector factory of each exchange this build supports. The engine creates one connector
 * per account from this map (tests inject their own). An exchange without an entry answers
 * UNSUPPORTED for its accounts.
 */
export const connectorFactories: Partial<Record<ExchangeId, ConnectorFactory>> = {
  cryptocom: createCryptocomConnector,
  // Added when the icx branch exports its factory from ./icrypex/index.ts:
  // icrypex: createIcrypexConnector,   (import { createIcrypexConnector } from './icrypex')
};
