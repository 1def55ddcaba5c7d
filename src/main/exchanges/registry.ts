import type { ExchangeId } from '../../shared';
import type { ConnectorFactory } from './connector';
import { createCryptocomConnector } from './cryptocom';
import { createIcrypexConnector } from './icrypex';

/**
 * The connector factory of each exchange this build supports. The engine creates one connector
 * per account from this map (tests inject their own). An exchange without an entry answers
 * UNSUPPORTED for its accounts.
 */
export const connectorFactories: Partial<Record<ExchangeId, ConnectorFactory>> = {
  icrypex: createIcrypexConnector,
  cryptocom: createCryptocomConnector,
};
