import { describe, expect, it } from 'vitest';
import { EXCHANGE_IDS } from '../../shared';
import { connectorFactories } from './registry';

describe('the connector registry', () => {
  it('has a factory for every exchange of the catalog, and each connector says which exchange it is', async () => {
    for (const id of EXCHANGE_IDS) {
      const connector = connectorFactories[id]!({});
      expect(connector.exchange, id).toBe(id);
      await connector.stop();
    }
  });
});
