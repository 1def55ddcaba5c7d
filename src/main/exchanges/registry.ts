import type { ExchangeId } from '../../shared';
import type { ConnectorFactory } from './connector';
import { createCryptocomConnector } from './cryptocom';
import { createCdxConnector } from './cryptocom-exchange';
import { createIcrypexConnector } from './icrypex';

/**
 * The connector factory of each exchange of the catalog (src/shared/exchanges.ts); a catalog
 * entry without a factory here does not compile. The engine creates one connector per account
 * from this map; tests inject their own, where an exchange without an entry answers
 * UNSUPPORTED for its accounts.
 */
export const connectorFactories: Partial<Record<ExchangeId, ConnectorFactory>> = {
  icrypex: createIcrypexConnector,
  cryptocom: createCryptocomConnector,
  'cryptocom-exchange': createCdxConnector,
} satisfies Record<ExchangeId, ConnectorFactory>;
